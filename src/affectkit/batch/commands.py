"""The ``affectkit batch`` and ``affectkit trends`` commands (added to the CLI by :func:`add_commands`).

Examples::

    affectkit batch comments.csv emotions.parquet --text-column body --id-column id
    affectkit batch exports/ emotions.parquet --engine ray --address auto
    affectkit batch tickets.jsonl turns.parquet --conversation --group-column ticket --time-column ts
    affectkit trends emotions.parquet --time-column created --freq W --group-column product --out report/
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from affectkit.io import path_argument
from affectkit.recognizers import DOMAINS


def add_commands(sub: Any) -> None:
    """Add ``batch`` and ``trends`` to the CLI's subcommands."""
    batch = sub.add_parser(
        "batch",
        help="analyse a CSV, JSONL or Parquet file (or a folder of them) into a Parquet or JSONL file",
        description="Analyse every row of INPUT into OUTPUT (.parquet or .jsonl): the input columns plus the "
        "analysis in typed columns. Bad rows are skipped and listed in OUTPUT-STEM.bad-rows.jsonl with the reason. "
        "Work is kept in OUTPUT.parts/ until the end: rerun the same command after an interruption and it "
        "resumes. Needs affectkit[batch].",
    )
    batch.add_argument("input", type=path_argument, help="a .csv, .jsonl or .parquet file, or a folder of them")
    batch.add_argument("output", type=path_argument, help="the .parquet or .jsonl file to write")
    batch.add_argument("--text-column", default="text", help="column holding the text (default: text)")
    batch.add_argument("--id-column", help="column identifying a row (named in the bad-rows file)")
    batch.add_argument("--time-column", help="column holding the time (orders a conversation's turns)")
    batch.add_argument("--group-column", help="column holding the conversation id (with --conversation)")
    batch.add_argument("--speaker-column", help="column holding the speaker (conversation mode; default: speaker)")
    batch.add_argument("--conversation", action="store_true",
                       help="read the rows of each --group-column value, in time order, as one conversation")
    batch.add_argument("--engine", choices=["local", "ray"], default="local",
                       help="local worker processes (default) or Ray Data")
    batch.add_argument("--workers", type=int, help="worker processes (local) or CPUs of a local Ray cluster "
                       "(default: one per CPU)")
    batch.add_argument("--threads", type=int, help="model threads per worker or Ray actor (default 1)")
    batch.add_argument("--address", help="join this Ray cluster (e.g. auto, ray://host:10001) instead of "
                       "starting a local one")
    batch.add_argument("--part-size", type=int, default=1000, help="rows per resumable part (default 1000)")
    batch.add_argument("--model", "-m", default=None, help="recognizer name (see `models`; default: the best for "
                       "each text's language)")
    batch.add_argument("--language", "-l", help="ISO 639 code of every text (e.g. de, pt-BR): skips language "
                       "identification")
    batch.add_argument("--domain", choices=DOMAINS, default=DOMAINS[0],
                       help="what kind of English text this is, for the Ekman labels: comments (social media, chat; "
                       "the default) or stories (sentences of first-person narratives)")
    batch.add_argument("--restart", action="store_true", help="discard the unfinished run of other settings")
    batch.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar on stderr (default: on a terminal)")
    batch.set_defaults(handler=_batch)

    trends = sub.add_parser(
        "trends",
        help="emotion trends over time in an analysed file: per-period tables, change points, forecast, HTML",
        description="Per period: the prevalence and mean intensity of each emotion and the mean VAD; change "
        "points (ruptures) and a short-term forecast with prediction intervals (statsforecast). Writes "
        "trends.csv, changepoints.csv, forecast.csv, PNG plots and a self-contained trends.html. Needs "
        "affectkit[batch].",
    )
    trends.add_argument("file", type=path_argument, help="a file written by `affectkit batch` (.parquet or .jsonl)")
    trends.add_argument("--time-column", required=True, help="column holding the time")
    trends.add_argument("--freq", choices=["D", "W", "M"], default="D", help="period: day, week or month (default D)")
    trends.add_argument("--group-column", help="one series per value of this column")
    trends.add_argument("--out", "-o", type=path_argument, help="report folder (default: FILE-STEM-trends/)")
    trends.add_argument("--horizon", type=int, help="periods to forecast (default 7 days, 4 weeks, 3 months)")
    trends.add_argument("--top", type=int, default=6, help="emotions to follow besides VAD (default 6)")
    trends.set_defaults(handler=_trends)


def _batch(args: argparse.Namespace) -> int:
    from affectkit.batch.runner import run
    from affectkit.cli import _say_if_unread

    if args.model is None:
        _say_if_unread(args.language)

    result = run(args.input, args.output, text_column=args.text_column, id_column=args.id_column,
                 time_column=args.time_column, group_column=args.group_column, speaker_column=args.speaker_column,
                 conversation=args.conversation, model=args.model, engine=args.engine, workers=args.workers,
                 threads=args.threads, address=args.address, part_size=args.part_size, progress=args.progress,
                 restart=args.restart, language=args.language, domain=args.domain)
    resumed = f", {result.resumed_parts} parts done by an earlier run" if result.resumed_parts else ""
    bad = f"; {result.bad_rows:,} bad rows skipped, see {result.bad_rows_path}" if result.bad_rows else ""
    print(f"affectkit: {result.rows:,} rows written to {result.output} in {result.seconds:.1f} s{resumed}{bad}",
          file=sys.stderr)
    return 0


def _trends(args: argparse.Namespace) -> int:
    import warnings

    from affectkit.batch.trends import trends

    out = args.out or args.file.with_name(args.file.stem + "-trends")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = trends(args.file, time_column=args.time_column, freq=args.freq, group_column=args.group_column,
                        out=out, horizon=args.horizon, top=args.top)
    for warning in caught:
        if issubclass(warning.category, UserWarning) and "readable time" in str(warning.message):
            print(f"affectkit: {args.file}: {warning.message}", file=sys.stderr)
    print(f"affectkit: {len(result.table)} periods x groups, {len(result.change_points)} change points; wrote "
          f"{', '.join(path.name for path in result.files)} to {out}", file=sys.stderr)
    return 0
