"""Speech emotion benchmark (issue 19): model selection, EmoDB leave-one-speaker-out, speaker calibration,
cross-corpus RAVDESS, real-time factor and model size. Needs the ``train`` and ``speech`` extras::

    OMP_NUM_THREADS=1 python benchmarks/speech.py --data ../shared/data
    OMP_NUM_THREADS=1 python benchmarks/speech.py --data ../shared/data --combined

The first measures the EmoDB-only model ``speech-emodb`` and writes ``benchmarks/results/speech.json``. The second
compares it with ``speech-emodb-ravdess`` (trained on EmoDB and the RAVDESS subset; non-commercial) speaker-
independently on both corpora, and writes ``benchmarks/results/speech-emodb-ravdess.json`` (see
:func:`combined_comparison`). Feature vectors are cached in ``--cache`` (outside the repository). UAR is unweighted
average recall (mean per-class recall).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from affectkit.speech.model import MODEL_DIR, PRIOR_CLIPS, load_speech_model  # noqa: E402
from affectkit.training.speech import (  # noqa: E402
    DEFAULT_CACHE,
    DEV_SPEAKERS,
    EMODB_LABELS,
    HELD_OUT_SPEAKERS,
    RAVDESS_TO_EMODB,
    cached_features,
    candidates,
    emodb_arrays,
    fit_head,
    loso_predictions,
    select,
    sequence_dev_uar,
    speaker_normalise,
    uar,
)
from speed import rerun_command  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "speech.json"
COMBINED_RESULTS = RESULTS.with_name("speech-emodb-ravdess.json")


def head_proba(head: dict[str, np.ndarray], z: np.ndarray) -> np.ndarray:
    logits = ((z - head["mean"]) / head["scale"]) @ head["coef"].T + head["intercept"]
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


def per_class(y: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    return {EMODB_LABELS[c]: round(float(np.mean(predicted[y == c] == c)), 3) for c in np.unique(y)}


def calibrated_loso(name: str, x: np.ndarray, y: np.ndarray, speakers: np.ndarray, clips: int | None,
                    seed: int = 0) -> float:
    """LOSO UAR of the speaker head when each test clip is normalised by a profile of ``clips`` other clips of
    its speaker, drawn at random and unlabelled (``None``: all the speaker's clips, the clip itself included,
    as in the literature's per-speaker normalisation), with the shipped model's blending of the spread."""
    rng = np.random.default_rng(seed)
    predicted = np.full(len(y), -1)
    for speaker in np.unique(speakers):
        test, train = np.flatnonzero(speakers == speaker), speakers != speaker
        head = fit_head(name, speaker_normalise(x[train], speakers[train]), y[train])
        within = np.sqrt(np.mean([x[speakers == s].var(axis=0) for s in np.unique(speakers[train])], axis=0))
        for i in test:
            if clips is None:
                mean, scale = x[test].mean(axis=0), x[test].std(axis=0) + 1e-8
            else:
                pool = test[test != i]
                chosen = x[rng.choice(pool, min(clips, len(pool)), replace=False)]
                n = len(chosen)
                scale = np.sqrt((n * chosen.var(axis=0) + PRIOR_CLIPS * within**2) / (n + PRIOR_CLIPS))
                mean = chosen.mean(axis=0)
            predicted[i] = int(np.argmax(head_proba(head, ((x[i] - mean) / scale)[None])))
    return uar(y, predicted)


def cross_corpus(data: Path, cache: Path) -> dict[str, object]:
    """The EmoDB-only model (trained on all of EmoDB) on the RAVDESS subset, over the six shared classes."""
    model = load_speech_model("speech-emodb")
    x, rows = cached_features(data, "ravdess", cache)
    actors = np.array([r["speaker"] for r in rows])
    keep = np.array([r["emotion"] in RAVDESS_TO_EMODB for r in rows])
    y = np.array([EMODB_LABELS.index(RAVDESS_TO_EMODB.get(r["emotion"], "neutral")) for r in rows])
    shared = sorted(EMODB_LABELS.index(c) for c in set(RAVDESS_TO_EMODB.values()))
    mask = np.full(len(EMODB_LABELS), -np.inf)
    mask[shared] = 0.0

    recalls: dict[str, dict[str, float]] = {}

    def score(probabilities: np.ndarray, label: str) -> float:
        predicted = np.argmax(np.log(probabilities + 1e-12) + mask, axis=1)
        recalls[label] = per_class(y[keep], predicted[keep])
        return uar(y[keep], predicted[keep])

    results = {"global head": score(model.predict_proba(x), "global head")}
    for label, pool in (("speaker head, profile of all 60 clips of the actor", np.ones(len(rows), bool)),
                        ("speaker head, profile of the actor's calm and surprised clips only (16, none scored)",
                         np.array([r["emotion"] in ("calm", "surprised") for r in rows]))):
        probabilities = np.zeros((len(rows), len(EMODB_LABELS)))
        for actor in np.unique(actors):
            mine = actors == actor
            profile = model.profile(x[mine & pool])
            probabilities[mine] = model.predict_proba(x[mine], profile)
        results[label] = score(probabilities, label)
    chance = 1.0 / len(shared)
    return {"clips": int(keep.sum()), "classes": [EMODB_LABELS[c] for c in shared], "chance_uar": round(chance, 4),
            "uar": {k: round(v, 4) for k, v in results.items()},
            "times_chance": {k: round(v / chance, 2) for k, v in results.items()}, "recall": recalls}


def real_time_factor(data: Path, seconds: float, repeats: int = 5) -> dict[str, float]:
    """Wall time of analyze_speech on ``seconds`` of EmoDB speech (clips joined end to end), after a warm-up."""
    import soundfile as sf

    from affectkit.speech.analyze import analyze_speech

    clips, total = [], 0
    for path in sorted((data / "speech_emodb" / "wav").glob("03*.wav")):
        clip, _ = sf.read(path, dtype="float32")
        clips.append(clip)
        total += len(clip)
        if total >= seconds * 16000:
            break
    signal = np.concatenate(clips)[: int(seconds * 16000)]
    analyze_speech(signal, sample_rate=16000)
    timings, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        analyze_speech(signal, sample_rate=16000)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    median, median_cpu = statistics.median(timings), statistics.median(cpu)
    return {"audio_seconds": seconds, "median_wall_seconds": round(median, 4),
            "min_wall_seconds": round(min(timings), 4),
            "median_cpu_seconds": round(median_cpu, 4), "real_time_factor_wall": round(median / seconds, 4),
            "real_time_factor_best_wall": round(min(timings) / seconds, 4),
            "real_time_factor_cpu": round(median_cpu / seconds, 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--sequence", action="store_true",
                        help="also train the LLD-sequence CNN on the dev protocol (needs torch; slow)")
    parser.add_argument("--combined", action="store_true",
                        help="only compare speech-emodb-ravdess with speech-emodb on both corpora (writes "
                        "results/speech-emodb-ravdess.json unless --out is given)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.combined:
        out = args.out if args.out != RESULTS else COMBINED_RESULTS
        return combined_main(args.data, args.cache, out)
    x, y, speakers = emodb_arrays(args.data, args.cache)
    selection = select(args.data, args.cache)
    chosen = selection["chosen"]
    folds = sorted(set(speakers.tolist()))
    loso = {}
    for norm, features in (("speaker", speaker_normalise(x, speakers)), ("global", x)):
        name = chosen[norm]
        cols, factory, _ = candidates()[name]
        predicted = loso_predictions(factory, features[:, cols], y, speakers, folds)
        held = np.isin(speakers, HELD_OUT_SPEAKERS)
        train = np.isin(speakers, DEV_SPEAKERS)
        mean, scale = features[train].mean(axis=0), features[train].std(axis=0) + 1e-8
        fitted = factory()
        fitted.fit(((features[train] - mean) / scale)[:, cols], y[train])
        predicted_held = fitted.predict(((features[held] - mean) / scale)[:, cols])
        loso[norm] = {
            "model": name, "loso_uar": round(uar(y, predicted), 4),
            "per_speaker_uar": {s: round(uar(y[speakers == s], predicted[speakers == s]), 3) for s in folds},
            "recall": per_class(y, predicted),
            "held_out_uar": round(uar(y[held], predicted_held), 4),
        }
    calibration = {f"{k} clips" if k else "all clips (literature)": round(
        calibrated_loso(chosen["speaker"], x, y, speakers, k), 4) for k in (5, 10, 20, None)}
    cross = cross_corpus(args.data, args.cache)
    speed = {f"{s:g} s": real_time_factor(args.data, s) for s in (10.0, 60.0)}
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    results = {
        "command": "OMP_NUM_THREADS=1 python " + rerun_command("speech.py"),
        "model": load_speech_model("speech-emodb").name,
        "selection": selection,
        "emodb_loso": {"protocol": "leave-one-speaker-out over the 10 EmoDB speakers, 7 classes; z-scoring fitted "
                       "on the training speakers; 'speaker': features first z-scored per speaker over all of that "
                       "speaker's clips (unlabelled); held_out_uar: trained on the 6 dev speakers, tested on "
                       + ", ".join(HELD_OUT_SPEAKERS), **loso},
        "emodb_loso_speaker_head_by_profile_size": calibration,
        "cross_corpus_ravdess": cross,
        "speed": {**speed, "cpu_count": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2)},
        "model_bytes": size,
    }
    if args.sequence:
        results["selection"]["sequence_network"] = sequence_dev_uar(args.data, args.cache)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"EmoDB LOSO UAR: speaker head {loso['speaker']['loso_uar']:.3f} ({loso['speaker']['model']}), "
          f"global head {loso['global']['loso_uar']:.3f} ({loso['global']['model']})")
    print(f"held-out speakers UAR: speaker {loso['speaker']['held_out_uar']:.3f}, "
          f"global {loso['global']['held_out_uar']:.3f}")
    print("speaker head by profile size:", calibration)
    print("cross-corpus RAVDESS:", json.dumps(cross["uar"]), "chance", cross["chance_uar"])
    print("speed:", json.dumps(speed), "model bytes:", size)
    if args.sequence:
        print("LLD-sequence CNN, dev UAR:", results["selection"]["sequence_network"]["dev_uar"])
    return 0


# --- speech-emodb-ravdess against speech-emodb -------------------------------------------------------------

def combined_comparison(data: Path, cache: Path) -> dict[str, object]:
    """Three trainings compared speaker-independently on both corpora, each with its own chosen heads (from the
    shipped configs; the RAVDESS-only row reuses the combined model's): EmoDB only (``speech-emodb``), EmoDB +
    RAVDESS (``speech-emodb-ravdess``) and RAVDESS only (the other cross-corpus direction).

    * ``leave_one_speaker_out``: each of the 13 speakers (10 EmoDB, 3 RAVDESS) is predicted by a model trained on
      the other speakers of the training data (so EmoDB-only on RAVDESS and RAVDESS-only on EmoDB are
      cross-corpus);
    * ``held_out``: trained on the dev speakers of the training data, tested on the speakers no selection saw
      (EmoDB 12, 14, 15, 16 and RAVDESS actor 13).

    EmoDB is scored over its 7 classes (RAVDESS-only: the 6 it has, boredom clips left out), RAVDESS over the 6
    shared classes with the prediction made among them (``uar``) and among all 7 (``uar_7way``: a clip read as
    boredom is wrong). The ``speaker`` head reads features z-scored per speaker over all the speaker's clips
    (unlabelled; a RAVDESS actor's calm and surprised takes included), the ``global`` head raw features."""
    from affectkit.training import speech_combined as sc

    corpora = sc.load_corpora(data, cache)
    emodb_heads = load_speech_model("speech-emodb").config["heads"]
    combined_heads = load_speech_model("speech-emodb-ravdess").config["heads"]
    trainings = {
        "emodb only (speech-emodb)": ({k: (v, 1) for k, v in emodb_heads.items()}, ["emodb"]),  # type: ignore[union-attr]
        "emodb + ravdess (speech-emodb-ravdess)": (
            {k: sc.parse_choice(v) for k, v in combined_heads.items()}, ["emodb", "ravdess"]),  # type: ignore[union-attr]
        "ravdess only": ({k: (sc.parse_choice(v)[0], 1) for k, v in combined_heads.items()},  # type: ignore[union-attr]
                         ["ravdess"]),
    }
    everyone = sorted(set(corpora.speakers.tolist()))
    dev = set(DEV_SPEAKERS + sc.RAVDESS_DEV)
    results: dict[str, object] = {}
    for training, (heads, sources) in trainings.items():
        pool = np.isin(corpora.corpus, sources)
        by_protocol: dict[str, object] = {}
        for protocol in ("leave_one_speaker_out", "held_out"):
            by_head = {}
            for norm, x in (("speaker", corpora.normalised), ("global", corpora.raw)):
                name, weight = heads[norm]
                probabilities = np.full((len(corpora.y), len(EMODB_LABELS)), np.nan)
                if protocol == "held_out":
                    test = corpora.rows(sc.HELD_OUT)
                    train = sc.weighted(pool & np.isin(corpora.speakers, list(dev)), corpora.corpus, weight)
                    probabilities[test] = sc.fit_predict(name, x, corpora.y, train, np.flatnonzero(test))
                else:
                    for speaker in everyone:
                        test = corpora.speakers == speaker
                        train = sc.weighted(pool & ~test, corpora.corpus, weight)
                        probabilities[test] = sc.fit_predict(name, x, corpora.y, train, np.flatnonzero(test))
                by_head[norm] = {"model": f"{name} ravdess x{weight}" if "ravdess" in sources else name,
                                 **combined_scores(corpora, probabilities, shared_only=sources == ["ravdess"])}
            by_protocol[protocol] = by_head
        results[training] = by_protocol
    return {
        "protocols": combined_comparison.__doc__,
        "chance_uar": {"emodb": round(1 / 7, 4), "ravdess": round(1 / 6, 4)},
        "clips": {"emodb": int(np.sum(corpora.corpus == "emodb")), "ravdess": int(np.sum(corpora.corpus == "ravdess"))},
        "trainings": results,
    }


def combined_scores(corpora: Any, probabilities: np.ndarray, shared_only: bool) -> dict[str, object]:
    """UAR, per-class recall and per-speaker UAR on each corpus of the rows that were predicted."""
    from affectkit.training.speech_combined import SHARED

    scored = ~np.isnan(probabilities[:, 0])
    out: dict[str, object] = {}
    log = np.log(np.nan_to_num(probabilities) + 1e-12)
    among_shared = log.copy()
    among_shared[:, [i for i in range(len(EMODB_LABELS)) if i not in SHARED]] = -np.inf
    for corpus in ("emodb", "ravdess"):
        rows = scored & (corpora.corpus == corpus)
        if corpus == "emodb" and shared_only:
            rows &= np.isin(corpora.y, SHARED)
        if not rows.any():
            continue
        y, speakers = corpora.y[rows], corpora.speakers[rows]
        predicted = np.argmax(among_shared[rows] if corpus == "ravdess" or shared_only else log[rows], axis=1)
        entry: dict[str, object] = {"uar": round(uar(y, predicted), 4)}
        if corpus == "ravdess":
            entry["uar_7way"] = round(uar(y, np.argmax(log[rows], axis=1)), 4)
        entry["recall"] = per_class(y, predicted)
        entry["per_speaker_uar"] = {s: round(uar(y[speakers == s], predicted[speakers == s]), 3)
                                    for s in sorted(set(speakers.tolist()))}
        out[corpus] = entry
    return out


def combined_main(data: Path, cache: Path, out: Path) -> int:
    """Run :func:`combined_comparison`, write it to ``out`` and print its table."""
    from affectkit.speech.model import MODELS

    comparison = combined_comparison(data, cache)
    folder = MODELS / "speech-emodb-ravdess"
    comparison = {"command": "OMP_NUM_THREADS=1 python " + rerun_command("speech.py"),
                  "model": load_speech_model("speech-emodb-ravdess").name,
                  "model_bytes": sum(p.stat().st_size for p in folder.iterdir() if p.is_file()), **comparison}
    out.write_text(json.dumps(comparison, indent=1) + "\n", encoding="utf-8")
    print(f"{'training':40s} {'protocol':22s} {'head':8s} {'EmoDB UAR':>10s} {'RAVDESS UAR':>12s} {'(7-way)':>8s}")
    for training, protocols in comparison["trainings"].items():  # type: ignore[union-attr]
        for protocol, heads in protocols.items():
            for head, scores in heads.items():
                emodb, ravdess = scores.get("emodb", {}), scores.get("ravdess", {})
                print(f"{training:40s} {protocol:22s} {head:8s} {emodb.get('uar', float('nan')):10.3f} "
                      f"{ravdess.get('uar', float('nan')):12.3f} {ravdess.get('uar_7way', float('nan')):8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
