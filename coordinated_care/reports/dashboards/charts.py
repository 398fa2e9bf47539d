"""Charts drawn on the server as SVG: no script, nothing fetched, the same picture in every
browser and in print. The geometry is worked out here and drawn by `reports/dashboards/_charts.jinja`
with presentation attributes only (the strict CSP allows no inline style). Every chart has a title
and a description for assistive technology, and its page puts a table of the same figures beside
it: the table is the accessible form of the chart, the chart a picture of the table."""

from dataclasses import dataclass, field

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 220
BAR_AREA = 300
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    value: float
    text: str  # the value as the table gives it
    y: int = 0
    width: float = 0


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def bar_chart(chart_id, title, bars, *, maximum=None, description=""):
    """Horizontal bars, one a (label, value, text); `maximum` the value of a full bar (the largest
    value when not given)."""
    bars = [Bar(label=label, value=value, text=text) for label, value, text in bars]
    top = maximum if maximum is not None else max((bar.value for bar in bars), default=0)
    for n, bar in enumerate(bars):
        bar.y = n * (BAR_HEIGHT + BAR_GAP)
        bar.width = round(BAR_AREA * bar.value / top, 1) if top else 0
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return BarChart(id=chart_id, title=title, description=description, bars=bars, height=height)


@dataclass
class LineChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    plot: dict  # left, top, right, bottom of the plotting area
    x_ticks: list = field(default_factory=list)  # (x, text)
    y_ticks: list = field(default_factory=list)  # (y, text)
    series: list = field(default_factory=list)  # {"name", "points": "x,y x,y", "dots": [(x, y)], "dashed"}


def line_chart(chart_id, title, x_labels, series, *, y_max, description=""):
    """Lines over the same x positions: `series` is [(name, values, dashed)], a value for each
    x label or None where the line stops (a month still to come)."""
    width, height = 560, 280
    left, top, right, bottom = 48, 16, width - 16, height - 40
    steps = max(len(x_labels) - 1, 1)
    y_max = max(y_max, 1)

    def x_at(n):
        return round(left + (right - left) * n / steps, 1)

    def y_at(value):
        return round(bottom - (bottom - top) * value / y_max, 1)

    tick_every = max(1, -(-y_max // 5))
    chart = LineChart(
        id=chart_id,
        title=title,
        description=description,
        width=width,
        height=height,
        plot={"left": left, "top": top, "right": right, "bottom": bottom},
        x_ticks=[(x_at(n), text) for n, text in enumerate(x_labels)],
        y_ticks=[(y_at(v), str(v)) for v in range(0, y_max + 1, tick_every)],
    )
    for name, values, dashed in series:
        points = [(x_at(n), y_at(v)) for n, v in enumerate(values) if v is not None]
        chart.series.append(
            {"name": name, "points": " ".join(f"{x},{y}" for x, y in points), "dots": points, "dashed": dashed}
        )
    return chart
