"""inspect_ai entry point (``[project.entry-points.inspect_ai]`` in pyproject.toml): importing the task
functions registers them as ``affectkit/<task>``. One import line per task module, sorted by module; inspect_ai
loads this module only when it looks a task up, so it may import inspect_ai freely."""

from affectkit.evals.boundaries import boundaries  # noqa: F401
from affectkit.evals.emobench import emobench_ea, emobench_eu  # noqa: F401
from affectkit.evals.eq_bench import eq_intensity  # noqa: F401
from affectkit.evals.recognition import emotion_recognition  # noqa: F401
from affectkit.evals.solvers import affect_hints, emotional_stimulus, support_plan  # noqa: F401
from affectkit.evals.strategy import esc_strategy  # noqa: F401
