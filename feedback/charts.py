"""Bar charts as plain values for templates/feedback/includes/bar_chart.html, which draws them
as SVG with a title, a description and the table of the same numbers beside."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

PLOT_HEIGHT = 150
BAR_WIDTH = 28
STEP = 40
LEFT = 40
TOP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    axis_label: str  # short enough for the 40-pixel step under the bar
    shown: str  # the value as the table shows it ("–" when there is none)
    x: int
    y: float
    height: float
    has_value: bool

    @property
    def center(self) -> float:
        return self.x + BAR_WIDTH / 2


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    description: str
    value_heading: str
    bars: list[Bar]
    maximum: float
    width: int
    label_heading: str
    height: int = PLOT_HEIGHT + TOP + 40
    baseline: int = PLOT_HEIGHT + TOP

    @property
    def label_y(self) -> int:
        return self.baseline + 16

    @property
    def bar_width(self) -> int:
        return BAR_WIDTH

    @property
    def axis_x(self) -> int:
        return LEFT - 4

    @property
    def top(self) -> int:
        return TOP


def bar_chart(
    slug: str,
    title: str,
    description: str,
    value_heading: str,
    points: Sequence[tuple[str, float | None, str]],
    maximum: float | None = None,
    heading: str = "",
    axis_labels: Sequence[str] | None = None,
) -> BarChart:
    """`points` are (label, value or None, value as shown); the scale runs from 0 to `maximum`
    (the largest value when not given). Under each bar its axis label: by default a month's
    label without the century ("26-11" for 2026-11)."""
    top = maximum or max((value for _label, value, _shown in points if value), default=0) or 1
    bars = []
    axis = list(axis_labels) if axis_labels is not None else [label[2:] for label, _value, _shown in points]
    for index, (label, value, shown) in enumerate(points):
        height = PLOT_HEIGHT * (value or 0) / top
        x = LEFT + index * STEP
        bars.append(Bar(label, axis[index], shown, x, TOP + PLOT_HEIGHT - height, height, value is not None))
    width = LEFT + len(points) * STEP + 10
    return BarChart(slug, title, description, value_heading, bars, top, width, heading or _("Month"))
