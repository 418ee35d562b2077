"""Human-readable views of a :class:`~affectkit.types.ConversationAnalysis`: a fixed-width text table and a
single self-contained HTML report (inline CSS and SVG; no scripts, fonts or images fetched from anywhere).

Example:
    >>> from affectkit.conversation import analyze_conversation
    >>> analysis = analyze_conversation({"id": "c1", "utterances": [{"speaker": "Sam", "text": "Hi there!"}]})
    >>> "<svg" in render_html(analysis) and "Sam" in format_table(analysis)
    True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from affectkit.risk import unread_turns
from affectkit.types import ConversationAnalysis, RiskFlag, SpeakerSummary, TurnAnalysis

SERIES = (("valence", "#c2410c"), ("arousal", "#2563eb"), ("dominance", "#16a34a"))
WIDTH, HEIGHT = 640, 190
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 12, 10, 26


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _top(turn: TurnAnalysis, n: int = 2) -> str:
    """The turn's text read alone: its labels (at their thresholds) with their probabilities, as the dashboard shows
    them; for a turn without labels (a custom turn model) its most probable emotions."""
    if turn.labels is not None:
        ranked = [(label, turn.emotions.get(label, 0.0)) for label in turn.labels[:n]]
    else:
        ranked = sorted(turn.emotions.items(), key=lambda item: -item[1])[:n]
    return ", ".join(f"{label} {p:.2f}" for label, p in ranked)


def format_table(analysis: ConversationAnalysis) -> str:
    """A fixed-width table of the turns, then each speaker's arc and shifts, contagion, and the flags.

    Example:
        >>> from affectkit.conversation import analyze_conversation
        >>> table = format_table(analyze_conversation([{"speaker": "Sam", "text": "hello"}]))
        >>> table.splitlines()[0].split()[:4]
        ['#', 'speaker', 'text', 'emotion']
    """
    flags_by_turn: dict[int, list[RiskFlag]] = {}
    for flag in analysis.flags:
        flags_by_turn.setdefault(flag.turn, []).append(flag)
    header = ["#", "speaker", "text", "emotion", "labels alone", "V", "A", "D", "causes", "flags"]
    rows = []
    for turn in analysis.turns:
        causes = "; ".join(f'#{c.turn} "{_clip(c.span, 24)}"' for c in turn.causes) or "-"
        flags = ", ".join(f"{f.kind}:{f.severity}" for f in flags_by_turn.get(turn.index, [])) or "-"
        vad = [f"{x:+.2f}" for x in (turn.vad.valence, turn.vad.arousal, turn.vad.dominance)]
        rows.append(
            [str(turn.index), _clip(turn.speaker, 14), _clip(turn.text, 40), turn.emotion, _top(turn), *vad]
            + [causes, flags]
        )
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, ["-" * w for w in widths], *rows]
    ]
    voiced = [turn for turn in analysis.turns if turn.speech is not None]
    if voiced:
        lines.append("\nVoice (each turn's recording; fused: valence mostly from the words, arousal from the voice):")
        for turn in voiced:
            speech = turn.speech
            assert speech is not None
            fused = speech.fused_vad or speech.vad
            lines.append(f"  #{turn.index} {turn.speaker}: {speech.emotion} {speech.emotions[speech.emotion]:.2f} "
                         f"(head {speech.head}); voice V {speech.vad.valence:+.2f} A {speech.vad.arousal:+.2f}; "
                         f"fused V {fused.valence:+.2f} A {fused.arousal:+.2f}")
            lines.extend(f"    {d.kind}: {d.description}" for d in speech.disagreements)
    lines.append("\nSpeakers (arcs and shifts follow the smoothed trajectory; V/A/D above are each turn's own):")
    for speaker in analysis.speakers.values():
        lines.append(
            f"  {speaker.speaker}: arc {speaker.arc}; dominant {', '.join(speaker.dominant_emotions) or '-'}; "
            f"turns {', '.join(map(str, speaker.turns))}"
        )
        lines.extend(f"    turn {shift.turn}: {shift.description}" for shift in speaker.shifts)
    if analysis.contagion:
        lines.append("\nContagion (valence follows, Pearson r at the strongest lag):")
        lines.extend(
            f"  {c.source} -> {c.target}: lag {c.lag}, r {c.correlation:+.2f} ({c.pairs} pairs)"
            for c in analysis.contagion
        )
    lines.append("\nFlags:" if analysis.flags else "\nFlags: none")
    lines.extend(
        f'  turn {f.turn} {f.speaker}: {f.kind} ({f.severity}) "{_clip(f.evidence, 90)}" - {f.message}'
        for f in analysis.flags
    )
    lines.extend(f"  turn {index}: {w.code} {w.message}" for index, w in unread_turns(analysis))  # not hidden by "none"
    lines.append(f"\nNote: {analysis.notice}")
    return "\n".join(lines)


def render_html(analysis: ConversationAnalysis) -> str:
    """A single self-contained HTML page: notice, flags, one trajectory chart (inline SVG) per speaker,
    contagion and the per-turn table, with every turn reference linked to the turn's anchor (``#turn-N``).
    The page is the template ``conversation.html`` of :mod:`affectkit.templates`.

    Example:
        >>> from affectkit.conversation import analyze_conversation
        >>> page = render_html(analyze_conversation([{"speaker": "Sam", "text": "hello"}]))
        >>> page.startswith("<!DOCTYPE html>") and 'id="turn-0"' in page
        True
    """
    from affectkit.templates import markup, render

    total = len(analysis.turns)
    flags_by_turn: dict[int, list[RiskFlag]] = {}
    for flag in analysis.flags:
        flags_by_turn.setdefault(flag.turn, []).append(flag)
    return render(
        "conversation.html",
        a=analysis,
        series=SERIES,
        charts=[markup(trajectory_svg(speaker, total)) for speaker in analysis.speakers.values()],
        segments=[_flagged_segments(turn.text, flags_by_turn.get(turn.index, [])) for turn in analysis.turns],
        tops=[_top(turn, 3) for turn in analysis.turns],
    )


def _flagged_segments(text: str, flags: Sequence[RiskFlag]) -> list[tuple[str, str | None]]:
    """The text cut into ``(piece, flag kind)`` segments, the kind set on each flag's evidence span."""
    out: list[tuple[str, str | None]] = []
    position = 0
    spans = sorted((f.start, f.end, f.kind) for f in flags if f.start is not None and f.end is not None)
    for start, end, kind in spans:
        if start < position:
            continue
        out.append((text[position:start], None))
        out.append((text[start:end], kind))
        position = end
    out.append((text[position:], None))
    return out


def trajectory_svg(speaker: SpeakerSummary, total_turns: int) -> str:
    """An inline SVG line chart of a speaker's smoothed valence, arousal and dominance over the turns of the
    whole conversation; each point links to its turn.

    Example:
        >>> from affectkit.types import TrajectoryPoint
        >>> point = TrajectoryPoint(turn=0, valence=0.5, arousal=0.1, dominance=0.0, emotion="joy")
        >>> summary = SpeakerSummary(speaker="Sam", turns=[0], trajectory=[point], arc="stable", shifts=[],
        ...     dominant_emotions=["joy"])
        >>> trajectory_svg(summary, 1).count("<circle")
        3
    """
    inner_w, inner_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(turn: int) -> float:
        return PAD_LEFT + (turn / max(1, total_turns - 1)) * inner_w

    def y(value: float) -> float:
        return PAD_TOP + (1 - (max(-1.0, min(1.0, value)) + 1) / 2) * inner_h

    label = html.escape(speaker.speaker)
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="trajectory of {label}">'
    ]
    for tick in (-1.0, -0.5, 0.0, 0.5, 1.0):
        stroke = "#9ca3af" if tick == 0 else "#e5e7eb"
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y(tick):.1f}" stroke="{stroke}"/>'
            f'<text x="{PAD_LEFT - 6}" y="{y(tick) + 3:.1f}" text-anchor="end">{tick:+.1f}</text>'
        )
    step = max(1, (total_turns + 9) // 10)
    for turn in range(0, max(total_turns, 1), step):
        parts.append(f'<text x="{x(turn):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{turn}</text>')
    for name, color in SERIES:
        values = [(p.turn, getattr(p, name)) for p in speaker.trajectory]
        if len(values) > 1:
            points = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in values)
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        for t, v in values:
            parts.append(
                f'<a href="#turn-{t}"><circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="3.5" fill="{color}">'
                f"<title>turn {t}: {name} {v:+.2f}</title></circle></a>"
            )
    parts.append("</svg>")
    return "".join(parts)
