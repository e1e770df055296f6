"""Rules for expressions counted from an anchor: "yesterday", "a week ago", "last month",
"on Wednesday", "the day before" (counted from the previous expression), "the end of the year".

Each rule takes the regex match of ``forms`` and a ``Context`` and returns a
``Reading``; see ``resolve.py`` for the order they are tried in.
"""

from __future__ import annotations

import re
from datetime import timedelta

from storytrail.time import forms
from storytrail.time.dates import (
    iso_month,
    iso_week,
    partial_day,
    shift_month,
    shift_partial_day,
    weekday_from,
    weekday_number,
)
from storytrail.time.reading import Anchor, Context, Reading, unplaced
from storytrail.time.values import Direction


def day_word(match: re.Match[str], c: Context) -> Reading:
    """ "yesterday", "earlier today", "tomorrow", "last night": a day from the anchor."""
    offset = forms.DAY_WORD_OFFSETS[match.group("word")]
    direction = _direction_of_offset(offset, c.tense)
    if offset == 0 and match.group("side"):
        direction = "past" if match.group("side") == "earlier" else "future"
    return day_offset(c.anchor, offset, direction, "relative-day")


def _direction_of_offset(offset: int, tense: Direction) -> Direction:
    return "past" if offset < 0 else "future" if offset > 0 else tense


def day_offset(anchor: Anchor, days: int, direction: Direction, source: str) -> Reading:
    if anchor.day is not None:
        return Reading((anchor.day + timedelta(days=days)).isoformat(), "day", direction, source)
    if anchor.month is not None and anchor.day_of_month is not None:
        moved = shift_partial_day(anchor.month, anchor.day_of_month, days, anchor.candidate_years)
        if moved is not None:
            return Reading(partial_day(*moved), "day", direction, source)
    return unplaced("day", direction, source, "needs the publication day")


def count_from_anchor(match: re.Match[str], c: Context) -> Reading:
    """ "a week ago", "two days ago", "in three weeks": counted from the anchor; weeks count
    as days (a week ago is a day, seven days back), months and years as months and years."""
    count = forms.number(match.group("count"))
    unit = match.group("unit")
    sign = 1 if match.group("way") in ("from now", "in") else -1
    direction: Direction = "future" if sign > 0 else "past"
    return unit_offset(c.anchor, unit, sign * count, direction, "relative-count")


def unit_offset(
    anchor: Anchor, unit: str, count: int, direction: Direction, source: str
) -> Reading:
    """``count`` days or weeks (a day), months (a month) or years (a year) from ``anchor``."""
    if unit in ("day", "week"):
        return day_offset(anchor, count * (7 if unit == "week" else 1), direction, source)
    if anchor.day is None:
        return unplaced(unit, direction, source, "needs the publication year")
    return _period(anchor, unit, count, direction, source)


def anaphoric(match: re.Match[str], c: Context) -> Reading:
    """ "the day before", "two days later", "the following week": counted from the previous
    expression in the text, never from publication."""
    groups = match.groupdict()
    unit = "day" if groups["unit"] == "night" else groups["unit"]
    sign = 1 if groups["way"] in ("after", "later", "next", "following") else -1
    counted = groups.get("count") is not None
    count = sign * forms.number(groups.get("count") or "one")
    direction: Direction = "future" if sign > 0 else "past"
    if c.previous is None or c.previous.day is None:
        if counted:
            # "a month earlier than usual", "two years after": with no day before it to count
            # from, the words give a length of time (TimeML: a DURATION), not a date.
            code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
            value = f"P{abs(count)}{code}"
            return Reading(value, None, direction, "duration", timex_type="DURATION")
        granularity = "day" if unit == "day" or (unit == "week" and counted) else unit
        why = "no earlier day in the text to count from"
        return unplaced(granularity, direction, "anaphoric", why, anchored=False)
    if unit == "week" and not counted:
        shifted = c.previous.day + timedelta(days=7 * count)
        return Reading(iso_week(shifted), "week", direction, "anaphoric")
    return unit_offset(c.previous, unit, count, direction, "anaphoric")


def same_day(match: re.Match[str], c: Context) -> Reading:
    """ "that day", "the same day": the previous expression's day."""
    if c.previous is None or c.previous.day is None:
        return unplaced(
            "day", "past", "anaphoric", "no earlier day in the text to count from", anchored=False
        )
    return Reading(c.previous.day.isoformat(), "day", c.tense, "anaphoric")


def weekday(match: re.Match[str], c: Context) -> Reading:
    """ "on Wednesday" by tense (the anchor's own weekday is the anchor day, see
    ``time_same_weekday_is_anchor_day``); "last/next Wednesday" a week away at most."""
    number = weekday_number(match.group("weekday"))
    assert number is not None
    modifier = match.group("modifier")
    direction, strict = forms.WEEKDAY_MODIFIERS.get(modifier, (c.tense, False))
    same_day = c.settings.time_same_weekday_is_anchor_day and not strict
    if c.anchor.day is None:
        return unplaced("day", direction, "weekday", "a weekday needs the publication day")
    day = weekday_from(c.anchor.day, number, direction, same_day=same_day)
    return Reading(day.isoformat(), "day", direction, "weekday")


def relative_period(match: re.Match[str], c: Context) -> Reading:
    """ "last week", "earlier this month", "next year": the anchor's period, moved."""
    offset = forms.RELATIVE_OFFSETS[match.group("rel")]
    direction = _direction_of_offset(offset, c.tense)
    if match.group("side") in ("earlier", "later") and offset == 0:
        direction = "past" if match.group("side") == "earlier" else "future"
    return _period(c.anchor, match.group("unit"), offset, direction, "relative-period")


def period_edge(match: re.Match[str], c: Context) -> Reading:
    """ "the end of the year" is its last month, "the start of next year" January: a year's
    edge is a month; a month's or a week's edge is that month or week (no day is claimed)."""
    offset = forms.RELATIVE_OFFSETS.get(match.group("rel") or "this", 0)
    direction = _direction_of_offset(offset, c.tense)
    unit = match.group("unit")
    if unit != "year" or c.anchor.day is None:
        return _period(c.anchor, unit, offset, direction, "period-edge")
    month = 1 if match.group("edge") in ("start", "beginning") else 12
    return Reading(iso_month(c.anchor.day.year + offset, month), "month", direction, "period-edge")


def _period(anchor: Anchor, unit: str, offset: int, direction: Direction, source: str) -> Reading:
    """The anchor's week, month or year, moved by ``offset`` of them."""
    if anchor.day is None:
        return unplaced(unit, direction, source, "needs the publication day")
    day = anchor.day
    if unit == "week":
        return Reading(iso_week(day + timedelta(weeks=offset)), "week", direction, source)
    if unit == "month":
        value = iso_month(*shift_month(day.year, day.month, offset))
        return Reading(value, "month", direction, source)
    return Reading(f"{day.year + offset:04d}", "year", direction, source)


def weekend(match: re.Match[str], c: Context) -> Reading:
    """ "last weekend", "at the weekend": Saturday to Sunday, nearest in the tense's direction."""
    direction, _ = forms.WEEKDAY_MODIFIERS.get(match.group("modifier"), (c.tense, False))
    if c.anchor.day is None:
        return unplaced("day", direction, "weekend", "needs the publication day")
    saturday = weekday_from(c.anchor.day, 5, direction, same_day=True)
    if direction == "past" and c.anchor.day.weekday() == 6:
        saturday = c.anchor.day - timedelta(days=1)
    sunday = saturday + timedelta(days=1)
    return Reading(saturday.isoformat(), "day", direction, "weekend", end_value=sunday.isoformat())
