"""The ``affectkit speech`` command (added to the CLI by :func:`add_commands`).

Examples::

    affectkit speech call.wav
    affectkit speech call.flac --transcript "I'm fine, really." --format json
    affectkit speech call.wav --transcript-file call.txt --profile alex.json
    affectkit speech --make-profile alex.json alex1.wav alex2.wav alex3.wav ...
    affectkit speech --conversation call.json      # the audio turns of a conversation (see affectkit conversation)
    affectkit speech call.wav --model speech-emodb # the EmoDB-only model (commercial use) whatever the profile
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from affectkit.errors import AffectkitError
from affectkit.io import path_argument


def add_commands(sub: Any) -> None:
    """Add ``speech`` to the CLI's subcommands."""
    speech = sub.add_parser(
        "speech",
        help="read the emotion in a recording's voice (WAV, FLAC, OGG), fused with its transcript if given",
        description="Read the emotion in the voice of FILE, in windows of speech (silence is not read), and with "
        "--transcript fuse it with the words' reading and flag where voice and words disagree (AK-W023). "
        "Needs affectkit[speech].",
    )
    speech.add_argument("files", type=path_argument, nargs="+", metavar="FILE", help="the recording(s)")
    given = speech.add_mutually_exclusive_group()
    given.add_argument("--transcript", help="what is said in FILE")
    given.add_argument("--transcript-file", type=path_argument, help="a UTF-8 file holding the transcript")
    speech.add_argument("--profile", type=path_argument,
                        help="a speaker profile (JSON, from --make-profile) for FILE's speaker")
    speech.add_argument("--make-profile", type=path_argument, metavar="OUT",
                        help="write a speaker profile of the FILEs (one speaker, unlabelled) to OUT instead")
    speech.add_argument("--conversation", action="store_true",
                        help="FILE is a conversation (.json, .jsonl, .csv) whose utterances may carry an 'audio' path "
                        "(relative to FILE's folder): print each turn with its voice's fused reading (the same "
                        "analysis as 'affectkit conversation FILE')")
    speech.add_argument("--model", metavar="NAME",
                        help="speech model: speech-emodb (EmoDB, commercial use), speech-emodb-ravdess (EmoDB and "
                        "RAVDESS, non-commercial) or a model folder; default: the licence profile's")
    speech.add_argument("--format", "-f", choices=["table", "json"], default="table", help="output format")
    speech.set_defaults(handler=_speech)


def _speech(args: argparse.Namespace) -> int:
    from affectkit.io import read_text_file
    from affectkit.speech.analyze import analyze_speech, speaker_profile
    from affectkit.speech.model import SpeakerProfile

    if args.conversation:
        return _conversation(args)
    if args.make_profile is not None:
        made = speaker_profile([str(f) for f in args.files], model=args.model)
        try:
            args.make_profile.write_text(json.dumps(made.to_dict()), encoding="utf-8")
        except OSError as exc:
            raise AffectkitError("AK-E019", f"cannot write the profile: {exc.strerror}",
                                 source=str(args.make_profile)) from exc
        print(f"speaker profile of {made.clips} clips written to {args.make_profile}", file=sys.stderr)
        return 0
    transcript = args.transcript
    if args.transcript_file is not None:
        transcript = read_text_file(args.transcript_file)
    if transcript is not None and len(args.files) > 1:
        raise AffectkitError("AK-E003", "a transcript belongs to one recording: give one FILE with --transcript")
    profile: SpeakerProfile | None = None
    if args.profile is not None:
        try:
            profile = SpeakerProfile.from_dict(json.loads(read_text_file(args.profile)))
        except (ValueError, KeyError, TypeError) as exc:
            raise AffectkitError("AK-E034", f"not a speaker profile ({exc})", source=str(args.profile)) from exc
    readings = [analyze_speech(str(f), transcript, profile=profile, model=args.model) for f in args.files]
    if args.format == "json":
        items = [r.model_dump(mode="json") for r in readings]
        sys.stdout.write(json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, indent=2) + "\n")
        return 0
    for reading in readings:
        sys.stdout.write(render(reading) + "\n")
    return 0


def render(reading: Any) -> str:
    """A short text report of a :class:`~affectkit.speech.types.SpeechAnalysis`."""
    top = sorted(reading.emotions.items(), key=lambda kv: -kv[1])[:3]
    lines = [
        f"{reading.source}: {reading.duration:.1f} s, {reading.speech_seconds:.1f} s of speech, "
        f"{len(reading.windows)} window(s), head {reading.head}",
        "voice: " + ", ".join(f"{label} {p:.2f}" for label, p in top)
        + f" | valence {reading.vad.valence:+.2f} arousal {reading.vad.arousal:+.2f}",
    ]
    if len(reading.windows) > 1:
        lines += [f"  {w.start:7.2f}-{w.end:7.2f} s  {w.emotion} ({w.emotions[w.emotion]:.2f})"
                  for w in reading.windows]
    if reading.text is not None and reading.fused_vad is not None:
        lines.append(f"words: {', '.join(reading.text.labels[:3]) or '-'} | valence {reading.text.vad.valence:+.2f}"
                     if reading.text.vad else f"words: {', '.join(reading.text.labels[:3]) or '-'}")
        lines.append(f"fused: valence {reading.fused_vad.valence:+.2f} arousal {reading.fused_vad.arousal:+.2f}")
    lines += [f"{w.code} {w.message}" for w in reading.warnings]
    return "\n".join(lines)


def _conversation(args: argparse.Namespace) -> int:
    from affectkit.conversation import analyze_conversation, read_conversation

    if len(args.files) != 1:
        raise AffectkitError("AK-E003", "--conversation reads one FILE")
    if args.model is not None:
        raise AffectkitError("AK-E003", "--model applies to recordings, not --conversation (a conversation's voices "
                             "are read by the licence profile's speech model: choose it with --licence)")
    analysis = analyze_conversation(read_conversation(args.files[0]))
    if args.format == "json":
        sys.stdout.write(analysis.model_dump_json(indent=2) + "\n")
        return 0
    for turn in analysis.turns:
        sys.stdout.write(f"[{turn.index}] {turn.speaker}: {turn.emotion} (words in context)\n")
        if turn.speech is not None:
            sys.stdout.write("    " + render(turn.speech).replace("\n", "\n    ") + "\n")
    return 0
