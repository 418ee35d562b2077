"""Train and export the speech emotion model shipped in ``affectkit/models/speech-emodb`` (needs the ``train``
and ``speech`` extras)::

    python -m affectkit.training.speech features --data ../shared/data     # cache the feature vectors
    python -m affectkit.training.speech select --data ../shared/data       # compare models, speaker-independent
    python -m affectkit.training.speech export --data ../shared/data --out src/affectkit/models/speech-emodb

Every clip goes through the run-time path (:func:`affectkit.speech.analyze.clip_vector`: 16 kHz, voice activity,
the span from the first to the last speech, eGeMAPS v02 in one openSMILE run, the 263-value vector of
:mod:`affectkit.speech.vectors`). The vectors are cached in ``--cache`` (outside the repository).
:mod:`affectkit.training.speech_combined` trains the EmoDB + RAVDESS model (non-commercial) on the same vectors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EMODB_LABELS = ["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"]
RAVDESS_TO_EMODB = {"angry": "anger", "disgust": "disgust", "fearful": "fear", "happy": "happiness",
                    "neutral": "neutral", "sad": "sadness"}
DEFAULT_CACHE = Path(os.environ.get("AFFECTKIT_CACHE", Path.home() / ".cache" / "affectkit"))


def corpus(data: Path, name: str) -> list[dict[str, str]]:
    """The rows of ``speech_emodb`` or ``speech_ravdess`` with ``path``, ``speaker`` and ``emotion`` (RAVDESS
    rows keep their own emotion names; :data:`RAVDESS_TO_EMODB` maps the shared ones)."""
    folder = data / f"speech_{name}"
    rows = []
    with open(folder / "labels.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            speaker = row["speaker"] if name == "emodb" else f"{int(row['actor']):02d}"
            path = folder / row["file"]
            rows.append({"path": str(path), "speaker": speaker, "emotion": row["emotion"]})
    return rows


def extract(rows: Sequence[dict[str, str]]) -> np.ndarray:
    """The feature vector of every row's file, through the run-time path."""
    from affectkit.speech.audio import load_audio
    from affectkit.speech.clip import clip_vector

    vectors = []
    started = time.monotonic()
    for i, row in enumerate(rows):
        audio = load_audio(row["path"])
        vector = clip_vector(audio.signal, audio.sample_rate)
        if vector is None:
            raise RuntimeError(f"{row['path']}: no speech found")
        vectors.append(vector)
        if (i + 1) % 100 == 0:
            print(f"  {i + 1}/{len(rows)} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return np.vstack(vectors)


def cached_features(data: Path, name: str, cache: Path) -> tuple[np.ndarray, list[dict[str, str]]]:
    """:func:`extract` of a corpus, kept in ``cache`` (keyed by corpus and file list)."""
    rows = corpus(data, name)
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"speech-{name}-egemaps-v1.npz"
    files = np.array([Path(r["path"]).name for r in rows])
    if path.exists():
        stored = np.load(path)
        if stored["files"].tolist() == files.tolist():
            return stored["x"], rows
    x = extract(rows)
    np.savez(path, x=x, files=files)
    return x, rows


# --- models compared -------------------------------------------------------------------------------------

FUNCTIONALS = slice(0, 88)
ALL = slice(0, None)
DEV_SPEAKERS = ["03", "08", "09", "10", "11", "13"]
"""audb's speaker-independent train speakers: model selection is leave-one-speaker-out among them only."""
HELD_OUT_SPEAKERS = ["12", "14", "15", "16"]
VAD_PROTOTYPES = {  # valence, arousal, dominance of each category (circumplex placements from the literature)
    "anger": [-0.6, 0.8, 0.5], "boredom": [-0.3, -0.6, -0.2], "disgust": [-0.6, 0.3, 0.3],
    "fear": [-0.6, 0.6, -0.6], "happiness": [0.8, 0.5, 0.4], "neutral": [0.0, 0.0, 0.0],
    "sadness": [-0.7, -0.5, -0.4],
}


def candidates() -> dict[str, tuple[slice, object, bool]]:
    """Name -> (feature columns, a factory of an unfitted scikit-learn classifier, exportable as a linear head)."""
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.svm import SVC

    table: dict[str, tuple[slice, object, bool]] = {}
    for cols_name, cols in (("func88", FUNCTIONALS), ("all263", ALL)):
        for c in (0.01, 0.03, 0.1):
            table[f"{cols_name} logreg C={c}"] = (cols, lambda c=c: LogisticRegression(
                C=c, max_iter=3000, class_weight="balanced"), True)
        for shrink in (0.3, 0.6, "auto"):
            table[f"{cols_name} lda shrinkage={shrink}"] = (cols, lambda s=shrink: LinearDiscriminantAnalysis(
                solver="lsqr", shrinkage=s), True)
        for c in (1.0, 10.0):
            table[f"{cols_name} svm-rbf C={c:g}"] = (cols, lambda c=c: SVC(C=c, class_weight="balanced"), False)
        table[f"{cols_name} mlp 128 alpha=1"] = (cols, lambda: MLPClassifier(
            (128,), alpha=1.0, max_iter=500, random_state=0), False)
    return table


def speaker_normalise(x: np.ndarray, speakers: np.ndarray) -> np.ndarray:
    """Each speaker's rows z-scored with that speaker's own mean and spread (over all their clips, unlabelled)."""
    out = np.empty_like(x)
    for speaker in np.unique(speakers):
        rows = speakers == speaker
        out[rows] = (x[rows] - x[rows].mean(axis=0)) / (x[rows].std(axis=0) + 1e-8)
    return out


def uar(y: np.ndarray, predicted: np.ndarray) -> float:
    """Unweighted average recall: the mean over the classes present in ``y`` of their recall."""
    return float(np.mean([np.mean(predicted[y == c] == c) for c in np.unique(y)]))


def loso_predictions(factory: object, x: np.ndarray, y: np.ndarray, speakers: np.ndarray,
                     folds: Sequence[str]) -> np.ndarray:
    """Leave-one-speaker-out predictions for the rows of ``folds`` (others: -1); z-scoring fitted on train only."""
    predicted = np.full(len(y), -1)
    pool = np.isin(speakers, folds)
    for speaker in folds:
        test, train = speakers == speaker, pool & (speakers != speaker)
        mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-8
        model = factory()  # type: ignore[operator]
        model.fit((x[train] - mean) / scale, y[train])
        predicted[test] = model.predict((x[test] - mean) / scale)
    return predicted


def emodb_arrays(data: Path, cache: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """EmoDB's feature vectors, label indices and speakers."""
    x, rows = cached_features(data, "emodb", cache)
    y = np.array([EMODB_LABELS.index(r["emotion"]) for r in rows])
    return x, y, np.array([r["speaker"] for r in rows])


def select(data: Path, cache: Path) -> dict[str, object]:
    """Every candidate under both normalisations, scored by UAR leave-one-speaker-out among
    :data:`DEV_SPEAKERS`; the best exportable candidate of each normalisation is chosen."""
    import warnings

    x, y, speakers = emodb_arrays(data, cache)
    normalised = {"global": x, "speaker": speaker_normalise(x, speakers)}
    rows, chosen = [], {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for norm, features in normalised.items():
            best = (-1.0, "")
            for name, (cols, factory, exportable) in candidates().items():
                score = uar(y[np.isin(speakers, DEV_SPEAKERS)],
                            loso_predictions(factory, features[:, cols], y, speakers, DEV_SPEAKERS)[
                                np.isin(speakers, DEV_SPEAKERS)])
                rows.append({"normalisation": norm, "model": name, "dev_uar": round(score, 4),
                             "exportable": exportable})
                print(f"{norm:8s} {name:28s} dev UAR {score:.3f}{'' if exportable else '  (not exportable)'}",
                      file=sys.stderr)
                if exportable and score > best[0]:
                    best = (score, name)
            chosen[norm] = best[1]
    return {"protocol": f"leave-one-speaker-out among speakers {', '.join(DEV_SPEAKERS)} (audb train split)",
            "candidates": rows, "chosen": chosen}


def fit_head(name: str, x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """Fit candidate ``name`` on all of ``x`` and return it as a linear head over all 263 columns: the
    z-scoring statistics, ``coef`` (labels x 263, zero outside the candidate's columns) and ``intercept``."""
    cols, factory, exportable = candidates()[name]
    if not exportable:
        raise ValueError(f"{name} cannot be exported as a linear head")
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-8
    model = factory()  # type: ignore[operator]
    model.fit(((x - mean) / scale)[:, cols], y)
    coef = np.zeros((len(EMODB_LABELS), x.shape[1]))
    coef[:, cols] = model.coef_
    return {"mean": mean, "scale": scale, "coef": coef, "intercept": np.asarray(model.intercept_, dtype=np.float64)}


def export(data: Path, cache: Path, out: Path, selection: dict[str, object]) -> None:
    """Fit the chosen heads on all ten EmoDB speakers and write ``model.npz`` and ``config.json`` to ``out``."""
    from affectkit.speech.features import feature_names
    from affectkit.speech.vectors import vector_names

    x, y, speakers = emodb_arrays(data, cache)
    chosen = selection["chosen"]
    heads = {"global": fit_head(chosen["global"], x, y),  # type: ignore[index]
             "speaker": fit_head(chosen["speaker"], speaker_normalise(x, speakers), y)}  # type: ignore[index]
    within = np.sqrt(np.mean([x[speakers == s].var(axis=0) for s in np.unique(speakers)], axis=0))
    arrays = {f"{head}_{key}": value.astype(np.float32) for head, fitted in heads.items()
              for key, value in fitted.items()}
    arrays["within_scale"] = within.astype(np.float32)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "model.npz", **arrays)  # type: ignore[arg-type]
    config = {
        "name": "speech-emodb-egemaps", "version": 1, "labels": EMODB_LABELS,
        "features": "egemaps-v02+lld-stats@1", "feature_names": vector_names(*feature_names()),
        "heads": {"global": chosen["global"], "speaker": chosen["speaker"]},  # type: ignore[index]
        "vad_prototypes": VAD_PROTOTYPES, "selection_protocol": selection["protocol"],
        "training_data": "Berlin EmoDB, all 535 utterances of 10 speakers (CC0-1.0 as packaged by audEERING)",
        "corpora": ["EmoDB"], "languages": ["de"], "commercial_use": True,
    }
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m affectkit.training.speech", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["features", "select", "export"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out", type=Path, default=Path("src/affectkit/models/speech-emodb"))
    args = parser.parse_args(argv)
    if args.step == "features":
        for name in ("emodb", "ravdess"):
            x, _ = cached_features(args.data, name, args.cache)
            print(f"{name}: {x.shape[0]} clips x {x.shape[1]} values", file=sys.stderr)
        return 0
    selection = select(args.data, args.cache)
    print(json.dumps(selection["chosen"], indent=1))
    if args.step == "export":
        export(args.data, args.cache, args.out, selection)
        (args.out / "selection.json").write_text(json.dumps(selection, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- a small network over LLD sequences (compared on the dev protocol; not shipped) -------------------------

def lld_sequences(data: Path, cache: Path) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """EmoDB's eGeMAPS LLD sequences (frames x 25, the same speech span as the vectors), labels and speakers,
    cached in ``cache``."""
    from affectkit.speech.audio import load_audio
    from affectkit.speech.features import egemaps
    from affectkit.speech.vad import detect_speech, speech_span

    rows = corpus(data, "emodb")
    path = cache / "speech-emodb-lld-v1.npz"
    if path.exists():
        stored = np.load(path)
        frames, offsets = stored["frames"], stored["offsets"]
    else:
        sequences = []
        for row in rows:
            audio = load_audio(row["path"])
            span = speech_span(detect_speech(audio.signal, audio.sample_rate))
            assert span is not None, row["path"]
            sequences.append(egemaps(audio.signal[int(span[0] * 16000):int(span[1] * 16000)]).lld)
        frames = np.concatenate(sequences)
        offsets = np.cumsum([0] + [len(s) for s in sequences])
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(path, frames=frames, offsets=offsets)
    sequences = [frames[offsets[i]:offsets[i + 1]] for i in range(len(rows))]
    y = np.array([EMODB_LABELS.index(r["emotion"]) for r in rows])
    return sequences, y, np.array([r["speaker"] for r in rows])


def sequence_dev_uar(data: Path, cache: Path, epochs: int = 40, seed: int = 0) -> dict[str, object]:
    """UAR on the dev protocol of a small 1-D CNN over per-speaker z-scored LLD sequences: two convolutions
    (64 channels, kernel 5, the second dilated), mean- and max-pooling over time, dropout 0.3, a linear layer;
    AdamW (lr 1e-3, weight decay 1e-2), class-weighted cross-entropy, batches of 32, ``epochs`` epochs, one
    thread."""
    import torch

    torch.set_num_threads(1)
    sequences, y, speakers = lld_sequences(data, cache)
    x = [s.astype(np.float32) for s in sequences]
    for speaker in np.unique(speakers):
        rows = np.flatnonzero(speakers == speaker)
        stacked = np.concatenate([x[i] for i in rows])
        mean, scale = stacked.mean(axis=0), stacked.std(axis=0) + 1e-6
        for i in rows:
            x[i] = (x[i] - mean) / scale

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = torch.nn.Conv1d(25, 64, 5, padding=2)
            self.conv2 = torch.nn.Conv1d(64, 64, 5, padding=4, dilation=2)
            self.drop = torch.nn.Dropout(0.3)
            self.out = torch.nn.Linear(128, len(EMODB_LABELS))

        def forward(self, batch: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            h = torch.relu(self.conv2(torch.relu(self.conv1(batch))))
            m = mask[:, None, :]
            pooled = torch.cat([(h * m).sum(2) / m.sum(2), (h - 1e4 * (1 - m)).max(2).values], dim=1)
            return self.out(self.drop(pooled))

    def pad(ids: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        longest = max(len(x[i]) for i in ids)
        batch = np.zeros((len(ids), 25, longest), np.float32)
        mask = np.zeros((len(ids), longest), np.float32)
        for k, i in enumerate(ids):
            batch[k, :, : len(x[i])] = x[i].T
            mask[k, : len(x[i])] = 1.0
        return torch.from_numpy(batch), torch.from_numpy(mask)

    predicted = np.full(len(y), -1)
    pool = np.isin(speakers, DEV_SPEAKERS)
    folds = {}
    for speaker in DEV_SPEAKERS:
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        train, test = np.flatnonzero(pool & (speakers != speaker)), np.flatnonzero(speakers == speaker)
        net = Net()
        optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-2)
        counts = np.bincount(y[train], minlength=len(EMODB_LABELS))
        weight = torch.tensor(len(train) / (len(EMODB_LABELS) * np.maximum(counts, 1)), dtype=torch.float32)
        for _ in range(epochs):
            net.train()
            order = rng.permutation(train)
            for start in range(0, len(order), 32):
                ids = order[start:start + 32]
                batch, mask = pad(ids)
                loss = torch.nn.functional.cross_entropy(net(batch, mask), torch.from_numpy(y[ids]), weight=weight)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
        net.eval()
        with torch.no_grad():
            predicted[test] = net(*pad(test)).argmax(dim=1).numpy()
        folds[speaker] = round(uar(y[test], predicted[test]), 4)
        print(f"  sequence CNN, speaker {speaker}: UAR {folds[speaker]:.3f}", file=sys.stderr)
    return {"model": "1-D CNN over per-speaker z-scored LLD sequences", "epochs": epochs,
            "dev_uar": round(uar(y[pool], predicted[pool]), 4), "per_speaker_uar": folds}
