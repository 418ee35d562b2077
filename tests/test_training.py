"""Training stays alive: a seconds-long run on a tiny sample produces a loadable shipped-format model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="training needs the 'train' extra")


@pytest.mark.slow
def test_training_smoke(tmp_path: Path, data_dir: Path) -> None:
    from affectkit.recognizers.encoder import EncoderRecognizer
    from affectkit.training import train

    out = tmp_path / "model"
    train.main(
        [
            "--goemotions",
            str(data_dir / "goemotions"),
            "--emobank",
            str(data_dir / "emobank"),
            "--brighter",
            str(data_dir / "semeval2025_task11_brighter"),
            "--out",
            str(out),
            "--limit",
            "48",
            "--epochs",
            "1",
            "--batch-size",
            "16",
            "--max-length",
            "48",
        ]
    )
    assert {p.name for p in out.iterdir()} >= {"model.onnx", "tokenizer.json", "config.json"}
    config = json.loads((out / "config.json").read_text())
    assert len(config["heads"]["goemotions"]["thresholds"]) == 28
    assert len(config["heads"]["ekman"]["labels"]) == 7
    assert all(len(digest) == 64 for digest in config["training"]["data"].values())
    assert "emobank_valence_pearson" in config["dev_metrics"]

    result = EncoderRecognizer(out).analyze_one("I really missed you " * 30)
    assert result.windows > 1  # --max-length 48 makes a 150-token text span several windows
    assert len(result.emotions) == 28 and result.vad is not None
