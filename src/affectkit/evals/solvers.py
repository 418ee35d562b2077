"""Solvers that put affectkit in front of any model under test, to measure whether it helps.

* :func:`emotional_stimulus` appends an EmotionPrompt (``EP01``–``EP11``) or NegativePrompt (``NP01``–``NP10``)
  phrase to the user prompt, after the prompt's own text, as both papers do;
* :func:`affect_hints` adds a system message with affectkit's reading of the input: the primary emotions
  first, with their probabilities, then, when the input is a conversation, the words that seem to have
  caused them;
* :func:`support_plan` adds the system message of affectkit's :func:`~affectkit.planning.planner.plan` for
  the input conversation (boundaries, affect brief, strategy and tone guidance).

**What "the input" is.** A task tells these solvers what to analyse through its sample metadata:
``conversation`` (a list of ``{"speaker", "text"}`` utterances, or ``{"id", "utterances"}``) together with
``agent`` (the speaker the model plays; default ``"assistant"``), or ``text`` (a single text). Without
either, the chat messages are used: one user message is a single text, several messages a conversation
between ``user`` and ``assistant``. A conversation in which nobody but the agent has spoken yet gets no
hints and no plan (nothing to analyse); the solver records that in the sample store.

**Composing.** The wrappers only edit the messages, so put them *before* the solver that calls the model.
Every affectkit task uses ``generate()`` as its own solver and builds its prompt into the sample input, so
in Python::

    from inspect_ai import eval
    from inspect_ai.solver import generate
    eval(esc_strategy(), solver=[affect_hints(), generate()], model="openai-api/local/my-model")
    # or, equivalently, through the task's own `solver` argument:
    eval(esc_strategy(solver=[support_plan(), emotional_stimulus("EP02"), generate()]), model=...)

Each task also takes ``stimulus``, ``affect_hints`` and ``support_plan`` arguments that put the wrappers in
front of its solver (see :func:`compose`), which is the way to combine them from the command line::

    inspect eval affectkit/esc_strategy -T affect_hints=true -T stimulus=EP02 --model openai-api/local/my-model

(``inspect eval --solver affectkit/affect_hints`` alone would *replace* the task's solver, so the model would
never be called.) The solvers are registered with inspect_ai as ``affectkit/emotional_stimulus``,
``affectkit/affect_hints`` and ``affectkit/support_plan``.

The affectkit models run in a worker thread, one call at a time, so that the event loop keeps serving
the other samples.

Example:
    >>> [s.__name__ for s in (emotional_stimulus, affect_hints, support_plan)]
    ['emotional_stimulus', 'affect_hints', 'support_plan']
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from affectkit.evals._optional import require_inspect, solver
from affectkit.planning.planner import primary_labels, stimulus_text
from affectkit.types import CauseWords, Conversation, TextAnalysis, Utterance

if TYPE_CHECKING:
    from inspect_ai.model import ChatMessage
    from inspect_ai.solver import Generate, Solver, TaskState

HINTS_KEY = "affectkit.affect_hints"
"""Sample-store key under which :func:`affect_hints` keeps the text it added (``None`` when it added none)."""
PLAN_KEY = "affectkit.support_plan"
"""Sample-store key under which :func:`support_plan` keeps the system message it added (or ``None``)."""
STIMULUS_KEY = "affectkit.stimulus"
"""Sample-store key under which :func:`emotional_stimulus` keeps the phrase it appended."""

_MODEL_LOCK = threading.Lock()
_T = TypeVar("_T")


async def _in_thread(function: Callable[[], _T]) -> _T:
    """Run blocking model code in a worker thread, one call at a time."""
    import anyio

    def locked() -> _T:
        with _MODEL_LOCK:
            return function()

    return await anyio.to_thread.run_sync(locked)


# --- What the input is ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleInput:
    """What a sample asks the model to respond to: one ``text``, or a ``conversation`` with its ``agent``."""

    conversation: Conversation
    agent: str
    single_text: bool

    @property
    def has_user_turn(self) -> bool:
        """Whether anyone but the agent has spoken."""
        return any(u.speaker != self.agent for u in self.conversation.utterances)


def sample_input(metadata: Mapping[str, Any], messages: Sequence[ChatMessage]) -> SampleInput:
    """The input of a sample as the affectkit solvers see it (see the module docstring).

    Example:
        >>> s = sample_input({"conversation": [{"speaker": "seeker", "text": "I lost my job."}],
        ...                   "agent": "supporter"}, [])
        >>> s.agent, s.single_text, s.has_user_turn
        ('supporter', False, True)
        >>> sample_input({"text": "What a day!"}, []).conversation.utterances[0].speaker
        'user'
    """
    if metadata.get("conversation") is not None:
        from affectkit.conversation.io import conversation_from_data

        conversation = conversation_from_data(metadata["conversation"], "sample metadata", default_id="sample")
        return SampleInput(conversation, str(metadata.get("agent", "assistant")), single_text=False)
    if isinstance(metadata.get("text"), str):
        conversation = Conversation(id="sample", utterances=[Utterance(speaker="user", text=metadata["text"])])
        return SampleInput(conversation, "assistant", single_text=True)
    turns = [
        Utterance(speaker=m.role, text=m.text)
        for m in messages
        if m.role in ("user", "assistant") and m.text.strip()
    ]
    return SampleInput(Conversation(id="sample", utterances=turns), "assistant", single_text=len(turns) == 1)


def _insert_system(state: TaskState, content: str) -> None:
    """Insert a system message after the system messages already there (as inspect's ``system_message``)."""
    from inspect_ai.model import ChatMessageSystem

    last = max((i for i, m in enumerate(state.messages) if m.role == "system"), default=-1)
    state.messages.insert(last + 1, ChatMessageSystem(content=content))


async def _add_system_message(state: TaskState, text_of: Callable[[SampleInput], str | None], key: str) -> TaskState:
    """Insert ``text_of`` the sample's input as a system message (none when it is ``None``) and keep it in the
    sample store under ``key``: the body of the :func:`affect_hints` and :func:`support_plan` solvers."""
    sample = sample_input(state.metadata, state.messages)
    text = await _in_thread(lambda: text_of(sample))
    if text is not None:
        _insert_system(state, text)
    state.store.set(key, text)
    return state


# --- Emotional stimuli ------------------------------------------------------------------------------


@solver
def emotional_stimulus(id: str) -> Solver:
    """Append the emotional stimulus ``id`` to the last user message, separated by a space.

    ``id`` is an EmotionPrompt (``EP01``–``EP11``, Li et al. 2023) or NegativePrompt (``NP01``–``NP10``,
    Wang et al. 2024) identifier; see :func:`affectkit.planning.planner.load_stimuli`. An unknown id
    raises ``AK-E014`` when the solver is built.

    Example:
        >>> solver = emotional_stimulus("NP01")
        >>> callable(solver)
        True
    """
    phrase = stimulus_text(id)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        prompt = state.user_prompt
        prompt.text = f"{prompt.text.rstrip()} {phrase}"
        state.store.set(STIMULUS_KEY, phrase)
        return state

    return solve


# --- Affect hints -----------------------------------------------------------------------------------


def primary_emotions(analysis: TextAnalysis, limit: int = 3) -> list[tuple[str, float]]:
    """The primary emotions of an analysis with their probabilities, as the planner picks them.

    They are the labels above their calibrated thresholds, most probable first, at most ``limit``, without
    ``neutral`` unless no other label is above its threshold.

    Example:
        >>> from affectkit.types import TextAnalysis
        >>> a = TextAnalysis(text="x", emotions={"joy": 0.9, "pride": 0.6, "neutral": 0.7}, labels=["joy", "neutral",
        ...     "pride"], intensity={}, ekman={}, ekman_labels=[], sentiment={}, sentiment_labels=[], vad=None,
        ...     language="en", windows=1, model="demo@1")
        >>> primary_emotions(a)
        [('joy', 0.9), ('pride', 0.6)]
    """
    return [(label, float(analysis.emotions.get(label, 0.0))) for label in primary_labels(analysis.labels, limit)]


def format_hints(
    emotions: Sequence[tuple[str, float]], causes: Sequence[CauseWords] = (), speaker: str | None = None
) -> str:
    """The text of the affect-hints system message: primary emotions first, then the cause words.

    Example:
        >>> from affectkit.types import CauseWords
        >>> print(format_hints([("sadness", 0.81), ("grief", 0.4)],
        ...                    [CauseWords(turn=0, span="my dog died", words=["dog", "died"], score=0.9)], "Sam"))
        affectkit's reading of the input (automatic estimates that may be wrong; use them as hints):
        - Sam's primary emotions: sadness (0.81), grief (0.40)
        - What seems to have caused them: "my dog died" (key words: dog, died)
    """
    who = f"{speaker}'s" if speaker and speaker.lower() != "user" else "The user's"
    lines = [
        "affectkit's reading of the input (automatic estimates that may be wrong; use them as hints):",
        f"- {who} primary emotions: " + ", ".join(f"{label} ({p:.2f})" for label, p in emotions),
    ]
    if causes:
        lines.append(
            "- What seems to have caused them: "
            + "; ".join(f'"{c.span}" (key words: {", ".join(c.words) or c.span})' for c in causes)
        )
    return "\n".join(lines)


def affect_hints_text(sample: SampleInput) -> str | None:
    """affectkit's hints for a sample input (runs the shipped models), or ``None`` with nothing to analyse.

    A single text gets its primary emotions (:func:`affectkit.analyze_one`); a conversation gets the primary
    emotions of the last turn not by the agent, then the cause words the conversation analysis found for
    that turn (:func:`affectkit.analyze_conversation`, :func:`affectkit.planning.planner.cause_words`).

    Example:
        >>> text = affect_hints_text(sample_input({"text": "I finally got the job!!"}, []))
        >>> text.splitlines()[1].startswith("- The user's primary emotions: ")
        True
    """
    import affectkit
    from affectkit.planning.planner import cause_words

    if not sample.has_user_turn:
        return None
    if sample.single_text:
        text = sample.conversation.utterances[-1].text
        return format_hints(primary_emotions(affectkit.analyze_one(text)))
    analysis = affectkit.analyze_conversation(sample.conversation)
    last = [t for t in analysis.turns if t.speaker != sample.agent][-1]
    causes = [CauseWords(turn=c.turn, span=c.span, words=cause_words(c.span), score=c.score) for c in last.causes]
    return format_hints(primary_emotions(affectkit.analyze_one(last.text)), causes, last.speaker)


@solver
def affect_hints() -> Solver:
    """Add affectkit's reading of the input as a system message (see :func:`affect_hints_text`).

    The message goes after the system messages already present; the text is also kept in the sample store
    under :data:`HINTS_KEY`.

    Example:
        >>> callable(affect_hints())
        True
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        return await _add_system_message(state, affect_hints_text, HINTS_KEY)

    return solve


# --- Support plan -----------------------------------------------------------------------------------


def support_plan_text(sample: SampleInput, debias: bool = False) -> str | None:
    """The system message of affectkit's plan for a sample input, or ``None`` when the user has not spoken.

    Example:
        >>> text = support_plan_text(sample_input({"text": "I failed my exam again."}, []))
        >>> text.startswith("You are ")
        True
    """
    from affectkit.planning.planner import plan

    if not sample.has_user_turn:
        return None
    messages = plan(sample.conversation, debias=debias, agent=sample.agent).messages
    return str(messages[0]["content"])


@solver
def support_plan(debias: bool = False) -> Solver:
    """Add the system message of affectkit's :func:`~affectkit.planning.planner.plan` for the input.

    ``debias`` applies the strategy model's prior correction. The message goes after the system messages
    already present and is kept in the sample store under :data:`PLAN_KEY`.

    Example:
        >>> callable(support_plan())
        True
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        return await _add_system_message(state, lambda sample: support_plan_text(sample, debias), PLAN_KEY)

    return solve


# --- Composition ------------------------------------------------------------------------------------


_affect_hints_solver = affect_hints
_support_plan_solver = support_plan


def compose(
    solver: Solver | Sequence[Solver] | None = None,
    *,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
    default: Callable[[], Solver | Sequence[Solver]] | None = None,
) -> list[Solver]:
    """A task's solver list: the chosen wrappers, then ``solver`` (else the task's ``default()``, else ``generate()``).

    The order is: :func:`support_plan`, :func:`affect_hints`, :func:`emotional_stimulus`, then the solver,
    so the plan's system message comes before the hints and the stimulus is the last thing in the prompt.

    Example:
        >>> [s.__qualname__.split(".")[0] for s in compose(stimulus="EP02", affect_hints=True)]
        ['affect_hints', 'emotional_stimulus', 'generate']
    """
    require_inspect()
    from inspect_ai.solver import generate

    if solver is not None:
        chosen = solver
    else:
        chosen = default() if default is not None else generate()
    tail = [chosen] if callable(chosen) else list(chosen)
    head: list[Solver] = []
    if support_plan:
        head.append(_support_plan_solver())
    if affect_hints:
        head.append(_affect_hints_solver())
    if stimulus:
        head.append(emotional_stimulus(stimulus))
    return head + tail

