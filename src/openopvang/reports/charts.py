"""Charts drawn on the server as SVG (docs/decisions/0013): a pure module,
without Django, so pages, downloads and a PDF can share it and tests can
read its output.

What every chart has, following the GOV.UK and Analysis Function guidance:

- `role="img"` with a <title> (the chart's active title) and a <desc> (what
  it shows in one or two sentences), both referenced by `aria-labelledby`;
- colours from the Okabe–Ito palette, which stays apart for the common
  colour-vision deficiencies, and never colour alone: every series is also
  told apart by a dash pattern (lines) or a hatch (bars), and is labelled
  directly at its end or its bar, so no legend has to be matched by colour;
- no script and no style attributes (the pages' Content-Security-Policy
  stays strict): presentation attributes and classes only.

Every text is passed in already translated; numbers are formatted by the
`number` function the caller passes (core.formatting.number in the page's
language)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# Okabe & Ito (2008): blue, vermilion, bluish green, reddish purple, orange, sky blue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "6 4", "2 3", "8 3 2 3")
TEXT = "#1a1a1a"
GRID = "#c8c8c8"
FONT = 'font-family="inherit" font-size="13"'

_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int | float | None]


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _nice_max(value: float) -> int:
    """A round top for the value axis (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return 1
    power = 1
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 2.5, 5, 10):
        top = step * power
        if top >= value:
            return int(top) if float(top).is_integer() else int(top) + 1
    return int(10 * power)


def _ticks(top: int, count: int = 4) -> list[int]:
    step = max(1, top // count)
    return list(range(0, top + 1, step))


def _open(title: str, desc: str, width: int, height: int, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="oo-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _hatch(chart_id: str, index: int, colour: str) -> str:
    """A fill for bar series `index`: solid for the first, hatched after."""
    if index == 0:
        return ""
    angle = (45, -45, 0, 90)[(index - 1) % 4]
    return (
        f'<pattern id="{chart_id}-p{index}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate({angle})">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{colour}"/></pattern>'
    )


def line_chart(
    *,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    number: Callable[[int | float], str] = str,
    width: int = 720,
    height: int = 300,
    max_x_ticks: int = 6,
) -> str:
    """Lines over time (x_labels one per point, already formatted), each
    labelled at its last point with its name and value."""
    chart_id = f"oo-chart-{next(_ids)}"
    left, right, top, bottom = 56, 170, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    top_value = _nice_max(max(values, default=0))
    count = max(len(x_labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    out = _open(title, desc, width, height, chart_id)
    out.append(f'<g {FONT} fill="{TEXT}">')
    for tick in _ticks(top_value):
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{escape(number(tick))}</text>"
        )
    out.append(
        f'<text x="{left}" y="{top - 4 if top > 12 else 12}" text-anchor="start" '
        f'font-size="12">{escape(y_label)}</text>'
    )
    step = max(1, -(-count // max_x_ticks))
    for i in range(0, count, step):
        out.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle">'
            f"{escape(x_labels[i])}</text>"
        )
    placed_labels: list[float] = []
    for index, line in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        points = [(x(i), y(v)) for i, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dash_attr}/>"
        )
        last_value = next(v for v in reversed(line.values) if v is not None)
        label_y = points[-1][1] + 4
        while any(abs(label_y - other) < 15 for other in placed_labels):
            label_y += 15
        placed_labels.append(label_y)
        out.append(
            f'<circle cx="{points[-1][0]:.1f}" cy="{points[-1][1]:.1f}" r="3.5" fill="{colour}"/>'
            f'<text x="{left + plot_w + 8}" y="{label_y:.1f}" font-weight="bold">'
            f"{escape(line.label)}: {escape(number(last_value))}</text>"
        )
    out.append("</g></svg>")
    return "".join(out)


def bar_chart(
    *,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    number: Callable[[int | float], str] = str,
    width: int = 720,
    bar_height: int = 18,
) -> str:
    """Horizontal bars, one group per category (a band or a location), one
    bar per series in the group; every bar carries its series name (when
    more than one) and its value as text at its end."""
    chart_id = f"oo-chart-{next(_ids)}"
    label_w = min(220, 16 + 7 * max((len(c) for c in categories), default=4))
    right = 150
    plot_w = width - label_w - right
    gap = 10
    group_h = bar_height * max(len(series), 1) + gap
    height = 12 + group_h * max(len(categories), 1) + 8
    values = [v for s in series for v in s.values if v is not None]
    top_value = _nice_max(max(values, default=0))
    out = _open(title, desc, width, height, chart_id)
    defs = [_hatch(chart_id, i, PALETTE[i % len(PALETTE)]) for i in range(len(series)) if i > 0]
    if defs:
        out.append("<defs>" + "".join(defs) + "</defs>")
    out.append(f'<g {FONT} fill="{TEXT}">')
    out.append(f'<line x1="{label_w}" x2="{label_w}" y1="8" y2="{height - 8}" stroke="{TEXT}"/>')
    for row, category in enumerate(categories):
        y0 = 12 + row * group_h
        middle = y0 + bar_height * len(series) / 2 + 4
        out.append(
            f'<text x="{label_w - 8}" y="{middle:.1f}" text-anchor="end">{escape(category)}</text>'
        )
        for index, bar in enumerate(series):
            value = bar.values[row]
            colour = PALETTE[index % len(PALETTE)]
            fill = colour if index == 0 else f"url(#{chart_id}-p{index})"
            # a negative value (a correction) gets no bar; its text says it
            length = 0 if not value or value < 0 else plot_w * value / top_value
            y_bar = y0 + index * bar_height
            out.append(
                f'<rect x="{label_w}" y="{y_bar}" width="{length:.1f}" '
                f'height="{bar_height - 3}" fill="{fill}" stroke="{colour}"/>'
            )
            text = "–" if value is None else number(value)
            if len(series) > 1:
                text = f"{bar.label}: {text}"
            out.append(
                f'<text x="{label_w + length + 6:.1f}" y="{y_bar + bar_height - 6}">'
                f"{escape(text)}</text>"
            )
    out.append("</g></svg>")
    return "".join(out)
