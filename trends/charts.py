"""Server-rendered SVG bar charts: no JavaScript, no CDN, nothing leaves the server.

Suppressed cells are drawn as an outlined stub labelled "suppressed", never as a value.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from trends.reports import Trend

WIDTH = 720
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 20, 60
SERIES_CLASSES = ("chart-bar--a", "chart-bar--b", "chart-bar--c")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int | None
    css_class: str
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]
    axis_y: float
    max_value: int
    legend: list[tuple[str, str]]


def bar_chart(trend: Trend) -> Chart:
    table = trend.table
    values = [v for v in table.cells.values() if v is not None]
    max_value = max(values, default=0) or 1
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    group_width = plot_width / max(len(table.columns), 1)
    bar_width = group_width * 0.8 / max(len(table.rows), 1)
    bars, labels = [], []
    for index, column in enumerate(table.columns):
        group_x = LEFT + index * group_width + group_width * 0.1
        labels.append((group_x + group_width * 0.4, trend.column_labels.get(column, column)))
        for series, row in enumerate(table.rows):
            value = table.cells[(row, column)]
            height = plot_height * (value / max_value) if value else 0
            if value is None:
                height = 4
            css = "chart-bar--suppressed" if value is None else SERIES_CLASSES[series % 3]
            row_label = trend.row_labels.get(row, row)
            shown = _("suppressed") if value is None else value
            bars.append(
                Bar(
                    x=round(group_x + series * bar_width, 1),
                    y=round(TOP + plot_height - height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(height, 1),
                    value=value,
                    css_class=css,
                    title=f"{row_label}, {trend.column_labels.get(column, column)}: {shown}",
                )
            )
    legend = [
        (SERIES_CLASSES[i % 3], str(trend.row_labels.get(row, row)))
        for i, row in enumerate(table.rows)
    ]
    return Chart(WIDTH, HEIGHT, bars, labels, TOP + plot_height, max_value, legend)
