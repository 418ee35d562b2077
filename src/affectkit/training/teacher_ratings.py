"""Teacher V/A/D ratings of about 90k unlabelled sentences (step 2 of ``make train``).

The fine-tuned teacher (:mod:`affectkit.training.vad_teacher`) rates sentences from datasets whose
licences allow a shipped model, once, into one file. The V/A/D branch learns them
(:mod:`affectkit.training.vad_branch`); ``train.py --teacher-ratings`` can also give them to the text
model as an extra V/A/D task (tried and not shipped: see the model card).

    python -m affectkit.training.teacher_ratings --teacher build/vad-teacher --data ../shared/data \\
        --out build/teacher-ratings.npz
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import load_emobank, load_goemotions
from affectkit.errors import AffectkitError
from affectkit.training import require_inputs

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def transfer_files(data: Path) -> list[Path]:
    """The unlabelled sources, all under licences that allow a shipped model (see the model card)."""
    return [
        data / "emobank" / "emobank.csv",
        data / "goemotions" / "train.tsv",
        data / "xed" / "en-annotated.tsv",
        data / "xed" / "neu_en.txt",
        data / "semeval2025_task11_brighter" / "track_a" / "train" / "eng.csv",
        data / "empathic_reactions" / "messages.csv",
    ]


def transfer_texts(data: Path) -> list[str]:
    """EmoBank train first, then GoEmotions train, XED English, BRIGHTER English train and the empathic
    reaction essays split into sentences; deduplicated, never an EmoBank dev or test sentence."""
    emobank = data / "emobank"
    held_out = set(load_emobank(emobank, "dev").texts) | set(load_emobank(emobank, "test").texts)
    texts = list(load_emobank(emobank, "train").texts) + list(load_goemotions(data / "goemotions", "train").texts)
    _, _, xed, xed_neutral, brighter, essays = transfer_files(data)  # EmoBank and GoEmotions: loaded above
    with xed.open(encoding="utf-8") as lines:
        texts += [line.split("\t")[0] for line in lines]
    with xed_neutral.open(encoding="utf-8") as lines:
        texts += [line.rstrip("\n").split("\t", 1)[-1] for line in lines]
    with brighter.open(encoding="utf-8", newline="") as handle:
        texts += [row["text"] for row in csv.DictReader(handle)]
    with essays.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            texts += [s.strip() for s in SENTENCE_END.split(row["essay"]) if len(s.strip()) > 10]
    seen: set[str] = set()
    kept = []
    for text in texts:
        text = text.strip()
        if len(text) >= 3 and text not in seen and text not in held_out:
            seen.add(text)
            kept.append(text)
    return kept


def save_ratings(path: Path, texts: list[str], vad: np.ndarray, teacher_config: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez(handle, texts=np.array(texts), vad=vad.astype(np.float32), teacher=json.dumps(teacher_config))


def load_ratings(path: Path) -> tuple[list[str], np.ndarray, dict[str, Any]]:
    """Texts, their V/A/D ratings on [-1, 1] (one row per text) and the teacher's config.

    A file that is not a ratings file exits with status 2 and one coded line, like a missing input.
    """
    try:
        with np.load(path) as saved:
            texts, vad = [str(t) for t in saved["texts"]], saved["vad"]
            teacher = json.loads(str(saved["teacher"]))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        message = f"not a teacher ratings file (texts, vad, teacher), as teacher_ratings.py writes: {error}"
        print(AffectkitError("AK-E003", message, source=str(path)), file=sys.stderr)
        raise SystemExit(2) from None
    return texts, vad, teacher


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teacher", type=Path, required=True, help="teacher folder (vad_teacher.py --out)")
    parser.add_argument("--data", type=Path, required=True, help="folder holding the datasets (../shared/data)")
    parser.add_argument("--out", type=Path, required=True, help="ratings file to write (.npz)")
    parser.add_argument("--limit", type=int, default=0, help="rate only this many texts (smoke test)")
    return parser


def main(argv: list[str] | None = None) -> Path:
    args = build_parser().parse_args(argv)
    from affectkit.recognizers.encoder import EncoderRecognizer

    require_inputs(
        [("--teacher", args.teacher / "model.onnx"), *(("--data", path) for path in transfer_files(args.data))]
    )
    started = time.time()
    texts = transfer_texts(args.data)
    if args.limit:
        texts = texts[: args.limit]
    print(f"the teacher rates {len(texts)} transfer texts ...", flush=True)
    teacher = EncoderRecognizer(args.teacher)
    vad = np.concatenate(
        [teacher.predict_raw(texts[start : start + 4096])["vad"] for start in range(0, len(texts), 4096)]
    )
    save_ratings(args.out, texts, vad, teacher.config)
    print(f"rated in {time.time() - started:.0f}s: {args.out}", flush=True)
    return args.out


if __name__ == "__main__":
    main()
