"""Calendar arithmetic the resolver needs and ``datetime`` does not give directly.

Pure functions over ``datetime.date``; every "which year/week/month" choice
the resolver makes is one of these, so each is tested on its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from storytrail.time.values import Direction

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def weekday_number(name: str) -> int | None:
    """0 for Monday .. 6 for Sunday, from a full or three-letter name; None otherwise."""
    name = name.lower().rstrip(".")
    for number, weekday in enumerate(WEEKDAYS):
        if name == weekday or (len(name) >= 3 and weekday.startswith(name)):
            return number
    return None


def month_number(name: str) -> int | None:
    """1..12 from a full or abbreviated English month name ("Sept.", "Nov"); None otherwise."""
    name = name.lower().rstrip(".")
    if name == "sept":
        return 9
    for number, month in enumerate(MONTHS, start=1):
        if name == month or (len(name) >= 3 and month.startswith(name)):
            return number
    return None


def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    """``2022-W47``: the ISO week (Monday to Sunday) that contains ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def partial_day(month: int, day: int) -> str:
    """``--06-21``: a day whose year is unknown (ISO 8601 truncated form)."""
    return f"--{month:02d}-{day:02d}"


def partial_month(month: int) -> str:
    return f"--{month:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` (negative moves back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def weekday_from(anchor: date, weekday: int, direction: Direction, same_day: bool = True) -> date:
    """The ``weekday`` nearest ``anchor`` in ``direction``.

    With ``same_day`` a weekday equal to the anchor's is the anchor itself
    (wire copy names the day of publication by its weekday: "said on
    Wednesday" in a Wednesday story is that day); without it, it is a week
    away ("last Wednesday", "next Wednesday").
    """
    if direction == "future":
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and not same_day:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and not same_day:
        back = 7
    return anchor - timedelta(days=back)


def valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_day_from(anchor: date, month: int, day: int, direction: Direction) -> date | None:
    """The (``month``, ``day``) nearest ``anchor`` in ``direction`` (the anchor itself counts).

    "November 23" in a past-tense sentence of an article published on
    2022-11-24 is 2022-11-23; in a future-tense one it is 2023-11-23. February
    29 skips to the nearest leap year. None when ``day`` is never in ``month``.
    """
    step = 1 if direction == "future" else -1
    for offset in range(0, 9):
        year = anchor.year + step * offset
        candidate = valid_day(year, month, day)
        if candidate is None:
            continue
        if (step == 1 and candidate >= anchor) or (step == -1 and candidate <= anchor):
            return candidate
    return None


def month_from(anchor: date, month: int, direction: Direction) -> tuple[int, int]:
    """The (year, ``month``) nearest ``anchor`` in ``direction``; the anchor's month counts."""
    if direction == "future":
        return (anchor.year if month >= anchor.month else anchor.year + 1), month
    return (anchor.year if month <= anchor.month else anchor.year - 1), month


def years_with_weekday(month: int, day: int, weekday: int, years: Iterable[int]) -> tuple[int, ...]:
    """The years among ``years`` in which (``month``, ``day``) falls on ``weekday``."""
    found = []
    for year in years:
        candidate = valid_day(year, month, day)
        if candidate is not None and candidate.weekday() == weekday:
            found.append(year)
    return tuple(found)


def shift_partial_day(
    month: int, day: int, days: int, candidate_years: tuple[int, ...]
) -> tuple[int, int] | None:
    """(month, day) moved by ``days`` when the year is unknown.

    The result does not depend on the year unless the move crosses the end of
    February; then it is only defined when every candidate year agrees on
    being a leap year or not. None when it is not defined.
    """
    leap_flags = {calendar.isleap(y) for y in candidate_years} or {False, True}
    results = set()
    for leap in leap_flags:
        reference = 2000 if leap else 2001
        start = valid_day(reference, month, day)
        if start is None:
            return None
        moved = start + timedelta(days=days)
        results.add((moved.year - reference, moved.month, moved.day))
    if len(results) != 1:
        return None
    _, new_month, new_day = results.pop()
    return new_month, new_day
