"""Train the heads of ``brighter-e5`` (see :mod:`affectkit.recognizers.multilingual`) on BRIGHTER.

Steps (needs the ``train`` extra for scikit-learn, and an encoder folder from
:mod:`affectkit.training.multilingual_encoder`):

1. embed every BRIGHTER text used (track A train/dev of the 13 languages, track B) with the int8 encoder,
   cached in ``--cache`` (every train text: about 24,000 texts, an hour on a shared 2-core CPU);
2. the embedding reader: one logistic regression per emotion over every train text of every language
   (``--e5-train N``: a seeded sample of N per language, as version 2 did with 300);
3. the character reader: per language, TF-IDF over :func:`~affectkit.recognizers.multilingual.char_ngrams`
   and one logistic regression per emotion;
4. both readers also read train out-of-fold (``--folds``); the ensemble weight (one for all languages) is the
   one with the best dev macro-F1 when thresholds are chosen on train alone, and each language's threshold per
   emotion is then chosen on its train (out-of-fold) and dev predictions together;
5. intensity: an ordinal model per emotion over the readers' probabilities and ridge regressions over the
   embedding and the character n-grams, trained on track B train read out-of-fold, scored on track B dev
   (:mod:`affectkit.training.multilingual_intensity`; ``--refit-intensity`` redoes only this on a built model);
6. VAD: a linear map from the Ekman-7 probabilities to the English model's VAD on English BRIGHTER train texts.

No track A test text is read by any step, and step 5 trains on no track B test or dev text (:func:`held_out_texts`); but
1,040 of Amharic's track B test texts are track A train texts, whose emotion labels steps 2 and 3 learn.

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


def held_out_texts(root: Path, tracks: str = "ab") -> set[str]:
    """Every test text of the trained languages in ``tracks`` (``a``, ``b`` or both). BRIGHTER's tracks share
    texts: 1,045 of Amharic's track B train texts are track A test texts, and 1,040 of its track B test texts
    are track A train texts (the emotion readers learn their labels: its track B test figure is optimistic)."""
    texts = {t for lang in TRAINED for t in load_brighter(root, "a", "test", lang).texts} if "a" in tracks else set()
    if "b" in tracks:
        texts |= {t for lang in TRACK_B for t in load_brighter(root, "b", "test", lang).texts}
    return texts


def rows_without(split: BrighterSplit, texts: set[str]) -> BrighterSplit:
    """``split`` without the rows whose text is in ``texts``."""
    rows = [i for i, t in enumerate(split.texts) if t not in texts]
    return BrighterSplit([split.ids[i] for i in rows], [split.texts[i] for i in rows], split.emotions,
                         split.values[rows])


def e5_reader(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], c: float = 1.0) -> list[Any]:
    """The embedding reader: one logistic regression per emotion over (features, labels, mask of the file's
    emotions) parts, pooled over languages."""
    from sklearn.linear_model import LogisticRegression

    features = np.concatenate([p[0] for p in parts])
    labels = np.concatenate([p[1] for p in parts])
    masks = np.concatenate([np.repeat(p[2][None], len(p[0]), 0) for p in parts])
    return [LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            .fit(features[masks[:, j]], labels[masks[:, j], j]) for j in range(len(EMOTIONS))]


def e5_predict(models: list[Any], features: np.ndarray) -> np.ndarray:
    return np.stack([m.predict_proba(features)[:, 1] for m in models], axis=1)


def char_reader(texts: list[str], labels: np.ndarray, mask: np.ndarray, c: float = 4.0) -> tuple[Any, list[Any]]:
    """A language's character reader: TF-IDF over :func:`char_ngrams` and a logistic regression per emotion (``None``
    for an emotion the file lacks or never marks)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=2, max_features=30000)
    features = vectorizer.fit_transform(texts)
    models = [LogisticRegression(C=c, solver="liblinear", class_weight="balanced").fit(features, labels[:, j])
              if mask[j] and 0 < labels[:, j].sum() < len(labels) else None for j in range(len(EMOTIONS))]
    return vectorizer, models


def char_predict(reader: tuple[Any, list[Any]], texts: list[str]) -> np.ndarray:
    """Probabilities of a character reader; 0 for an emotion it has no model of (at run time such an emotion's
    logit is 0: probability 0.5)."""
    vectorizer, models = reader
    features = vectorizer.transform(texts)
    return np.stack([m.predict_proba(features)[:, 1] if m is not None else np.zeros(len(texts))
                     for m in models], axis=1)


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915 - one recipe, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--encoder", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("build/e5-cache"))
    parser.add_argument("--report", type=Path, help="write the dev choices here (JSON)")
    parser.add_argument("--e5-train", type=int, default=0,
                        help="train texts per language for the embedding reader (0: all; version 2 used 300)")
    parser.add_argument("--e5-c", type=float, default=1.0, help="inverse regularisation of the embedding reader")
    parser.add_argument("--folds", type=int, default=3, help="folds of the out-of-fold train predictions")
    parser.add_argument("--refit-intensity", action="store_true",
                        help="only refit the intensity model of the model already in --out (step 5)")
    parser.add_argument("--version", type=int, help="the model version to write (default 1, or --out's own)")
    args = parser.parse_args(argv)
    root = args.data / "semeval2025_task11_brighter"
    if args.refit_intensity:
        from affectkit.training.multilingual_intensity import refit

        print(json.dumps(refit(args.out, root, args.cache, args.version)["dev_mean_r"]), flush=True)
        return 0
    encoder = MultilingualRecognizer(args.encoder, threads=2)
    embed = EmbeddingCache(encoder, args.cache)

    held_out = held_out_texts(root, "a")  # a train text that is also a track A test text (3 in all) is left out
    splits = {(lang, s): rows_without(load_brighter(root, "a", s, lang), held_out)
              for lang in TRAINED for s in ("train", "dev")}
    # The embedding reader learns from every train text (--e5-train N: a seeded sample of N per language, as
    # version 2 did when encoding was too slow); the character reader from every train text.
    for lang in TRAINED:
        split = splits[(lang, "train")]
        rows = np.arange(len(split.texts))
        if args.e5_train and len(rows) > args.e5_train:
            rows = np.sort(np.random.default_rng(0).choice(len(rows), args.e5_train, replace=False))
        splits[(lang, "e5train")] = BrighterSplit([split.ids[i] for i in rows], [split.texts[i] for i in rows],
                                                  split.emotions, split.values[rows])
    x = {key: embed(split.texts) for key, split in splits.items() if key[1] != "train" or not args.e5_train}
    if not args.e5_train:
        x.update({(lang, "e5train"): x[(lang, "train")] for lang in TRAINED})
    y = {key: full_labels(split) for key, split in splits.items()}
    report: dict[str, Any] = {}

    # Both readers fit on train and read dev; and, fitted on the other folds, read each fold of train
    # (out-of-fold), so that thresholds are chosen on train and dev together rather than on a small dev alone.
    from sklearn.model_selection import KFold

    def parts(rows: dict[str, np.ndarray]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return [(x[(lang, "e5train")][rows[lang]], y[(lang, "e5train")][0][rows[lang]], y[(lang, "e5train")][1])
                for lang in TRAINED]

    every = {lang: np.arange(len(x[(lang, "e5train")])) for lang in TRAINED}
    e5_models = e5_reader(parts(every), args.e5_c)
    dev_e5 = {lang: e5_predict(e5_models, x[(lang, "dev")]) for lang in TRAINED}
    folds = {lang: list(KFold(args.folds, shuffle=True, random_state=0).split(every[lang])) for lang in TRAINED}
    oof_e5 = {lang: np.zeros((len(every[lang]), len(EMOTIONS))) for lang in TRAINED}
    for k in range(args.folds):
        fold_models = e5_reader(parts({lang: folds[lang][k][0] for lang in TRAINED}), args.e5_c)
        for lang in TRAINED:
            held = folds[lang][k][1]
            oof_e5[lang][held] = e5_predict(fold_models, x[(lang, "e5train")][held])
    print("embedding reader", flush=True)
    dev_char, oof_char, char_readers = {}, {}, {}
    for lang in TRAINED:
        texts, (labels, mask) = splits[(lang, "train")].texts, y[(lang, "train")]
        char_readers[lang] = char_reader(texts, labels, mask)
        dev_char[lang] = char_predict(char_readers[lang], splits[(lang, "dev")].texts)
        oof_char[lang] = np.zeros((len(texts), len(EMOTIONS)))
        for fit_rows, held in KFold(args.folds, shuffle=True, random_state=0).split(texts):
            fold_reader = char_reader([texts[i] for i in fit_rows], labels[fit_rows], mask)
            oof_char[lang][held] = char_predict(fold_reader, [texts[i] for i in held])
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

    def mixed(lang: str, w: float, part: str) -> np.ndarray:
        e5, char = (dev_e5, dev_char) if part == "dev" else (oof_e5, oof_char)
        return w * e5[lang] + (1 - w) * char[lang]

    # The ensemble weight: the best mean dev macro-F1 with each language's thresholds chosen on its train
    # predictions (out-of-fold), so that dev scores a choice it did not make.
    weights = [0.0, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0]
    dev_scores: dict[str, dict[str, float]] = {}
    for w in weights:
        scores = {}
        for lang in TRAINED:
            mask = y[(lang, "dev")][1] & y[(lang, "train")][1]
            chosen = best_thresholds(mixed(lang, w, "oof"), y[(lang, "train")][0], mask)
            scores[lang] = macro(mixed(lang, w, "dev"), y[(lang, "dev")][0], mask, chosen)
        scores["mean"] = float(np.mean([scores[lang] for lang in TRAINED]))
        dev_scores[str(w)] = scores
        print(f"e5 weight {w}: dev mean macro-F1 {scores['mean']:.4f} (thresholds from train)", flush=True)
    weight = float(max(weights, key=lambda w: dev_scores[str(w)]["mean"]))
    report["dev_macro_f1_by_e5_weight"] = dev_scores
    report["e5_weight"] = weight
    # Each language's thresholds: on its train (out-of-fold) and dev predictions together. The check: each dev
    # split cut in halves (5 seeds, both ways), thresholds chosen on one half alone (version 2's way, on a split
    # half as small) or on it with train, and scored on the other half.
    check: dict[str, list[float]] = {"dev_half": [], "train_and_dev_half": []}
    for lang in TRAINED:
        mask = y[(lang, "dev")][1] & y[(lang, "train")][1]
        p, gold = mixed(lang, weight, "dev"), y[(lang, "dev")][0]
        q, train_gold = mixed(lang, weight, "oof"), y[(lang, "train")][0]
        for seed in range(5):
            order = np.random.default_rng(seed).permutation(len(p))
            for a, b in ((order[: len(p) // 2], order[len(p) // 2 :]), (order[len(p) // 2 :], order[: len(p) // 2])):
                check["dev_half"].append(macro(p[b], gold[b], mask, best_thresholds(p[a], gold[a], mask)))
                both = best_thresholds(np.concatenate([q, p[a]]), np.concatenate([train_gold, gold[a]]), mask)
                check["train_and_dev_half"].append(macro(p[b], gold[b], mask, both))
    report["threshold_check_mean_macro_f1"] = {k: round(float(np.mean(v)), 4) for k, v in check.items()}
    print(f"thresholds: {report['threshold_check_mean_macro_f1']}", flush=True)
    thresholds: dict[str, list[float]] = {}
    for lang in TRAINED:
        gold = np.concatenate([y[(lang, "train")][0], y[(lang, "dev")][0]])
        p = np.concatenate([mixed(lang, weight, "oof"), mixed(lang, weight, "dev")])
        thresholds[BRIGHTER_ISO[lang]] = best_thresholds(p, gold, y[(lang, "dev")][1] & y[(lang, "train")][1]).tolist()
    pooled = np.concatenate([p for lang in TRAINED for p in (oof_e5[lang], dev_e5[lang])])
    pooled_gold = np.concatenate([g for lang in TRAINED for g in (y[(lang, "e5train")][0], y[(lang, "dev")][0])])
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
        "training": {"data": "BRIGHTER (SemEval-2025 task 11) track A train (readers, thresholds) and dev (choices,"
                     " thresholds) of " + ", ".join(TRAINED) + "; track B train for intensity (the readers"
                     " out-of-fold), track B dev for its choice; no track A test text (1,040 of Amharic's track B"
                     " test texts are track A train texts)", "licence": "CC BY 4.0"},
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    from affectkit.training.multilingual_intensity import refit

    report["intensity"] = refit(args.out, root, args.cache, args.version)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "dev_macro_f1_by_e5_weight"}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
