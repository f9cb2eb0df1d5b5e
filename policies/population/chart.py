"""The run page's chart, drawn on the server as SVG: per policy, the enterprises
eligible and the sum of their maximum amounts, as two bars on their own scales.

No script and no style attribute (the content security policy allows neither):
the template draws the bars from the geometry worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 70
BAR_WIDTH = 200  # the longest bar; its figure is written after it
COUNT_COLUMN = 280
COST_COLUMN = 360
ROW_HEIGHT = 28
TOP = 30


@dataclass(frozen=True)
class Bar:
    y: int
    code: str
    count: int
    count_width: int
    count_label: str
    cost_width: int
    cost_label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + COUNT_COLUMN + COST_COLUMN
    count_x: int = LABEL_WIDTH
    cost_x: int = LABEL_WIDTH + COUNT_COLUMN
    top: int = TOP


def _width(value: int, largest: int) -> int:
    if not value or not largest:
        return 0
    return max(1, round(BAR_WIDTH * value / largest))


def chart(rows: list[dict], money) -> Chart:
    """``rows``: the summary's policies; ``money`` writes an amount in words."""
    most = max((row["eligible"] for row in rows), default=0)
    dearest = max((row["sum_max"] for row in rows), default=0)
    bars = [
        Bar(
            y=TOP + index * ROW_HEIGHT,
            code=row["code"],
            count=row["eligible"],
            count_width=_width(row["eligible"], most),
            count_label=f"{row['eligible']:,}",
            cost_width=_width(row["sum_max"], dearest),
            cost_label=money(row["sum_max"]) if row["sum_max"] else "–",
        )
        for index, row in enumerate(rows)
    ]
    return Chart(bars=bars, height=TOP + len(bars) * ROW_HEIGHT + 10)
