"""Charts drawn on the server as inline SVG: no chart library, no script, nothing fetched.

Each function returns markup ready for a template (labels escaped), with a `<title>` on every
mark (the browser shows it on hover) and `data-*` attributes that say what is drawn."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from markupsafe import Markup, escape

# Ten colours that stay apart from each other (Tableau 10).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def number(value: float | None, digits: int = 4) -> str:
    """A score or price for a label: `digits` significant digits, no exponent for the usual
    magnitudes."""
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e6 or magnitude < 1e-4:
        return f"{value:.{digits - 1}e}"
    decimals = max(0, digits - 1 - math.floor(math.log10(magnitude)))
    return f"{value:,.{decimals}f}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round values covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 12)]
    while ticks[-1] < high and len(ticks) < 50:  # the last tick at or above `high`
        ticks.append(round(first + len(ticks) * step, 12))
    return ticks


def _time_label(moment: datetime, span_seconds: float) -> str:
    moment = moment.astimezone(UTC)
    if span_seconds > 2 * 86400:
        return moment.strftime("%m-%d %H:%M")
    if span_seconds > 600:
        return moment.strftime("%H:%M")
    return moment.strftime("%H:%M:%S")


def _empty(width: int, height: int, message: str) -> Markup:
    return Markup(
        f'<svg class="chart empty" role="img" viewBox="0 0 {width} {height}" '
        f'style="max-width: {width}px" data-series="0">'
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" '
        f'stroke="#ccc" stroke-dasharray="4 3"/>'
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" {FONT} fill="#777">'
        f"{escape(message)}</text></svg>")


Series = tuple[str, Sequence[tuple[datetime, float | None]]]


def line_chart(series: Sequence[Series], *, width: int = 1000, height: int = 300,
               empty: str = "no data yet", title: str = "") -> Markup:
    """A line per series over time, a legend under the plot. Points without a value break
    the line."""
    values = [v for _, points in series for _, v in points if v is not None]
    times = [t for _, points in series for t, v in points if v is not None]
    if not values:
        return _empty(width, height, empty)
    left, right, top, bottom = 64, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    t0, t1 = min(times).timestamp(), max(times).timestamp()
    span = max(t1 - t0, 1.0)
    ticks = nice_ticks(min(values), max(values))
    y0, y1 = ticks[0], ticks[-1]
    if y1 <= y0:
        y1 = y0 + 1

    def x(moment: datetime) -> float:
        return left + (moment.timestamp() - t0) / span * plot_w if t1 > t0 else left + plot_w / 2

    def y(value: float) -> float:
        return top + plot_h - (value - y0) / (y1 - y0) * plot_h

    parts = [f'<svg class="chart line" role="img" viewBox="0 0 {width} {height}" '
             f'style="max-width: {width}px" data-series="{len(series)}">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for tick in ticks:  # horizontal grid with the value axis
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#e5e5e5"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" {FONT} '
                     f'fill="#555">{escape(number(tick, 3))}</text>')
    count = 5 if t1 > t0 else 1
    for i in range(count):  # time axis
        moment_ts = t0 + span * i / max(1, count - 1) if t1 > t0 else t0
        moment = datetime.fromtimestamp(moment_ts, UTC)
        anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 \
            else "middle"
        parts.append(f'<text x="{x(moment):.1f}" y="{height - 8}" text-anchor="{anchor}" '
                     f'{FONT} fill="#555">{escape(_time_label(moment, span))}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}" stroke="#999"/>')
    for index, (label, points) in enumerate(series):
        stroke = color(index)
        runs: list[list[str]] = [[]]
        for moment, value in points:
            if value is None:
                runs.append([])
                continue
            runs[-1].append(f"{x(moment):.1f},{y(value):.1f}")
        parts.append(f'<g class="series" data-label="{escape(label)}" data-points='
                     f'"{sum(1 for _, v in points if v is not None)}">')
        for run in runs:
            if len(run) > 1:
                parts.append(f'<polyline fill="none" stroke="{stroke}" stroke-width="2" '
                             f'points="{" ".join(run)}"/>')
        dense = len(points) > 80
        for moment, value in points:
            if value is None:
                continue
            parts.append(
                f'<circle cx="{x(moment):.1f}" cy="{y(value):.1f}" r="{1.5 if dense else 2.5}" '
                f'fill="{stroke}"><title>{escape(label)}: {escape(number(value))} at '
                f'{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S}Z</title></circle>')
        parts.append("</g>")
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch" style="background:{color(i)}"></span>{escape(label)}</li>'
        for i, (label, _) in enumerate(series))
    return Markup(f'<figure class="chart-figure">{"".join(parts)}'
                  f'<ul class="legend">{legend}</ul></figure>')


def bar_chart(bars: Sequence[tuple[str, float]], *, width: int = 1000, unit: str = "%",
              empty: str = "nothing to show") -> Markup:
    """Horizontal bars, one per (label, value), longest scaled to the width."""
    if not bars:
        return _empty(width, 60, empty)
    row, label_w, value_w = 20, 200, 90
    height = row * len(bars) + 8
    top = max((value for _, value in bars), default=0) or 1.0
    plot_w = width - label_w - value_w
    parts = [f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" '
             f'style="max-width: {width}px" data-bars="{len(bars)}">']
    for i, (label, value) in enumerate(bars):
        y = 4 + i * row
        shown = label if len(label) <= 30 else label[:29] + "…"
        bar_w = max(0.0, value / top * plot_w)
        parts.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{value!r}">'
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" {FONT} fill="#333">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w:.1f}" height="{row - 6}" '
            f'fill="{color(0)}"><title>{escape(label)}: {value:.6f}{escape(unit)}</title></rect>'
            f'<text x="{label_w + bar_w + 4:.1f}" y="{y + 13}" {FONT} fill="#333">'
            f"{value:.4f}{escape(unit)}</text></g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def histogram(values: Sequence[float], *, bins: int = 20, width: int = 1000, height: int = 220,
              unit: str = "ms", empty: str = "no measurement yet") -> Markup:
    """How `values` spread: `bins` equal-width buckets between their min and max."""
    if not values:
        return _empty(width, height, empty)
    low, high = min(values), max(values)
    if high <= low:
        high = low + 1.0
    step = (high - low) / bins
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int((value - low) / step))] += 1
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - top - bottom
    peak = max(counts)
    bar_w = plot_w / bins
    parts = [f'<svg class="chart histogram" role="img" viewBox="0 0 {width} {height}" '
             f'style="max-width: {width}px" data-count="{len(values)}">']
    for tick in nice_ticks(0, peak, 4):
        if tick > peak:
            continue
        ty = top + plot_h - tick / peak * plot_h
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{ty:.1f}" y2="{ty:.1f}" '
                     f'stroke="#eee"/><text x="{left - 4}" y="{ty + 4:.1f}" text-anchor="end" '
                     f'{FONT} fill="#555">{tick:g}</text>')
    for i, count in enumerate(counts):
        bar_h = count / peak * plot_h
        lo, hi = low + i * step, low + (i + 1) * step
        parts.append(f'<rect x="{left + i * bar_w + 1:.1f}" y="{top + plot_h - bar_h:.1f}" '
                     f'width="{max(bar_w - 2, 1):.1f}" height="{bar_h:.1f}" fill="{color(0)}">'
                     f"<title>{number(lo, 3)} to {number(hi, 3)} {escape(unit)}: {count}</title>"
                     f"</rect>")
    for i, anchor in ((0, "start"), (bins // 2, "middle"), (bins, "end")):
        tx = left + i * bar_w
        parts.append(f'<text x="{tx:.1f}" y="{height - 10}" text-anchor="{anchor}" {FONT} '
                     f'fill="#555">{escape(number(low + i * step, 3))} {escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(points: Sequence[tuple[datetime, float]], *, width: int = 1000, height: int = 120,
              max_points: int = 300) -> Markup:
    """A small price line (at most `max_points`, evenly picked), its min and max marked."""
    if len(points) < 2:
        return _empty(width, height, "no records in the last hour")
    if len(points) > max_points:
        stride = len(points) / max_points
        points = [points[int(i * stride)] for i in range(max_points)] + [points[-1]]
    prices = [p for _, p in points]
    low, high = min(prices), max(prices)
    spread = (high - low) or 1.0
    t0, t1 = points[0][0].timestamp(), points[-1][0].timestamp()
    span = (t1 - t0) or 1.0
    pad = 4
    coords = " ".join(
        f"{pad + (t.timestamp() - t0) / span * (width - 2 * pad):.1f},"
        f"{pad + (1 - (p - low) / spread) * (height - 2 * pad - 12):.1f}" for t, p in points)
    return Markup(
        f'<svg class="chart sparkline" role="img" viewBox="0 0 {width} {height}" '
        f'style="max-width: {width}px" data-points="{len(points)}">'
        f"<title>last hour: {escape(number(low))} to {escape(number(high))}</title>"
        f'<polyline fill="none" stroke="{color(0)}" stroke-width="1.5" points="{coords}"/>'
        f'<text x="{pad}" y="{height - 2}" {FONT} fill="#555">min {escape(number(low))}</text>'
        f'<text x="{width - pad}" y="{height - 2}" text-anchor="end" {FONT} fill="#555">'
        f"max {escape(number(high))}</text></svg>")
