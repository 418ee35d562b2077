"""The analysis of a text, or of a conversation turn, flattened into typed columns.

Text rows (:func:`text_columns`): ``emotion_<label>`` (probability of each fine-grained label), ``intensity_<label>``,
``ekman_<label>``, ``sentiment_<group>``, ``valence``, ``arousal``, ``dominance`` (float64), ``labels``,
``ekman_labels``, ``sentiment_labels`` and ``warnings`` (lists of strings; warnings as codes), ``language``,
``model`` (strings) and ``windows`` (int).

Conversation turns (:func:`turn_columns`): ``conversation_turn`` (the turn's index once the conversation is in time
order), ``emotion`` (the turn's Ekman-7 label, read in context), ``emotion_<label>``, ``ekman_<label>``, VAD,
``labels`` (the text's labels read alone; null from a turn model that gives no text reading), ``causes`` (indices
of the turns holding a cause), ``flags`` (kinds of the risk flags raised on the turn) and ``warnings``.

Example:
    >>> from affectkit.recognizers import get_recognizer
    >>> recognizer = get_recognizer()
    >>> layout = text_layout(recognizer)
    >>> row = text_row(recognizer.analyze_one("What a lovely surprise!"), layout)
    >>> row["labels"][0], type(row["valence"]).__name__, len(row) == len(layout.fields)
    ('surprise', 'float', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affectkit.recognizers.base import Recognizer
    from affectkit.types import ConversationAnalysis, TextAnalysis, TurnAnalysis

PROBE = "A short probe text."  # analysed once to learn a recognizer's label lists


@dataclass(frozen=True)
class Layout:
    """The analysis columns: (name, kind) in order, kinds ``float``, ``int``, ``string``, ``list``, ``ints``."""

    fields: tuple[tuple[str, str], ...]
    emotions: tuple[str, ...]
    ekman: tuple[str, ...]
    sentiment: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.fields]


def text_layout(recognizer: Recognizer) -> Layout:
    """The columns of :func:`text_row` for ``recognizer`` (its label lists are read from one probe analysis)."""
    probe = recognizer.analyze_one(PROBE)
    emotions, ekman, sentiment = tuple(probe.emotions), tuple(probe.ekman), tuple(probe.sentiment)
    fields: list[tuple[str, str]] = [(f"emotion_{label}", "float") for label in emotions]
    fields += [(f"intensity_{label}", "float") for label in emotions]
    fields += [(f"ekman_{label}", "float") for label in ekman]
    fields += [(f"sentiment_{label}", "float") for label in sentiment]
    fields += [("valence", "float"), ("arousal", "float"), ("dominance", "float"), ("labels", "list"),
               ("ekman_labels", "list"), ("sentiment_labels", "list"), ("language", "string"),
               ("warnings", "list"), ("windows", "int"), ("model", "string")]
    return Layout(tuple(fields), emotions, ekman, sentiment)


def text_row(analysis: TextAnalysis, layout: Layout) -> dict[str, Any]:
    """One text's analysis as a flat row of :func:`text_layout`'s columns."""
    row: dict[str, Any] = {f"emotion_{label}": analysis.emotions.get(label) for label in layout.emotions}
    row.update({f"intensity_{label}": analysis.intensity.get(label) for label in layout.emotions})
    row.update({f"ekman_{label}": analysis.ekman.get(label) for label in layout.ekman})
    row.update({f"sentiment_{label}": analysis.sentiment.get(label) for label in layout.sentiment})
    vad = analysis.vad
    row.update(
        valence=vad.valence if vad else None, arousal=vad.arousal if vad else None,
        dominance=vad.dominance if vad else None, labels=list(analysis.labels),
        ekman_labels=list(analysis.ekman_labels), sentiment_labels=list(analysis.sentiment_labels),
        language=analysis.language, warnings=[w.code for w in analysis.warnings], windows=analysis.windows,
        model=analysis.model,
    )
    return row


def turn_layout(analysis: ConversationAnalysis) -> Layout:
    """The columns of :func:`turn_rows`, from any analysed conversation (the label lists are the models')."""
    first = analysis.turns[0]
    emotions, ekman = tuple(first.emotions), tuple(first.ekman)
    fields: list[tuple[str, str]] = [("conversation_turn", "int"), ("emotion", "string")]
    fields += [(f"emotion_{label}", "float") for label in emotions]
    fields += [(f"ekman_{label}", "float") for label in ekman]
    fields += [("valence", "float"), ("arousal", "float"), ("dominance", "float"), ("labels", "list"),
               ("causes", "ints"), ("flags", "list"), ("warnings", "list")]
    return Layout(tuple(fields), emotions, ekman, ())


def turn_rows(analysis: ConversationAnalysis, layout: Layout) -> list[dict[str, Any]]:
    """One row per turn of ``analysis``, in turn order."""
    flags: dict[int, list[str]] = {}
    for flag in analysis.flags:
        flags.setdefault(flag.turn, []).append(flag.kind)
    return [_turn_row(turn, layout, flags.get(turn.index, [])) for turn in analysis.turns]


def _turn_row(turn: TurnAnalysis, layout: Layout, flags: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"conversation_turn": turn.index, "emotion": turn.emotion}
    row.update({f"emotion_{label}": turn.emotions.get(label) for label in layout.emotions})
    row.update({f"ekman_{label}": turn.ekman.get(label) for label in layout.ekman})
    row.update(valence=turn.vad.valence, arousal=turn.vad.arousal, dominance=turn.vad.dominance,
               labels=list(turn.labels) if turn.labels is not None else None,
               causes=sorted({cause.turn for cause in turn.causes}), flags=sorted(set(flags)),
               warnings=[w.code for w in turn.warnings])
    return row


def arrow_type(kind: str) -> Any:
    """The Arrow type of a column kind (input kinds of :mod:`affectkit.batch.inputs` and layout kinds)."""
    import pyarrow as pa

    return {
        "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_(), "string": pa.string(), "json": pa.string(),
        "list": pa.list_(pa.string()), "ints": pa.list_(pa.int64()),
    }[kind]
