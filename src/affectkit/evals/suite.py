"""Evaluation suites: tasks x solver variants x models, run with one ``inspect_ai.eval`` call.

A **suite** is data: a list of affectkit tasks, each with its task arguments, and a list of solver
**variants**. Every task also runs as its **baseline**, with its own solver unchanged; a variant puts
affectkit's solver wrappers (:mod:`affectkit.evals.solvers`) in front of it:

* ``affect_hints`` — affectkit's reading of the input as a system message;
* ``support_plan`` — the system message of affectkit's plan for the reply;
* ``stimulus=ID`` — an emotional stimulus appended to the prompt (``EP01``-``EP11``, ``NP01``-``NP10``);
* several joined with ``+``, e.g. ``support_plan+stimulus=EP02`` (order does not matter).

**File format** (JSON, or TOML with Python 3.11+)::

    {
      "name": "my-suite",
      "description": "what it measures",
      "variants": ["affect_hints", "stimulus=EP02"],
      "epochs": 1,
      "tasks": [
        {"task": "boundaries", "args": {"language": "en"}},
        {"task": "esc_strategy", "name": "esc", "args": {"data": "{data}/esconv", "limit_dialogues": 20},
         "optional": true}
      ]
    }

``task`` is an affectkit task (any task of :mod:`affectkit.evals.registry`: ``eq_intensity``, ``emobench_eu``,
``emobench_ea``, ``esc_strategy``, ``emotion_recognition``, ``boundaries``; an ``affectkit/`` prefix is allowed);
``name`` labels it in the report (default: the task; must be unique); ``args`` are the task's arguments. In a
string argument ``{data}`` stands for the ``--data`` folder; a relative ``data`` path is relative to the suite
file. An ``optional`` task whose ``data`` is missing is skipped (and reported as skipped) instead of failing the
run; ``epochs`` and ``variants`` may be left out.

**Built-in suites** (:data:`BUILTIN_SUITES`, by name):

* ``quick`` — ``boundaries`` on the 50 packaged English conversations; variants ``support_plan``,
  ``stimulus=EP02``, ``stimulus=NP01``. Needs no data.
* ``ei`` — the emotional-intelligence benchmarks under ``--data DIR``: ``eq_intensity``
  (``DIR/eq_bench/eq_bench_v2_questions_171.json``), ``emobench_eu`` and ``emobench_ea``
  (``DIR/emobench/EU.jsonl``, ``DIR/emobench/EA.jsonl``) and ``esc_strategy`` (``DIR/esconv``, the first 20
  test dialogues); variants ``affect_hints``, ``support_plan``, ``stimulus=EP02``, ``stimulus=NP01``. Each
  task is optional: the ones whose data are present run, at least one must be.

**Running** (:func:`run_suite`): one ``inspect_ai.eval`` call gets every (task, variant) as a task and every
model, so inspect does the concurrency, retries, logging and progress display. Generation caching is on
(``CachePolicy(expiry=None)``; the cache key holds the model, its base URL, the config and the messages), so a
rerun reuses the generations it already has. Each log carries the suite, task name and variant in its eval
metadata (:data:`SUITE_KEY`, :data:`TASK_KEY`, :data:`VARIANT_KEY`), which is how a report maps every log back to
its (task, variant, model) cell.

Errors: ``AK-E015`` unknown suite or a malformed suite file, ``AK-E016`` an unknown variant (``AK-E014`` an
unknown stimulus id), ``AK-E017`` missing data, ``AK-E018`` a model inspect cannot create, ``AK-E008`` inspect_ai
not installed.

Example:
    >>> suite = load_suite("quick")
    >>> [t.task for t in suite.tasks], [v.name for v in suite.variants]
    (['boundaries'], ['support_plan', 'stimulus=EP02', 'stimulus=NP01'])
    >>> parse_variant("stimulus=EP02+affect_hints").name
    'affect_hints+stimulus=EP02'
"""

from __future__ import annotations

import inspect as pyinspect
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.errors import AffectkitError
from affectkit.evals import registry
from affectkit.evals._build import VARIANT_PARAMETERS
from affectkit.evals._optional import require_inspect

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.log import EvalLog
    from inspect_ai.model import Model

__all__ = [
    "BASELINE",
    "BUILTIN_SUITES",
    "SUITE_KEY",
    "TASK_KEY",
    "VARIANT_KEY",
    "Suite",
    "SuiteRun",
    "SuiteTask",
    "Variant",
    "build_tasks",
    "load_suite",
    "parse_variant",
    "resolve_tasks",
    "run_suite",
    "suite_from_dict",
]

SUITE_KEY = "affectkit.suite"
"""Eval-metadata key holding the suite name."""
TASK_KEY = "affectkit.task"
"""Eval-metadata key holding the task's name in the suite."""
VARIANT_KEY = "affectkit.variant"
"""Eval-metadata key holding the variant name (``baseline`` for the task's own solver)."""
FACTORY_KEY = "affectkit.task_factory"
"""Eval-metadata key holding the affectkit task function (e.g. ``boundaries``), which the report reads."""

BASELINE = "baseline"

BUILTIN_SUITES: dict[str, dict[str, Any]] = {
    "quick": {
        "description": "Boundaries, crisis handling and over-refusal on the 50 packaged English conversations "
        "(no data needed).",
        "variants": ["support_plan", "stimulus=EP02", "stimulus=NP01"],
        "tasks": [{"task": "boundaries", "args": {"language": "en"}}],
    },
    "ei": {
        "description": "Emotional-intelligence benchmarks from --data DIR: EQ-Bench v2 emotion intensity, EmoBench "
        "understanding and application, ESConv next strategy (first 20 test dialogues). Tasks whose data are "
        "missing are skipped.",
        "variants": ["affect_hints", "support_plan", "stimulus=EP02", "stimulus=NP01"],
        "tasks": [
            {"task": "eq_intensity", "args": {"data": "{data}/eq_bench/eq_bench_v2_questions_171.json"},
             "optional": True},
            {"task": "emobench_eu", "args": {"data": "{data}/emobench/EU.jsonl"}, "optional": True},
            {"task": "emobench_ea", "args": {"data": "{data}/emobench/EA.jsonl"}, "optional": True},
            {"task": "esc_strategy", "args": {"data": "{data}/esconv", "limit_dialogues": 20}, "optional": True},
        ],
    },
}
"""The built-in suites by name (see the module docstring)."""



_VARIANT_FORMS = "'baseline', 'affect_hints', 'support_plan', 'stimulus=ID', or several joined with '+'"


# --- Variants ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A solver variant: which affectkit wrappers go in front of the task's own solver. Its fields are
    :func:`~affectkit.evals.solvers.compose`'s keyword arguments and a variant task's parameters after ``solver``
    (:data:`affectkit.evals._build.VARIANT_PARAMETERS`)."""

    stimulus: str | None = None
    affect_hints: bool = False
    support_plan: bool = False

    @property
    def name(self) -> str:
        """The canonical name, wrappers in the order they run: ``support_plan+affect_hints+stimulus=ID``."""
        parts = [
            *(["support_plan"] if self.support_plan else []),
            *(["affect_hints"] if self.affect_hints else []),
            *([f"stimulus={self.stimulus}"] if self.stimulus else []),
        ]
        return "+".join(parts) or BASELINE

    @property
    def is_baseline(self) -> bool:
        return self.name == BASELINE


def parse_variant(text: str) -> Variant:
    """A variant from its name (see the module docstring); ``AK-E016`` if unknown, ``AK-E014`` for an unknown
    stimulus id.

    Example:
        >>> parse_variant("support_plan+stimulus=NP01")
        Variant(stimulus='NP01', affect_hints=False, support_plan=True)
        >>> parse_variant("baseline").is_baseline
        True
    """
    from affectkit.evals.solvers import stimulus_text

    name = text.strip()
    if name == BASELINE:
        return Variant()
    stimulus: str | None = None
    flags = {"affect_hints": False, "support_plan": False}
    for raw in name.split("+"):
        part = raw.strip()
        key, _, value = part.partition("=")
        key = key.strip()
        if key in flags and not value:
            if flags[key]:
                raise AffectkitError("AK-E016", f"variant {text!r} names {key!r} twice", field="variant")
            flags[key] = True
        elif key == "stimulus" and value.strip():
            if stimulus is not None:
                raise AffectkitError("AK-E016", f"variant {text!r} names two stimuli", field="variant")
            stimulus = value.strip()
            stimulus_text(stimulus)  # AK-E014 for an unknown id
        else:
            raise AffectkitError(
                "AK-E016", f"unknown solver variant {part!r} in {text!r}; expected {_VARIANT_FORMS}", field="variant"
            )
    return Variant(stimulus=stimulus, **flags)


# --- Suites -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuiteTask:
    """One task of a suite: ``name`` (unique label), ``task`` (a task of :mod:`affectkit.evals.registry`),
    ``args``."""

    name: str
    task: str
    args: dict[str, Any] = field(default_factory=dict)
    optional: bool = False


@dataclass(frozen=True)
class Suite:
    """Tasks x variants (the baseline is implied). ``base_dir`` anchors relative ``data`` paths."""

    name: str
    tasks: tuple[SuiteTask, ...]
    variants: tuple[Variant, ...] = ()
    description: str = ""
    epochs: int | None = None
    base_dir: Path | None = None


def _suite_error(message: str, source: str | None, field_name: str | None = None) -> AffectkitError:
    return AffectkitError("AK-E015", message, source=source, field=field_name)


def suite_from_dict(
    data: Mapping[str, Any], name: str | None = None, base_dir: Path | None = None, source: str | None = None
) -> Suite:
    """A suite from its dict form (the file format of the module docstring), checked field by field.

    Example:
        >>> suite = suite_from_dict({"name": "mine", "tasks": [{"task": "affectkit/boundaries"}],
        ...                          "variants": ["affect_hints"]})
        >>> suite.tasks[0], suite.variants[0].name
        (SuiteTask(name='boundaries', task='boundaries', args={}, optional=False), 'affect_hints')
    """
    if not isinstance(data, Mapping):
        raise _suite_error("a suite must be an object", source)
    unknown = set(data) - {"name", "description", "variants", "tasks", "epochs"}
    if unknown:
        raise _suite_error(f"unknown suite field(s) {', '.join(sorted(unknown))}", source, sorted(unknown)[0])
    suite_name = data.get("name", name)
    if not isinstance(suite_name, str) or not suite_name.strip():
        raise _suite_error("the suite needs a name", source, "name")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _suite_error("must be a string", source, "description")
    epochs = data.get("epochs")
    if epochs is not None and (not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1):
        raise _suite_error("must be a positive integer", source, "epochs")
    raw_variants = data.get("variants", [])
    if not isinstance(raw_variants, list) or not all(isinstance(v, str) for v in raw_variants):
        raise _suite_error("must be a list of variant names", source, "variants")
    raw_tasks = data.get("tasks")
    if not isinstance(raw_tasks, list) or not raw_tasks:
        raise _suite_error("the suite needs a non-empty list of tasks", source, "tasks")
    tasks: list[SuiteTask] = []
    for index, entry in enumerate(raw_tasks):
        where = f"tasks[{index}]"
        if not isinstance(entry, Mapping):
            raise _suite_error("a task must be an object", source, where)
        extra = set(entry) - {"task", "name", "args", "optional"}
        if extra:
            raise _suite_error(f"unknown field(s) {', '.join(sorted(extra))}", source, where)
        task_name = str(entry.get("task", "")).removeprefix("affectkit/")
        if registry.get(task_name) is None:
            raise _suite_error(
                f"unknown task {entry.get('task')!r}; expected one of {', '.join(registry.tasks())}", source,
                f"{where}.task",
            )
        args = entry.get("args", {})
        if not isinstance(args, Mapping):
            raise _suite_error("must be an object of task arguments", source, f"{where}.args")
        label = entry.get("name", task_name)
        if not isinstance(label, str) or not label.strip():
            raise _suite_error("must be a non-empty string", source, f"{where}.name")
        if any(t.name == label for t in tasks):
            raise _suite_error(f"two tasks are named {label!r}; give each a distinct 'name'", source, f"{where}.name")
        tasks.append(SuiteTask(label, task_name, dict(args), bool(entry.get("optional", False))))
    return Suite(
        name=suite_name.strip(),
        tasks=tuple(tasks),
        variants=_variants(raw_variants),
        description=description,
        epochs=epochs,
        base_dir=base_dir,
    )


def _variants(names: Iterable[str]) -> tuple[Variant, ...]:
    """The non-baseline variants of ``names``, parsed, without repeats, in order."""
    seen: dict[str, Variant] = {}
    for name in names:
        variant = parse_variant(name)
        if not variant.is_baseline:
            seen.setdefault(variant.name, variant)
    return tuple(seen.values())


def load_suite(suite: str | Path | Mapping[str, Any] | Suite) -> Suite:
    """A suite by built-in name (:data:`BUILTIN_SUITES`), from a ``.json`` / ``.toml`` file, or from a dict.

    Example:
        >>> load_suite("ei").name, len(load_suite("ei").tasks)
        ('ei', 4)
        >>> load_suite("nope")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        AffectkitError: AK-E015 unknown suite 'nope' ...
    """
    if isinstance(suite, Suite):
        return suite
    if isinstance(suite, Mapping):
        return suite_from_dict(suite)
    text = str(suite)
    if text in BUILTIN_SUITES:
        return suite_from_dict(BUILTIN_SUITES[text], name=text)
    path = Path(text)
    if not path.is_file():
        if path.suffix.lower() in (".json", ".toml"):  # meant as a file: say that the file is missing
            raise AffectkitError("AK-E001", "suite file not found", source=text)
        raise AffectkitError(
            "AK-E015",
            f"unknown suite {text!r}: not a built-in suite ({', '.join(BUILTIN_SUITES)}) nor a suite file",
            field="suite",
        )
    source = str(path)
    raw = path.read_bytes()
    if path.suffix.lower() == ".toml":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            raise _suite_error("TOML suite files need Python 3.11 or later; use JSON", source) from None
        try:
            data: Any = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise _suite_error(f"not valid TOML: {error}", source) from None
    else:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise _suite_error(f"not valid JSON: {error}", source) from None
    return suite_from_dict(data, name=path.stem, base_dir=path.resolve().parent, source=source)


# --- Data -------------------------------------------------------------------------------------------


def _substitute(value: Any, data: Path | None, suite: Suite, task: SuiteTask) -> Any:
    if isinstance(value, str) and "{data}" in value:
        if data is None:
            raise AffectkitError(
                "AK-E017",
                f"suite {suite.name!r} task {task.name!r} needs a data folder: pass --data DIR",
                field="data",
            )
        return value.replace("{data}", str(data))
    if isinstance(value, list):
        return [_substitute(v, data, suite, task) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, data, suite, task) for k, v in value.items()}
    return value


def resolve_tasks(suite: Suite, data: str | Path | None = None) -> tuple[list[SuiteTask], list[tuple[str, str]]]:
    """The suite's tasks with ``{data}`` filled in and relative ``data`` paths anchored, and the optional tasks
    skipped for missing data as ``(name, reason)``.

    ``AK-E017`` when ``data`` is needed but not given, a required task's data is missing, or every task was
    skipped.

    Example:
        >>> import tempfile
        >>> resolve_tasks(load_suite("ei"), data=tempfile.mkdtemp())  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        AffectkitError: AK-E017 no data for any task of suite 'ei' ...
        >>> [t.name for t in resolve_tasks(load_suite("quick"))[0]]
        ['boundaries']
    """
    folder = Path(data).expanduser().resolve() if data is not None else None
    if folder is not None and not folder.is_dir():
        raise AffectkitError("AK-E017", f"the data folder {folder} does not exist", source=str(folder), field="data")
    resolved: list[SuiteTask] = []
    skipped: list[tuple[str, str]] = []
    for task in suite.tasks:
        args = _substitute(task.args, folder, suite, task)
        path = args.get("data")
        if isinstance(path, str):
            location = Path(path).expanduser()
            if not location.is_absolute() and suite.base_dir is not None:
                location = suite.base_dir / location
            args["data"] = str(location)
            if not location.exists():
                reason = f"no data at {location}"
                if task.optional:
                    skipped.append((task.name, reason))
                    continue
                raise AffectkitError(
                    "AK-E017", f"task {task.name!r} of suite {suite.name!r}: {reason}", source=str(location),
                    field="data",
                )
        resolved.append(replace(task, args=args))
    if not resolved:
        looked = "; ".join(reason for _, reason in skipped)
        raise AffectkitError("AK-E017", f"no data for any task of suite {suite.name!r} ({looked})", field="data")
    return resolved, skipped


# --- inspect_ai -------------------------------------------------------------------------------------


def _factory(task: str) -> Any:
    return registry.tasks()[task].function


def build_tasks(suite: Suite, tasks: Sequence[SuiteTask], variants: Sequence[Variant]) -> list[Task]:
    """One inspect ``Task`` per (task, variant), baseline first, labelled in its metadata (see the module docstring).

    A task that takes the variant parameters (:data:`affectkit.evals._build.VARIANT_PARAMETERS`) gets the variant
    through them (so they appear in the log's task arguments); for the others the wrappers are put in front of the
    task's own solver with :func:`affectkit.evals.solvers.compose`.
    """
    require_inspect()
    from inspect_ai import task_with

    from affectkit.evals.solvers import compose

    built = []
    for index, entry in enumerate(tasks):
        factory = _factory(entry.task)
        parameters = pyinspect.signature(factory).parameters
        takes_variant = all(p.name in parameters for p in VARIANT_PARAMETERS)
        unknown = [name for name in entry.args if name not in parameters]
        if unknown and not any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
            raise AffectkitError("AK-E015", f"task {entry.task!r} takes no argument {unknown[0]!r} (it takes: "
                                 f"{', '.join(parameters) or 'none'})", field=f"tasks[{index}].args.{unknown[0]}")
        for variant in (Variant(), *variants):
            args = dict(entry.args)
            if takes_variant and not variant.is_baseline:
                args.update(asdict(variant))
            try:
                task = factory(**args)
            except (TypeError, ValueError) as error:  # a value the task cannot use, e.g. a language it has no items in
                # chained, not hidden: the same exception types also come from a fault inside the task's own code
                raise AffectkitError("AK-E015", f"task {entry.task!r} cannot be built with {entry.args}: {error}",
                                     field=f"tasks[{index}].args") from error
            if not takes_variant and not variant.is_baseline:
                task = task_with(task, solver=compose(task.solver, **asdict(variant)))
            metadata = {**(task.metadata or {}), SUITE_KEY: suite.name, TASK_KEY: entry.name,
                        VARIANT_KEY: variant.name, FACTORY_KEY: entry.task}
            label = entry.name if variant.is_baseline else f"{entry.name}+{variant.name}"
            built.append(task_with(task, name=label, metadata=metadata))
    return built


def _models(models: Sequence[str | Model]) -> list[Model]:
    from inspect_ai.model import get_model

    if not models:
        raise AffectkitError("AK-E018", "no model given: pass --model at least once", field="model")
    resolved = []
    for model in models:
        if not isinstance(model, str):
            resolved.append(model)
            continue
        try:
            resolved.append(get_model(model))
        except Exception as error:  # inspect raises many kinds (unknown provider, missing key or base URL ...)
            plain = re.sub(r"\[/?[a-z ]+\]", "", str(error)).removeprefix("ERROR: ")  # drop rich markup
            message = " ".join(plain.split()) or type(error).__name__
            raise AffectkitError("AK-E018", f"cannot use model {model!r}: {message}", field="model") from None
    names = [str(m) for m in resolved]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise AffectkitError("AK-E018", f"model {repeated[0]!r} is given twice", field="model")
    return resolved


@dataclass
class SuiteRun:
    """What :func:`run_suite` ran: the suite, its resolved tasks, the variants (baseline first), the model
    names, the skipped tasks and the inspect logs (one per task x variant x model)."""

    suite: Suite
    tasks: list[SuiteTask]
    variants: list[Variant]
    models: list[str]
    skipped: list[tuple[str, str]]
    logs: list[EvalLog]


def run_suite(
    suite: str | Path | Mapping[str, Any] | Suite,
    models: Sequence[str | Model],
    *,
    data: str | Path | None = None,
    variants: Sequence[str] | None = None,
    limit: int | None = None,
    epochs: int | None = None,
    log_dir: str | Path | None = None,
    max_connections: int | None = None,
    cache: bool = True,
    display: str | None = None,
    **eval_args: Any,
) -> SuiteRun:
    """Run a suite with one ``inspect_ai.eval`` call and return the logs (see the module docstring).

    Args:
        suite: a built-in suite name, a suite file, a dict, or a :class:`Suite`.
        models: inspect model names (``openai-api/local/my-model``, ``mockllm/model``, ...) or ``Model`` objects.
        data: the folder that ``{data}`` stands for in the suite's task arguments.
        variants: variant names replacing the suite's own (the baseline always runs).
        limit: evaluate only the first ``limit`` samples of each task.
        epochs: repeat each sample this many times (default: the suite's ``epochs``, else 1).
        log_dir: where inspect writes its logs (default: inspect's, ``INSPECT_LOG_DIR`` or ``./logs``).
        max_connections: concurrent connections per model API.
        cache: cache generations (``CachePolicy(expiry=None)``), so a rerun reuses them.
        display: inspect's progress display (``full``, ``rich``, ``plain``, ``log``, ``none``; default inspect's).
        eval_args: further arguments for ``inspect_ai.eval`` (e.g. ``max_tasks``, ``fail_on_error``).

    Example::

        run = run_suite("quick", ["openai-api/local/model-a", "openai-api/local/model-b"], limit=10)
        report = affectkit.evals.report.build_report(run.logs, suite=run.suite.name)
    """
    resolved_suite = load_suite(suite)
    chosen = _variants(variants) if variants is not None else resolved_suite.variants
    tasks, skipped = resolve_tasks(resolved_suite, data)
    require_inspect()
    from inspect_ai import eval as inspect_eval
    from inspect_ai.model import CachePolicy

    model_objects = _models(models)
    inspect_tasks = build_tasks(resolved_suite, tasks, chosen)
    config: dict[str, Any] = {}
    if max_connections is not None:
        config["max_connections"] = max_connections
    if cache:
        config["cache"] = CachePolicy(expiry=None)
    if log_dir is not None:  # made here, once everything else is known good: inspect's own attempt is a traceback
        try:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise AffectkitError("AK-E019", f"cannot write the logs ({error.strerror or error})",
                                 source=str(log_dir)) from None
    logs = inspect_eval(
        inspect_tasks,
        model=model_objects,
        log_dir=str(log_dir) if log_dir is not None else None,
        limit=limit,
        epochs=epochs if epochs is not None else resolved_suite.epochs,
        display=display,  # type: ignore[arg-type]
        **config,
        **eval_args,
    )
    return SuiteRun(
        suite=resolved_suite,
        tasks=tasks,
        variants=[Variant(), *chosen],
        models=[str(m) for m in model_objects],
        skipped=skipped,
        logs=list(logs),
    )
