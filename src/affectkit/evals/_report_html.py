"""The HTML page of an :class:`~affectkit.evals.report.EvalReport`: the template ``eval_report.html`` of
:mod:`affectkit.templates` (the one stylesheet inlined) and inline SVG charts drawn here; no scripts and nothing
loaded from the network. Use :func:`affectkit.evals.report.render_html`.

Example:
    >>> ticks(0.0, 1.0)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from affectkit.evals._report_model import Cell, EvalReport, MetricResult

PALETTE = ("#374151", "#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626")
"""Variant colours: the baseline dark grey, then one colour per variant (cycling)."""

def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick positions covering ``[low, high]`` (about ``count`` steps of 1, 2, 2.5 or 5 x 10^k).

    Example:
        >>> ticks(-0.03, 0.12)
        [-0.05, 0.0, 0.05, 0.1, 0.15]
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        pad = abs(low) * 0.1 or 0.5
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round(i * step, 12) + 0.0 for i in range(first, last + 1)]


def _fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _tick_label(value: float) -> str:
    return f"{round(value, 10):g}"


class _Row(NamedTuple):
    group: str  # the model: a header line above its rows
    label: str  # the variant
    colour: str
    value: float
    low: float | None
    high: float | None
    tail: str = ""  # text at the right end (p-value)
    fill: str = ""  # bar colour (difference chart)


def _scale(rows: Sequence[_Row], include_zero: bool) -> tuple[list[float], float, float]:
    values = [v for r in rows for v in (r.value, r.low, r.high) if v is not None and math.isfinite(v)]
    if include_zero:
        values.append(0.0)
    grid = ticks(min(values), max(values)) if values else [0.0, 1.0]
    return grid, grid[0], grid[-1]


def _chart(title: str, rows: Sequence[_Row], *, bars: bool, legend: Sequence[tuple[str, str]] = ()) -> str:
    """A horizontal dot-and-whisker chart (``bars=False``) or a bar chart of differences from 0 (``bars=True``)."""
    e = html.escape
    label_width, plot_width, tail_width, row_height = 190, 380, 76 if bars else 16, 20
    top = 36 if legend else 24
    width = label_width + plot_width + tail_width
    slots: list[tuple[str, _Row | None]] = []  # (group header, None) or ("", row)
    for row in rows:
        if not slots or row.group != _last_group(slots):
            slots.append((row.group, None))
        slots.append(("", row))
    height = top + row_height * len(slots) + 34
    grid, low, high = _scale(rows, include_zero=bars)

    def x(value: float) -> float:
        return label_width + (value - low) / (high - low) * plot_width

    parts = [
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{e(title)}">',
        f'<text x="6" y="15" font-weight="600">{e(title)}</text>',
    ]
    if legend:
        position = 6.0
        for name, colour in legend:
            parts.append(f'<circle cx="{position + 5:.1f}" cy="27" r="4" fill="{colour}"/>')
            parts.append(f'<text x="{position + 13:.1f}" y="31">{e(name)}</text>')
            position += 22 + 6.2 * len(name)
    bottom = top + row_height * len(slots)
    parts.append('<g class="axis">')
    for tick in grid:
        position_x = x(tick)
        stroke = "#9ca3af" if bars and tick == 0 else "#eef0f3"
        parts.append(f'<line x1="{position_x:.1f}" y1="{top - 4}" x2="{position_x:.1f}" y2="{bottom}" '
                     f'stroke="{stroke}"/>')
        parts.append(f'<text x="{position_x:.1f}" y="{bottom + 14}" text-anchor="middle">{_tick_label(tick)}</text>')
    parts.append("</g>")
    for index, (group, slot) in enumerate(slots):
        y = top + row_height * index + row_height / 2
        if slot is None:
            header = group if len(group) <= 95 else group[:94] + "…"
            parts.append(f'<text x="6" y="{y + 4:.1f}" font-weight="600">{e(header)}</text>')
            continue
        row = slot
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 4:.1f}" text-anchor="end">{e(label)}</text>')
        if bars:
            start, end = sorted((x(0.0), x(row.value)))
            parts.append(f'<rect x="{start:.1f}" y="{y - 6:.1f}" width="{max(end - start, 1.0):.1f}" height="12" '
                         f'fill="{row.fill or row.colour}" opacity="0.75"/>')
        if row.low is not None and row.high is not None:
            parts.append(f'<line x1="{x(row.low):.1f}" y1="{y:.1f}" x2="{x(row.high):.1f}" y2="{y:.1f}" '
                         f'stroke="{row.colour}" stroke-width="1.6"/>')
            for end_value in (row.low, row.high):
                parts.append(f'<line x1="{x(end_value):.1f}" y1="{y - 4:.1f}" x2="{x(end_value):.1f}" '
                             f'y2="{y + 4:.1f}" stroke="{row.colour}" stroke-width="1.6"/>')
        if not bars:
            parts.append(f'<circle cx="{x(row.value):.1f}" cy="{y:.1f}" r="4.5" fill="{row.colour}"/>')
        if row.tail:
            parts.append(f'<text x="{label_width + plot_width + 6}" y="{y + 4:.1f}">{e(row.tail)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _last_group(slots: Sequence[tuple[str, _Row | None]]) -> str:
    for group, row in reversed(slots):
        if row is None:
            return group
    return ""


def _metric_names(cells: Sequence[Cell]) -> list[str]:
    """The task's metrics: the main score first, its parse metric(s) next, then the others."""
    ordered: list[MetricResult] = []
    for cell in cells:
        for metric in cell.metrics:
            if all(m.name != metric.name for m in ordered):
                ordered.append(metric)
    scores = [m.name for m in ordered if not m.parse]
    parse = [m.name for m in ordered if m.parse]
    return scores[:1] + parse + scores[1:]


def _verdict(higher_is_better: bool, difference: float | None, low: float | None, high: float | None) -> str:
    """``better`` / ``worse`` when the difference's interval excludes 0, else ``""``."""
    if difference is None or low is None or high is None or low <= 0.0 <= high:
        return ""
    return "better" if (difference > 0) == higher_is_better else "worse"


def _section(report: EvalReport, task: str, colours: dict[str, str]) -> dict[str, Any]:
    """What the template shows of one task: its cells, metric names, charts and differences."""
    from affectkit.templates import markup

    cells = [c for c in report.cells if c.task == task]
    names = _metric_names(cells)
    parse_names = {m.name for c in cells for m in c.metrics if m.parse}
    legend = [(variant, colours[variant]) for variant in report.variants if any(c.variant == variant for c in cells)]
    score_charts = []
    for name in names:
        rows = []
        for cell in cells:
            metric = cell.metric(name)
            if metric is not None and metric.value is not None:
                rows.append(_Row(cell.model, cell.variant, colours[cell.variant], metric.value,
                                 metric.ci_low, metric.ci_high))
        if rows:
            suffix = " (parse)" if name in parse_names else ""
            score_charts.append(markup(_chart(f"{name}{suffix}: score and 95% interval", rows, bars=False,
                                              legend=legend)))
    differences = [(cell, d) for cell in cells for d in cell.differences]
    difference_charts = []
    for name in names:
        rows = []
        for cell, d in differences:
            if d.metric != name or d.difference is None:
                continue
            verdict = _verdict(d.higher_is_better, d.difference, d.ci_low, d.ci_high)
            fill = {"better": "#10b981", "worse": "#ef4444"}.get(verdict, "#9ca3af")
            tail = "" if d.p_value is None else ("p<0.001" if d.p_value < 0.001 else f"p={d.p_value:.3f}")
            rows.append(_Row(cell.model, cell.variant, colours[cell.variant], d.difference, d.ci_low, d.ci_high,
                             tail, fill))
        if rows:
            difference_charts.append(markup(_chart(f"{name}: variant − baseline, 95% interval", rows, bars=True)))
    return {
        "task": task,
        "function": next((c.task_function for c in cells if c.task_function), None),
        "cells": cells,
        "names": names,
        "parse_names": parse_names,
        "score_charts": score_charts,
        "differences": [(cell, d, _verdict(d.higher_is_better, d.difference, d.ci_low, d.ci_high))
                        for cell, d in differences],
        "difference_charts": difference_charts,
        "logs": [c for c in cells if c.log],
    }


def render(report: EvalReport) -> str:
    """The page (see :func:`affectkit.evals.report.render_html`): the template ``eval_report.html`` of
    :mod:`affectkit.templates`, with the charts drawn here."""
    from affectkit.templates import render as render_template

    colours = {variant: PALETTE[i % len(PALETTE)] for i, variant in enumerate(report.variants)}
    return render_template(
        "eval_report.html",
        r=report,
        colours=colours,
        palette=PALETTE,
        failed=sum(c.status != "success" for c in report.cells),
        sections=[_section(report, task, colours) for task in report.tasks],
    )
