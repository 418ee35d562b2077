"""Data loading of the eq_bench benchmark (see :mod:`affectkit.evals.eq_bench`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.errors import AffectkitError
from affectkit.evals._optional import HAVE_INSPECT

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    pass


# ---- data -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EqBenchItem:
    """One EQ-Bench question: ``reference`` maps the four emotions (as written, in order) to their scores."""

    id: str
    prompt: str
    reference: dict[str, float]


def load_eq_bench(path: str | Path) -> list[EqBenchItem]:
    """Read an EQ-Bench v2 question file (see the module docstring), with coded errors naming file and item.

    Example:
        >>> import json, pathlib, tempfile
        >>> ref = {"emotion1": "Calm", "emotion1_score": 3, "emotion2": "Sad", "emotion2_score": 6,
        ...        "emotion3": "Angry", "emotion3_score": 0, "emotion4": "Proud", "emotion4_score": 1}
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "q.json"
        >>> _ = path.write_text(json.dumps({"7": {"prompt": "...", "reference_answer_fullscale": ref}}))
        >>> load_eq_bench(path)[0].reference
        {'Calm': 3.0, 'Sad': 6.0, 'Angry': 0.0, 'Proud': 1.0}
    """
    from affectkit.evals._data import resolve_data
    from affectkit.io import read_text_file

    source = str(path)
    path = resolve_data(path)
    try:
        content = json.loads(read_text_file(path))
    except json.JSONDecodeError as error:
        raise AffectkitError("AK-E004", f"not valid JSON: {error.msg}", source=source, line=error.lineno) from None
    if not isinstance(content, dict):
        raise AffectkitError("AK-E004", "expected a JSON object of items keyed by question id", source=source)
    items = [_eq_bench_item(str(key), value, source) for key, value in content.items()]
    if not items:
        raise AffectkitError("AK-E009", "the file holds no questions", source=source)
    return items


def _eq_bench_item(key: str, value: Any, source: str) -> EqBenchItem:
    where = f"{source}[{key}]"
    if not isinstance(value, dict):
        raise AffectkitError("AK-E005", "an item must be a JSON object", source=where)
    prompt = value.get("prompt")
    if prompt is None:
        raise AffectkitError("AK-E003", "missing field", source=where, field="prompt")
    if not isinstance(prompt, str):
        raise AffectkitError("AK-E005", "the prompt must be a string", source=where, field="prompt")
    answer = value.get("reference_answer_fullscale")
    if answer is None:
        raise AffectkitError("AK-E003", "missing field", source=where, field="reference_answer_fullscale")
    if not isinstance(answer, dict):
        raise AffectkitError("AK-E005", "must be an object", source=where, field="reference_answer_fullscale")
    reference: dict[str, float] = {}
    for index in range(1, 5):
        name_field, score_field = f"emotion{index}", f"emotion{index}_score"
        for name in (name_field, score_field):
            if name not in answer:
                raise AffectkitError(
                    "AK-E003", "missing field", source=where, field=f"reference_answer_fullscale.{name}"
                )
        name = answer[name_field]
        if not isinstance(name, str) or not name.strip():
            raise AffectkitError("AK-E005", "an emotion must be a non-empty string", source=where, field=name_field)
        try:
            reference[name.strip()] = float(answer[score_field])
        except (TypeError, ValueError):
            raise AffectkitError("AK-E005", "a score must be a number", source=where, field=score_field) from None
    if len({_norm(name) for name in reference}) != 4:
        raise AffectkitError(
            "AK-E005", "the four emotions must differ", source=where, field="reference_answer_fullscale"
        )
    return EqBenchItem(id=key, prompt=prompt, reference=reference)

def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()
