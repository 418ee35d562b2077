"""Emotional-intelligence benchmarks for any LLM, built on inspect_ai (``pip install 'affectkit[eval]'``).

An evaluation is dataset + solver + scorer. The tasks are registered with inspect_ai through the package's
entry point (``affectkit.evals._registry``), so once affectkit is installed they run by name::

    inspect eval affectkit/eq_intensity -T data=eq_bench_v2_questions_171.json --model openai-api/local/my-model

Tasks:

- ``affectkit/eq_intensity`` (:mod:`affectkit.evals.eq_bench`): EQ-Bench v2: rate the intensity (0-10) of four
  emotions a character feels at the end of a dialogue. Metrics ``eq_bench_score`` (0-100), ``parse_rate`` and
  ``valid`` (0 when fewer than 83.33% of the answers parse). ``-T data=PATH`` (JSON).
- ``affectkit/emobench_eu`` (:mod:`affectkit.evals.emobench`): EmoBench emotional understanding: pick the
  emotion, then (second turn) its cause. Accuracy for emotion, cause and both, per category and language, parse
  rates and position bias. ``-T data=PATH`` (JSONL), ``-T seed=42`` (choice shuffling).
- ``affectkit/emobench_ea`` (:mod:`affectkit.evals.emobench`): EmoBench emotional application: pick the most
  effective action or response. Same metrics, one answer per item.

Further tasks (``esc_strategy``, ``emotion_recognition``, ``boundaries``) live in their own folders. Each benchmark
is one folder ``evals/<benchmark>/`` (``dataset.py``, ``prompts.py``, ``scorer.py``, ``task.py``) whose
``__init__.py`` declares its tasks and their report metrics once; :mod:`affectkit.evals.registry` finds the folders,
and the entry point, the suites and the reports read it.

Suites and reports: :mod:`affectkit.evals.suite` runs tasks x solver variants x models with one inspect_ai
``eval`` call (built-in suites ``quick`` and ``ei``, or a JSON/TOML suite file), :mod:`affectkit.evals.report`
turns the logs into ``report.json`` and a self-contained ``report.html`` with 95% bootstrap intervals and paired
permutation tests (:mod:`affectkit.metrics.bootstrap`); the command line is ``affectkit eval SUITE --model M ...``.

The file-based tasks (``eq_intensity``, ``emobench_eu``, ``emobench_ea``, ``boundaries``) also take ``data`` as
a URL when online (``https://...`` or ``hf://datasets/<owner>/<name>/<file>``): it is downloaded once into the
user cache (:mod:`affectkit.evals._data`).

The pure parts (answer parsers, item and benchmark scores, data loaders) work without inspect_ai; the tasks,
solvers and scorers raise ``AK-E008`` naming the ``eval`` extra when it is missing. Nothing here is imported by
``import affectkit``.
"""
