"""Train the heads of ``brighter-e5`` (see :mod:`affectkit.recognizers.multilingual`) on BRIGHTER.

Steps (needs the ``train`` extra for scikit-learn, and an encoder folder from
:mod:`affectkit.training.multilingual_encoder`):

1. embed every BRIGHTER text used (track A train/dev/test of the 13 languages, track B, track C test of the
   languages without training data) with the int8 encoder, cached in ``--cache``;
2. the embedding reader: one logistic regression per emotion over a seeded sample of each language's train
   split (``--e5-train``, 300 texts: encoding is the slow step on a shared CPU);
3. the character reader: per language, TF-IDF over :func:`~affectkit.recognizers.multilingual.char_ngrams`
   and one logistic regression per emotion;
4. the ensemble weight (one for all languages) and each language's threshold per emotion on dev;
5. intensity: ridge regression over the embedding on the track B train texts among those encoded for step 2
   (Romanian: track B dev; 0..3 -> 0..1), blended with the emotion's ensemble probability, the weight chosen and
   a linear scale per emotion fitted on track B dev (:func:`fit_intensity_blend`; ``--refit-intensity`` redoes
   only this on a built model);
6. VAD: a linear map from the Ekman-7 probabilities to the English model's VAD on English BRIGHTER train texts.

    python -m affectkit.training.multilingual --data ../shared/data --encoder build/e5 --out build/brighter-e5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import BRIGHTER_ISO, BrighterSplit, load_brighter
from affectkit.language import LANGUAGES
from affectkit.recognizers.multilingual import EKMAN, EMOTIONS, MultilingualRecognizer, char_ngrams

TRAINED = ("deu", "esp", "ptbr", "rus", "ukr", "chn", "hin", "mar", "swe", "ron", "amh", "arq", "tat")
TRACK_B = ("amh", "arq", "chn", "deu", "esp", "ptbr", "ron", "rus", "ukr")
ZERO_SHOT = ("ind", "jav", "xho", "zul")


def full_labels(split: BrighterSplit) -> tuple[np.ndarray, np.ndarray]:
    """The split's values on all six emotions, and a mask of the emotions the file has."""
    values = np.zeros((len(split.texts), len(EMOTIONS)), dtype=np.float32)
    mask = np.zeros(len(EMOTIONS), dtype=bool)
    for j, emotion in enumerate(split.emotions):
        k = EMOTIONS.index(emotion)
        values[:, k] = split.values[:, j]
        mask[k] = True
    return values, mask


class EmbeddingCache:
    """Embeddings by text, computed once with the encoder and kept in ``folder`` (shards of texts and vectors).
    ``exact`` computes them as :meth:`MultilingualRecognizer.embed` does at run time (one text per run), else
    with :func:`embed_grouped` (faster, last bits may differ)."""

    def __init__(self, encoder: MultilingualRecognizer, folder: Path, exact: bool = False) -> None:
        self.encoder, self.folder, self.exact = encoder, folder, exact
        folder.mkdir(parents=True, exist_ok=True)
        self.vectors: dict[str, np.ndarray] = {}
        for shard in sorted(folder.glob("*.npz")):
            with np.load(shard, allow_pickle=False) as data:
                self.vectors.update(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vectors})
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            vectors = self.encoder.embed(chunk)[0] if self.exact else embed_grouped(self.encoder, chunk)
            key = hashlib.sha256("\x00".join(chunk).encode()).hexdigest()[:20]
            np.savez(self.folder / f"{key}.npz", texts=np.array(chunk), vectors=vectors)
            self.vectors.update(zip(chunk, vectors, strict=True))
            print(f"embedded {start + len(chunk)}/{len(missing)}", flush=True)
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def embed_grouped(encoder: MultilingualRecognizer, texts: list[str], batch: int = 64) -> np.ndarray:
    """Embeddings of many texts for training: texts of one window and equal token count run together (no
    padding is ever needed); long texts as at run time. Activation scales are then shared within a group, so
    a value may differ from the run-time one in its last bits."""
    windows = encoder.windows(texts)
    out = np.zeros((len(texts), int(encoder.config["dim"])), dtype=np.float32)
    single: dict[int, list[int]] = {}
    long = []
    for i, w in enumerate(windows):
        if len(w) == 1:
            single.setdefault(len(w[0]), []).append(i)
        else:
            long.append(i)
    session = encoder._new_session(2)
    for indices in single.values():
        for start in range(0, len(indices), batch):
            chunk = indices[start : start + batch]
            ids = np.array([windows[i][0] for i in chunk], dtype=np.int64)
            out[chunk] = session.run(None, {"input_ids": ids})[0]
    if long:
        out[long] = encoder.embed([texts[i] for i in long])[0]
    return out


BLEND_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))


def fit_intensity_blend(model: MultilingualRecognizer, root: Path, embed: EmbeddingCache) -> dict[str, Any]:
    """The intensity read as ``w * probability + (1 - w) * ridge``, then ``scale * x + offset`` per emotion
    (clipped to 0..1): ``w`` is the weight of :data:`BLEND_WEIGHTS` with the best mean Pearson r on the track B
    dev texts of the languages whose dev did not train the ridge (all but Romanian), the scale and offset a least
    squares fit of the blend to their gold (0..3 -> 0..1), pooled over those languages. The probability is the
    ensemble's, before the decision scale; r is the mean over a language's emotions, then over languages."""
    from affectkit.metrics import pearson

    readings = {}
    for lang in TRACK_B:
        if lang == "ron":
            continue  # its track B dev trained the ridge
        split = load_brighter(root, "b", "dev", lang)
        values, mask = full_labels(split)
        raw = model.predict(split.texts, [BRIGHTER_ISO[lang]] * len(split.texts),
                            (embed(split.texts), np.ones(len(split.texts), dtype=int)))
        readings[lang] = (raw["probability"], raw["intensity"], values / 3.0, mask)

    def mean_r(w: float) -> tuple[float, dict[str, float]]:
        per = {}
        for lang, (p, ridge, gold, mask) in readings.items():
            blend = w * p + (1 - w) * ridge
            per[lang] = float(np.mean([pearson(blend[:, j], gold[:, j]) for j in np.flatnonzero(mask)
                                       if gold[:, j].std() > 0]))
        return float(np.mean(list(per.values()))), per

    scores = {w: mean_r(w) for w in BLEND_WEIGHTS}
    weight = max(BLEND_WEIGHTS, key=lambda w: scores[w][0])
    scale, offset = np.ones(len(EMOTIONS)), np.zeros(len(EMOTIONS))
    for j in range(len(EMOTIONS)):
        rows = [(weight * p[:, j] + (1 - weight) * ridge[:, j], gold[:, j])
                for p, ridge, gold, mask in readings.values() if mask[j]]
        x, t = np.concatenate([r[0] for r in rows]), np.concatenate([r[1] for r in rows])
        scale[j], offset[j] = np.polyfit(x, t, 1)
    return {"probability_weight": weight, "scale": scale.round(5).tolist(), "offset": offset.round(5).tolist(),
            "dev_mean_r_by_weight": {str(w): round(v[0], 4) for w, v in scores.items()},
            "dev_r_by_language": {lang: round(r, 4) for lang, r in scores[weight][1].items()}}


def refit_intensity(folder: Path, root: Path, cache: Path, version: int | None) -> dict[str, Any]:
    """Fit :func:`fit_intensity_blend` for the model in ``folder`` and write it into its config (and ``version``)."""
    model = MultilingualRecognizer(folder, threads=1)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config.pop("intensity", None)
    model.config.pop("intensity", None)  # the blend is fitted on the ridge alone
    blend = fit_intensity_blend(model, root, EmbeddingCache(model, cache))
    config["intensity"] = {k: blend[k] for k in ("probability_weight", "scale", "offset")}
    if version is not None:
        config["version"] = version
    (folder / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return blend


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915 - one recipe, read top to bottom
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, Ridge

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--encoder", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("build/e5-cache"))
    parser.add_argument("--report", type=Path, help="write the dev choices here (JSON)")
    parser.add_argument("--e5-train", type=int, default=300, help="train texts per language for the embedding reader")
    parser.add_argument("--refit-intensity", action="store_true",
                        help="only refit the intensity blend of the model already in --out (step 5)")
    parser.add_argument("--version", type=int, help="the model version to write (default 1, or --out's own)")
    args = parser.parse_args(argv)
    root = args.data / "semeval2025_task11_brighter"
    if args.refit_intensity:
        print(json.dumps(refit_intensity(args.out, root, args.cache, args.version)), flush=True)
        return 0
    encoder = MultilingualRecognizer(args.encoder, threads=2)
    embed = EmbeddingCache(encoder, args.cache)

    splits = {(lang, s): load_brighter(root, "a", s, lang) for lang in TRAINED for s in ("train", "dev")}
    subset: dict[str, np.ndarray] = {}
    # The embedding reader learns from at most --e5-train texts per language (a seeded sample: encoding is the
    # slow step on a shared CPU); the character reader from every train text.
    for lang in TRAINED:
        split = splits[(lang, "train")]
        rows = np.arange(len(split.texts))
        if len(rows) > args.e5_train:
            rows = np.sort(np.random.default_rng(0).choice(len(rows), args.e5_train, replace=False))
        subset[lang] = rows
        splits[(lang, "e5train")] = BrighterSplit([split.ids[i] for i in rows], [split.texts[i] for i in rows],
                                                  split.emotions, split.values[rows])
    x = {key: embed(split.texts) for key, split in splits.items() if key[1] != "train"}
    y = {key: full_labels(split) for key, split in splits.items()}
    report: dict[str, Any] = {}

    def e5_reader(keys: list[tuple[str, str]], c: float = 1.0) -> list[Any]:
        features = np.concatenate([x[k] for k in keys])
        labels = np.concatenate([y[k][0] for k in keys])
        masks = np.concatenate([np.repeat(y[k][1][None], len(x[k]), 0) for k in keys])
        models = []
        for j in range(len(EMOTIONS)):
            rows = masks[:, j]
            models.append(LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
                          .fit(features[rows], labels[rows, j]))
        return models

    def e5_predict(models: list[Any], features: np.ndarray) -> np.ndarray:
        return np.stack([m.predict_proba(features)[:, 1] for m in models], axis=1)

    def char_reader(texts: list[str], labels: np.ndarray, mask: np.ndarray, c: float = 4.0) -> tuple[Any, list[Any]]:
        vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=2, max_features=30000)
        features = vectorizer.fit_transform(texts)
        models = [LogisticRegression(C=c, solver="liblinear", class_weight="balanced").fit(features, labels[:, j])
                  if mask[j] and 0 < labels[:, j].sum() < len(labels) else None for j in range(len(EMOTIONS))]
        return vectorizer, models

    def char_predict(reader: tuple[Any, list[Any]], texts: list[str]) -> np.ndarray:
        vectorizer, models = reader
        features = vectorizer.transform(texts)
        return np.stack([m.predict_proba(features)[:, 1] if m is not None else np.zeros(len(texts))
                         for m in models], axis=1)

    # Both readers fit on train (the embedding reader on the samples of every language), read dev.
    e5_models = e5_reader([(lang, "e5train") for lang in TRAINED])
    dev_e5 = {lang: e5_predict(e5_models, x[(lang, "dev")]) for lang in TRAINED}
    dev_char, char_readers = {}, {}
    for lang in TRAINED:
        labels, mask = y[(lang, "train")]
        char_readers[lang] = char_reader(splits[(lang, "train")].texts, labels, mask)
        dev_char[lang] = char_predict(char_readers[lang], splits[(lang, "dev")].texts)
        print(f"character reader {lang}", flush=True)

    from affectkit.metrics import f1_per_label

    def best_thresholds(p: np.ndarray, gold: np.ndarray, mask: np.ndarray) -> np.ndarray:
        grid = np.linspace(0.05, 0.95, 91)
        out = np.full(6, 0.5)
        for j in np.flatnonzero(mask):
            scores = [f1_per_label(gold[:, j : j + 1].astype(bool), (p[:, j : j + 1] >= t))[0] for t in grid]
            out[j] = grid[int(np.argmax(scores))]
        return out

    def macro(p: np.ndarray, gold: np.ndarray, mask: np.ndarray, t: np.ndarray) -> float:
        return float(f1_per_label(gold[:, mask].astype(bool), p[:, mask] >= t[mask]).mean())

    # The ensemble weight and each language's thresholds, on dev (so the dev figures below are optimistic; the
    # test figures in benchmarks/multilingual.py are not).
    weights = [0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]
    dev_scores: dict[str, dict[str, float]] = {}
    for w in weights:
        scores = {}
        for lang in TRAINED:
            dev_labels, dev_mask = y[(lang, "dev")]
            mask = dev_mask & y[(lang, "train")][1]
            p = w * dev_e5[lang] + (1 - w) * dev_char[lang]
            scores[lang] = macro(p, dev_labels, mask, best_thresholds(p, dev_labels, mask))
        scores["mean"] = float(np.mean([scores[lang] for lang in TRAINED]))
        dev_scores[str(w)] = scores
        print(f"e5 weight {w}: dev mean macro-F1 {scores['mean']:.4f}", flush=True)
    weight = float(max(weights, key=lambda w: dev_scores[str(w)]["mean"]))
    report["dev_macro_f1_by_e5_weight"] = dev_scores
    report["e5_weight"] = weight
    thresholds: dict[str, list[float]] = {}
    for lang in TRAINED:
        dev_labels, dev_mask = y[(lang, "dev")]
        p = weight * dev_e5[lang] + (1 - weight) * dev_char[lang]
        thresholds[BRIGHTER_ISO[lang]] = best_thresholds(p, dev_labels, dev_mask & y[(lang, "train")][1]).tolist()
    pooled = np.concatenate([dev_e5[lang] for lang in TRAINED])
    pooled_gold = np.concatenate([y[(lang, "dev")][0] for lang in TRAINED])
    thresholds["default"] = best_thresholds(pooled, pooled_gold, np.ones(6, dtype=bool)).tolist()

    arrays: dict[str, np.ndarray] = {
        "e5_W": np.stack([m.coef_[0] for m in e5_models], axis=1).astype(np.float32),
        "e5_b": np.array([m.intercept_[0] for m in e5_models], dtype=np.float32),
    }
    for lang in TRAINED:
        code = BRIGHTER_ISO[lang]
        vectorizer, models = char_readers[lang]
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        arrays[f"char_{code}_vocab"] = np.array(vocabulary)
        arrays[f"char_{code}_idf"] = vectorizer.idf_.astype(np.float16)
        # An emotion the language's file lacks (or never marks) is left to the embedding reader alone.
        coef = np.zeros((len(vocabulary), 6), dtype=np.float32)
        bias = np.zeros(6, dtype=np.float32)
        for j, m in enumerate(models):
            if m is None:
                continue
            coef[:, j], bias[j] = m.coef_[0], m.intercept_[0]
        arrays[f"char_{code}_W"] = coef.astype(np.float16)
        arrays[f"char_{code}_b"] = bias
        arrays[f"char_{code}_has"] = np.array([m is not None for m in models])

    # Intensity: ridge over the embedding on track B train (all its languages but English), 0..3 -> 0..1.
    bx, by, bm = [], [], []
    for lang in TRACK_B:
        split = load_brighter(root, "b", "train", lang) if lang != "ron" else load_brighter(root, "b", "dev", lang)
        values, mask = full_labels(split)
        encoded = [i for i, t in enumerate(split.texts) if t in embed.vectors]  # the texts encoded above
        bx.append(embed([split.texts[i] for i in encoded]))
        by.append(values[encoded] / 3.0)
        bm.append(np.repeat(mask[None], len(encoded), 0))
    features, targets, masks = np.concatenate(bx), np.concatenate(by), np.concatenate(bm)
    intensity_w = np.zeros((features.shape[1], 6), dtype=np.float32)
    intensity_b = np.zeros(6, dtype=np.float32)
    for j in range(6):
        ridge = Ridge(alpha=1.0).fit(features[masks[:, j]], targets[masks[:, j], j])
        intensity_w[:, j], intensity_b[j] = ridge.coef_, ridge.intercept_
    arrays["intensity_W"], arrays["intensity_b"] = intensity_w, intensity_b

    # VAD: the English model's VAD regressed on its own Ekman-7 probabilities, over English BRIGHTER train.
    from affectkit.recognizers import get_recognizer

    english = get_recognizer().analyze(load_brighter(root, "a", "train", "eng").texts[:600])
    ekman = np.array([[a.ekman[e] for e in EKMAN] for a in english])
    vad = np.array([[a.vad.valence, a.vad.arousal, a.vad.dominance] for a in english if a.vad is not None])
    design = np.hstack([ekman, np.ones((len(ekman), 1))])
    solution = np.linalg.lstsq(design, vad, rcond=None)[0]
    residual = ((design @ solution - vad) ** 2).sum(0)
    report["vad_fit_r2"] = (1 - residual / ((vad - vad.mean(0)) ** 2).sum(0)).tolist()

    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "normalisation.json"):
        shutil.copyfile(args.encoder / name, args.out / name)
    import gzip

    # 5.5 MB of JSON for 85k pieces; 1-2 MB compressed (the shipped model stays under 60 MB).
    (args.out / "tokenizer.json.gz").write_bytes(gzip.compress((args.encoder / "tokenizer.json").read_bytes(), 9,
                                                               mtime=0))
    np.savez_compressed(args.out / "heads.npz", **arrays)  # type: ignore[arg-type]
    config = {
        "name": "brighter-e5", "version": 1, "dim": int(encoder.config["dim"]),
        "window": encoder.config["window"],
        "languages": sorted(BRIGHTER_ISO[lang] for lang in TRAINED),
        # Every other language the identifier names (English has its own model): read zero-shot, AK-W030.
        "zero_shot": sorted(set(LANGUAGES) - {"en"} - {BRIGHTER_ISO[lang] for lang in TRAINED}),
        "ensemble": {"e5_weight": weight},
        "thresholds": thresholds,
        "vad": {"W": solution[:-1].tolist(), "b": solution[-1].tolist()},
        "training": {"data": "BRIGHTER (SemEval-2025 task 11) track A train+dev of " + ", ".join(TRAINED)
                     + "; track B train for intensity", "licence": "CC BY 4.0"},
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    report["intensity_blend"] = refit_intensity(args.out, root, args.cache, args.version)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "dev_macro_f1_by_e5_weight"}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
