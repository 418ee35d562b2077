"""Answer parsing, scores, the inspect_ai metrics and scorer, and the report's headline metrics of the
emobench benchmark (see :mod:`affectkit.evals.emobench`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from affectkit.evals._metrics import parse_rate, score_dict, value_mean
from affectkit.evals._optional import HAVE_INSPECT, grouped, metric, scorer
from affectkit.evals.emobench.dataset import LETTERS, _eu_item_from_metadata, _question_from_metadata
from affectkit.evals.headline import HeadlineMetric, key_value, ratio

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target
    from inspect_ai.solver import TaskState


_EMOTION_ANSWER = "emobench_emotion_answer"  # TaskState.store key of the first-turn answer (EU)

_QUOTES = "\"'“”‘’「」『』*_`.,;:!?。，；：！？()[]（）【】 \t\n"
# A letter alone at the start: "B", "B.", "(B)", "**B**", "b) Anger", "B\nbecause ..." - not "A mix of ...".
_LEADING = re.compile(r"^[\s*_\"'(\[（【]*([A-Za-z])(?:[)\]）】.:：,，]|\*\*|\s*$|\s*\n)")
# "Answer: B", "the answer is (C)", "答案：B", "答案是B".
_ANSWER = re.compile(
    r"(?:(?i:answer)|答案)\s*(?:(?i:is|would be|should be)|是|为|应为)?\s*[:：]?\s*[*_(\[（\"']*([A-Z])(?![A-Za-z])"
)
# "option B", "choice (B)", "选项B", "选择B".
_OPTION = re.compile(r"(?:(?i:option|choice)|选项|选择)\s*[:：]?\s*[*_(\[（\"']*([A-Z])(?![A-Za-z])")
_PARENTHESISED = re.compile(r"[(\[（]([A-Z])[)\]）]")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split()).strip(_QUOTES)


def _contains(haystack: str, needle: str) -> bool:
    if not needle:
        return False
    if needle.isascii():
        return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
    return needle in haystack  # CJK text has no word boundaries


def parse_choice(text: str, choices: Sequence[str]) -> int | None:
    """The position of the option an answer picks, or ``None`` when it names no single option.

    Tried in order, the first rule that applies wins: a letter alone at the start (``B``, ``B.``, ``(B)``,
    ``**B**``); ``answer: B`` / ``the answer is B`` / ``答案：B`` (the last one); the answer is exactly one
    choice's text; ``option B`` / ``选项B`` (one letter only); exactly one parenthesised letter ``(B)``; exactly
    one choice text inside the answer (a choice contained in a longer matched choice does not count).
    Letters beyond the number of choices are ignored.

    Example:
        >>> choices = ["Joy", "Anger", "Joy & Anger"]
        >>> [parse_choice(t, choices) for t in ["C", "(a)", "Answer: B", "joy & anger.", "She feels joy & anger"]]
        [2, 0, 1, 2, 2]
        >>> [parse_choice(t, choices) for t in ["", "A mix of things", "Maybe (A) or (B)", "Answer: D"]]
        [None, None, None, None]
    """
    n = len(choices)
    body = text.strip()
    if not body:
        return None

    def position(letter: str) -> int | None:
        index = LETTERS.find(letter.upper())
        return index if 0 <= index < n else None

    leading = _LEADING.match(body)
    if leading and position(leading.group(1)) is not None:
        return position(leading.group(1))
    answers = [position(m.group(1)) for m in _ANSWER.finditer(body)]
    answers = [a for a in answers if a is not None]
    if answers:
        return answers[-1]
    normalised = _normalise(body)
    exact = [i for i, choice in enumerate(choices) if _normalise(choice) == normalised]
    if len(exact) == 1:
        return exact[0]
    for pattern in (_OPTION, _PARENTHESISED):
        found = {position(m.group(1)) for m in pattern.finditer(body)} - {None}
        if len(found) == 1:
            return found.pop()
    contained = [i for i, choice in enumerate(choices) if _contains(normalised, _normalise(choice))]
    maximal = [
        i for i in contained if not any(j != i and _normalise(choices[i]) in _normalise(choices[j]) for j in contained)
    ]
    return maximal[0] if len(maximal) == 1 else None


def position_bias(records: Sequence[tuple[int | None, int]], prefix: str = "") -> dict[str, float]:
    """Where a model's answers fall, from ``(chosen position or None, gold position)`` pairs.

    Keys (``L`` = A, B, ..): ``chosen_L`` = share of parsed answers at L; ``gold_L`` = share of items whose
    correct option is at L; ``accuracy_gold_L`` = accuracy (unparsed counts as wrong) on the items whose correct
    option is at L; ``position_bias`` = total variation distance between the chosen and the gold positions of the
    parsed answers (0: the answers follow the gold positions; 1: never the gold position's distribution). With
    shuffled choices a position-blind model has ``chosen_L`` close to ``gold_L`` and a flat ``accuracy_gold_L``.

    Example:
        >>> bias = position_bias([(0, 0), (0, 1), (0, 1), (None, 0)])
        >>> bias["chosen_A"], bias["gold_B"], bias["accuracy_gold_A"], round(bias["position_bias"], 4)
        (1.0, 0.5, 0.5, 0.6667)
    """
    if not records:
        return {}
    n = 1 + max(max(gold, -1 if chosen is None else chosen) for chosen, gold in records)
    parsed = [(chosen, gold) for chosen, gold in records if chosen is not None]
    out: dict[str, float] = {}
    for pos in range(n):
        letter = LETTERS[pos]
        if parsed:
            out[f"{prefix}chosen_{letter}"] = sum(chosen == pos for chosen, _ in parsed) / len(parsed)
        at_gold = [chosen for chosen, gold in records if gold == pos]
        out[f"{prefix}gold_{letter}"] = len(at_gold) / len(records)
        if at_gold:
            out[f"{prefix}accuracy_gold_{letter}"] = sum(chosen == pos for chosen in at_gold) / len(at_gold)
    if parsed:
        distance = sum(abs(sum(c == pos for c, _ in parsed) - sum(g == pos for _, g in parsed)) for pos in range(n))
        out[f"{prefix}position_bias"] = distance / (2 * len(parsed))
    else:
        out[f"{prefix}position_bias"] = math.nan
    return out

# ---- inspect_ai: metrics ----------------------------------------------------------------------------------------


def _records(scores: list[SampleScore], part: str) -> list[tuple[int | None, int]]:
    records = []
    for sample_score in scores:
        metadata = sample_score.score.metadata or {}
        records.append((metadata.get(f"{part}_chosen"), int(metadata[f"{part}_gold"])))
    return records


def _accuracy_parsed(scores: list[SampleScore], part: str, correct: str) -> float:
    values = [score_dict(s) for s in scores]
    parsed = [v for v in values if v[f"{part}_parsed" if part else "parsed"]]
    return sum(float(v[correct]) for v in parsed) / len(parsed) if parsed else math.nan


@metric
def emotion_accuracy() -> Metric:
    """EU: share of items whose emotion answer is correct (unparsed answers count as not correct)."""
    return value_mean("emotion")


@metric
def cause_accuracy() -> Metric:
    """EU: share of items whose cause answer is correct (unparsed answers count as not correct)."""
    return value_mean("cause")


@metric
def both_accuracy() -> Metric:
    """EU: share of items with both the emotion and the cause correct."""
    return value_mean("both")


@metric
def eu_parsing() -> Metric:
    """EU: ``emotion_parse_rate``, ``cause_parse_rate`` and the accuracies over parsed answers only."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        values = [score_dict(s) for s in scores]
        out: dict[str, float] = {}
        for part in ("emotion", "cause"):
            parsed = sum(float(v[f"{part}_parsed"]) for v in values)
            out[f"{part}_parse_rate"] = parsed / len(values) if values else math.nan
            out[f"{part}_accuracy_parsed"] = _accuracy_parsed(scores, part, part)
        return out

    return compute


@metric
def eu_position_bias() -> Metric:
    """EU: :func:`position_bias` of the emotion and the cause answers (keys prefixed ``emotion_`` / ``cause_``)."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return {
            **position_bias(_records(scores, "emotion"), prefix="emotion_"),
            **position_bias(_records(scores, "cause"), prefix="cause_"),
        }

    return compute


@metric(name="accuracy")
def ea_accuracy() -> Metric:
    """EA: share of items answered correctly (unparsed answers count as not correct)."""
    return value_mean("correct")


@metric
def ea_parsing() -> Metric:
    """EA: ``accuracy_parsed``, the accuracy over parsed answers only."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return {"accuracy_parsed": _accuracy_parsed(scores, "", "correct")}

    return compute


@metric
def ea_position_bias() -> Metric:
    """EA: :func:`position_bias` of the answers."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return position_bias(_records(scores, "answer"))

    return compute


def _by(metric_factory: Any, name: str, key: str, label: str | None = None) -> Any:
    return grouped(metric_factory(), key, all=False, name_template=f"{name}[{label or key}={{group_name}}]")

def _letter(position: int | None) -> str:
    return "?" if position is None else LETTERS[position]


@scorer(
    metrics=[
        emotion_accuracy(),
        cause_accuracy(),
        both_accuracy(),
        _by(emotion_accuracy, "emotion_accuracy", "coarse_category", "category"),
        _by(cause_accuracy, "cause_accuracy", "coarse_category", "category"),
        _by(both_accuracy, "both_accuracy", "coarse_category", "category"),
        _by(emotion_accuracy, "emotion_accuracy", "language"),
        _by(cause_accuracy, "cause_accuracy", "language"),
        _by(both_accuracy, "both_accuracy", "language"),
        eu_parsing(),
        eu_position_bias(),
    ]
)
def emobench_eu_scorer() -> Scorer:
    """Score EU's two answers (first from ``state.store``, second the final output) with :func:`parse_choice`.

    Value: ``{"emotion", "cause", "both", "emotion_parsed", "cause_parsed"}`` (1/0 each); metadata holds the
    chosen and gold positions for the position-bias metrics.
    """

    async def score(state: TaskState, target: Target) -> Score:
        item = _eu_item_from_metadata(state.metadata)
        emotion_text = str(state.store.get(_EMOTION_ANSWER, ""))
        cause_text = state.output.completion
        emotion = parse_choice(emotion_text, item.emotion.choices)
        cause = parse_choice(cause_text, item.cause.choices)
        emotion_ok = emotion == item.emotion.gold
        cause_ok = cause == item.cause.gold
        notes = []
        if emotion is None:
            notes.append("emotion answer unparsed")
        if cause is None:
            notes.append("cause answer unparsed")
        return Score(
            value={
                "emotion": int(emotion_ok),
                "cause": int(cause_ok),
                "both": int(emotion_ok and cause_ok),
                "emotion_parsed": int(emotion is not None),
                "cause_parsed": int(cause is not None),
            },
            answer=f"emotion {_letter(emotion)}, cause {_letter(cause)}",
            explanation=(
                f"emotion {_letter(emotion)} (gold {item.emotion.gold_letter}), "
                f"cause {_letter(cause)} (gold {item.cause.gold_letter})" + (f"; {'; '.join(notes)}" if notes else "")
            ),
            metadata={
                "emotion_chosen": emotion,
                "emotion_gold": item.emotion.gold,
                "cause_chosen": cause,
                "cause_gold": item.cause.gold,
            },
        )

    return score


@scorer(
    metrics=[
        ea_accuracy(),
        _by(ea_accuracy, "accuracy", "category"),
        _by(ea_accuracy, "accuracy", "question_type"),
        _by(ea_accuracy, "accuracy", "language"),
        parse_rate(),
        ea_parsing(),
        ea_position_bias(),
    ]
)
def emobench_ea_scorer() -> Scorer:
    """Score EA answers with :func:`parse_choice`. Value: ``{"correct", "parsed"}`` (1/0 each)."""

    async def score(state: TaskState, target: Target) -> Score:
        question = _question_from_metadata(state.metadata["question"])
        chosen = parse_choice(state.output.completion, question.choices)
        correct = chosen == question.gold
        explanation = f"answer {_letter(chosen)} (gold {question.gold_letter})"
        return Score(
            value={"correct": int(correct), "parsed": int(chosen is not None)},
            answer=_letter(chosen),
            explanation=explanation + ("; unparsed" if chosen is None else ""),
            metadata={"answer_chosen": chosen, "answer_gold": question.gold},
        )

    return score


# ---- report -----------------------------------------------------------------------------------------------------


def eu_headline_metrics() -> list[HeadlineMetric]:
    """The report's metrics of ``emobench_eu``: accuracy and parse rate of the emotion and the cause, both right."""
    return [
        ratio("emotion_accuracy", lambda r: key_value(r, "emotion")),
        ratio("emotion_parse_rate", lambda r: key_value(r, "emotion_parsed"), parse=True),
        ratio("cause_accuracy", lambda r: key_value(r, "cause")),
        ratio("cause_parse_rate", lambda r: key_value(r, "cause_parsed"), parse=True),
        ratio("both_accuracy", lambda r: key_value(r, "both")),
    ]


def ea_headline_metrics() -> list[HeadlineMetric]:
    """The report's metrics of ``emobench_ea``: ``accuracy`` and ``parse_rate``."""
    return [
        ratio("accuracy", lambda r: key_value(r, "correct")),
        ratio("parse_rate", lambda r: key_value(r, "parsed"), parse=True),
    ]
