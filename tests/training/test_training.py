"""Training stays alive: a seconds-long run on a tiny sample produces a loadable shipped-format model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
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



@pytest.mark.slow
def test_calibrate_only_retunes_thresholds_and_leaves_the_weights(tmp_path: Path, data_dir: Path) -> None:
    import shutil

    from affectkit.recognizers.encoder import MODELS_DIR
    from affectkit.training import train

    out = tmp_path / "model"
    shutil.copytree(MODELS_DIR / "goemotions-minilm", out)
    weights = (out / "model.onnx").read_bytes()
    config = json.loads((out / "config.json").read_text())
    config["heads"]["goemotions"]["thresholds"] = [0.5] * 28
    config["dev_metrics"] = {}
    (out / "config.json").write_text(json.dumps(config))
    train.main(["--goemotions", str(data_dir / "goemotions"), "--emobank", str(data_dir / "emobank"),
                "--brighter", str(data_dir / "semeval2025_task11_brighter"), "--out", str(out),
                "--calibrate-only", "--limit", "300"])
    config = json.loads((out / "config.json").read_text())
    assert len(config["heads"]["goemotions"]["thresholds"]) == 28
    assert config["heads"]["goemotions"]["thresholds"] != [0.5] * 28
    assert "goemotions_macro_f1" in config["dev_metrics"] and "emobank_valence_pearson" in config["dev_metrics"]
    assert (out / "model.onnx").read_bytes() == weights

@pytest.mark.slow
def test_teacher_ratings_text_model_and_branch_smoke(tmp_path: Path, data_dir: Path) -> None:
    """The V/A/D path of `make train`: teacher, its ratings, the text model learning them, then the branch,
    which replaces the V/A/D output and leaves every other output alone."""
    from affectkit.datasets import load_emobank
    from affectkit.recognizers.encoder import EncoderRecognizer
    from affectkit.training import teacher_ratings, train, vad_branch, vad_teacher

    model, checkpoint, teacher = tmp_path / "model", tmp_path / "text-model.pt", tmp_path / "teacher"
    # The real teacher is all-mpnet-base-v2 (400 MB); the code takes any encoder, so MiniLM stands in.
    teacher_config = vad_teacher.main(
        ["--emobank", str(data_dir / "emobank"), "--base", str(train.base_model_path()), "--out", str(teacher),
         "--limit", "32", "--epochs", "1"]
    )
    assert [h["epoch"] for h in teacher_config["history"]] == [1]
    ratings = teacher_ratings.main(
        ["--teacher", str(teacher), "--data", str(data_dir), "--out", str(tmp_path / "ratings.npz"), "--limit", "96"]
    )
    texts, vad, saved_config = teacher_ratings.load_ratings(ratings)
    assert len(texts) == 96 and vad.shape == (96, 3) and np.all(np.abs(vad) <= 1.0)
    assert saved_config["history"] == teacher_config["history"]

    config = train.main(
        ["--goemotions", str(data_dir / "goemotions"), "--emobank", str(data_dir / "emobank"),
         "--brighter", str(data_dir / "semeval2025_task11_brighter"), "--out", str(model), "--limit", "32",
         "--epochs", "1", "--max-length", "48", "--checkpoint", str(checkpoint), "--teacher-ratings", str(ratings),
         "--teacher-texts-per-epoch", "40"]
    )
    # The first 96 transfer texts are EmoBank train sentences: those with gold ratings (the first 32 under
    # --limit) are left out of the teacher task.
    gold = set(load_emobank(data_dir / "emobank", "train").texts[:32])
    assert config["training"]["teacher_ratings"] == {"texts": len(set(texts) - gold), "per_epoch": 40}
    assert len(set(texts) - gold) < 96
    texts = ["I am so happy for you!", "This is the worst day of my life.", "The meeting is at noon."]
    before = EncoderRecognizer(model).predict_raw(texts)

    config = vad_branch.main(
        ["--checkpoint", str(checkpoint), "--ratings", str(ratings), "--data", str(data_dir), "--model", str(model),
         "--limit", "64", "--epochs", "1"]
    )
    after = EncoderRecognizer(model).predict_raw(texts)
    for name in ("goemotions", "ekman", "sentiment", "intensity", "embedding", "vad_head"):
        np.testing.assert_allclose(after[name], before[name], atol=1e-6, err_msg=name)
    assert not np.allclose(after["vad"], before["vad"])
    assert np.all(np.abs(after["vad"]) <= 1.0)
    assert config["training"]["vad_branch"]["transfer_texts"] == 64
    assert (config["training"]["vad_branch"]["layers"], config["training"]["vad_branch"]["ffn"]) == (2, 768)
    assert config["training"]["vad_branch"]["teacher"]["dev"] == teacher_config["history"]
    assert "xed/en-annotated.tsv" in config["training"]["data"]
    assert "emobank_valence_pearson" in config["dev_metrics"]

    # The stories step's graph surgery on a freshly exported model: the Ekman head written again as a new output
    # gives the same numbers (to int8 rounding), and every output that was there is untouched.
    from affectkit.training import ekman_stories

    ekman_stories.write_head(model, *ekman_stories.old_head_weights(model))
    rewritten = EncoderRecognizer(model).predict_raw(texts)
    assert all(np.array_equal(rewritten[name], after[name]) for name in after)
    np.testing.assert_allclose(rewritten["ekman_stories"], after["ekman"], atol=0.01)


@pytest.mark.slow
def test_conversation_heads_training_smoke(tmp_path: Path, data_dir: Path) -> None:
    from affectkit.conversation.features import CONTEXT_DIM
    from affectkit.recognizers.heads import ONNXHeads
    from affectkit.training import conversation

    out = tmp_path / "conversation"
    config = conversation.main(["--reccon", str(data_dir / "reccon"), "--dailydialog", str(data_dir / "dailydialog"),
                                "--out", str(out), "--limit", "8", "--epochs", "1"])
    assert set(config["heads"]) == {"turn_emotion", "turn_emotion_nocontext", "cause"}
    assert ONNXHeads(out).turn_emotion(np.zeros((1, CONTEXT_DIM), dtype=np.float32)).shape == (1, 7)


@pytest.mark.slow
def test_strategy_heads_training_smoke(tmp_path: Path, data_dir: Path) -> None:
    from affectkit.planning.labels import STRATEGIES
    from affectkit.planning.strategy import StrategyModel
    from affectkit.training import strategy
    from affectkit.types import Utterance

    out = tmp_path / "strategy"
    config = strategy.main(["--esconv", str(data_dir / "esconv"), "--out", str(out), "--limit", "6", "--epochs", "1"])
    assert config["labels"] == list(STRATEGIES) and config["debias"]["type"] == "prior-debiaser"
    probabilities = StrategyModel(out).predict([Utterance(speaker="user", text="I lost my job.")])
    assert list(probabilities) == list(STRATEGIES)


def test_transfer_texts_never_include_emobank_dev_or_test(data_dir: Path) -> None:
    from affectkit.datasets import load_emobank
    from affectkit.training.teacher_ratings import transfer_texts

    texts = transfer_texts(data_dir)
    emobank = data_dir / "emobank"
    held_out = set(load_emobank(emobank, "dev").texts) | set(load_emobank(emobank, "test").texts)
    assert not held_out & set(texts)
    assert len(set(texts)) == len(texts) > 80_000
    train = load_emobank(emobank, "train").texts
    assert {t.strip() for t in train if len(t.strip()) >= 3} - held_out <= set(texts)


def test_missing_training_inputs_exit_2_with_a_coded_line_before_any_work(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from affectkit.training import teacher_ratings, train, vad_branch, vad_teacher

    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    with pytest.raises(SystemExit) as exit_info:
        vad_branch.main(["--checkpoint", str(tmp_path / "none.pt"), "--ratings", str(tmp_path),
                         "--data", str(data_dir), "--model", str(model)])
    assert exit_info.value.code == 2
    assert f"{tmp_path / 'none.pt'}: AK-E001" in capsys.readouterr().err
    assert [p.name for p in model.iterdir()] == ["config.json"]  # nothing written

    with pytest.raises(SystemExit) as exit_info:
        vad_teacher.main(["--emobank", str(tmp_path / "none"), "--base", str(tmp_path), "--out", str(tmp_path / "t")])
    assert exit_info.value.code == 2
    assert "AK-E001" in capsys.readouterr().err and not (tmp_path / "t").exists()

    with pytest.raises(SystemExit) as exit_info:
        teacher_ratings.main(["--teacher", str(tmp_path), "--data", str(data_dir), "--out", str(tmp_path / "r.npz")])
    assert exit_info.value.code == 2
    assert "model.onnx: AK-E001" in capsys.readouterr().err and not (tmp_path / "r.npz").exists()

    with pytest.raises(SystemExit) as exit_info:
        train.main(["--goemotions", str(data_dir / "goemotions"), "--emobank", str(data_dir / "emobank"),
                    "--brighter", str(data_dir / "semeval2025_task11_brighter"), "--out", str(tmp_path / "m"),
                    "--teacher-ratings", str(tmp_path / "none.npz")])
    assert exit_info.value.code == 2
    assert f"{tmp_path / 'none.npz'}: AK-E001" in capsys.readouterr().err and not (tmp_path / "m").exists()

    not_ratings = tmp_path / "ratings.npz"
    not_ratings.write_text("texts,vad\n")
    with pytest.raises(SystemExit) as exit_info:
        vad_branch.main(["--checkpoint", str(not_ratings), "--ratings", str(not_ratings),
                         "--data", str(data_dir), "--model", str(model)])
    assert exit_info.value.code == 2
    assert f"{not_ratings}: AK-E003 not a teacher ratings file" in capsys.readouterr().err
    assert [p.name for p in model.iterdir()] == ["config.json"]

    # The stories step on another model's folder: one coded line, nothing written.
    import shutil

    from affectkit.recognizers.encoder import MODELS_DIR
    from affectkit.training import ekman_stories

    other = tmp_path / "other"
    other.mkdir()
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(MODELS_DIR / "goemotions-minilm" / name, other / name)
    shutil.copy(MODELS_DIR / "conversation-minilm" / "cause.onnx", other / "model.onnx")
    before = {p.name: p.read_bytes() for p in other.iterdir()}
    with pytest.raises(SystemExit) as exit_info:
        ekman_stories.main(["--data", str(data_dir), "--model", str(other)])
    assert exit_info.value.code == 2
    assert f"{other / 'model.onnx'}: AK-E007 not the English text model" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in other.iterdir()} == before
    with pytest.raises(SystemExit) as exit_info:
        ekman_stories.main(["--data", str(data_dir), "--model", str(model)])
    assert exit_info.value.code == 2 and f"{model / 'tokenizer.json'}: AK-E001" in capsys.readouterr().err

    for option in (["--layers", "0"], ["--ffn", "-1"]):
        with pytest.raises(SystemExit) as exit_info:
            vad_branch.main(["--checkpoint", str(not_ratings), "--ratings", str(not_ratings),
                             "--data", str(data_dir), "--model", str(model), *option])
        assert exit_info.value.code == 2
        assert "--layers must be 1 or more and --ffn 0 or more" in capsys.readouterr().err
    assert [p.name for p in model.iterdir()] == ["config.json"]


def test_crisis_split_is_stable_and_bad_lines_are_named(tmp_path: Path) -> None:
    from affectkit.datasets import load_crisis_messages
    from affectkit.errors import AffectkitError
    from affectkit.training.crisis import split

    written = tmp_path / "written"
    written.mkdir()
    rows = [{"text": f"message {i}", "language": "en", "label": "none", "family": "ordinary"} for i in range(50)]
    (written / "en.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    split(written, tmp_path)
    train, dev = load_crisis_messages(tmp_path / "train.jsonl"), load_crisis_messages(tmp_path / "dev.jsonl")
    assert len(train) + len(dev) == 50 and dev and train
    (written / "fr.jsonl").write_text(json.dumps({**rows[0], "text": "un de plus", "language": "fr"}) + "\n")
    split(written, tmp_path)  # a new message never moves an old one to the other split
    assert {m.text for m in dev} <= {m.text for m in load_crisis_messages(tmp_path / "dev.jsonl")}

    (written / "zz.jsonl").write_text('{"text": "x", "language": "en", "label": "sad", "family": "x"}\n')
    with pytest.raises(AffectkitError) as error:
        load_crisis_messages(written)
    assert (error.value.code, error.value.line, error.value.field) == ("AK-E011", 1, "label")
    (written / "zz.jsonl").write_text('{"text": "x"}\n')
    with pytest.raises(AffectkitError) as error:
        load_crisis_messages(written)
    assert error.value.code == "AK-E003" and error.value.field == "language"


def test_other_language_ordinary_text_splits_are_disjoint(data_dir: Path) -> None:
    """The crisis training reads BRIGHTER train and XED's train part; the benchmark reads the test parts."""
    from affectkit.datasets import BRIGHTER_LANGUAGES, XED_LANGUAGES, load_brighter_texts, load_xed_texts

    for language in XED_LANGUAGES:
        train = load_xed_texts(data_dir / "xed", language, "train")
        test = load_xed_texts(data_dir / "xed", language, "test")
        assert train and test and not set(train) & set(test)
        assert 0.1 < len(test) / (len(train) + len(test)) < 0.3
    german = load_brighter_texts(data_dir / "semeval2025_task11_brighter", "train", "de")
    assert len(german) > 1000 and all(text.strip() for text in german)
    assert set(BRIGHTER_LANGUAGES) - {"en"} <= set(XED_LANGUAGES)
    with pytest.raises(ValueError):
        load_xed_texts(data_dir / "xed", "de", "dev")


def test_a_missing_file_of_a_dataset_is_a_coded_error(tmp_path: Path) -> None:
    from affectkit.datasets import load_brighter_texts, load_xed_texts
    from affectkit.errors import AffectkitError

    (tmp_path / "track_a" / "train").mkdir(parents=True)  # the folder is there, the German file is not
    for load in (lambda: load_brighter_texts(tmp_path, "train", "de"), lambda: load_xed_texts(tmp_path, "de", "train")):
        with pytest.raises(AffectkitError) as error:
            load()
        assert error.value.code == "AK-E001" and str(error.value.source).startswith(str(tmp_path))



@pytest.mark.slow
def test_ekman_stories_adds_an_output_and_leaves_every_other_one(tmp_path: Path, data_dir: Path) -> None:
    """`make train`'s stories step on a small sample: a new `ekman_stories` output, every other output bit for bit as
    it was, a `stories` domain in the config; a second run replaces the head it added."""
    import shutil

    import onnx

    from affectkit.recognizers.encoder import MODELS_DIR, EncoderRecognizer
    from affectkit.training import ekman_stories

    model = tmp_path / "model"
    shutil.copytree(MODELS_DIR / "goemotions-minilm", model)
    texts = ["I am so happy for you!", "The screaming started and I froze.", "The meeting is at noon."]
    before = EncoderRecognizer(model).predict_raw(texts)
    options = ["--data", str(data_dir), "--model", str(model), "--limit", "200", "--settings", "1"]
    config = ekman_stories.main(options)
    after = EncoderRecognizer(model).predict_raw(texts)
    for name in ("goemotions", "ekman", "sentiment", "vad", "intensity", "embedding", "vad_head"):
        assert np.array_equal(after[name], before[name]), name
    assert after["ekman_stories"].shape == (3, 7) and not np.allclose(after["ekman_stories"], after["ekman"])
    assert config["training"]["ekman_stories"]["texts"]["stories"] == 200
    assert len(config["training"]["ekman_stories"]["search"]) == 1
    stories = config["heads"]["ekman"]["domains"]["stories"]
    assert stories["output"] == "ekman_stories" and len(stories["thresholds"]) == 7
    assert "semeval2025_task11_brighter/track_a/train/eng.csv" in config["training"]["data"]
    analysis = EncoderRecognizer(model).analyze(texts[1:2], domain="stories")[0]
    assert analysis.ekman_labels and set(analysis.ekman) == set(config["heads"]["ekman"]["labels"])

    ekman_stories.main([*options, "--seed", "1"])
    graph = onnx.load(str(model / "model.onnx")).graph
    assert [o.name for o in graph.output].count("ekman_stories") == 1
    assert sum(n.name == ekman_stories.PREFIX + "matmul" for n in graph.node) == 1
    again = EncoderRecognizer(model).predict_raw(texts)
    assert np.array_equal(again["ekman"], before["ekman"]) and not np.array_equal(again["ekman_stories"],
                                                                                   after["ekman_stories"])
