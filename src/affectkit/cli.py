"""The ``affectkit`` command.

Examples::

    affectkit demo
    affectkit analyze "I can't wait for the weekend!" "This is so frustrating."
    affectkit analyze --input comments.csv --text-column body --format jsonl > out.jsonl
    cat texts.txt | affectkit analyze --format json
    affectkit conversation chat.json --format html --output report.html
    affectkit eval quick --model openai-api/local/my-model --model openai-api/local/other-model

Bad input, and output that cannot be written, exit with status 2 and one line on stderr naming the file,
line and field. Ctrl-C exits with status 130 and keeps the output finished so far.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from affectkit import __version__
from affectkit.errors import AffectkitError
from affectkit.io import path_argument, terminal_safe
from affectkit.recognizers import DEFAULT, DOMAINS

if TYPE_CHECKING:
    from affectkit.types import Conversation, ReplyCheck, TextAnalysis

PROGRESS_ABOVE = 2000  # inputs longer than this report progress on stderr
MAX_TIMEOUT = 86_400.0  # seconds: larger values overflow the HTTP client's timers
CHUNK = 512  # texts analysed, then written, at a time: memory stays flat and an interrupted run keeps its lines

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
    if getattr(args, "licence", None) is not None:
        from affectkit.licence import configure

        configure(licence=args.licence)
    stdout = sys.stdout
    sys.stdout = _CheckedOutput(stdout)
    try:
        from affectkit.licence import current_licence

        current_licence()  # a bad $AFFECTKIT_LICENCE stops every command before any output, not only some
        result: int = args.handler(args)
        sys.stdout.flush()  # a full disk shows here, while it can still be reported
        return result
    except AffectkitError as error:
        print(f"affectkit: {terminal_safe(str(error))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`
        _discard(stdout)
        return 0
    except KeyboardInterrupt:  # Ctrl-C: keep the finished output, no traceback
        try:
            stdout.flush()
        except OSError:
            _discard(stdout)
        return 130
    finally:
        sys.stdout = stdout


class _CheckedOutput:
    """Standard output whose write errors (a full disk, a closed descriptor) become AK-E019."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self._checked(self.stream.write, text)

    def flush(self) -> None:
        self._checked(self.stream.flush)

    def _checked(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as error:
            _discard(self.stream)
            raise AffectkitError("AK-E019", f"cannot write the output ({error.strerror or error})",
                                 source="<stdout>") from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _discard(stream: TextIO) -> None:
    """Point the stream's descriptor at /dev/null, so that the interpreter's own flush at exit cannot fail
    again on the bytes still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing is flushed at exit


def check_output_path(path: Path) -> None:
    """Refuse an output file that cannot be created (a directory, a missing folder) before any work is done."""
    if path.is_dir():
        raise AffectkitError("AK-E019", "cannot write the output (is a directory)", source=str(path))
    if not path.parent.is_dir():
        raise AffectkitError("AK-E019", f"cannot write the output (no folder {str(path.parent)!r})", source=str(path))


def check_output_folder(path: Path) -> None:
    """Refuse a report folder that cannot be created or written (a file in the way, no permission) before any
    work is done; nothing is created here."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise AffectkitError("AK-E019", f"cannot write the report ({str(existing)!r} is not a folder)",
                             source=str(path))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise AffectkitError("AK-E019", f"cannot write the report (no permission in {str(existing)!r})",
                             source=str(path))


def write_output(text: str, path: Path | None) -> None:
    """``text`` to the file ``path``, or to standard output; write errors are AK-E019."""
    if path is None:
        sys.stdout.write(text)
        return
    check_output_path(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise AffectkitError("AK-E019", f"cannot write the output ({error.strerror or error})",
                             source=str(path)) from None


def _parser_with(parent: argparse.ArgumentParser) -> Any:
    """A parser class for the sub-commands that adds ``parent``'s options (``--licence``) to each."""

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["parents"] = [*kwargs.get("parents", []), parent]
            super().__init__(*args, **kwargs)

    return Parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="affectkit", description="Emotion understanding for conversational AI."
    )
    parser.add_argument("--version", action="version", version=f"affectkit {__version__}")
    licence = argparse.ArgumentParser(add_help=False)  # also accepted after the command
    licence.add_argument(
        "--licence", choices=["default", "commercial"], default=argparse.SUPPRESS,
        help="licence profile: 'commercial' uses only models whose training data permits commercial use "
        "(default: $AFFECTKIT_LICENCE, else 'default', the most accurate set; see affectkit.licence)",
    )
    parser.add_argument("--licence", choices=["default", "commercial"], default=argparse.SUPPRESS,
                        help=licence._actions[0].help)
    sub = parser.add_subparsers(dest="command", parser_class=_parser_with(licence))

    analyze = sub.add_parser("analyze", help="analyse texts from arguments, --input FILE or stdin")
    analyze.add_argument("texts", nargs="*", help="texts to analyse (default: read stdin, one text per line)")
    analyze.add_argument(
        "--input", "-i", type=path_argument, help="a .txt (one text per line), .jsonl or .csv file; '-' for stdin"
    )
    analyze.add_argument(
        "--input-format", choices=["txt", "jsonl", "csv"],
        help="how to read the input (default: by file extension; stdin is JSONL when its first line is a JSON "
        "object, else one text per line)",
    )
    analyze.add_argument("--text-column", default="text", help="CSV column or JSONL field holding the text")
    analyze.add_argument(
        "--format",
        "-f",
        choices=["table", "json", "jsonl"],
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    analyze.add_argument(
        "--language", "-l", help="ISO 639 code of every text (e.g. de, pt-BR): skips language identification"
    )
    analyze.add_argument(
        "--model", "-m", default=None, help="recognizer name (see `models`; default: the best for each text's "
        "language)"
    )
    analyze.add_argument(
        "--domain", choices=DOMAINS, default=DOMAINS[0],
        help="what kind of English text this is, for the Ekman labels: comments (social media, chat; the default) "
        "or stories (sentences of first-person narratives)",
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
    conversation.add_argument("file", type=path_argument,
                              help="a .json, .jsonl, .csv or .txt conversation; '-' for stdin")
    conversation.add_argument("--input-format", choices=CONVERSATION_FORMATS, help=INPUT_FORMAT_HELP)
    conversation.add_argument(
        "--format", "-f", choices=["table", "json", "html"], default="table", help="output format (default: table)"
    )
    conversation.add_argument("--output", "-o", type=path_argument, help="write to this file instead of stdout")
    conversation.add_argument("--speaker-column", default="speaker", help="CSV column holding the speaker")
    conversation.add_argument("--text-column", default="text", help="CSV column holding the text")
    conversation.add_argument(
        "--no-context", action="store_true",
        help="analyse each turn alone with the text model and find causes with the word-list baseline",
    )
    conversation.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="show a progress bar on stderr (default: for 1,000 turns or more, on a terminal)",
    )
    conversation.add_argument("--neutral-bias", type=float, metavar="B", help=NEUTRAL_BIAS_HELP)
    conversation.add_argument("--language", "-l", help=TURN_LANGUAGE_HELP)
    conversation.add_argument(
        "--agent", help="the speaker name of the assistant or supporter: its turns are not read for crisis language "
        "(a supporter quoting the user is no disclosure)")
    conversation.set_defaults(handler=_conversation)

    plan = sub.add_parser(
        "plan",
        help="plan the agent's next reply: user state, support strategy, target emotion, safety, LLM messages",
    )
    _plan_options(plan)
    plan.add_argument("--neutral-bias", type=float, metavar="B", help=NEUTRAL_BIAS_HELP)
    plan.add_argument("--language", "-l", help=TURN_LANGUAGE_HELP)
    plan.set_defaults(handler=_plan)

    check = sub.add_parser(
        "check-reply",
        help="which response patterns a candidate reply shows (refusal, boundary, harmful ones...), with evidence",
    )
    _conversation_input(check)
    given = check.add_mutually_exclusive_group()
    given.add_argument("--reply", help="the candidate reply (default: read it from stdin)")
    given.add_argument("--reply-file", type=path_argument, help="a UTF-8 file holding the candidate reply")
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
    respond.add_argument("--timeout", type=float, help="seconds per request, at most a day (default 60)")
    respond.add_argument("--stream", action="store_true", help="print the reply as it is generated (table format)")
    respond.set_defaults(handler=_respond)

    models = sub.add_parser("models", help="list the registered recognizers and the speech models (languages, "
                            "training data, licence, profile)")
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
    evaluate.add_argument("--data", type=path_argument, help="the data folder that the suite's {data} paths refer to")
    evaluate.add_argument(
        "--variant", action="append",
        help="a solver variant replacing the suite's (affect_hints, support_plan, stimulus=EP02, or several "
        "joined with '+'); repeatable; the baseline always runs",
    )
    evaluate.add_argument("--limit", type=int, help="evaluate only the first N samples of each task")
    evaluate.add_argument("--epochs", type=int, help="repeat each sample N times (default: the suite's, else 1)")
    evaluate.add_argument("--log-dir", type=path_argument, help="where inspect writes its logs (default: OUT/logs)")
    evaluate.add_argument("--out", "-o", type=path_argument, help="report folder (default: ./affectkit-eval-SUITE)")
    evaluate.add_argument("--max-connections", type=int, help="concurrent connections per model API")
    evaluate.add_argument("--no-cache", action="store_true", help="do not cache or reuse generations")
    evaluate.add_argument(
        "--display", choices=["full", "conversation", "rich", "plain", "log", "none"],
        help="inspect's progress display (default: inspect's)",
    )
    evaluate.set_defaults(handler=_eval)

    from affectkit.batch.commands import add_commands as add_batch_commands

    add_batch_commands(sub)  # batch, trends (their handlers import the 'batch' extra)

    from affectkit.service.commands import add_parsers as add_service_parsers

    add_service_parsers(sub)  # serve, keys (their handlers import the 'serve' extra)

    from affectkit.speech.commands import add_commands as add_speech_commands

    add_speech_commands(sub)  # speech (its handler imports the 'speech' extra)
    return parser


def _analyze(args: argparse.Namespace) -> int:
    from affectkit.recognizers.router import text_reader

    if args.input is not None and args.texts:
        raise AffectkitError("AK-E003", "give texts as arguments or --input FILE, not both")
    if args.texts:
        texts = list(args.texts)
    else:
        texts = _read_texts(args.input, args.input_format, args.text_column)
    read = text_reader(args.model, args.language, args.domain)
    if args.model is None:
        _say_if_unread(args.language)
    output_format = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    write_analyses(iter_analyses(read, texts, sys.stderr), output_format, sys.stdout)
    return 0


def _say_if_unread(language: str | None) -> None:
    """One line on stderr when ``--language`` names a language no model reads (AK-W031; every analysis says it
    too): the texts are read, by the English model."""
    from affectkit.recognizers.router import unread_language

    note = unread_language(language)
    if note is not None:
        print(f"affectkit: {note.code} {note.message}", file=sys.stderr)


def _read_texts(path: Path | None, input_format: str | None, text_column: str) -> list[str]:
    """The texts of ``--input`` (a file, or ``-``) or of standard input, with coded errors."""
    from affectkit.io import looks_like_jsonl, parse_texts, read_text_file

    if path is not None and str(path) != "-":
        content, source = read_text_file(path), str(path)
        suffix = f".{input_format}" if input_format else path.suffix.lower()
    else:
        if path is None and sys.stdin.isatty():
            raise AffectkitError("AK-E009", "no texts: pass them as arguments, with --input FILE or on stdin")
        content, source = read_stdin(), "<stdin>"
        suffix = f".{input_format}" if input_format else ".jsonl" if looks_like_jsonl(content) else ".txt"
        if input_format is None and suffix == ".jsonl":
            print(f"affectkit: <stdin>: AK-W010 read as JSONL, the texts from field {text_column!r} "
                  "(--input-format txt analyses each line as it is)", file=sys.stderr)
    if suffix == ".txt" and text_column != "text":  # each line is a text: there is no column to take
        print(f"affectkit: {source}: --text-column {text_column!r} ignored: a .txt input is read line by line "
              "(it names a CSV column or a JSONL field)", file=sys.stderr)
    texts = parse_texts(content, suffix, source, text_column)
    if not texts:
        raise AffectkitError("AK-E009", "the input holds no texts", source=source)
    return texts


def read_stdin() -> str:
    """Standard input as UTF-8 whatever the locale, with the same AK-E002 error as a file for bad bytes."""
    from affectkit.io import decode_utf8

    return decode_utf8(sys.stdin.buffer.read(), "<stdin>")


def iter_analyses(read: Callable[[Sequence[str]], list[TextAnalysis]], texts: list[str], stream: TextIO
                  ) -> Iterator[list[TextAnalysis]]:  # fmt: skip
    """The analyses of ``texts`` by ``read`` (a recognizer's ``analyze``), in input order, :data:`CHUNK` at a time,
    reporting progress on ``stream`` for inputs over :data:`PROGRESS_ABOVE` texts."""
    started = time.monotonic()
    for start in range(0, len(texts), CHUNK):
        yield read(texts[start : start + CHUNK])
        done = min(start + CHUNK, len(texts))
        if len(texts) > PROGRESS_ABOVE:
            rate = done / max(time.monotonic() - started, 1e-9)
            eta = (len(texts) - done) / rate
            stream.write(f"\ranalysed {done}/{len(texts)} texts ({rate:.0f}/s, {eta:.0f}s left)")
            stream.flush()
            if done == len(texts):
                stream.write("\n")


def write_analyses(chunks: Iterable[Sequence[TextAnalysis]], output_format: str, stream: TextIO) -> None:
    """Write analyses as they come, chunk by chunk, flushing each: JSONL and JSON never hold more than a chunk;
    the table keeps only its cells, to size the columns."""
    if output_format == "table":
        rows = [row for chunk in chunks for row in table_rows(chunk)]
        stream.write(terminal_safe(render_table(rows)) + "\n")
        return
    opened = False
    try:
        for chunk in chunks:
            if output_format == "jsonl":
                stream.write("".join(a.model_dump_json() + "\n" for a in chunk))
            elif chunk:
                items = (textwrap.indent(json.dumps(a.model_dump(mode="json"), ensure_ascii=False, indent=2), "  ")
                         for a in chunk)
                stream.write((",\n" if opened else "[\n") + ",\n".join(items))
                opened = True
            stream.flush()
    except KeyboardInterrupt:
        if output_format == "json":  # close the list: an interrupted run still leaves valid JSON of what is done
            stream.write("\n]\n" if opened else "[]\n")
        raise
    if output_format == "json":
        stream.write("\n]\n" if opened else "[]\n")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table_rows(analyses: Sequence[TextAnalysis], speakers: Sequence[str] | None = None) -> list[list[str]]:
    """The cells of :func:`format_table` for ``analyses`` (row numbers from 1)."""
    rows = []
    for i, a in enumerate(analyses):
        emotions = ", ".join(f"{label} {a.emotions[label]:.2f}" for label in a.labels[:3])
        ekman = ", ".join(a.ekman_labels) or "-"
        sentiment = ", ".join(a.sentiment_labels) or "-"
        vad = [f"{x:+.2f}" for x in (a.vad.valence, a.vad.arousal, a.vad.dominance)] if a.vad else ["-"] * 3
        notes = ", ".join(w.code for w in a.warnings)
        rows.append([*([speakers[i]] if speakers else []), _clip(a.text, 44), emotions, ekman, sentiment, *vad, notes])
    return rows


def render_table(rows: Sequence[list[str]], speakers: bool = False) -> str:
    """A fixed-width table of :func:`table_rows` cells, numbered."""
    header = ["#", *(["speaker"] if speakers else []), "text", "emotions (probability)", "ekman", "sentiment", "V",
              "A", "D", "notes"]
    numbered = [[str(i + 1), *row] for i, row in enumerate(rows)]
    widths = [max(len(r[c]) for r in [header, *numbered]) for c in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, ["-" * w for w in widths], *numbered]
    ]
    return "\n".join(lines)


def format_table(analyses: Sequence[TextAnalysis], speakers: Sequence[str] | None = None) -> str:
    """A readable fixed-width table: text, emotions above threshold, Ekman labels, sentiment, V/A/D, warnings."""
    return render_table(table_rows(analyses, speakers), speakers=bool(speakers))


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
    print("Single texts (emoji alone are read as the feelings they carry; notes are warning codes, e.g. "
          "AK-W003 not English):\n")
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
        render_html,
    )

    if args.output is not None:
        check_output_path(args.output)
    conversation = read_conversation_arg(args)
    _say_if_unread(args.language)
    if args.no_context:
        analysis = analyze_conversation(conversation, TextTurnModel(), HeuristicCauseModel(), progress=args.progress,
                                        neutral_bias=args.neutral_bias, language=args.language, agent=args.agent)
    else:
        analysis = analyze_conversation(conversation, progress=args.progress, neutral_bias=args.neutral_bias,
                                        language=args.language, agent=args.agent)
    if args.format == "json":
        output = analysis.model_dump_json(indent=2) + "\n"
    elif args.format == "html":
        output = render_html(analysis)
    else:
        output = terminal_safe(format_table(analysis)) + "\n"
    write_output(output, args.output)
    return 0


CONVERSATION_FORMATS = ["json", "jsonl", "csv", "txt"]
TURN_LANGUAGE_HELP = ("ISO 639 code of every turn (e.g. es, pt-BR): each turn is read by the text model of that "
                      "language (default: each turn's identified language)")
NEUTRAL_BIAS_HELP = ("shift of the prior for 'neutral' of the turns read in context, on the log scale, -20 to 20 "
                     "(default -0.6, chosen for chat and support use; 0 reads turns as the DailyDialog-trained head "
                     "does, which calls most turns neutral)")
INPUT_FORMAT_HELP = ("how to read FILE (default: by its extension; stdin is guessed: JSON, JSONL or a 'Speaker: text' "
                     "transcript)")


def read_conversation_arg(args: argparse.Namespace) -> Conversation:
    """The conversation named by ``args.file`` (``-``: standard input), read as ``--input-format`` if given."""
    from affectkit.conversation.io import guess_format, parse_conversation
    from affectkit.io import read_text_file

    if str(args.file) == "-":
        content, source, name = read_stdin(), "<stdin>", "stdin"
        suffix = f".{args.input_format}" if args.input_format else guess_format(content)
    else:
        content, source, name = read_text_file(args.file), str(args.file), args.file.stem
        suffix = f".{args.input_format}" if args.input_format else args.file.suffix.lower()
    base_dir = None if str(args.file) == "-" else args.file.parent  # relative audio paths: from the file's folder
    return parse_conversation(content, suffix, source, args.speaker_column, args.text_column, default_id=name,
                              base_dir=base_dir)


def _conversation_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_argument, help="a .json, .jsonl, .csv or .txt conversation; '-' for stdin")
    parser.add_argument("--input-format", choices=CONVERSATION_FORMATS, help=INPUT_FORMAT_HELP)
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


def _persona(value: str | None) -> dict[str, Any] | None:
    """``--persona`` decoded; :func:`affectkit.planning.planner.plan` checks the traits (AK-E005)."""
    if value is None:
        return None
    from affectkit.io import load_json

    persona = load_json(value, "--persona")
    if not isinstance(persona, dict):
        raise AffectkitError("AK-E005", "--persona must be a JSON object of Big Five traits", field="persona")
    return persona


def _plan(args: argparse.Namespace) -> int:
    from affectkit.planning.planner import format_plan, plan

    conversation = read_conversation_arg(args)
    _say_if_unread(args.language)
    result = plan(conversation, persona=_persona(args.persona), debias=args.debias, agent=args.agent,
                  stimulus=args.stimulus, locale=args.locale, neutral_bias=args.neutral_bias, language=args.language)
    _print_warnings(result.warnings)
    if args.format == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(terminal_safe(format_plan(result)) + "\n")
    return 0


def _print_warnings(warnings: Sequence[Any]) -> None:
    for warning in warnings:
        print(f"affectkit: {warning.code} {terminal_safe(warning.message)}", file=sys.stderr)


def _check_reply(args: argparse.Namespace) -> int:
    from affectkit.io import read_text_file
    from affectkit.planning.reply_check import check_reply

    if args.reply is None and args.reply_file is None and str(args.file) == "-":
        raise AffectkitError("AK-E009", "stdin holds the conversation: pass the reply with --reply or --reply-file")
    conversation = read_conversation_arg(args)
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
        sys.stdout.write(terminal_safe(_format_check(result)) + "\n")
    return 0


def _format_check(result: ReplyCheck) -> str:
    lines = [f"language {result.language}; empathy {result.empathy:.2f}; "
             + ("RISKY: " + ", ".join(result.harmful) if result.risky else "no harmful pattern")]
    lines += [f"  {m.name:<24} \"{m.evidence}\"" for m in result.patterns] or ["  (no pattern)"]
    lines += [f"  {w.code} {w.message}" for w in result.warnings]
    return "\n".join(lines)


def _respond(args: argparse.Namespace) -> int:
    from affectkit.backends import BackendSettings
    from affectkit.planning.planner import format_plan
    from affectkit.planning.respond import respond

    timeout = args.timeout
    if timeout is not None and not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise AffectkitError("AK-E005", f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT}, "
                             f"got {timeout:g}", field="timeout")
    conversation = read_conversation_arg(args)
    settings = BackendSettings.from_env(base_url=args.base_url, model=args.model, timeout=timeout)
    streaming = args.stream and args.format == "table"

    def show(delta: str) -> None:
        sys.stdout.write(terminal_safe(delta))
        sys.stdout.flush()

    if streaming and settings.configured:
        sys.stdout.write("reply: ")
    result = respond(conversation, persona=_persona(args.persona), debias=args.debias, agent=args.agent,
                     stimulus=args.stimulus, locale=args.locale, settings=settings,
                     on_delta=show if streaming else None)
    if result.note:
        print(f"affectkit: {result.note}", file=sys.stderr)
    _print_warnings(result.plan.warnings)
    # no backend: the plan and its messages are still printed, for the caller to send, but the command did not reply
    status = 2 if result.reply is None else 0
    if args.format == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return status
    if streaming and result.reply is not None:
        sys.stdout.write("\n\n")
    sys.stdout.write(terminal_safe(format_plan(result.plan)) + "\n")
    if result.reply is None:
        sys.stdout.write("\nmessages for the LLM:\n" + json.dumps(result.plan.messages, indent=2, ensure_ascii=False)
                         + "\n")
    else:
        if not streaming:
            sys.stdout.write(terminal_safe(f"\nreply ({result.model}, {result.latency_ms:.0f} ms):\n{result.reply}\n"))
        assert result.check is not None
        sys.stdout.write("\ncheck: " + terminal_safe(_format_check(result.check)) + "\n")
    return status


def _models(args: argparse.Namespace) -> int:
    from affectkit.licence import current_licence
    from affectkit.recognizers import DEFAULT, available, requirement
    from affectkit.speech.model import shipped_speech_models, speech_extra_installed

    def needs(extra: str, installed: bool) -> str:
        return f"needs the '{extra}' extra" + (", installed" if installed else f": pip install 'affectkit[{extra}]'")

    for name in available():
        notes = ["default"] if name == DEFAULT else []
        requires = requirement(name)
        if requires is not None:
            notes.append(needs(*requires))
        print(name + (f"  ({'; '.join(notes)})" if notes else ""))
    in_force = current_licence()
    for info in shipped_speech_models():  # the voice (affectkit speech), one model per licence profile
        notes = ["speech", ("language " if len(info.languages) == 1 else "languages ") + ", ".join(info.languages),
                 "trained on " + ", ".join(info.corpora),
                 "commercial use allowed" if info.commercial_use else "non-commercial"]
        notes += [f"licence profile '{name}'" + (" (in force)" if name == in_force else "") for name in info.profiles]
        notes.append(needs("speech", speech_extra_installed()))
        print(f"{info.name}  ({'; '.join(notes)})")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from affectkit.evals.report import build_report, format_summary, write_report
    from affectkit.evals.suite import load_suite, run_suite

    for name, value in (("limit", args.limit), ("epochs", args.epochs), ("max-connections", args.max_connections)):
        if value is not None and value < 1:
            raise AffectkitError("AK-E005", f"--{name} must be a positive integer, got {value}", field=name)
    suite = load_suite(args.suite)  # run_suite checks variants, data and inspect before anything runs
    out = args.out if args.out is not None else Path(f"affectkit-eval-{suite.name}")
    check_output_folder(out)  # before the runs: a report that cannot be written should not cost an evaluation
    log_dir = args.log_dir if args.log_dir is not None else out / "logs"
    run = run_suite(
        suite, args.model, data=args.data, variants=args.variant, limit=args.limit, epochs=args.epochs,
        log_dir=log_dir, max_connections=args.max_connections, cache=not args.no_cache, display=args.display,
    )
    report = build_report(run.logs, suite=suite.name, description=suite.description, skipped=run.skipped)
    try:
        files = write_report(report, out)
    except OSError as error:
        raise AffectkitError("AK-E019", f"cannot write the report ({error.strerror or error})",
                             source=str(out)) from None
    print(format_summary(report))
    print(f"\nreport: {files.html}\n        {files.json}\nlogs:   {log_dir}")
    if not report.complete:
        failed = sum(1 for cell in report.cells if cell.status != "success")
        print(f"affectkit: {failed} evaluation run(s) did not finish; see the notes in the report", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
