"""The ``affectkit`` command.

Examples::

    affectkit demo
    affectkit analyze "I can't wait for the weekend!" "This is so frustrating."
    affectkit analyze --input comments.csv --text-column body --format jsonl > out.jsonl
    cat texts.txt | affectkit analyze --format json
    affectkit conversation chat.json --format html --output report.html
    affectkit eval quick --model openai-api/local/my-model --model openai-api/local/other-model

Bad input exits with status 2 and one line on stderr naming the file, line and field.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from affectkit.errors import AffectkitError
from affectkit.recognizers import DEFAULT

if TYPE_CHECKING:
    from affectkit.recognizers.base import Recognizer
    from affectkit.types import ReplyCheck, TextAnalysis

PROGRESS_ABOVE = 2000  # inputs longer than this report progress on stderr
CHUNK = 512

DEMO_CONVERSATION = [
    ("Sam", "My flight got cancelled and I'm going to miss my sister's wedding."),
    ("Alex", "Oh no, I'm so sorry. That's awful timing."),
    ("Sam", "I've been on hold with the airline for two hours. I'm furious."),
    ("Alex", "Want me to look for a train? There's one tonight that gets in by 10am."),
    ("Sam", "Wait, really? That would be amazing, thank you so much!"),
]
DEMO_TEXTS = [
    "I can't believe you remembered my birthday, that's so sweet of you!",
    "Honestly, I'm terrified about the surgery tomorrow.",
    "Why would anyone think this is a good idea?",
    "The meeting has been moved to 3pm.",
    "😂😂😂",
    "Estoy muy feliz con el resultado.",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        result: int = args.handler(args)
        return result
    except AffectkitError as error:
        print(f"affectkit: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="affectkit", description="Emotion understanding for conversational AI."
    )
    sub = parser.add_subparsers(dest="command")

    analyze = sub.add_parser("analyze", help="analyse texts from arguments, --input FILE or stdin")
    analyze.add_argument("texts", nargs="*", help="texts to analyse (default: read stdin, one text per line)")
    analyze.add_argument("--input", "-i", type=Path, help="a .txt (one text per line), .jsonl or .csv file")
    analyze.add_argument("--text-column", default="text", help="CSV column or JSONL field holding the text")
    analyze.add_argument(
        "--format",
        "-f",
        choices=["table", "json", "jsonl"],
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    analyze.add_argument(
        "--model", "-m", default=DEFAULT, help="recognizer name (see `models`)"
    )
    analyze.set_defaults(handler=_analyze)

    demo = sub.add_parser("demo", help="analyse a sample conversation and a few texts with the shipped model")
    demo.add_argument("--model", "-m", default=DEFAULT)
    demo.set_defaults(handler=_demo)

    conversation = sub.add_parser(
        "conversation",
        help="analyse a conversation: emotions in context, causes, trajectories, risk flags",
        description="Analyse a conversation file (.json, .jsonl, .csv or a .txt transcript of 'Speaker: text' "
        "lines). Risk flags are a signal for a person or an escalation path to review, not a diagnosis.",
    )
    conversation.add_argument("file", type=Path, help="a .json, .jsonl, .csv or .txt conversation")
    conversation.add_argument(
        "--format", "-f", choices=["table", "json", "html"], default="table", help="output format (default: table)"
    )
    conversation.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    conversation.add_argument("--speaker-column", default="speaker", help="CSV column holding the speaker")
    conversation.add_argument("--text-column", default="text", help="CSV column holding the text")
    conversation.add_argument(
        "--no-context", action="store_true",
        help="analyse each turn alone with the text model and find causes with the word-list baseline",
    )
    conversation.set_defaults(handler=_conversation)

    plan = sub.add_parser(
        "plan",
        help="plan the agent's next reply: user state, support strategy, target emotion, safety, LLM messages",
    )
    _plan_options(plan)
    plan.set_defaults(handler=_plan)

    check = sub.add_parser(
        "check-reply",
        help="which response patterns a candidate reply shows (refusal, boundary, harmful ones...), with evidence",
    )
    _conversation_input(check)
    given = check.add_mutually_exclusive_group()
    given.add_argument("--reply", help="the candidate reply (default: read it from stdin)")
    given.add_argument("--reply-file", type=Path, help="a UTF-8 file holding the candidate reply")
    check.add_argument("--agent", default="assistant", help="the speaker name of the assistant in FILE")
    check.add_argument("--language", choices=["en", "es", "de"], help="the reply's language (default: guessed)")
    check.add_argument("--format", "-f", choices=["table", "json"], default="table", help="output format")
    check.set_defaults(handler=_check_reply)

    respond = sub.add_parser(
        "respond",
        help="plan the reply, have an OpenAI-compatible LLM write it, and check it",
        description="Plan + generate + check. The LLM is any OpenAI-compatible endpoint, set with "
        "AFFECTKIT_LLM_BASE_URL, AFFECTKIT_LLM_MODEL and AFFECTKIT_LLM_API_KEY (or the options below). "
        "With no backend configured it says so and prints the plan and its messages: it never invents a reply.",
    )
    _plan_options(respond)
    respond.add_argument("--base-url", help="endpoint root, e.g. http://localhost:8000/v1")
    respond.add_argument("--model", "-m", help="the model name the server knows")
    respond.add_argument("--timeout", type=float, help="seconds per request (default 60)")
    respond.add_argument("--stream", action="store_true", help="print the reply as it is generated (table format)")
    respond.set_defaults(handler=_respond)

    models = sub.add_parser("models", help="list the registered recognizers")
    models.set_defaults(handler=_models)

    evaluate = sub.add_parser(
        "eval",
        help="run an evaluation suite (tasks x solver variants x models) and write an HTML + JSON report",
        description="Run SUITE (a built-in suite: 'quick', 'ei'; or a .json/.toml suite file) with inspect_ai on "
        "every --model, each task as its baseline and with each solver variant, then write report.html and "
        "report.json: every score with a 95% bootstrap interval, each variant's difference from its baseline with "
        "a paired permutation test. Generations are cached, so a rerun reuses them. Needs affectkit[eval]. "
        "Example: affectkit eval quick --model openai-api/local/my-model --variant support_plan",
    )
    evaluate.add_argument("suite", help="built-in suite name (quick, ei) or a suite file (.json, .toml)")
    evaluate.add_argument(
        "--model", "-m", action="append", required=True,
        help="an inspect model, e.g. openai-api/local/my-model (with LOCAL_BASE_URL, LOCAL_API_KEY); repeatable",
    )
    evaluate.add_argument("--data", type=Path, help="the data folder that the suite's {data} paths refer to")
    evaluate.add_argument(
        "--variant", action="append",
        help="a solver variant replacing the suite's (affect_hints, support_plan, stimulus=EP02, or several "
        "joined with '+'); repeatable; the baseline always runs",
    )
    evaluate.add_argument("--limit", type=int, help="evaluate only the first N samples of each task")
    evaluate.add_argument("--epochs", type=int, help="repeat each sample N times (default: the suite's, else 1)")
    evaluate.add_argument("--log-dir", type=Path, help="where inspect writes its logs (default: OUT/logs)")
    evaluate.add_argument("--out", "-o", type=Path, help="report folder (default: ./affectkit-eval-SUITE)")
    evaluate.add_argument("--max-connections", type=int, help="concurrent connections per model API")
    evaluate.add_argument("--no-cache", action="store_true", help="do not cache or reuse generations")
    evaluate.add_argument(
        "--display", choices=["full", "conversation", "rich", "plain", "log", "none"],
        help="inspect's progress display (default: inspect's)",
    )
    evaluate.set_defaults(handler=_eval)
    return parser


def _analyze(args: argparse.Namespace) -> int:
    from affectkit.io import read_texts
    from affectkit.recognizers import get_recognizer

    if args.input is not None and args.texts:
        raise AffectkitError("AK-E003", "give texts as arguments or --input FILE, not both")
    if args.input is not None:
        texts = read_texts(args.input, args.text_column)
    elif args.texts:
        texts = list(args.texts)
    else:
        if sys.stdin.isatty():
            raise AffectkitError("AK-E009", "no texts: pass them as arguments, with --input FILE or on stdin")
        texts = read_stdin().splitlines()
    if not texts:
        raise AffectkitError(
            "AK-E009", "the input holds no texts", source=str(args.input) if args.input else "<stdin>"
        )
    recognizer = get_recognizer(args.model)
    analyses = analyze_with_progress(recognizer, texts, sys.stderr)
    output_format = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    write_analyses(analyses, output_format, sys.stdout)
    return 0


def read_stdin() -> str:
    """Standard input as UTF-8 whatever the locale, with the same AK-E002 error as a file for bad bytes."""
    from affectkit.io import decode_utf8

    return decode_utf8(sys.stdin.buffer.read(), "<stdin>")


def analyze_with_progress(recognizer: Recognizer, texts: list[str], stream: TextIO) -> list[TextAnalysis]:
    """Analyse in chunks, reporting progress on ``stream`` for large inputs."""
    if len(texts) <= PROGRESS_ABOVE:
        return recognizer.analyze(texts)
    results: list[TextAnalysis] = []
    started = time.monotonic()
    for start in range(0, len(texts), CHUNK):
        results.extend(recognizer.analyze(texts[start : start + CHUNK]))
        done = len(results)
        rate = done / max(time.monotonic() - started, 1e-9)
        eta = (len(texts) - done) / rate
        stream.write(f"\ranalysed {done}/{len(texts)} texts ({rate:.0f}/s, {eta:.0f}s left)")
        stream.flush()
    stream.write("\n")
    return results


def write_analyses(analyses: list[TextAnalysis], output_format: str, stream: TextIO) -> None:
    if output_format == "jsonl":
        for analysis in analyses:
            stream.write(analysis.model_dump_json() + "\n")
    elif output_format == "json":
        json.dump([a.model_dump(mode="json") for a in analyses], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        stream.write(format_table(analyses) + "\n")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(analyses: Sequence[TextAnalysis], speakers: Sequence[str] | None = None) -> str:
    """A readable fixed-width table: text, emotions above threshold, sentiment, V/A/D, warnings."""
    header = [
        "#",
        *(["speaker"] if speakers else []),
        "text",
        "emotions (probability)",
        "sentiment",
        "V",
        "A",
        "D",
        "notes",
    ]
    rows = []
    for i, a in enumerate(analyses):
        emotions = ", ".join(f"{label} {a.emotions[label]:.2f}" for label in a.labels[:3])
        sentiment = ", ".join(a.sentiment_labels) or "-"
        vad = [f"{x:+.2f}" for x in (a.vad.valence, a.vad.arousal, a.vad.dominance)] if a.vad else ["-"] * 3
        notes = ", ".join(w.code for w in a.warnings)
        rows.append(
            [
                str(i + 1),
                *([speakers[i]] if speakers else []),
                _clip(a.text, 44),
                emotions,
                sentiment,
                *vad,
                notes,
            ]
        )
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, ["-" * w for w in widths], *rows]
    ]
    return "\n".join(lines)


def _demo(args: argparse.Namespace) -> int:
    from affectkit.conversation import analyze_conversation
    from affectkit.conversation import format_table as conversation_table
    from affectkit.planning.planner import format_plan, plan
    from affectkit.recognizers import get_recognizer

    recognizer = get_recognizer(args.model)
    started = time.perf_counter()
    texts = recognizer.analyze(DEMO_TEXTS)
    chat = {"id": "demo", "utterances": [{"speaker": s, "text": t} for s, t in DEMO_CONVERSATION]}
    analysis = analyze_conversation(chat)
    reply_plan = plan({"id": "demo", "utterances": chat["utterances"][:3]}, agent="Alex")
    elapsed = time.perf_counter() - started
    print(f"affectkit demo: model {recognizer.model_id}\n")
    print("Single texts (notes are warning codes, e.g. AK-W002 no letters, AK-W003 not English):\n")
    print(format_table(texts))
    print(f"\nA conversation, each turn read in context ({analysis.model}):\n")
    print(conversation_table(analysis))
    print("\nWhat Alex's reply to turn 2 should do (affectkit plan):\n")
    print(format_plan(reply_plan))
    print(f"\nAll of it in {elapsed * 1000:.0f} ms, models loaded included. V/A/D = valence, arousal, dominance "
          "in [-1, 1].")
    return 0


def _conversation(args: argparse.Namespace) -> int:
    from affectkit.conversation import (
        HeuristicCauseModel,
        TextTurnModel,
        analyze_conversation,
        format_table,
        read_conversation,
        render_html,
    )

    conversation = read_conversation(args.file, args.speaker_column, args.text_column)
    if args.no_context:
        analysis = analyze_conversation(conversation, TextTurnModel(), HeuristicCauseModel())
    else:
        analysis = analyze_conversation(conversation)
    if args.format == "json":
        output = analysis.model_dump_json(indent=2) + "\n"
    elif args.format == "html":
        output = render_html(analysis)
    else:
        output = format_table(analysis) + "\n"
    if args.output is not None:
        args.output.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0


def _conversation_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .json, .jsonl, .csv or .txt conversation")
    parser.add_argument("--speaker-column", default="speaker", help="CSV column holding the speaker")
    parser.add_argument("--text-column", default="text", help="CSV column holding the text")


def _plan_options(parser: argparse.ArgumentParser) -> None:
    """The conversation input and planning options shared by `plan` and `respond`."""
    _conversation_input(parser)
    parser.add_argument("--format", "-f", choices=["table", "json"], default="table", help="output format")
    parser.add_argument("--agent", default="assistant", help="the speaker whose next turn is planned")
    parser.add_argument("--debias", action="store_true", help="correct the strategy model's preference bias")
    parser.add_argument("--persona", help="the agent's Big Five traits as JSON, e.g. '{\"extraversion\": 0.8}'")
    parser.add_argument("--stimulus", help="append an emotional stimulus (EP01-EP11, NP01-NP10) to the system prompt")
    parser.add_argument("--locale", help="the user's locale (pt-BR, de): picks the crisis resources of an escalation")


def _persona(value: str | None) -> dict[str, float] | None:
    if value is None:
        return None
    try:
        persona = json.loads(value)
    except json.JSONDecodeError as error:
        raise AffectkitError("AK-E004", f"--persona is not valid JSON ({error.msg})", field="persona") from None
    if not isinstance(persona, dict):
        raise AffectkitError("AK-E005", "--persona must be a JSON object of Big Five traits", field="persona")
    from pydantic import ValidationError

    from affectkit.types import Persona

    try:
        return Persona(**persona).model_dump()
    except ValidationError as error:
        problem = error.errors()[0]
        raise AffectkitError("AK-E005", f"--persona: {problem['msg']}",
                             field=".".join(str(x) for x in problem["loc"])) from None


def _plan(args: argparse.Namespace) -> int:
    from affectkit.conversation import read_conversation
    from affectkit.planning.planner import format_plan, plan

    conversation = read_conversation(args.file, args.speaker_column, args.text_column)
    result = plan(conversation, persona=_persona(args.persona), debias=args.debias, agent=args.agent,
                  stimulus=args.stimulus, locale=args.locale)
    if args.format == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(format_plan(result) + "\n")
    return 0


def _check_reply(args: argparse.Namespace) -> int:
    from affectkit.conversation import read_conversation
    from affectkit.io import read_text_file
    from affectkit.planning.reply_check import check_reply

    conversation = read_conversation(args.file, args.speaker_column, args.text_column)
    if args.reply is not None:
        reply = args.reply
    elif args.reply_file is not None:
        reply = read_text_file(args.reply_file)
    else:
        if sys.stdin.isatty():
            raise AffectkitError("AK-E009", "no reply: pass --reply TEXT, --reply-file FILE or pipe it on stdin")
        reply = read_stdin()
    result = check_reply(conversation, reply, args.language, assistant_speakers=(args.agent,))
    if args.format == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(_format_check(result) + "\n")
    return 0


def _format_check(result: ReplyCheck) -> str:
    lines = [f"language {result.language}; empathy {result.empathy:.2f}; "
             + ("RISKY: " + ", ".join(result.harmful) if result.risky else "no harmful pattern")]
    lines += [f"  {m.name:<24} \"{m.evidence}\"" for m in result.patterns] or ["  (no pattern)"]
    return "\n".join(lines)


def _respond(args: argparse.Namespace) -> int:
    from affectkit.backends import BackendSettings
    from affectkit.conversation import read_conversation
    from affectkit.planning.planner import format_plan
    from affectkit.planning.respond import respond

    conversation = read_conversation(args.file, args.speaker_column, args.text_column)
    settings = BackendSettings.from_env(base_url=args.base_url, model=args.model, timeout=args.timeout)
    streaming = args.stream and args.format == "table"

    def show(delta: str) -> None:
        sys.stdout.write(delta)
        sys.stdout.flush()

    if streaming and settings.configured:
        sys.stdout.write("reply: ")
    result = respond(conversation, persona=_persona(args.persona), debias=args.debias, agent=args.agent,
                     stimulus=args.stimulus, locale=args.locale, settings=settings,
                     on_delta=show if streaming else None)
    if result.note:
        print(f"affectkit: {result.note}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    if streaming and result.reply is not None:
        sys.stdout.write("\n\n")
    sys.stdout.write(format_plan(result.plan) + "\n")
    if result.reply is None:
        sys.stdout.write("\nmessages for the LLM:\n" + json.dumps(result.plan.messages, indent=2, ensure_ascii=False)
                         + "\n")
    else:
        if not streaming:
            sys.stdout.write(f"\nreply ({result.model}, {result.latency_ms:.0f} ms):\n{result.reply}\n")
        assert result.check is not None
        sys.stdout.write("\ncheck: " + _format_check(result.check) + "\n")
    return 0


def _models(args: argparse.Namespace) -> int:
    from affectkit.recognizers import DEFAULT, available

    for name in available():
        print(name + ("  (default)" if name == DEFAULT else ""))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from affectkit.evals.report import build_report, format_summary, write_report
    from affectkit.evals.suite import load_suite, run_suite

    for name, value in (("limit", args.limit), ("epochs", args.epochs), ("max-connections", args.max_connections)):
        if value is not None and value < 1:
            raise AffectkitError("AK-E005", f"--{name} must be a positive integer, got {value}", field=name)
    suite = load_suite(args.suite)  # run_suite checks variants, data and inspect before anything runs
    out = args.out if args.out is not None else Path(f"affectkit-eval-{suite.name}")
    log_dir = args.log_dir if args.log_dir is not None else out / "logs"
    run = run_suite(
        suite, args.model, data=args.data, variants=args.variant, limit=args.limit, epochs=args.epochs,
        log_dir=log_dir, max_connections=args.max_connections, cache=not args.no_cache, display=args.display,
    )
    report = build_report(run.logs, suite=suite.name, description=suite.description, skipped=run.skipped)
    files = write_report(report, out)
    print(format_summary(report))
    print(f"\nreport: {files.html}\n        {files.json}\nlogs:   {log_dir}")
    if not report.complete:
        failed = sum(1 for cell in report.cells if cell.status != "success")
        print(f"affectkit: {failed} evaluation run(s) did not finish; see the notes in the report", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
