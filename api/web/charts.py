"""Bar charts drawn on the server as SVG (no script, no inline style: the CSP forbids them).

Horizontal bars, grouped: each group is a label line with one thin bar per series under it,
the value at the bar's end. Mobile first: the view box is 360 units wide, so at 360 px the
text is at its real size. Right to left, the bars grow from the right. Colours are CSS classes
(`.series-0` ...) of the one stylesheet; the figures are also in the table beside each chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 360
LABEL_LINE = 18  # a group's label
BAR = 14
BAR_GAP = 3
GROUP_GAP = 10
VALUE_ROOM = 64  # room left for the value written after the longest bar


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str  # "start" | "end" (SVG's, which ignore the page direction)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str  # the tooltip: "Accepted: 12"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    texts: tuple[Text, ...]


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[int]]],
    *,
    series: Sequence[str] = ("",),
    rtl: bool = False,
    number: Callable[[int], str] = str,
) -> Chart:
    """A chart of groups of bars: `groups` = (label, one value per series).

    Args:
        groups: each group's label and its values, in the order of `series`.
        series: the series' names (for the tooltips); one series needs no name.
        rtl: bars grow from the right (Arabic).
        number: how a value is written (Babel's format for the page's language).
    """
    top = max((max(values, default=0) for _, values in groups), default=0) or 1
    scale = (WIDTH - VALUE_ROOM) / top
    bars: list[Bar] = []
    texts: list[Text] = []
    y = 0.0
    for label, values in groups:
        texts.append(_text(0, y + LABEL_LINE - 5, label, rtl=rtl))
        y += LABEL_LINE
        for index, value in enumerate(values):
            width = max(value * scale, 1.0 if value else 0.0)
            x = WIDTH - width if rtl else 0.0
            name = series[index] if index < len(series) else ""
            title = f"{name}: {number(value)}" if name else number(value)
            bars.append(Bar(x, y, width, BAR, index, title))
            texts.append(_text(width + 4, y + BAR - 3, number(value), rtl=rtl))
            y += BAR + BAR_GAP
        y += GROUP_GAP
    return Chart(WIDTH, max(int(y), 1), tuple(bars), tuple(texts))


def _text(offset: float, y: float, text: str, *, rtl: bool) -> Text:
    """Text starting `offset` units from the start side."""
    if rtl:
        return Text(WIDTH - offset, y, text, "end")
    return Text(offset, y, text, "start")
