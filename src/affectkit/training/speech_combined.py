"""Train and export ``speech-emodb-ravdess``: the speech emotion model trained on EmoDB **and** the RAVDESS subset
(needs the ``train`` and ``speech`` extras). RAVDESS is CC BY-NC-SA 4.0, so this model is **non-commercial**::

    python -m affectkit.training.speech features --data ../shared/data          # cache both corpora's vectors
    python -m affectkit.training.speech_combined select --data ../shared/data
    python -m affectkit.training.speech_combined export --data ../shared/data \\
        --out src/affectkit/models/speech-emodb-ravdess

It keeps EmoDB's seven labels (the run-time code, the VAD prototypes and the voice/words fusion read them). RAVDESS
gives the six it shares with EmoDB (angry, disgust, fearful, happy, neutral, sad); its calm and surprised takes
have no EmoDB label and train nothing, but they do count, unlabelled, in their actor's per-speaker statistics
(as a run-time speaker profile would).

Selection is speaker-independent: leave-one-speaker-out among the *dev* speakers of both corpora (EmoDB's six audb
train speakers and RAVDESS actors 08 and 11), scored by the mean of the two corpora's UAR so that the larger
corpus does not decide alone. EmoDB's speakers 12, 14, 15, 16 and RAVDESS actor 13 are held out of selection.
Besides the candidates of :func:`affectkit.training.speech.candidates`, each is tried with RAVDESS' rows counted
once and twice (``ravdess x2``: its rows repeated, the one way of weighting that every candidate accepts).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from affectkit.training.speech import (
    DEFAULT_CACHE,
    DEV_SPEAKERS,
    EMODB_LABELS,
    HELD_OUT_SPEAKERS,
    RAVDESS_TO_EMODB,
    VAD_PROTOTYPES,
    cached_features,
    candidates,
    emodb_arrays,
    fit_head,
    speaker_normalise,
    uar,
)

RAVDESS_DEV = ["r08", "r11"]
RAVDESS_HELD_OUT = ["r13"]
WEIGHTS = (1, 2)
"""How many times RAVDESS' rows are counted in training (a selection dimension)."""
SHARED = sorted(EMODB_LABELS.index(label) for label in set(RAVDESS_TO_EMODB.values()))
"""Indices of the six labels both corpora have (all but boredom)."""
NAME = "speech-emodb-ravdess-egemaps"
TRAINING_DATA = ("Berlin EmoDB, all 535 utterances of 10 speakers (CC0-1.0 as packaged by audEERING), and the "
                 "RAVDESS speech subset, actors 08, 11 and 13, the 132 takes of its six EmoDB classes "
                 "(CC BY-NC-SA 4.0: non-commercial)")


@dataclass
class Corpora:
    """Both corpora side by side: raw and per-speaker z-scored vectors, EmoDB label indices, speakers (RAVDESS
    actors as ``r08`` ...) and corpus (``emodb`` / ``ravdess``) of each labelled row."""

    raw: np.ndarray
    normalised: np.ndarray
    y: np.ndarray
    speakers: np.ndarray
    corpus: np.ndarray

    def rows(self, speakers: Sequence[str]) -> np.ndarray:
        """Boolean mask of the rows of ``speakers``."""
        return np.isin(self.speakers, list(speakers))


def load_corpora(data: Path, cache: Path) -> Corpora:
    """EmoDB (all rows) and RAVDESS (the rows of the six shared classes; every take of an actor enters that
    actor's per-speaker statistics)."""
    xe, ye, se = emodb_arrays(data, cache)
    xr, rows = cached_features(data, "ravdess", cache)
    actors = np.array([f"r{r['speaker']}" for r in rows])
    keep = np.array([r["emotion"] in RAVDESS_TO_EMODB for r in rows])
    yr = np.array([EMODB_LABELS.index(RAVDESS_TO_EMODB[r["emotion"]]) for r in rows if r["emotion"] in
                   RAVDESS_TO_EMODB])
    nr = speaker_normalise(xr, actors)[keep]
    return Corpora(raw=np.vstack([xe, xr[keep]]), normalised=np.vstack([speaker_normalise(xe, se), nr]),
                   y=np.concatenate([ye, yr]), speakers=np.concatenate([se, actors[keep]]),
                   corpus=np.array(["emodb"] * len(ye) + ["ravdess"] * int(keep.sum())))


def weighted(rows: np.ndarray, corpus: np.ndarray, weight: int) -> np.ndarray:
    """Indices of ``rows`` (a mask) with every RAVDESS row repeated ``weight`` times in all."""
    index = np.flatnonzero(rows)
    extra = index[corpus[index] == "ravdess"]
    return np.concatenate([index] + [extra] * (weight - 1))


def fit_predict(name: str, x: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Class probabilities (test rows x 7) of candidate ``name`` fitted on the rows ``train`` (indices, repeats
    allowed), z-scoring fitted on them; a label absent from training gets probability 0."""
    cols, factory, _ = candidates()[name]
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-8
    model = factory()  # type: ignore[operator]
    model.fit(((x[train] - mean) / scale)[:, cols], y[train])
    out = np.zeros((len(test), len(EMODB_LABELS)))
    out[:, model.classes_] = model.predict_proba(((x[test] - mean) / scale)[:, cols])
    return out


def decide(probabilities: np.ndarray, corpus: np.ndarray) -> np.ndarray:
    """Predicted label indices; a RAVDESS row is decided among the six shared labels (it has no boredom)."""
    masked = np.log(probabilities + 1e-12)
    masked[np.ix_(corpus == "ravdess", [i for i in range(len(EMODB_LABELS)) if i not in SHARED])] = -np.inf
    return np.argmax(masked, axis=1)


def leave_one_out(name: str, weight: int, data: Corpora, x: np.ndarray, folds: Sequence[str],
                  pool: Sequence[str]) -> np.ndarray:
    """Probabilities of every row of ``folds``, each speaker predicted by a model trained on the other speakers of
    ``pool`` (rows of other speakers: NaN)."""
    probabilities = np.full((len(data.y), len(EMODB_LABELS)), np.nan)
    for speaker in folds:
        test = data.speakers == speaker
        train = weighted(data.rows(pool) & ~test, data.corpus, weight)
        probabilities[test] = fit_predict(name, x, data.y, train, np.flatnonzero(test))
    return probabilities


def corpus_uars(data: Corpora, probabilities: np.ndarray, rows: np.ndarray) -> dict[str, float]:
    """UAR on each corpus over ``rows`` (EmoDB: 7 classes; RAVDESS: the 6 shared ones)."""
    predicted = decide(np.nan_to_num(probabilities), data.corpus)
    out = {}
    for name in ("emodb", "ravdess"):
        mine = rows & (data.corpus == name)
        out[name] = round(uar(data.y[mine], predicted[mine]), 4)
    return out


def select(data_dir: Path, cache: Path) -> dict[str, object]:
    """Every exportable candidate at every RAVDESS weight, under both normalisations, scored leave-one-speaker-out
    among the dev speakers of both corpora; the best of each normalisation (by the mean of the two UARs) is
    chosen."""
    data = load_corpora(data_dir, cache)
    dev = DEV_SPEAKERS + RAVDESS_DEV
    rows, chosen = [], {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for norm, x in (("global", data.raw), ("speaker", data.normalised)):
            best = (-1.0, "")
            for name, (_, _, exportable) in candidates().items():
                if not exportable:
                    continue
                for weight in WEIGHTS:
                    scores = corpus_uars(data, leave_one_out(name, weight, data, x, dev, dev), data.rows(dev))
                    mean = round((scores["emodb"] + scores["ravdess"]) / 2, 4)
                    label = f"{name} ravdess x{weight}"
                    rows.append({"normalisation": norm, "model": label, "dev_uar_emodb": scores["emodb"],
                                 "dev_uar_ravdess": scores["ravdess"], "dev_uar_mean": mean})
                    print(f"{norm:8s} {label:36s} dev UAR emodb {scores['emodb']:.3f} ravdess "
                          f"{scores['ravdess']:.3f} mean {mean:.3f}", file=sys.stderr)
                    if mean > best[0]:
                        best = (mean, label)
            chosen[norm] = best[1]
    return {"protocol": "leave-one-speaker-out among EmoDB speakers " + ", ".join(DEV_SPEAKERS) + " and RAVDESS "
            "actors 08, 11; score: mean of the EmoDB UAR (7 classes) and the RAVDESS UAR (6 shared classes)",
            "candidates": rows, "chosen": chosen}


def parse_choice(label: str) -> tuple[str, int]:
    """``("all263 lda shrinkage=0.3", 2)`` from ``"all263 lda shrinkage=0.3 ravdess x2"``."""
    name, _, weight = label.rpartition(" ravdess x")
    return name, int(weight)


def fit_heads(data: Corpora, chosen: dict[str, str], speakers: Sequence[str] | None = None
              ) -> dict[str, dict[str, np.ndarray]]:
    """The chosen global and speaker heads fitted on ``speakers`` (default: all of both corpora), as
    :func:`~affectkit.training.speech.fit_head` exports them."""
    mask = data.rows(speakers) if speakers is not None else np.ones(len(data.y), dtype=bool)
    heads = {}
    for norm, x in (("global", data.raw), ("speaker", data.normalised)):
        name, weight = parse_choice(chosen[norm])
        index = weighted(mask, data.corpus, weight)
        heads[norm] = fit_head(name, x[index], data.y[index])
    return heads


def within_scale(data: Corpora) -> np.ndarray:
    """The training speakers' mean within-speaker spread of each value (a thin profile is blended with it)."""
    return np.sqrt(np.mean([data.raw[data.speakers == s].var(axis=0) for s in np.unique(data.speakers)], axis=0))


def export(data_dir: Path, cache: Path, out: Path, selection: dict[str, object]) -> None:
    """Fit the chosen heads on all 13 speakers and write ``model.npz``, ``config.json`` and ``selection.json``."""
    from affectkit.speech.features import feature_names
    from affectkit.speech.vectors import vector_names

    data = load_corpora(data_dir, cache)
    chosen: dict[str, str] = selection["chosen"]  # type: ignore[assignment]
    heads = fit_heads(data, chosen)
    arrays = {f"{head}_{key}": value.astype(np.float32) for head, fitted in heads.items()
              for key, value in fitted.items()}
    arrays["within_scale"] = within_scale(data).astype(np.float32)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "model.npz", **arrays)  # type: ignore[arg-type]
    config = {
        "name": NAME, "version": 1, "labels": EMODB_LABELS,
        "features": "egemaps-v02+lld-stats@1", "feature_names": vector_names(*feature_names()),
        "heads": chosen, "vad_prototypes": VAD_PROTOTYPES, "selection_protocol": selection["protocol"],
        "training_data": TRAINING_DATA, "corpora": ["EmoDB", "RAVDESS"], "languages": ["de", "en"],
        "commercial_use": False,
        "licence_note": "non-commercial: trained on RAVDESS (CC BY-NC-SA 4.0)",
    }
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    (out / "selection.json").write_text(json.dumps(selection, indent=1) + "\n", encoding="utf-8")


HELD_OUT = HELD_OUT_SPEAKERS + RAVDESS_HELD_OUT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m affectkit.training.speech_combined", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["select", "export"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=Path("src/affectkit/models/speech-emodb-ravdess"))
    args = parser.parse_args(argv)
    selection = select(args.data, args.cache)
    print(json.dumps(selection["chosen"], indent=1))
    if args.step == "export":
        export(args.data, args.cache, args.out, selection)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
