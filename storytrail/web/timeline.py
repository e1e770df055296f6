"""A story's statements and events laid out on a time axis, ready to draw as SVG.

Dates in the store have a granularity (``2022-11-23`` a day, ``2022-W47`` a
week, ``2022-11`` a month, ``2022`` a year; ``--11-23`` when the year is
unknown). Each placeable value becomes a span of days, drawn as a dot (a day)
or a bar (anything longer), so a month-precise statement never looks more
precise than its evidence. A statement with no date of its own is placed at
its first report and drawn hollow; a value with no year cannot be placed and
is listed, not drawn.

Everything here is pure: rows in, a ``Layout`` of numbers and strings out.
The template escapes every string.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

ItemKind = Literal["event", "statement"]

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")  # a day, or the day of a datetime


@dataclass(frozen=True, slots=True)
class Geometry:
    """The drawing's size in SVG user units (the SVG scales to the page width)."""

    width: int = 1000
    label_width: int = 190
    margin_right: int = 24
    axis_height: int = 34
    lane_height: int = 30
    min_bar: float = 5.0


GEOMETRY = Geometry()

# Years a date must fall in to be placed on the axis. Outside them a date is a typo or a
# placeholder (0001-01-01, 9999-12-28), and computing with it (padding the axis by days)
# would overflow Python's calendar: such an item is listed as unplaced, its date as text.
PLACED_YEARS = (1000, 3000)


def _calendar_span(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    try:
        if match := WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday, monday + timedelta(days=6)
        if match := MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        if match := YEAR.match(value):
            return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
        if match := DAY.match(value):
            day = date.fromisoformat(match[1])
            return day, day
    except ValueError:
        return None
    return None


def day_span(value: str | None, granularity: str | None = None) -> tuple[date, date] | None:
    """The first and last day a date value can mean; None if it cannot be placed (not a
    date, or outside ``PLACED_YEARS``).

    ``granularity`` is a hint only: the form of ``value`` decides, because a
    stored value never claims more precision than its form shows.
    """
    span = _calendar_span(value)
    if span is None or not PLACED_YEARS[0] <= span[0].year <= span[1].year <= PLACED_YEARS[1]:
        return None
    return span


@dataclass(slots=True)
class Item:
    """One thing on the axis: an event or a statement, with where it goes."""

    kind: ItemKind
    id: str
    label: str
    lane: str
    date: str | None
    granularity: str | None
    span: tuple[date, date] | None
    # True when the item is placed by its first report, not by when it was said.
    by_report: bool = False
    x: float = 0.0
    width: float = 0.0
    y: float = 0.0

    @property
    def is_bar(self) -> bool:
        return self.span is not None and self.span[0] != self.span[1]


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Lane:
    name: str
    y: float


@dataclass(slots=True)
class Layout:
    """What the template draws: lanes, ticks and placed items, plus what could not be placed."""

    width: int
    height: int
    axis_y: float
    plot_left: int
    plot_right: int
    lanes: list[Lane] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    placed: list[Item] = field(default_factory=list)
    unplaced: list[Item] = field(default_factory=list)


def event_item(event: dict[str, Any]) -> Item:
    return Item(
        kind="event",
        id=event["id"],
        label=event["title"],
        lane="Events",
        date=event["date"],
        granularity="day",
        span=day_span(event["date"]),
    )


def statement_item(statement: dict[str, Any]) -> Item:
    """A statement placed by when it was said, or else (hollow) by its first report."""
    span = day_span(statement["date"], statement["date_granularity"])
    by_report = span is None and day_span(statement["first_reported"]) is not None
    return Item(
        kind="statement",
        id=statement["id"],
        label=statement["text"],
        lane=statement["speaker"] or "Unknown speaker",
        date=statement["date"] if not by_report else statement["first_reported"],
        granularity=statement["date_granularity"] if not by_report else "day",
        span=span if not by_report else day_span(statement["first_reported"]),
        by_report=by_report,
    )


def overlaps(item: Item, start: date | None, end: date | None) -> bool:
    """Whether ``item`` may fall within ``[start, end]``; an unplaceable item never does."""
    if start is None and end is None:
        return True
    if item.span is None:
        return False
    return (start is None or item.span[1] >= start) and (end is None or item.span[0] <= end)


def lay_out(items: list[Item], geometry: Geometry = GEOMETRY) -> Layout:
    """Place ``items``: one lane per distinct ``lane`` (events first), x by date."""
    placed = [item for item in items if item.span is not None]
    lane_names = list(dict.fromkeys(i.lane for i in sorted(placed, key=_lane_order)))
    plot_left, plot_right = geometry.label_width, geometry.width - geometry.margin_right
    layout = Layout(
        width=geometry.width,
        height=geometry.axis_height + geometry.lane_height * max(len(lane_names), 1) + 8,
        axis_y=geometry.axis_height - 12,
        plot_left=plot_left,
        plot_right=plot_right,
        unplaced=[item for item in items if item.span is None],
    )
    if not placed:
        return layout
    first = min(item.span[0] for item in placed if item.span)
    last = max(item.span[1] for item in placed if item.span) + timedelta(days=1)
    pad = max((last - first).days // 40, 1)
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    total = (last - first).days
    scale = (plot_right - plot_left) / total

    def x_of(day: date) -> float:
        return round(plot_left + (day - first).days * scale, 2)

    lanes = {
        name: geometry.axis_height + geometry.lane_height * (n + 0.5)
        for n, name in enumerate(lane_names)
    }
    layout.lanes = [Lane(name, y) for name, y in lanes.items()]
    for item in placed:
        assert item.span is not None
        start, end = x_of(item.span[0]), x_of(item.span[1] + timedelta(days=1))
        item.x, item.width, item.y = start, max(end - start, geometry.min_bar), lanes[item.lane]
        if not item.is_bar:
            item.x = round((start + end) / 2, 2)
    layout.placed = sorted(placed, key=lambda i: (i.x, i.kind, i.id))
    layout.ticks = [Tick(x_of(day), label) for day, label in ticks(first, last)]
    return layout


def _lane_order(item: Item) -> tuple[int, date, str]:
    assert item.span is not None
    return (0 if item.kind == "event" else 1, item.span[0], item.lane)


def ticks(first: date, last: date, most: int = 12) -> list[tuple[date, str]]:
    """Round dates to label the axis between ``first`` and ``last``: years, quarters,
    months or weeks, whichever gives at most ``most`` labels."""
    days = (last - first).days
    if days > 366 * 3:
        step = max(1, (last.year - first.year + 1) // most + 1)
        return [
            (date(year, 1, 1), str(year))
            for year in range(first.year + 1, last.year + 1)
            if (year - first.year) % step == 0 and date(year, 1, 1) < last
        ]
    for months in (1, 3, 6):
        candidates = _month_starts(first, last, months)
        if 0 < len(candidates) <= most:
            return [(day, day.strftime("%b %Y")) for day in candidates]
    if days > 62:
        candidates = _month_starts(first, last, 12)
        return [(day, day.strftime("%b %Y")) for day in candidates]
    step = max(1, days // most + 1)
    return [
        (first + timedelta(days=n), (first + timedelta(days=n)).strftime("%d %b %Y"))
        for n in range(step, days, step)
    ]


def _month_starts(first: date, last: date, every: int) -> list[date]:
    starts = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day >= last:
            return starts
        if (month - 1) % every == 0:
            starts.append(day)
