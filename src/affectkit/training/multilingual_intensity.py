"""Train the intensity model of ``brighter-e5`` (BRIGHTER track B) on a model whose emotion readers are built.

Intensity is the expected track B level (0..3, divided by 3) of an ordinal model per emotion: three logistic
regressions, P(level >= 1), P(level >= 2), P(level >= 3), over :func:`~affectkit.recognizers.multilingual.
intensity_features` (:func:`~affectkit.recognizers.multilingual.ordinal_expectation`). Its inputs, each read
**out-of-fold** on the track B train texts (``--folds``), so that the ordinal model learns from readings like
those of a text the readers never saw:

* the two emotion readers' probabilities and their ensemble (the readers refitted in folds of track A train, as
  :mod:`affectkit.training.multilingual` fits them; track B train texts are track A train texts);
* a ridge regression over the embedding (every track B train text, levels 0..3);
* for a language with track B train texts, a ridge regression over its character reader's TF-IDF vector,
  restricted to its ``--char-ngrams`` most frequent n-grams (weights stored in int8 with a scale per emotion).

Two ordinal models are fitted: ``stack`` (all inputs; the languages with track B train texts) and ``fallback``
(the ensemble probability and the embedding ridge; every other language, Romanian included). Both are scored on
the track B dev texts of the 8 languages with train texts, less those that are track A train or test texts (the
texts version 3 chose its intensity on), beside version 3's reading (the probability to a power); the fallback
also on Romanian's track B dev (a language it never learned from). No track B test text, nor a dev text, trains
anything.

    python -m affectkit.training.multilingual_intensity --data ../shared/data \\
        --model src/affectkit/models/brighter-e5 --version 4 --report build/brighter-e5-intensity.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import BRIGHTER_ISO, load_brighter
from affectkit.recognizers.multilingual import (
    EMOTIONS,
    MultilingualRecognizer,
    _sigmoid,
    intensity_features,
    ordinal_expectation,
)
from affectkit.training.multilingual import (
    TRACK_B,
    TRAINED,
    EmbeddingCache,
    char_predict,
    char_reader,
    e5_predict,
    e5_reader,
    full_labels,
    held_out_texts,
    rows_without,
)

LEVELS = 3  # BRIGHTER track B: 0 none, 1 low, 2 moderate, 3 high
WITH_TRAIN = tuple(lang for lang in TRACK_B if lang != "ron")  # Romanian has no track B train split
POWERS = (1.0, 1.5, 2.0, 2.5, 3.0)


def fit_ordinal(features: np.ndarray, levels: np.ndarray, mask: np.ndarray, c: float = 1.0) -> tuple[np.ndarray,
                                                                                                        np.ndarray]:
    """One logistic regression per emotion and level k = 1..LEVELS on ``level >= k`` over standardised
    ``features`` (rows where ``mask`` marks the emotion), returned as (weights (6, LEVELS, features), bias
    (6, LEVELS)) on the raw features, for :func:`ordinal_expectation`. A level no row (or every row) reaches gets
    zero weights and the log-odds of its smoothed rate."""
    from sklearn.linear_model import LogisticRegression

    mean, std = features.mean(0), features.std(0) + 1e-9
    scaled = (features - mean) / std
    weights = np.zeros((len(EMOTIONS), LEVELS, features.shape[1]))
    bias = np.zeros((len(EMOTIONS), LEVELS))
    for j in range(len(EMOTIONS)):
        rows = mask[:, j]
        for k in range(LEVELS):
            target = (levels[rows, j] >= k + 1).astype(int)
            if 0 < target.sum() < len(target):
                model = LogisticRegression(C=c, max_iter=2000).fit(scaled[rows], target)
                weights[j, k] = model.coef_[0] / std
                bias[j, k] = model.intercept_[0] - float(model.coef_[0] @ (mean / std))
            else:
                rate = (target.sum() + 0.5) / (len(target) + 1.0)
                bias[j, k] = np.log(rate / (1 - rate))
    return weights, bias


def quantise(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 weights and a float32 scale per column (emotion): ``weights ~= int8 * scale``.

    Example:
        >>> q, scale = quantise(np.array([[1.0, -0.5], [-2.0, 0.25]]))
        >>> q.tolist(), (q * scale).astype(float).round(3).tolist()
        ([[64, -127], [-127, 64]], [[1.008, -0.5], [-2.0, 0.252]])
    """
    scale = np.abs(weights).max(0) / 127.0
    scale[scale == 0] = 1.0
    return np.round(weights / scale).astype(np.int8), scale.astype(np.float32)


def kept_ngrams(model: MultilingualRecognizer, language: str, n: int) -> np.ndarray:
    """The ``n`` n-grams of ``language``'s character vocabulary with the lowest idf (the most frequent), sorted."""
    idf = model._arrays[f"char_{language}_idf"].astype(np.float64)
    return np.sort(np.argsort(idf, kind="stable")[:n])


def char_matrix(model: MultilingualRecognizer, texts: list[str], language: str) -> Any:
    """The texts' character TF-IDF vectors (as the run time computes them) as a sparse matrix."""
    import scipy.sparse as sp

    rows, cols, values = [], [], []
    for i, text in enumerate(texts):
        vector = model.char_tfidf(text, language)
        if vector is not None:
            rows.extend([i] * len(vector[0]))
            cols.extend(vector[0].tolist())
            values.extend(vector[1].tolist())
    shape = (len(texts), len(model._arrays[f"char_{language}_vocab"]))
    return sp.csr_matrix((values, (rows, cols)), shape=shape)


def ridges(features: Any, levels: np.ndarray, alpha: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """A ridge regression per emotion of the levels (0..3) on ``features``: (weights (features, 6), bias (6))."""
    from sklearn.linear_model import Ridge

    fitted = [Ridge(alpha=alpha).fit(features, levels[:, j]) for j in range(len(EMOTIONS))]
    return np.stack([m.coef_ for m in fitted], 1), np.array([m.intercept_ for m in fitted])


def reader_oof(root: Path, embed: EmbeddingCache, folds: int) -> dict[str, dict[str, np.ndarray]]:
    """For each language with track B train texts: the embedding reader's and the character reader's
    probabilities of its track A train texts, each read by readers fitted on the other folds (the folds of
    :mod:`affectkit.training.multilingual`), by text."""
    from sklearn.model_selection import KFold

    held = held_out_texts(root, "a")
    train = {lang: rows_without(load_brighter(root, "a", "train", lang), held) for lang in TRAINED}
    x = {lang: embed(train[lang].texts) for lang in TRAINED}
    y = {lang: full_labels(train[lang]) for lang in TRAINED}
    split = {lang: list(KFold(folds, shuffle=True, random_state=0).split(np.arange(len(x[lang]))))
             for lang in TRAINED}
    e5 = {lang: np.zeros((len(x[lang]), len(EMOTIONS))) for lang in WITH_TRAIN}
    char = {lang: np.zeros((len(x[lang]), len(EMOTIONS))) for lang in WITH_TRAIN}
    for k in range(folds):
        models = e5_reader([(x[lang][split[lang][k][0]], y[lang][0][split[lang][k][0]], y[lang][1])
                            for lang in TRAINED])
        for lang in WITH_TRAIN:
            e5[lang][split[lang][k][1]] = e5_predict(models, x[lang][split[lang][k][1]])
    for lang in WITH_TRAIN:
        texts, (labels, mask) = train[lang].texts, y[lang]
        for fit_rows, held_rows in split[lang]:
            reader = char_reader([texts[i] for i in fit_rows], labels[fit_rows], mask)
            char[lang][held_rows] = char_predict(reader, [texts[i] for i in held_rows])
            missing = [j for j, m in enumerate(reader[1]) if m is None]
            char[lang][np.ix_(held_rows, missing)] = 0.5  # the run time's logit 0 for an emotion without a model
    return {lang: {"texts": np.array(train[lang].texts), "e5": e5[lang], "char": char[lang]} for lang in WITH_TRAIN}


def mean_r(readings: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[float, dict[str, float]]:
    """Pearson r of predicted intensity with the gold level per emotion the file has (and that varies), averaged
    over a language's emotions, then over languages. ``readings``: language -> (predicted, gold, mask)."""
    from affectkit.metrics import pearson

    per = {lang: float(np.mean([pearson(p[:, j], gold[:, j]) for j in np.flatnonzero(mask) if gold[:, j].std() > 0]))
           for lang, (p, gold, mask) in readings.items()}
    return float(np.mean(list(per.values()))), per


def dev_splits(root: Path) -> dict[str, Any]:
    """The track B dev texts intensity is chosen on, by language: those of the languages with track B train texts
    less the texts that are track A train or test texts; Romanian's whole dev."""
    unseen = held_out_texts(root) | {t for lang in TRAINED for t in load_brighter(root, "a", "train", lang).texts}
    return {lang: rows_without(load_brighter(root, "b", "dev", lang), unseen) if lang != "ron"
            else load_brighter(root, "b", "dev", lang) for lang in TRACK_B}


def fit(model: MultilingualRecognizer, root: Path, embed: EmbeddingCache, folds: int = 3,
        char_ngrams: int = 10000) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The intensity arrays for ``model``'s heads, and a report of the dev figures (see the module's docstring)."""
    from sklearn.model_selection import KFold

    a = model._arrays
    weight = float(model.config["ensemble"]["e5_weight"])
    # Track B train rows: no test text of tracks A and B, no dev text of either (as version 3's ridge).
    excluded = held_out_texts(root) | {t for lang in TRAINED for t in load_brighter(root, "a", "dev", lang).texts}
    excluded |= {t for lang in TRACK_B for t in load_brighter(root, "b", "dev", lang).texts}
    oof = reader_oof(root, embed, folds)
    train: dict[str, dict[str, Any]] = {}
    for lang in WITH_TRAIN:
        split = rows_without(load_brighter(root, "b", "train", lang), excluded)
        index = {t: i for i, t in reversed(list(enumerate(oof[lang]["texts"].tolist())))}
        rows = np.array([index[t] for t in split.texts])  # every such text is a track A train text
        levels, mask = full_labels(split)
        e5, char = oof[lang]["e5"][rows], oof[lang]["char"][rows]
        train[lang] = {"texts": split.texts, "x": embed(split.texts), "levels": levels,
                       "mask": np.repeat(mask[None], len(rows), 0), "e5": e5, "char": char,
                       "probability": weight * e5 + (1 - weight) * char}
    arrays: dict[str, np.ndarray] = {}
    # The embedding ridge, out-of-fold on train (pooled languages) and on all of it.
    x = np.concatenate([train[lang]["x"] for lang in WITH_TRAIN]).astype(np.float64)
    levels = np.concatenate([train[lang]["levels"] for lang in WITH_TRAIN])
    language_of = np.concatenate([[lang] * len(train[lang]["x"]) for lang in WITH_TRAIN])
    emb_oof = np.zeros_like(levels, dtype=np.float64)
    for fit_rows, held_rows in KFold(folds, shuffle=True, random_state=1).split(x):
        w, b = ridges(x[fit_rows], levels[fit_rows])
        emb_oof[held_rows] = x[held_rows] @ w + b
    w, b = ridges(x, levels)
    arrays["intensity_W"], arrays["intensity_b"] = w.astype(np.float32), b.astype(np.float32)
    for lang in WITH_TRAIN:
        train[lang]["emb_ridge"] = emb_oof[language_of == lang]
    # Each language's character ridge over its most frequent n-grams, out-of-fold and on all of train.
    for lang in WITH_TRAIN:
        code, t = BRIGHTER_ISO[lang], train[lang]
        kept = kept_ngrams(model, code, char_ngrams)
        features = char_matrix(model, t["texts"], code)[:, kept]
        t["char_ridge"] = np.zeros_like(t["levels"], dtype=np.float64)
        for fit_rows, held_rows in KFold(folds, shuffle=True, random_state=1).split(t["texts"]):
            w, b = ridges(features[fit_rows], t["levels"][fit_rows])
            t["char_ridge"][held_rows] = features[held_rows] @ w + b
        w, b = ridges(features, t["levels"])
        q, scale = quantise(w)
        arrays[f"intensity_char_{code}_index"] = kept.astype(np.uint16)
        arrays[f"intensity_char_{code}_W"], arrays[f"intensity_char_{code}_scale"] = q, scale
        arrays[f"intensity_char_{code}_b"] = b.astype(np.float32)
    mask = np.concatenate([train[lang]["mask"] for lang in WITH_TRAIN])
    stack = np.concatenate([intensity_features(t["probability"], t["emb_ridge"], t["e5"], t["char"], t["char_ridge"])
                            for t in train.values()])
    fallback = np.concatenate([intensity_features(t["probability"], t["emb_ridge"]) for t in train.values()])
    arrays["intensity_stack_W"], arrays["intensity_stack_b"] = fit_ordinal(stack, levels, mask)
    arrays["intensity_fallback_W"], arrays["intensity_fallback_b"] = fit_ordinal(fallback, levels, mask)

    report: dict[str, Any] = {"train_texts": {lang: len(t["texts"]) for lang, t in train.items()},
                              "char_ngrams": char_ngrams, "folds": folds}
    readings: dict[str, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    # Read as MultilingualRecognizer.predict reads, with the candidate arrays (not yet the model's), and every
    # candidate reading beside it (the fallback for every language, the powers).
    for lang, split in dev_splits(root).items():
        code = BRIGHTER_ISO[lang]
        gold, file_mask = full_labels(split)
        x_dev = embed(split.texts).astype(np.float64)
        e5 = _sigmoid(x_dev @ a["e5_W"].astype(np.float64) + a["e5_b"])
        char = np.stack([_sigmoid(model.char_logits(text, code)) for text in split.texts])  # type: ignore[arg-type]
        probability = weight * e5 + (1 - weight) * char
        emb_ridge = x_dev @ arrays["intensity_W"].astype(np.float64) + arrays["intensity_b"]
        found = {"fallback": ordinal_expectation(intensity_features(probability, emb_ridge),
                                                 arrays["intensity_fallback_W"], arrays["intensity_fallback_b"])}
        found.update({f"power {k}": probability**k for k in POWERS})
        if lang in WITH_TRAIN:
            kept = arrays[f"intensity_char_{code}_index"].astype(np.int64)
            dense = arrays[f"intensity_char_{code}_W"].astype(np.float64) * arrays[f"intensity_char_{code}_scale"]
            char_ridge = char_matrix(model, split.texts, code)[:, kept] @ dense + arrays[f"intensity_char_{code}_b"]
            features = intensity_features(probability, emb_ridge, e5, char, char_ridge)
            found["stack"] = ordinal_expectation(features, arrays["intensity_stack_W"], arrays["intensity_stack_b"])
        for name, predicted in found.items():
            readings.setdefault(name, {})[lang] = (predicted, gold, file_mask)
        report.setdefault("dev_texts", {})[lang] = len(split.texts)
    for name, per in readings.items():
        languages = {lang: per[lang] for lang in WITH_TRAIN if lang in per}
        mean, by_language = mean_r(languages)
        report.setdefault("dev_mean_r", {})[name] = round(mean, 4)
        report.setdefault("dev_r_by_language", {})[name] = {lang: round(r, 4) for lang, r in by_language.items()}
        if "ron" in per:
            report.setdefault("dev_r_ron", {})[name] = round(mean_r({"ron": per["ron"]})[0], 4)
    return arrays, report


def refit(folder: Path, root: Path, cache: Path, version: int | None, folds: int = 3,
          char_ngrams: int = 10000) -> dict[str, Any]:
    """Fit :func:`fit` for the model in ``folder`` and write the intensity arrays into its heads and config."""
    model = MultilingualRecognizer(folder, threads=1)
    arrays, report = fit(model, root, EmbeddingCache(model, cache), folds, char_ngrams)
    heads = {k: v for k, v in model._arrays.items() if not k.startswith("intensity_")}
    np.savez_compressed(folder / "heads.npz", **heads, **arrays)  # type: ignore[arg-type]
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["intensity"] = {"model": "ordinal", "levels": LEVELS,
                           "char_languages": sorted(BRIGHTER_ISO[lang] for lang in WITH_TRAIN)}
    if version is not None:
        config["version"] = version
    (folder / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    # The written model, read as at run time, on the same dev texts: its figure is the stack's (the fallback's
    # for Romanian).
    written = MultilingualRecognizer(folder, threads=1)
    embed = EmbeddingCache(written, cache)
    readings = {}
    for lang, split in dev_splits(root).items():
        gold, file_mask = full_labels(split)
        raw = written.predict(split.texts, [BRIGHTER_ISO[lang]] * len(split.texts),
                              (embed(split.texts), np.ones(len(split.texts), dtype=int)))
        readings[lang] = (raw["intensity"], gold, file_mask)
    report["written_dev_mean_r"] = round(mean_r({k: v for k, v in readings.items() if k != "ron"})[0], 4)
    report["written_dev_r_ron"] = round(mean_r({"ron": readings["ron"]})[0], 4)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--model", type=Path, required=True, help="a built brighter-e5 folder (rewritten)")
    parser.add_argument("--cache", type=Path, default=Path("build/e5-cache"))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--char-ngrams", type=int, default=10000,
                        help="n-grams per language for the character intensity ridge (the most frequent)")
    parser.add_argument("--version", type=int, help="the model version to write (default: the folder's own)")
    parser.add_argument("--report", type=Path, help="write the dev figures here (JSON)")
    args = parser.parse_args(argv)
    report = refit(args.model, args.data / "semeval2025_task11_brighter", args.cache, args.version, args.folds,
                   args.char_ngrams)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("dev_mean_r", "dev_r_ron", "written_dev_mean_r", "written_dev_r_ron")}),
          flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
