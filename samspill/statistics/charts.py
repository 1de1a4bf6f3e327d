"""Charts as SVG drawn on the server: no JavaScript, nothing for the page's CSP to block,
and the same picture in the PDF report. Every chart has a title and a description for
screen readers, and every page shows the numbers behind it in a table as well.

Series differ by colour and by dash pattern or marker shape, so that they can be told
apart without colour."""

import math

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 16, 48
COLOURS = ["#0062ba", "#b3261e", "#1e7d3c", "#7a4fb5", "#a35200", "#00687a"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "12 6"]
INK, GRID, MUTED = "#1a1a1a", "#d5d9de", "#4d5560"

_counter = [0]


def _id(prefix):
    _counter[0] = (_counter[0] + 1) % 1_000_000
    return f"{prefix}-{_counter[0]}"


def fmt(value, decimals=None):
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def _nice_step(span, ticks=5):
    if span <= 0:
        return 1
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _axis(low, high):
    if low == high:
        high = low + 1
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    ticks, value = [], start
    while value <= end + step / 1000:
        ticks.append(value)
        value += step
    return start, end, ticks


def _frame(title, description, body, width=WIDTH, height=HEIGHT):
    title_id, desc_id = _id("chart-title"), _id("chart-desc")
    return mark_safe(  # noqa: S308 - every text in body is escaped where it is built
        f'<svg class="stat-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="Inter, Arial, sans-serif" font-size="12" width="100%">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>{body}</svg>'
    )


def _grid_y(ticks, y_of, width, decimals=None):
    parts = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(fmt(tick, decimals))}</text>"
        )
    return "".join(parts)


def line_chart(*, title, description, labels, series, y_label="", percent=False):
    """`labels`: the x values' names (school years); `series`: [(name, [value or None])]."""
    values = [v for _, data in series for v in data if v is not None]
    if not values or not labels:
        return ""
    low, high, ticks = _axis(min(0, min(values)), max(values))
    width, height = WIDTH, HEIGHT + 22 * math.ceil(len(series) / 3)
    plot_bottom = HEIGHT - BOTTOM

    def x_of(index):
        if len(labels) == 1:
            return (LEFT + width - RIGHT) / 2
        return LEFT + index * (width - LEFT - RIGHT) / (len(labels) - 1)

    def y_of(value):
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - TOP)

    body = [_grid_y(ticks, y_of, width)]
    every = max(1, math.ceil(len(labels) / 10))
    for index, label in enumerate(labels):
        if index % every == 0 or index == len(labels) - 1:
            body.append(
                f'<text x="{x_of(index):.1f}" y="{plot_bottom + 18}" text-anchor="middle" '
                f'fill="{INK}">{escape(label)}</text>'
            )
    if y_label:
        body.append(
            f'<text x="14" y="{(TOP + plot_bottom) / 2:.1f}" fill="{MUTED}" '
            f'transform="rotate(-90 14 {(TOP + plot_bottom) / 2:.1f})" text-anchor="middle">'
            f"{escape(y_label)}</text>"
        )
    for number, (name, data) in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        segments, current = [], []
        for index, value in enumerate(data):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x_of(index):.1f},{y_of(value):.1f}")
        if current:
            segments.append(current)
        for points in segments:
            body.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
            )
            for point in points:
                x, y = point.split(",")
                body.append(_marker(number, float(x), float(y), colour))
        column, row = number % 3, number // 3
        lx, ly = LEFT + column * 220, HEIGHT - 8 + row * 22
        body.append(
            f'<line x1="{lx}" x2="{lx + 28}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
            + _marker(number, lx + 14, ly - 4, colour)
            + f'<text x="{lx + 34}" y="{ly}" fill="{INK}">{escape(name)}</text>'
        )
    return _frame(title, description, "".join(body), width, height)


def _marker(number, x, y, colour):
    shape = number % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    return (
        f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} '
        f'{x - 4.5:.1f},{y + 3.5:.1f}" fill="{colour}"/>'
    )


def bar_chart(*, title, description, items, unit=""):
    """Horizontal bars: `items` = [(label, value or None)]."""
    values = [v for _, v in items if v is not None]
    if not values:
        return ""
    row_height, label_width = 24, 170
    height = TOP + row_height * len(items) + 36
    _, high, ticks = _axis(0, max(values))

    def x_of(value):
        return label_width + value / high * (WIDTH - label_width - RIGHT - 40)

    body = []
    for tick in ticks:
        x = x_of(tick)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{height - 30}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" fill="{INK}">'
            f"{escape(fmt(tick))}{escape(unit)}</text>"
        )
    for index, (label, value) in enumerate(items):
        y = TOP + index * row_height
        body.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{INK}">'
            f"{escape(label)}</text>"
        )
        if value is not None:
            bar_width = max(x_of(value) - label_width, 1)
            body.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{bar_width:.1f}"'
                f' height="{row_height - 8}" fill="{COLOURS[0]}"/>'
                f'<text x="{x_of(value) + 4:.1f}" y="{y + 16}" fill="{INK}">'
                f"{escape(fmt(value))}{escape(unit)}</text>"
            )
    return _frame(title, description, "".join(body), WIDTH, height)


def scatter_chart(*, title, description, points, x_label, y_label, groups=()):
    """`points` = [(x, y, group index)]; `groups` names the groups for the legend."""
    points = [(x, y, g) for x, y, g in points if x is not None and y is not None]
    if not points:
        return ""
    height = HEIGHT + 40
    plot_bottom = HEIGHT - BOTTOM + 10
    x_low, x_high, x_ticks = _axis(min(p[0] for p in points), max(p[0] for p in points))
    y_low, y_high, y_ticks = _axis(min(0, min(p[1] for p in points)), max(p[1] for p in points))

    def x_of(value):
        return LEFT + (value - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT)

    def y_of(value):
        return plot_bottom - (value - y_low) / (y_high - y_low) * (plot_bottom - TOP)

    body = [_grid_y(y_ticks, y_of, WIDTH)]
    for tick in x_ticks:
        x = x_of(tick)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{plot_bottom}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{plot_bottom + 16}" text-anchor="middle" fill="{INK}">'
            f"{escape(fmt(tick))}</text>"
        )
    body.append(
        f'<text x="{(LEFT + WIDTH) / 2:.1f}" y="{plot_bottom + 34}" text-anchor="middle" '
        f'fill="{MUTED}">{escape(x_label)}</text>'
        f'<text x="14" y="{(TOP + plot_bottom) / 2:.1f}" fill="{MUTED}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + plot_bottom) / 2:.1f})">{escape(y_label)}</text>'
    )
    for x, y, group in points:
        body.append(_marker(group, x_of(x), y_of(y), COLOURS[group % len(COLOURS)]))
    for index, name in enumerate(groups):
        lx, ly = 10 + index * 178, height - 8
        body.append(
            _marker(index, lx + 6, ly - 4, COLOURS[index % len(COLOURS)])
            + f'<text x="{lx + 16}" y="{ly}" fill="{INK}">{escape(name)}</text>'
        )
    return _frame(title, description, "".join(body), WIDTH, height)
