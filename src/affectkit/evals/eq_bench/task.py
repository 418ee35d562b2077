"""The inspect_ai task(s) of the eq_bench benchmark (see :mod:`affectkit.evals.eq_bench`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from affectkit.evals._build import file_task
from affectkit.evals._optional import HAVE_INSPECT, task
from affectkit.evals.eq_bench.dataset import load_eq_bench
from affectkit.evals.eq_bench.scorer import VALIDITY_NOTE, eq_bench_scorer

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai import Task


@task
def eq_intensity(data: str, temperature: float = 0.01) -> Task:
    """EQ-Bench v2 emotion intensity: one generation per question, scored by :func:`eq_bench_scorer`.

    Args:
        data: path to an EQ-Bench v2 question file (JSON object of items; see the module docstring).
        temperature: sampling temperature (EQ-Bench uses 0.01).

    Example:
        ``inspect eval affectkit/eq_intensity -T data=questions.json --model openai-api/local/my-model``
    """
    from inspect_ai.dataset import Sample
    from inspect_ai.model import GenerateConfig
    from inspect_ai.solver import generate

    items = load_eq_bench(data)
    samples = [
        Sample(
            id=item.id,
            input=item.prompt,
            target=", ".join(f"{name}: {value:g}" for name, value in item.reference.items()),
            metadata={"reference": item.reference},
        )
        for item in items
    ]
    return file_task(samples, data, generate(), eq_bench_scorer(),
                     {"benchmark": "EQ-Bench v2", "data": str(data), "validity_rule": VALIDITY_NOTE},
                     config=GenerateConfig(temperature=temperature))
