"""Label decisions at per-label thresholds: which labels a recognizer reports for its probabilities.

Used at run time by the recognizers; fitting the thresholds on a dev split is measurement
(:func:`affectkit.metrics.thresholds.tune_thresholds`).

Example:
    >>> import numpy as np
    >>> apply_thresholds(np.array([[0.2, 0.5], [0.1, 0.05]]), np.array([0.3, 0.4])).tolist()
    [[False, True], [True, False]]
    >>> closest_to_threshold({"joy": 0.2, "neutral": 0.5}, {"joy": 0.25, "neutral": 0.7})
    'joy'
"""

from __future__ import annotations

import numpy as np

__all__ = ["apply_thresholds", "closest_to_threshold"]


def apply_thresholds(
    probabilities: np.ndarray, thresholds: np.ndarray, at_least_one: bool = True
) -> np.ndarray:
    """Labels at or above their threshold; with ``at_least_one`` a row with none keeps the label nearest
    its own threshold (highest probability / threshold), as :func:`closest_to_threshold` does.

    Every GoEmotions example carries at least one label (``neutral`` included), so an empty prediction
    is never right there; the sentiment groups are all off for a neutral text.
    """
    predicted = probabilities >= thresholds
    if not at_least_one:
        return predicted
    empty = ~predicted.any(axis=1)
    predicted[empty, (probabilities[empty] / thresholds).argmax(axis=1)] = True
    return predicted


def closest_to_threshold(scores: dict[str, float], thresholds: dict[str, float]) -> str:
    """The label whose score comes nearest its threshold (ratio): the fallback when none clears it.

    Thresholds differ a lot between labels (a rare label may need 0.1, neutral 0.6), so the plain most
    probable label over-picks the labels with high thresholds; on GoEmotions dev the ratio is as good or
    better for the 28 labels and for Ekman-7.
    """
    return max(scores, key=lambda label: scores[label] / thresholds[label])
