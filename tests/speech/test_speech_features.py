from __future__ import annotations

import numpy as np
import opensmile
from speech_helpers import RATE, voiced

from affectkit.speech.features import egemaps, feature_names
from affectkit.speech.vectors import feature_vector, vector_names


def test_one_run_gives_what_opensmile_gives_for_each_level():
    signal = voiced(2.5, f0=170.0)
    ours = egemaps(signal)
    for level, values in ((opensmile.FeatureLevel.Functionals, ours.functionals),
                          (opensmile.FeatureLevel.LowLevelDescriptors, ours.lld)):
        smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02, feature_level=level)
        reference = smile.process_signal(signal, RATE)
        assert list(reference.columns) == (ours.functional_names if values is ours.functionals else ours.lld_names)
        np.testing.assert_allclose(values.reshape(reference.shape), reference.to_numpy(), rtol=1e-5, atol=1e-6)
    assert ours.functionals.shape == (88,) and ours.lld.shape[1] == 25
    assert np.allclose(np.diff(ours.lld_times), 0.01, atol=1e-4)


def test_features_follow_the_voice():
    names, _ = feature_names()
    low, high = egemaps(voiced(2.0, f0=110.0)), egemaps(voiced(2.0, f0=220.0))
    pitch = names.index("F0semitoneFrom27.5Hz_sma3nz_amean")
    assert abs((high.functionals[pitch] - low.functionals[pitch]) - 12.0) < 1.0  # an octave is 12 semitones
    quiet, loud = egemaps(voiced(2.0, level=0.02)), egemaps(voiced(2.0, level=0.3))
    loudness = names.index("loudness_sma3_amean")
    assert loud.functionals[loudness] > 3 * quiet.functionals[loudness]


def test_feature_vector_layout():
    features = egemaps(voiced(1.5))
    vector = feature_vector(features)
    names = vector_names(features.functional_names, features.lld_names)
    assert vector.shape == (263,) and len(names) == 263 and np.isfinite(vector).all()
    assert vector[:88].tolist() == features.functionals.astype(np.float64).tolist()


def test_without_the_speech_extra_the_error_names_it(monkeypatch):
    import sys

    import pytest

    from affectkit.errors import AffectkitError
    from affectkit.speech import features

    monkeypatch.setitem(sys.modules, "opensmile", None)  # as if not installed
    features._config_root.cache_clear()
    features.feature_names.cache_clear()
    try:
        with pytest.raises(AffectkitError) as error:
            egemaps(voiced(1.0))
        assert error.value.code == "AK-E008" and "affectkit[speech]" in str(error.value)
    finally:
        features._config_root.cache_clear()
        features.feature_names.cache_clear()
