"""Multilingual emotion analysis (issue 17): per-language quality, language identification and speed.

    .venv/bin/python benchmarks/multilingual.py [--data ../shared/data] [--limit N] [--speed-texts N]

* BRIGHTER (SemEval-2025 task 11) track A test, for each language the multilingual model was trained on:
  macro-F1 over the emotions the language's file has (the shared task's measure), with a 95% bootstrap
  interval (1,000 resamples of the test rows); the mean over the 13 languages is the headline. English is read
  by the English model (the default route for English; gold from track B, see the dataset's SOURCE.md) in its
  ``stories`` domain, the kind of text BRIGHTER holds, its Ekman labels against the five English emotions.
* Track B test: Pearson r of each emotion's predicted intensity (0..1) with the gold 0..3, per language; for a
  language whose track B test texts include track A train or dev texts (Amharic: 1,238 of 1,774), also on the
  others alone (``unseen``, and ``track_b_mean_r_unseen`` for the mean).
* Track C test of the languages without training data (ind, jav, xho, zul): zero-shot macro-F1.
* Language identification: accuracy of :func:`affectkit.language.detect_language` on every track A test text
  of the 13 languages and English.
* Speed of the multilingual path: texts/s reading 1,000 short texts (GoEmotions test comments translated by no
  one: the speed of a text depends on its token count, and these are chat-length) in one call, and the p50 /
  p90 latency of one text read alone.

Texts are read through :meth:`MultilingualRecognizer.analyze` with the file's language given, exactly as
``affectkit.analyze`` reads them after routing. ``--embeddings DIR`` keeps each text's embedding in DIR, so that
a text shared by tracks A and B is encoded once and a rerun is quick; texts of equal token count are then
encoded together (:func:`affectkit.training.multilingual.embed_grouped`), which may move an embedding's last
bits. By default each test file is a seeded sample of 200 texts (``--limit 0``: every text): on this project's
shared 2-core machine the encoder reads about 30 texts/s, and the full test splits take hours.

Prints a table and writes ``benchmarks/results/multilingual.json`` (``multilingual-full.json`` with ``--limit 0``),
after each language as well as at the end: an interrupted run keeps what it measured (``"complete": false``). A run
of some ``--sections`` updates those in the file an earlier run of the same model wrote (``commands`` lists the runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from affectkit.datasets import BRIGHTER_ISO, BrighterSplit, data_root, load_brighter  # noqa: E402
from affectkit.language import detect_language  # noqa: E402
from affectkit.metrics import bootstrap_interval, macro_f1, pearson  # noqa: E402
from affectkit.recognizers import DEFAULT, MULTILINGUAL, get_recognizer  # noqa: E402
from affectkit.recognizers.router import text_reader  # noqa: E402
from speed import int8_instructions, rerun_command, short_texts  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
TRAINED = ("deu", "esp", "ptbr", "rus", "ukr", "chn", "hin", "mar", "swe", "ron", "amh", "arq", "tat")
TRACK_B = ("amh", "arq", "chn", "deu", "esp", "ptbr", "ron", "rus", "ukr")
ZERO_SHOT = ("ind", "jav", "xho", "zul")


def limited(split: BrighterSplit, limit: int) -> BrighterSplit:
    """A seeded random sample of at most ``limit`` rows of ``split`` (all of it for 0), in file order."""
    if not limit or len(split.texts) <= limit:
        return split
    rows = np.sort(np.random.default_rng(0).choice(len(split.texts), limit, replace=False))
    return BrighterSplit([split.ids[i] for i in rows], [split.texts[i] for i in rows], split.emotions,
                         split.values[rows])


def f1_with_interval(gold: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    low, high = bootstrap_interval(macro_f1, gold.astype(bool), predicted)
    return {"macro_f1": round(macro_f1(gold.astype(bool), predicted), 4), "ci95": [round(low, 4), round(high, 4)],
            "texts": len(gold)}


CACHE: Any = None  # --embeddings: each test text embedded once (exactly as at run time) for every track


def read(split: BrighterSplit, code: str) -> list[Any]:
    recognizer: Any = get_recognizer(MULTILINGUAL)
    languages = [code] * len(split.texts)
    if CACHE is None:
        return list(recognizer.analyze(split.texts, languages=languages))
    windows = np.array([len(w) for w in recognizer.windows(split.texts)])
    return list(recognizer.annotate(split.texts, languages, (CACHE(split.texts), windows)))


def labels_of(analyses: list[Any], emotions: list[str]) -> np.ndarray:
    return np.array([[e in a.ekman_labels for e in emotions] for a in analyses], dtype=bool)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=200,
                        help="read a seeded sample of N texts of each test file (0: all of them)")
    parser.add_argument("--speed-texts", type=int, default=1000)
    parser.add_argument("--embeddings", type=Path, help="keep the test texts' embeddings in this folder (build/...)")
    parser.add_argument("--sections", default="a,b,c,id,speed",
                        help="what to measure, comma-separated: a, b, c (tracks), id (language ID), speed")
    args = parser.parse_args()
    sections = set(args.sections.split(","))
    if args.embeddings:
        from affectkit.training.multilingual import EmbeddingCache

        global CACHE
        CACHE = EmbeddingCache(get_recognizer(MULTILINGUAL), args.embeddings)  # type: ignore[arg-type]
    root = data_root(args.data) / "semeval2025_task11_brighter"
    target = RESULTS / ("multilingual-full.json" if args.limit == 0 else "multilingual.json")

    # A run of some --sections updates them in the file of earlier runs with the same --limit and model.
    earlier: dict[str, Any] = {}
    if target.is_file() and args.sections != parser.get_default("sections"):
        earlier = json.loads(target.read_text(encoding="utf-8"))
        if earlier.get("model") != MULTILINGUAL:
            earlier = {}

    def save(complete: bool = False) -> None:
        RESULTS.mkdir(exist_ok=True)
        merged = {**earlier, **{k: v for k, v in out.items() if v != {} or k not in earlier}}
        commands = [*earlier.get("commands", [earlier["command"]] if "command" in earlier else []), out["command"]]
        merged["commands"] = list(dict.fromkeys(commands))
        merged["sections"] = sorted({*earlier.get("sections", []), *sections})
        target.write_text(json.dumps({**merged, "complete": complete}, indent=1) + "\n", encoding="utf-8")

    out: dict[str, Any] = {"command": rerun_command("multilingual.py"), "model": MULTILINGUAL,
                           "texts_per_test_file": args.limit or "all",
                           "english_model": DEFAULT, "english_domain": "stories", "track_a": {}, "track_b": {},
                           "track_c_zero_shot": {}, "language_id": {}}

    for lang in TRAINED if "a" in sections else ():
        split = limited(load_brighter(root, "a", "test", lang), args.limit)
        predicted = labels_of(read(split, BRIGHTER_ISO[lang]), split.emotions)
        out["track_a"][lang] = f1_with_interval(split.values, predicted)
        print(f"track A {lang}: {out['track_a'][lang]}", flush=True)
        save()
    if "a" in sections:
        out["track_a_mean_macro_f1"] = round(float(np.mean([out["track_a"][lang]["macro_f1"] for lang in TRAINED])),
                                             4)
        english = limited(load_brighter(root, "a", "test", "eng"), args.limit)
        english_analyses = text_reader(DEFAULT, domain="stories")(english.texts)
        out["track_a_english"] = f1_with_interval(english.values, labels_of(english_analyses, english.emotions))
        save()

    def intensity_r(predicted: np.ndarray, split: BrighterSplit, rows: np.ndarray) -> dict[str, float]:
        gold = split.values[rows].astype(float)
        r = {e: round(pearson(predicted[rows, j], gold[:, j]), 4)
             for j, e in enumerate(split.emotions) if gold[:, j].std() > 0}
        return {**r, "mean": round(float(np.mean(list(r.values()))), 4)}

    for lang in TRACK_B if "b" in sections else ():
        split = limited(load_brighter(root, "b", "test", lang), args.limit)
        analyses = read(split, BRIGHTER_ISO[lang])
        predicted = np.array([[a.intensity[e] for e in split.emotions] for a in analyses])
        out["track_b"][lang] = intensity_r(predicted, split, np.arange(len(split.texts)))
        # BRIGHTER's tracks share texts: most of Amharic's track B test texts are track A train or dev texts,
        # whose emotion labels the model learned. Those are scored apart too ("unseen": the rest). (Training
        # leaves out a train text that is also a track A test text.)
        seen_texts = {t for part in ("train", "dev") for t in load_brighter(root, "a", part, lang).texts}
        seen_texts -= set(load_brighter(root, "a", "test", lang).texts)
        seen = np.array([t in seen_texts for t in split.texts], dtype=bool)
        if seen.any():
            out["track_b"][lang]["texts_seen_in_training"] = int(seen.sum())
            out["track_b"][lang]["unseen"] = intensity_r(predicted, split, np.flatnonzero(~seen))
        print(f"track B {lang}: {out['track_b'][lang]}", flush=True)
        save()
    if "b" in sections:
        out["track_b_mean_r"] = round(float(np.mean([out["track_b"][lang]["mean"] for lang in TRACK_B])), 4)
        out["track_b_mean_r_unseen"] = round(float(np.mean([out["track_b"][lang].get("unseen", out["track_b"][lang])
                                                            ["mean"] for lang in TRACK_B])), 4)

    for lang in ZERO_SHOT if "c" in sections else ():
        split = limited(load_brighter(root, "c", "test", lang), args.limit)
        out["track_c_zero_shot"][lang] = f1_with_interval(
            split.values, labels_of(read(split, BRIGHTER_ISO[lang]), split.emotions))
        print(f"track C {lang}: {out['track_c_zero_shot'][lang]}", flush=True)
        save()

    for lang in (*TRAINED, "eng") if "id" in sections else ():
        texts = load_brighter(root, "a", "test", lang).texts
        started = time.perf_counter()
        guesses = [detect_language(t) for t in texts]
        seconds = time.perf_counter() - started
        out["language_id"][lang] = {"accuracy": round(float(np.mean([g == BRIGHTER_ISO[lang] for g in guesses])), 4),
                                    "texts": len(texts), "texts_per_s": round(len(texts) / seconds)}
    if "id" in sections:
        out["language_id_mean_accuracy"] = round(
            float(np.mean([out["language_id"][lang]["accuracy"] for lang in TRAINED])), 4)

    recognizer = get_recognizer(MULTILINGUAL)
    folder = Path(recognizer.path)  # type: ignore[attr-defined]
    out["model_mb"] = round(sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 1e6, 1)
    if "speed" in sections:
        texts = short_texts(data_root(args.data), args.speed_texts)
        languages = ["de"] * len(texts)
        recognizer.analyze(texts[:20], languages=languages[:20])  # type: ignore[call-arg]
        started = time.perf_counter()
        recognizer.analyze(texts, languages=languages)  # type: ignore[call-arg]
        throughput = len(texts) / (time.perf_counter() - started)
        latencies = []
        for text in texts[:200]:
            started = time.perf_counter()
            recognizer.analyze([text], languages=["de"])  # type: ignore[call-arg]
            latencies.append((time.perf_counter() - started) * 1000)
        quantiles = statistics.quantiles(latencies, n=10)
        import os

        out["speed"] = {"texts_per_s": round(throughput, 1), "p50_ms": round(statistics.median(latencies), 1),
                        "p90_ms": round(quantiles[-1], 1), "cpus": os.cpu_count(),
                        "load_average": os.getloadavg()[0], "int8_instructions": int8_instructions(),
                        "targets": {"texts_per_s": 300, "p50_ms": 30}}

    print(f"\n{'language':<10}{'track A macro-F1 [95% CI]':<32}{'track B mean r':<16}{'language ID':<12}")
    for lang in TRAINED:
        a = out["track_a"].get(lang)
        b = out["track_b"].get(lang, {}).get("mean", "")
        f1 = f"{a['macro_f1']:.3f} [{a['ci95'][0]:.3f}, {a['ci95'][1]:.3f}]" if a else "-"
        print(f"{lang:<10}{f1:<32}{b!s:<16}{out['language_id'].get(lang, {}).get('accuracy', '-')}")
    print(f"mean      {out.get('track_a_mean_macro_f1', '-')}   track B mean r {out.get('track_b_mean_r', '-')}   "
          f"language ID {out.get('language_id_mean_accuracy', '-')}")
    zero_shot = ", ".join(f"{k}: {v['macro_f1']}" for k, v in out["track_c_zero_shot"].items())
    print(f"zero-shot macro-F1: {zero_shot}")
    print(f"speed: {out.get('speed', '-')}  model {out['model_mb']} MB")
    save(complete=True)


if __name__ == "__main__":
    main()
