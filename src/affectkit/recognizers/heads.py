"""The shipped ONNX heads, registered by versioned name like the text model, and their loader.

The heads are small networks that sit on the text model's utterance vectors: the conversation heads (turn emotion
in context, causal emotion entailment; :class:`ONNXHeads`) and the support-strategy heads
(:class:`affectkit.planning.strategy.StrategyModel`). Each set is a folder of ``models/`` holding a ``config.json``
(``name``, ``version``, ``labels``, ``heads``: one ONNX file each) and is named ``<folder>@<version>``.
:func:`load_head_config` and :func:`head_sessions` load any such folder (a registered one or one just trained).

Example:
    >>> head_path("strategy-minilm@1").name
    'strategy-minilm'
    >>> import numpy as np
    >>> from affectkit.conversation.features import CONTEXT_DIM
    >>> heads = ONNXHeads()
    >>> heads.model_id, heads.turn_emotion(np.zeros((2, CONTEXT_DIM), dtype=np.float32)).shape
    ('conversation-minilm@1', (2, 7))
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError

__all__ = [
    "DEFAULT_CONVERSATION",
    "DEFAULT_STRATEGY",
    "HEADS",
    "MODELS_DIR",
    "ONNXHeads",
    "head_path",
    "head_sessions",
    "load_head_config",
]

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
"""The folder of the shipped models."""

HEADS: dict[str, str] = {
    "conversation-minilm@1": "conversation",
    "conversation-edos-minilm@2": "conversation",
    "strategy-minilm@1": "strategy",
    "strategy-edos-minilm@2": "strategy",
}
"""The shipped heads by versioned name (``<folder>@<version>`` of their ``config.json``) -> what they read."""

DEFAULT_CONVERSATION = "conversation-minilm@1"
"""The conversation heads of the default licence profile."""
DEFAULT_STRATEGY = "strategy-minilm@1"
"""The strategy heads of the default licence profile."""


def head_path(name: str) -> Path:
    """The model folder of the heads registered as ``name`` (``AK-E006`` for a name that is not registered)."""
    if name not in HEADS:
        raise AffectkitError("AK-E006", f"unknown heads '{name}'; available: {', '.join(sorted(HEADS))}")
    return MODELS_DIR / name.split("@")[0]


def load_head_config(path: Path, what: str) -> dict[str, Any]:
    """The ``config.json`` of a folder of small ONNX heads, checking that every head's file is there."""
    config_path = path / "config.json"
    if not config_path.is_file():
        raise AffectkitError("AK-E007", f"no {what} model config at {config_path}")
    config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
    for head in config["heads"].values():
        if not (path / head["file"]).is_file():
            raise AffectkitError("AK-E007", f"missing model file {path / head['file']}")
    return config


def head_sessions(path: Path, config: dict[str, Any]) -> dict[str, Any]:
    """One onnxruntime session per head of ``config`` (each a tiny MLP: threads cost more than they save)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return {name: ort.InferenceSession(str(path / head["file"]), options, providers=["CPUExecutionProvider"])
            for name, head in config["heads"].items()}


class ONNXHeads:
    """The conversation heads (turn emotion in context, causal emotion entailment) of the folder ``path``
    (default: :data:`DEFAULT_CONVERSATION`), run with onnxruntime."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else head_path(DEFAULT_CONVERSATION)
        self.config = load_head_config(self.path, "conversation")
        self.labels: list[str] = self.config["labels"]
        self.model_id = f"{self.config['name']}@{self.config['version']}"
        cause = self.config["heads"].get("cause")  # the heads of the commercial profile have no cause head
        self.cause_threshold = float(cause["threshold"]) if cause is not None else float("nan")

    @cached_property
    def _sessions(self) -> dict[str, Any]:
        return head_sessions(self.path, self.config)

    def turn_emotion(self, features: np.ndarray, context: bool = True) -> np.ndarray:
        """Ekman-7 probabilities per row, with the dev-tuned neutral prior folded in (rows sum to 1)."""
        name = "turn_emotion" if context else "turn_emotion_nocontext"
        probabilities = self._sessions[name].run(None, {"features": features.astype(np.float32)})[0]
        offset = float(self.config["heads"][name]["neutral_log_offset"])
        neutral = self.labels.index("neutral")
        adjusted = np.asarray(probabilities, dtype=np.float64).copy()
        adjusted[:, neutral] *= np.exp(offset)
        result: np.ndarray = adjusted / adjusted.sum(axis=1, keepdims=True)
        return result

    def cause(self, features: np.ndarray) -> np.ndarray:
        """Probability that each candidate turn caused the target's emotion."""
        result: np.ndarray = self._sessions["cause"].run(None, {"features": features.astype(np.float32)})[0][:, 0]
        return result
