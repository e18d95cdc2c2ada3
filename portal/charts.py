"""Bar charts drawn on the server: the geometry of an SVG (no JavaScript) that a template draws as it is.

The drawing stays left-to-right in every language (the stylesheet sets `direction: ltr` on it) and its labels
are text, so a right-to-left page shows the same chart; the table beside it carries the numbers.
"""

import dataclasses

FONT_SIZE = 12  # px; the stylesheet uses the same size for the chart's text


@dataclasses.dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str  # SVG text-anchor: start, middle or end
    text: str


@dataclasses.dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: Label
    value_label: Label


@dataclasses.dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    axis: tuple[float, float, float, float]  # the baseline: x1, y1, x2, y2


def _scale(value: int, largest: int, length: float) -> float:
    return round(length * value / largest, 1) if largest else 0.0


# Columns: one upright bar per item (the years), its label under it and its value above it.
COLUMN_SLOT, COLUMN_FILL, COLUMN_PLOT_HEIGHT, COLUMN_MIN_WIDTH = 44, 0.6, 160, 320
COLUMN_TOP, COLUMN_BOTTOM, COLUMN_SIDE = 20, 24, 8


def column_chart(items: list[tuple[str, int]]) -> Chart:
    """Upright bars, one per (label, value) item in order, heights proportional to the largest value."""
    largest = max((value for _label, value in items), default=0)
    width = max(COLUMN_MIN_WIDTH, 2 * COLUMN_SIDE + len(items) * COLUMN_SLOT)
    baseline = COLUMN_TOP + COLUMN_PLOT_HEIGHT
    bar_width = round(COLUMN_SLOT * COLUMN_FILL, 1)
    bars = []
    for index, (text, value) in enumerate(items):
        centre = COLUMN_SIDE + index * COLUMN_SLOT + COLUMN_SLOT / 2
        height = _scale(value, largest, COLUMN_PLOT_HEIGHT)
        top = round(baseline - height, 1)
        bars.append(
            Bar(
                x=round(centre - bar_width / 2, 1),
                y=top,
                width=bar_width,
                height=height,
                value=value,
                label=Label(centre, baseline + FONT_SIZE + 4, "middle", text),
                value_label=Label(centre, top - 4, "middle", str(value)),
            )
        )
    return Chart(width, baseline + COLUMN_BOTTOM, bars, (COLUMN_SIDE, baseline, width - COLUMN_SIDE, baseline))


# Rows: one lying bar per item (the programmes), its name on a line of its own above it, so a long name fits.
ROW_LABEL, ROW_BAR, ROW_GAP, ROW_WIDTH, ROW_START, ROW_END = 18, 16, 10, 560, 8, 48


def row_chart(items: list[tuple[str, int]]) -> Chart:
    """Lying bars, one per (label, value) item from top to bottom, lengths proportional to the largest value."""
    largest = max((value for _label, value in items), default=0)
    length = ROW_WIDTH - ROW_START - ROW_END
    step = ROW_LABEL + ROW_BAR + ROW_GAP
    bars = []
    for index, (text, value) in enumerate(items):
        top = ROW_GAP / 2 + index * step
        bar_top = top + ROW_LABEL
        bar_length = _scale(value, largest, length)
        bars.append(
            Bar(
                x=ROW_START,
                y=bar_top,
                width=bar_length,
                height=ROW_BAR,
                value=value,
                label=Label(ROW_START, bar_top - 5, "start", text),
                value_label=Label(round(ROW_START + bar_length + 4, 1), bar_top + ROW_BAR - 4, "start", str(value)),
            )
        )
    height = ROW_GAP + len(items) * step
    return Chart(ROW_WIDTH, height, bars, (ROW_START, 0, ROW_START, height))
