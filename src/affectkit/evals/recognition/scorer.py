"""Answer parsing, scores, the inspect_ai metrics and scorer, and the report's headline metrics of the
recognition benchmark (see :mod:`affectkit.evals.recognition`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from affectkit.errors import AffectkitError
from affectkit.evals._metrics import parsed_answers
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer
from affectkit.evals.headline import HeadlineMetric, ScoreRecord, f1, meta, parsed_prediction, ratio
from affectkit.metrics import f1_per_label, micro_f1

if TYPE_CHECKING:
    from inspect_ai.scorer import Metric, SampleScore, Scorer, Target
    from inspect_ai.solver import TaskState
elif HAVE_INSPECT:  # inspect_ai resolves a metric's annotations at run time
    from inspect_ai.scorer import SampleScore


def parse_labels(answer: str, labels: Sequence[str]) -> list[str] | None:
    """The known labels an answer names, in order of first mention, or ``None`` if it names none.

    See the module docstring for the rules.

    Example:
        >>> parse_labels("- **Anger**\\n- disgust\\n- boredom", ["anger", "disgust", "neutral"])
        ['anger', 'disgust']
    """
    known = {label.lower(): label for label in labels}
    markers = list(re.finditer(r"\b(emotions?|labels?|answer)\s*:", answer, flags=re.IGNORECASE))
    text = answer[markers[-1].end() :] if markers else answer
    found: list[str] = []
    for piece in re.split(r"[,;/|\n]+|\band\b", text, flags=re.IGNORECASE):
        cleaned = re.sub(r"^\s*(?:[-*•]+|\d+[.)])\s*", "", piece)
        cleaned = cleaned.strip().strip("*_`'\"“”.:!?()[]{} \t").lower()
        label = known.get(cleaned)
        if label is not None and label not in found:
            found.append(label)
    return found or None


# --- Metrics ----------------------------------------------------------------------------------------


def multilabel_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, float]:
    """``macro_f1`` (over labels present in gold or predicted), ``micro_f1`` and ``exact_match``.

    Example:
        >>> scores = multilabel_scores([["joy"], ["anger", "fear"]], [["joy"], ["anger"]])
        >>> scores["exact_match"], round(scores["micro_f1"], 4), round(scores["macro_f1"], 4)
        (0.5, 0.8, 0.6667)
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} rows but predicted has {len(predicted)}")
    if not gold:
        raise AffectkitError("AK-E009", "there are no examples to evaluate")
    present = sorted({label for row in (*gold, *predicted) for label in row})
    column = {label: j for j, label in enumerate(present)}
    gold_matrix = np.zeros((len(gold), len(present)), dtype=bool)
    predicted_matrix = np.zeros_like(gold_matrix)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_matrix[i, [column[label] for label in g]] = True
        predicted_matrix[i, [column[label] for label in p]] = True
    exact = float(np.mean([set(g) == set(p) for g, p in zip(gold, predicted, strict=True)]))
    macro = float(f1_per_label(gold_matrix, predicted_matrix).mean()) if present else 1.0
    micro = micro_f1(gold_matrix, predicted_matrix) if present else 1.0
    return {"macro_f1": macro, "micro_f1": micro, "exact_match": exact}


@metric(scores="unreduced")
def recognition_metrics() -> Metric:
    """``macro_f1``, ``micro_f1`` and ``exact_match`` over the parsed answers, and ``parse_failures``.

    Reads ``gold`` and ``predicted`` (``None`` when the answer did not parse) from the score metadata.
    """

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        parsed, values = parsed_answers(scores)
        if parsed:
            values.update(multilabel_scores([m["gold"] for m in parsed], [m["predicted"] for m in parsed]))
        return values

    return compute


@scorer(metrics=[recognition_metrics()])
def recognition_scorer() -> Scorer:
    """Parse the answer against the sample's ``labels`` metadata: ``C`` for the exact gold set, ``I`` for
    another set, ``N`` when no known label was named. ``gold`` and ``predicted`` go in the score metadata."""
    from inspect_ai.scorer import CORRECT, INCORRECT, NOANSWER, Score

    async def score(state: TaskState, target: Target) -> Score:
        gold = list(state.metadata["gold"])
        predicted = parse_labels(state.output.completion, state.metadata["labels"])
        if predicted is None:
            value, explanation = NOANSWER, "no known label in the answer"
        else:
            value = CORRECT if set(predicted) == set(gold) else INCORRECT
            explanation = f"gold {', '.join(gold)}; predicted {', '.join(predicted)}"
        return Score(value=value, answer=", ".join(predicted or []), explanation=explanation,
                     metadata={"gold": gold, "predicted": predicted})

    return score


# ---- report -----------------------------------------------------------------------------------------------------


def headline_metrics() -> list[HeadlineMetric]:
    """The report's metrics of ``emotion_recognition``: ``macro_f1``, ``micro_f1`` and ``exact_match`` over the
    parsed answers, ``parse_failures``."""
    parsed = parsed_prediction
    gold: Callable[[ScoreRecord], list[str]] = lambda r: [str(x) for x in meta(r, "gold") or []]  # noqa: E731
    guess: Callable[[ScoreRecord], list[str] | None] = (  # noqa: E731
        lambda r: None if meta(r, "predicted") is None else [str(x) for x in meta(r, "predicted")]
    )
    return [
        f1("macro_f1", gold, guess, description="over parsed answers and the labels present"),
        ratio("parse_failures", lambda r: 1.0 - parsed(r), parse=True, higher_is_better=False),
        f1("micro_f1", gold, guess, micro=True, description="over parsed answers"),
        ratio("exact_match", lambda r: float(parsed(r) and set(gold(r)) == set(guess(r) or [])), parsed,
              description="over parsed answers"),
    ]
