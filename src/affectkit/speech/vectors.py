"""The feature vector the speech emotion model reads: eGeMAPS v02's 88 functionals followed by statistics of
its 25 LLDs and of their frame-to-frame changes (:func:`lld_statistics`), computed over one clip of speech.

Descriptors openSMILE defines on voiced frames only (names ending ``_sma3nz``: pitch, jitter, shimmer, HNR,
formants) are summarised over the voiced frames; a clip with no voiced frame gets zeros for them.

Example:
    >>> import numpy as np
    >>> lld = np.arange(12, dtype=np.float32).reshape(4, 3)
    >>> lld_statistics(lld, voiced_only=[False, False, True]).shape
    (21,)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from affectkit.speech.features import EgemapsFeatures

LLD_STATS = ("mean", "std", "p10", "p50", "p90", "delta_abs_mean", "delta_std")


def lld_statistics(lld: np.ndarray, voiced_only: Sequence[bool]) -> np.ndarray:
    """:data:`LLD_STATS` of each column of ``lld`` (frames x descriptors), descriptor-major."""
    out = np.zeros((lld.shape[1], len(LLD_STATS)), dtype=np.float64)
    voiced = lld[:, [i for i, v in enumerate(voiced_only) if v]] if any(voiced_only) else np.zeros((len(lld), 0))
    voiced_rows = np.all(voiced != 0, axis=1) if voiced.shape[1] else np.ones(len(lld), dtype=bool)
    for j in range(lld.shape[1]):
        column = lld[voiced_rows, j] if voiced_only[j] else lld[:, j]
        column = column.astype(np.float64)
        if column.size == 0:
            continue
        p10, p50, p90 = np.percentile(column, [10, 50, 90])
        delta = np.diff(column) if column.size > 1 else np.zeros(1)
        out[j] = (column.mean(), column.std(), p10, p50, p90, np.abs(delta).mean(), delta.std())
    return out.reshape(-1)


def feature_vector(features: EgemapsFeatures) -> np.ndarray:
    """The model's input for one clip: 88 functionals, then 25 x 7 LLD statistics (263 values, float64)."""
    voiced_only = [name.endswith("nz") for name in features.lld_names]
    functionals = np.nan_to_num(features.functionals.astype(np.float64))
    return np.concatenate([functionals, lld_statistics(features.lld, voiced_only)])


def vector_names(functional_names: Sequence[str], lld_names: Sequence[str]) -> list[str]:
    """The name of each value of :func:`feature_vector`."""
    return list(functional_names) + [f"{name}__{stat}" for name in lld_names for stat in LLD_STATS]
