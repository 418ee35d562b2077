"""affectkit: understand, act on and measure emotion in text and conversations.

Example:
    >>> import affectkit
    >>> analysis = affectkit.analyze_one("I can't believe you remembered my birthday!")
    >>> analysis.labels[0] in analysis.emotions
    True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affectkit.conversation.turns import CauseModel, TurnModel
    from affectkit.types import Conversation, ConversationAnalysis, Persona, ReplyCheck, ResponsePlan, TextAnalysis

__version__ = "0.2.0"  # the newest section of CHANGELOG.md; pyproject.toml reads it from here
__all__ = [
    "analyze", "analyze_one", "analyze_conversation", "plan", "check_reply", "trends", "configure", "__version__",
    "analyze_speech",
]


def configure(licence: str | None = None) -> str:
    """Choose the licence profile of every later call: ``"commercial"`` uses only models whose training data
    permits commercial use, ``"default"`` the most accurate set (some of it non-commercial); ``None`` goes back
    to ``$AFFECTKIT_LICENCE``, else ``"default"``. Returns the profile in force. See :mod:`affectkit.licence`.

    Example:
        >>> configure(licence="commercial")
        'commercial'
        >>> analyze_conversation([{"speaker": "Sam", "text": "I lost my keys again."}]).cause_model
        'heuristic-causes@1'
        >>> configure(licence=None)  # back to $AFFECTKIT_LICENCE, else "default"
        'default'
    """
    from affectkit.licence import configure as set_licence

    return set_licence(licence)


def analyze(texts: Sequence[str], model: str | None = None, language: str | None = None,
            domain: str = "comments") -> list[TextAnalysis]:
    """Analyse a batch of texts; returns one :class:`~affectkit.types.TextAnalysis` per text, in input order.

    With no ``model``, each text's language is identified (or taken from ``language``, an ISO 639 code such as
    ``"de"``, for every text) and the text is read by the best model for it: the English model for English,
    the multilingual model for the languages it covers (each analysis's ``model`` and ``language`` say which);
    see :mod:`affectkit.recognizers.router`. A named ``model`` reads every text. Models load once, then are
    reused. ``domain`` says what kind of English text this is, for the Ekman view (``ekman``, ``ekman_labels``):
    ``"comments"`` (social-media comments and chat, the default) or ``"stories"`` (sentences of first-person
    narratives, where emotions are marked far more often); see :mod:`affectkit.recognizers.encoder`.

    Example:
        >>> [a.labels[0] for a in analyze(["Thanks a lot!", "This is awful."])]
        ['gratitude', 'disgust']
    """
    from affectkit.recognizers.router import text_reader

    return text_reader(model, language, domain)(texts)


def analyze_one(text: str, model: str | None = None, language: str | None = None,
                domain: str = "comments") -> TextAnalysis:
    """Analyse one text; see :func:`analyze`."""
    return analyze([text], model, language, domain)[0]


def analyze_conversation(
    conversation: Conversation | Mapping[str, Any] | Sequence[Any],
    turn_model: TurnModel | None = None,
    cause_model: CauseModel | None = None,
    *,
    progress: bool | None = None,
    neutral_bias: float | None = None,
    calibrate_speech: bool = True,
    language: str | None = None,
    agent: str | None = None,
) -> ConversationAnalysis:
    """Analyse a conversation: each turn's emotion in context and its causes, each speaker's trajectory,
    arc and shifts, contagion between speakers, and risk flags (a signal for a person to review, not a
    diagnosis). ``progress=True`` shows a progress bar on stderr (by default only for 1,000 turns or more
    on a terminal). ``neutral_bias`` shifts the in-context turn model's prior for ``neutral`` (default -0.6
    for chat and support use; 0: the model as trained on DailyDialog). An utterance with ``audio`` (a recording,
    with the ``speech`` extra) gets ``speech``: its voice fused with its words; ``calibrate_speech`` reads a
    speaker with 10+ windows of speech in the session against a profile fitted on them. Each turn is read by the
    text model of its language (identified per turn, or ``language`` for every turn; a turn in another language
    than English is read alone by the multilingual model, warning ``AK-W032``). ``agent`` names the speaker that is
    your application: its turns are not read for crisis language. See
    :func:`affectkit.conversation.analyze_conversation`.

    Example:
        >>> analysis = analyze_conversation({"id": "c1", "utterances": [
        ...     {"speaker": "Sam", "text": "My exam went badly."}, {"speaker": "Alex", "text": "I'm sorry."}]})
        >>> [t.index for t in analysis.turns], analysis.id
        ([0, 1], 'c1')
    """
    from affectkit.conversation.analyzer import analyze_conversation as analyze_turns

    return analyze_turns(conversation, turn_model, cause_model, progress=progress, neutral_bias=neutral_bias,
                         calibrate_speech=calibrate_speech, language=language, agent=agent)


def plan(
    conversation: Conversation | Mapping[str, Any] | Sequence[Any],
    persona: Persona | Mapping[str, float] | None = None,
    debias: bool = False,
    agent: str = "assistant",
    **options: Any,
) -> ResponsePlan:
    """Plan the reply of the speaker ``agent``: the user's state and its causes, a support strategy, the
    target emotion, what to acknowledge, boundaries, safety (a crisis turns the plan into an escalation)
    and chat messages for any LLM. See :func:`affectkit.planning.planner.plan` for ``options``.

    Example:
        >>> p = plan({"utterances": [{"speaker": "user", "text": "I finally passed my exam!"}]})
        >>> p.mode, len(p.strategy.probabilities), p.messages[-1]["content"]
        ('support', 8, 'I finally passed my exam!')
    """
    from affectkit.planning.planner import plan as make_plan

    return make_plan(conversation, persona, debias, agent, **options)


def check_reply(conversation: Any, reply: str, language: str | None = None, *,
                assistant_speakers: Collection[str] | None = None) -> ReplyCheck:
    """Which response patterns a candidate reply shows (refusal, apology, acknowledgement, boundary setting,
    and the harmful ones such as claiming human feelings or minimising a crisis), each with evidence, an
    empathy estimate and ``risky``. English, Spanish and German. ``assistant_speakers`` names the assistant's
    turns (default: ``assistant``, ``bot``, ``agent`` and a few more); every other speaker is the user. See
    :func:`affectkit.planning.reply_check.check_reply`.

    Example:
        >>> check_reply([{"speaker": "user", "text": "Do you love me?"}], "Yes, I love you more than anything.").risky
        True
    """
    from affectkit.planning.reply_check import ASSISTANT_SPEAKERS
    from affectkit.planning.reply_check import check_reply as check

    speakers = ASSISTANT_SPEAKERS if assistant_speakers is None else assistant_speakers
    return check(conversation, reply, language, assistant_speakers=speakers)


def trends(path: Any, *, time_column: str, freq: str = "D", group_column: str | None = None, **options: Any) -> Any:
    """Emotion trends over time in a file analysed by ``affectkit batch`` / :func:`affectkit.batch.run`: per
    period, each emotion's prevalence and mean intensity and the mean VAD, change points and a short-term
    forecast with prediction intervals (needs the ``batch`` extra). See :func:`affectkit.batch.trends.trends`.

    Example:
        >>> import json, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
        >>> _ = path.write_text("\\n".join(json.dumps({"ts": f"2024-01-{d:02d}", "labels": ["joy"], "valence": 0.5})
        ...                               for d in range(1, 11)))
        >>> trends(path, time_column="ts").table["prevalence_joy"].tolist()[:3]
        [1.0, 1.0, 1.0]
    """
    from affectkit.batch.trends import trends as find_trends

    return find_trends(path, time_column=time_column, freq=freq, group_column=group_column, **options)


def analyze_speech(audio: Any, transcript: Any = None, **options: Any) -> Any:
    """The emotion in a recording's voice (a WAV/FLAC/OGG path, or an array with ``sample_rate=``), fused with
    its ``transcript`` when given, with disagreements between voice and words flagged (needs the ``speech``
    extra). See :func:`affectkit.speech.analyze.analyze_speech`.

    Example:
        >>> import numpy as np
        >>> t = np.arange(32000) / 16000
        >>> analyze_speech(0.2 * np.sin(2 * np.pi * 150 * t), sample_rate=16000).head
        'global'
    """
    from affectkit.speech.analyze import analyze_speech as read_speech

    return read_speech(audio, transcript, **options)
