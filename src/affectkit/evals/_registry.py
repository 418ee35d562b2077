"""inspect_ai entry point (``[project.entry-points.inspect_ai]`` in pyproject.toml): importing the task
functions registers them as ``affectkit/<task>``. inspect_ai loads this module only when it looks a task up, so it
may import inspect_ai freely.

Every benchmark folder of :mod:`affectkit.evals.registry` is imported here, so a new folder's tasks are registered
without an edit to this file; the import lines below name the shipped tasks for readers and for
``from affectkit.evals._registry import <task>``.
"""

from affectkit.evals.boundaries import boundaries  # noqa: F401
from affectkit.evals.emobench import emobench_ea, emobench_eu  # noqa: F401
from affectkit.evals.eq_bench import eq_intensity  # noqa: F401
from affectkit.evals.recognition import emotion_recognition  # noqa: F401
from affectkit.evals.registry import tasks as _tasks
from affectkit.evals.solvers import affect_hints, emotional_stimulus, support_plan  # noqa: F401
from affectkit.evals.strategy import esc_strategy  # noqa: F401

globals().update({name: entry.function for name, entry in _tasks().items()})
