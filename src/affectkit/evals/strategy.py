"""``esc_strategy``: which ESConv support strategy should the supporter use next? Asked of the model under test.

One sample per supporter turn that carries a strategy in an ESConv split (Liu et al., ACL 2021): the
conversation before that turn as text (``Seeker:`` / ``Supporter:`` lines; empty for the opening turn), the
eight strategies as numbered options with a one-line description each, and the question. The gold answer
is the strategy the human supporter used.

The answer is parsed by :func:`parse_strategy` (the strategy name in any letter case, its number, a short
alias such as ``Paraphrasing``, or one single strategy name mentioned in a longer reply). The metrics,
computed by :func:`affectkit.planning.metrics.strategy_report` over every parsed answer of the run
(all epochs), are:

* ``accuracy`` and ``macro_f1`` (over the strategies present in gold or predictions);
* ``bias`` — the bias ``B`` of Kang et al. (ACL 2024): the spread of the Bradley–Terry preferences;
* ``preference_<strategy>`` — each strategy's Bradley–Terry preference (``preference_question``,
  ``preference_restatement_or_paraphrasing``, …, see :data:`PREFERENCE_KEYS`), 1 for no preference;
* ``parse_failures`` — the fraction of answers that named no strategy. They are left out of the other
  metrics (never counted as some strategy), so read the two together.

Run it::

    inspect eval affectkit/esc_strategy -T data=../shared/data/esconv -T limit_dialogues=20 --model <model>

Example:
    >>> parse_strategy("I would go with Reflection of feelings.")
    'Reflection of feelings'
    >>> parse_strategy("7") , parse_strategy("maybe a question, or some information?")
    ('Information', None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import SupportDialogue, data_root, load_esconv
from affectkit.errors import AffectkitError
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer, task
from affectkit.evals.solvers import compose
from affectkit.planning.metrics import STRATEGIES, strategy_report

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset, Sample
    from inspect_ai.scorer import Metric, SampleScore, Scorer, Target
    from inspect_ai.solver import Solver, TaskState
elif HAVE_INSPECT:  # inspect_ai resolves a metric's annotations at run time
    from inspect_ai.scorer import SampleScore

SPEAKERS = {"usr": "Seeker", "sys": "Supporter"}
"""How the ESConv speaker codes are written in the prompt and in the ``conversation`` metadata."""

DESCRIPTIONS = {
    "Question": "ask something that helps the seeker say more about their problem or feelings",
    "Restatement or Paraphrasing": "say back, briefly and in other words, what the seeker has said",
    "Reflection of feelings": "name and mirror the feelings the seeker seems to have",
    "Self-disclosure": "share a similar experience of one's own and how one felt",
    "Affirmation and Reassurance": "affirm the seeker's strengths, efforts or ideas and give encouragement",
    "Providing Suggestions": "suggest a way to deal with the problem",
    "Information": "give useful facts, figures or resources",
    "Others": "anything else, such as greetings, small talk or thanks",
}
"""A one-line description of each strategy for the prompt (affectkit's wording)."""

ALIASES = {
    "restatement": "Restatement or Paraphrasing",
    "paraphrasing": "Restatement or Paraphrasing",
    "paraphrase": "Restatement or Paraphrasing",
    "restatement/paraphrasing": "Restatement or Paraphrasing",
    "reflection": "Reflection of feelings",
    "self disclosure": "Self-disclosure",
    "affirmation": "Affirmation and Reassurance",
    "reassurance": "Affirmation and Reassurance",
    "affirmation & reassurance": "Affirmation and Reassurance",
    "suggestions": "Providing Suggestions",
    "providing suggestion": "Providing Suggestions",
    "suggestion": "Providing Suggestions",
    "other": "Others",
    "questions": "Question",
}
"""Short forms accepted when they are the whole answer (lower case)."""

PREFERENCE_KEYS = {name: "preference_" + re.sub(r"[^a-z]+", "_", name.lower()).strip("_") for name in STRATEGIES}
"""The metric name of each strategy's Bradley–Terry preference."""

INSTRUCTIONS = """Below is the beginning of an emotional-support conversation between a help seeker and a \
supporter.

{conversation}

Which support strategy should the supporter use in their next turn? The strategies are:
{options}

Answer with the name of one strategy only."""


def format_options() -> str:
    """The numbered strategy list of the prompt.

    Example:
        >>> format_options().splitlines()[0]
        '1. Question: ask something that helps the seeker say more about their problem or feelings'
    """
    return "\n".join(f"{i}. {name}: {DESCRIPTIONS[name]}" for i, name in enumerate(STRATEGIES, start=1))


def _clean(text: str) -> str:
    text = text.strip().strip("*_`'\"“”«».:;!()[]{} \t\n").strip()
    return re.sub(r"\s+", " ", text)


def parse_strategy(answer: str) -> str | None:
    """The ESConv strategy an answer names, or ``None``.

    In order: the whole answer (after an optional ``Answer:`` / ``Strategy:`` prefix, without quotes,
    brackets, markdown or a final period) is a strategy name in any letter case, its number ``1``–``8`` in
    :data:`~affectkit.planning.metrics.STRATEGIES` order, or an alias in :data:`ALIASES`; the first line
    is; else exactly one strategy name (whole words, any case) occurs in the answer. Anything else —
    several names, no name — is ``None``.

    Example:
        >>> parse_strategy("**Providing suggestions**"), parse_strategy("Answer: 3."), parse_strategy("[Others]")
        ('Providing Suggestions', 'Reflection of feelings', 'Others')
        >>> parse_strategy("I am not sure.") is None
        True
    """
    by_lower = {name.lower(): name for name in STRATEGIES}
    text = answer.strip()
    candidates = [text]
    lines = [line for line in text.splitlines() if line.strip()]
    if lines:
        candidates += [lines[0], lines[-1]]
    for candidate in candidates:
        candidate = re.sub(r"^\s*(final\s+)?(answer|strategy)\s*[:\-]\s*", "", candidate, flags=re.IGNORECASE)
        cleaned = _clean(candidate).lower()
        if cleaned in by_lower:
            return by_lower[cleaned]
        if cleaned.isdigit() and 1 <= int(cleaned) <= len(STRATEGIES):
            return STRATEGIES[int(cleaned) - 1]
        if cleaned in ALIASES:
            return ALIASES[cleaned]
        numbered = re.match(r"^(\d)\s*[.)]\s*(.+)$", cleaned)
        if numbered and numbered.group(2) in by_lower:
            return by_lower[numbered.group(2)]
    found = {name for name in STRATEGIES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)}
    return found.pop() if len(found) == 1 else None


def _strategy_name(value: str | None, where: str) -> str:
    name = (value or "").strip().strip("[]").strip()
    if name not in STRATEGIES:
        raise AffectkitError(
            "AK-E011",
            f"unknown strategy {value!r} in {where}; expected one of {', '.join(STRATEGIES)}",
            field="strategy",
        )
    return name


def dialogue_samples(dialogue: SupportDialogue) -> list[Sample]:
    """One sample per supporter turn with a strategy: prompt, gold strategy and the conversation before it.

    The sample metadata hold ``conversation`` (``{"id", "utterances"}`` with speakers ``Seeker`` and
    ``Supporter``), ``agent`` (``"Supporter"``), the dialogue's ``emotion_type`` and ``problem_type`` and the
    0-based ``turn`` index; these are what :mod:`affectkit.evals.solvers` analyse.

    Example:
        >>> from affectkit.datasets import SupportDialogue, SupportTurn
        >>> d = SupportDialogue("test_0", "sadness", "job crisis", [SupportTurn("usr", "I lost my job.", None),
        ...     SupportTurn("sys", "That sounds hard. What happened?", "Question")])
        >>> [(s.id, s.target) for s in dialogue_samples(d)]
        [('test_0-t1', 'Question')]
    """
    from inspect_ai.dataset import Sample

    samples = []
    for index, turn in enumerate(dialogue.turns):
        if turn.speaker != "sys" or not turn.strategy:
            continue
        gold = _strategy_name(turn.strategy, f"dialogue {dialogue.id}, turn {index}")
        before = dialogue.turns[:index]
        lines = "\n".join(f"{SPEAKERS.get(t.speaker, t.speaker)}: {t.text}" for t in before)
        conversation = f"Conversation so far:\n{lines}" if before else "The conversation has not started yet."
        prompt = INSTRUCTIONS.format(conversation=conversation, options=format_options())
        utterances = [{"speaker": SPEAKERS.get(t.speaker, t.speaker), "text": t.text} for t in before]
        samples.append(
            Sample(
                id=f"{dialogue.id}-t{index}",
                input=prompt,
                target=gold,
                metadata={
                    "conversation": {"id": dialogue.id, "utterances": utterances},
                    "agent": SPEAKERS["sys"],
                    "dialogue": dialogue.id,
                    "turn": index,
                    "emotion_type": dialogue.emotion_type,
                    "problem_type": dialogue.problem_type,
                },
            )
        )
    return samples


def esconv_dataset(folder: Path, split: str = "test", limit_dialogues: int | None = None) -> MemoryDataset:
    """The samples of the first ``limit_dialogues`` dialogues (all when ``None``) of an ESConv split.

    Example:
        >>> esconv_dataset(Path("no/such/folder"))  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        AffectkitError: AK-E001 ...
    """
    from inspect_ai.dataset import MemoryDataset

    path = folder / f"{split}.jsonl"
    if not path.is_file():
        raise AffectkitError("AK-E001", f"no ESConv {split} split at {path}", source=str(path))
    dialogues = load_esconv(folder, split)
    if limit_dialogues is not None:
        dialogues = dialogues[:limit_dialogues]
    samples = [sample for dialogue in dialogues for sample in dialogue_samples(dialogue)]
    return MemoryDataset(samples, name=f"esconv-{split}", location=str(path))


@metric(scores="unreduced")
def strategy_metrics() -> Metric:
    """Accuracy, macro-F1, bias ``B``, each strategy's preference and the parse-failure rate.

    Reads ``gold`` and ``predicted`` (``None`` for an unparsed answer) from the score metadata; the
    strategy metrics are :func:`~affectkit.planning.metrics.strategy_report` over the parsed answers and
    are absent when none parsed.
    """

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        metadata = [s.score.metadata or {} for s in scores]
        parsed = [m for m in metadata if m.get("predicted") is not None]
        values: dict[str, float | None] = {
            "parse_failures": (len(metadata) - len(parsed)) / len(metadata) if metadata else None
        }
        if not parsed:
            return values
        report = strategy_report([m["gold"] for m in parsed], [m["predicted"] for m in parsed])
        values.update(accuracy=report.accuracy, macro_f1=report.macro_f1, bias=report.bias)
        values.update({PREFERENCE_KEYS[name]: value for name, value in report.preferences.items()})
        return values

    return compute


@scorer(metrics=[strategy_metrics()])
def strategy_scorer() -> Scorer:
    """Parse the answer with :func:`parse_strategy`; ``C`` / ``I`` against the gold strategy, ``N`` if unparsed.

    The score metadata carry ``gold`` and ``predicted`` for :func:`strategy_metrics`.
    """

    from inspect_ai.scorer import CORRECT, INCORRECT, NOANSWER, Score

    async def score(state: TaskState, target: Target) -> Score:
        predicted = parse_strategy(state.output.completion)
        gold = target.text
        if predicted is None:
            value, explanation = NOANSWER, "no single strategy found in the answer"
        else:
            value, explanation = (CORRECT if predicted == gold else INCORRECT), f"gold {gold}, predicted {predicted}"
        return Score(value=value, answer=predicted, explanation=explanation,
                     metadata={"gold": gold, "predicted": predicted})

    return score


@task
def esc_strategy(
    data: str | None = None,
    split: str = "test",
    limit_dialogues: int | None = None,
    solver: Solver | Sequence[Solver] | None = None,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
) -> Task:
    """ESConv next-strategy prediction by the model under test (see the module docstring).

    Args:
        data: the ESConv folder holding ``<split>.jsonl`` (default: ``esconv`` under
            :func:`affectkit.datasets.data_root`).
        split: ``train``, ``valid`` or ``test``.
        limit_dialogues: use only the first this many dialogues.
        solver: the solver to run instead of ``generate()`` (the wrappers below still go in front).
        stimulus: an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the prompt.
        affect_hints: put affectkit's reading of the conversation in a system message.
        support_plan: put affectkit's plan for the supporter's next turn in a system message.

    Example:
        >>> import json, tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> dialog = [{"speaker": "usr", "text": "I can't sleep."},
        ...           {"speaker": "sys", "text": "Why?", "strategy": "Question"}]
        >>> _ = (folder / "test.jsonl").write_text(json.dumps({"dialog": dialog}) + "\\n")
        >>> [s.target for s in esc_strategy(data=str(folder)).dataset]
        ['Question']
    """
    from inspect_ai import Task

    folder = Path(data) if data is not None else data_root() / "esconv"
    return Task(
        dataset=esconv_dataset(folder, split, limit_dialogues),
        solver=compose(solver, stimulus=stimulus, affect_hints=affect_hints, support_plan=support_plan),
        scorer=strategy_scorer(),
    )

