"""Rules for expressions that name the calendar: "November 23", "14 March 2022",
"October 22nd and 23rd", "early August", "August of last year", "2019", and a weekday with a
date ("Wednesday, November 23") that checks the date and narrows unknown years.

A date without a year is placed from the anchor by tense: the nearest such day
on or before the anchor in a past-tense clause, on or after it in a future one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from storytrail.time import forms
from storytrail.time.dates import (
    iso_month,
    month_day_from,
    month_from,
    month_number,
    partial_day,
    partial_month,
    valid_day,
    weekday_number,
    years_with_weekday,
)
from storytrail.time.reading import Anchor, Context, Reading, unplaced
from storytrail.time.values import Direction


def weekday_date(match: re.Match[str], c: Context) -> Reading | None:
    """ "Wednesday, November 23": the date decides, the weekday checks it, and when the year is
    unknown the weekday narrows the years it can be."""
    weekday = weekday_number(match.group("weekday"))
    rest = match.group("rest")
    date_words = forms.MONTH_DAY.fullmatch(rest) or forms.DAY_MONTH.fullmatch(rest)
    inner = None if date_words is None else month_day(date_words, c)
    if weekday is None or inner is None or inner.granularity != "day" or inner.value is None:
        return inner
    if inner.value.startswith("--"):
        month, day = int(inner.value[2:4]), int(inner.value[5:7])
        years = inner.candidate_years or tuple(range(*c.settings.time_candidate_years))
        fitting = years_with_weekday(month, day, weekday, years)
        if len(fitting) == 1:
            found = date(fitting[0], month, day).isoformat()
            return replace(
                inner,
                value=found,
                source="weekday-date",
                note="the year is the only one in which the weekday fits",
            )
        return replace(inner, source="weekday-date", candidate_years=fitting)
    resolved = date.fromisoformat(inner.value)
    if resolved.weekday() == weekday:
        return replace(inner, source="weekday-date")
    if inner.direction != "absolute" and c.anchor.day is not None:
        other: Direction = "future" if inner.direction == "past" else "past"
        flipped = month_day_from(c.anchor.day, resolved.month, resolved.day, other)
        if flipped is not None and flipped.weekday() == weekday:
            return replace(
                inner,
                value=flipped.isoformat(),
                direction=other,
                source="weekday-date",
                note="the weekday fits only against the tense",
            )
    weekday_name = match.group("weekday").capitalize()
    return replace(
        inner,
        source="weekday-date",
        note=f"{weekday_name} does not fall on {inner.value}; the date was kept",
    )


def month_day(match: re.Match[str], c: Context) -> Reading | None:
    """ "November 23", "14 March 2022", "the 23rd of November"."""
    month = month_number(match.group("month"))
    return (
        None
        if month is None
        else day_reading(month, int(match.group("day")), match.group("year"), c, "date")
    )


def day_reading(month: int, day: int, year: str | None, c: Context, source: str) -> Reading | None:
    """A calendar day: absolute with its year, else placed from the anchor by tense."""
    if year is not None:
        found = valid_day(int(year), month, day)
        return None if found is None else Reading(found.isoformat(), "day", "absolute", source)
    return partial_date(month, day, c, source)


def partial_date(month: int, day: int, c: Context, source: str) -> Reading | None:
    """(month, day) without a year: the nearest such day from the anchor by tense, or
    ``--MM-DD`` when the anchor has no year either."""
    if c.anchor.day is not None:
        found = month_day_from(c.anchor.day, month, day, c.tense)
        return None if found is None else Reading(found.isoformat(), "day", c.tense, source)
    if valid_day(2000, month, day) is None:
        return None
    return Reading(
        partial_day(month, day),
        "day",
        c.tense,
        source,
        candidate_years=years_around(c.anchor, month, day, c.tense),
        note=None if c.anchor.month else "the year is unknown",
    )


def years_around(anchor: Anchor, month: int, day: int, tense: Direction) -> tuple[int, ...]:
    """Candidate years of (month, day) seen from a month-day anchor whose year is unknown, or
    from an anchor that knows only its year (an estimated publication date: that year or,
    by tense, the one before or after)."""
    if anchor.month is None and anchor.candidate_years:
        shifts = (-1, 0) if tense == "past" else (0, 1) if tense == "future" else (0,)
        return tuple(sorted({y + s for y in anchor.candidate_years for s in shifts}))
    if anchor.month is None or anchor.day_of_month is None or not anchor.candidate_years:
        return ()
    later = (month, day) > (anchor.month, anchor.day_of_month)
    earlier = (month, day) < (anchor.month, anchor.day_of_month)
    shift = -1 if tense == "past" and later else 1 if tense == "future" and earlier else 0
    return tuple(year + shift for year in anchor.candidate_years)


def date_range(match: re.Match[str], c: Context) -> Reading | None:
    """ "October 22nd and 23rd", "22-23 October", "June 30 to July 2": first and last day."""
    groups = match.groupdict()
    first_month = month_number(groups.get("month1") or groups["month2"])
    last_month = month_number(groups.get("month2") or groups["month1"])
    first_day, last_day = int(groups["day1"]), int(groups["day2"])
    if first_month is None or last_month is None:
        return None
    first = day_reading(first_month, first_day, groups["year"], c, "date-range")
    if first is None or first.value is None:
        return first
    if first.value.startswith("--"):
        if valid_day(2000, last_month, last_day) is None:
            return None
        return replace(first, end_value=partial_day(last_month, last_day))
    start = date.fromisoformat(first.value)
    year = start.year if (last_month, last_day) >= (first_month, first_day) else start.year + 1
    end = valid_day(year, last_month, last_day)
    return None if end is None else replace(first, end_value=end.isoformat())


def named_month(match: re.Match[str], c: Context) -> Reading | None:
    """ "March", "early August", "last November", "August of last year", "September 2024":
    a month, its year from the words or, by tense, from the anchor."""
    month = month_number(match.group("month"))
    if month is None:
        return None
    year, modifier, relative_year = match.group("year"), match.group("modifier"), match.group("rel")
    if year is not None:
        return Reading(iso_month(int(year), month), "month", "absolute", "month")
    if c.anchor.day is None:
        if relative_year or modifier:
            return unplaced("month", c.tense, "month", "needs the publication year")
        return Reading(partial_month(month), "month", c.tense, "month", note="the year is unknown")
    if relative_year is not None:
        offset = forms.RELATIVE_OFFSETS[relative_year]
        direction: Direction = "past" if offset < 0 else "future" if offset > 0 else c.tense
        return Reading(iso_month(c.anchor.day.year + offset, month), "month", direction, "month")
    direction, strict = forms.WEEKDAY_MODIFIERS.get(modifier, (c.tense, False))
    found_year, _ = month_from(c.anchor.day, month, direction)
    if strict and month == c.anchor.day.month:
        found_year += 1 if direction == "future" else -1
    return Reading(iso_month(found_year, month), "month", direction, "month")


def named_year(match: re.Match[str], c: Context) -> Reading:
    """ "2019", "early 2022": the year itself."""
    return Reading(match.group("year"), "year", "absolute", "year")
