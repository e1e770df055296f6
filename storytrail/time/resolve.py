"""Resolving one time expression's words against an anchor day.

``resolve`` tries storytrail's news rules first, because they encode what
``dateparser`` does not: tense decides direction, a weekday equal to the
anchor's is that day, "a week ago" is a day, "early August" and "earlier this
month" are months, "of last year" shifts the year, and "the day before"
counts from the previous expression rather than from publication. Forms the
rules do not know (numeric dates, unusual spellings) go to ``dateparser``
with ``RELATIVE_BASE`` set to the anchor and ``PREFER_DATES_FROM`` set by
tense, and only when they carry a digit: on bare words it guesses ("Now",
"The may").

A rule that recognises the words but cannot place them (a weekday when the
publication day is unknown) returns a ``Reading`` with no value and a note;
words no rule recognises (ages, free words) return None. Durations, sets and references
are read by ``timeml.RULES``, tried last; a clock time or part of the day makes a day
reading a TIME (``time_of_day``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

from storytrail.model import Granularity
from storytrail.settings import DEFAULTS, Settings
from storytrail.time import calendar_dates, forms, relative, timeml
from storytrail.time.reading import NO_ANCHOR, Anchor, Context, Reading
from storytrail.time.values import Direction


def resolve(
    text: str,
    anchor: Anchor = NO_ANCHOR,
    tense: Direction = "past",
    previous: Anchor | None = None,
    settings: Settings = DEFAULTS,
) -> Reading | None:
    """The calendar reading of ``text``, or None when it is not a calendar expression.

    ``tense`` is the direction of the governing clause; ``previous`` is the
    day of the nearest earlier resolved expression, for "the day before".
    """
    words = forms.normalise(text)
    context = Context(anchor, tense, previous, settings)
    clock = forms.clock_of(text)
    if not words and clock is not None:
        return time_of_day(Reading(anchor.label, "day", "absolute", "clock"), clock, anchor)
    for pattern, rule in RULES:
        match = pattern.fullmatch(words)
        if match is not None:
            reading = rule(match, context)
            if reading is not None:
                return time_of_day(reading, clock or forms.part_of_day(words), anchor)
    reading = _dateparser_reading(words, context)
    return None if reading is None else time_of_day(reading, clock, anchor)


def time_of_day(reading: Reading, time: str | None, anchor: Anchor) -> Reading:
    """A day reading made a TIME when the words give a clock time ("15:00 GMT Saturday"
    ``2013-03-23T15:00``) or a part of the day ("Friday afternoon" ``2013-03-22TAF``).

    A clock time alone takes the anchor's day; without a known day it keeps only the
    time (``T14:00``). A day without its year stays a DATE: TimeML has no value for it.
    """
    if time is None or reading.granularity != "day":
        return reading
    day = reading.value
    if day is None and reading.source == "clock":
        return replace(reading, value=f"T{time}", timex_type="TIME", granularity=None)
    if day is None:
        return replace(reading, timex_type="TIME")  # a time of an unplaced day
    if day.startswith("--") or len(day) != 10:
        return reading
    return replace(reading, value=f"{day}T{time}", timex_type="TIME")


# --- dateparser, for the forms the rules do not know -------------------------------------------


# What dateparser is trusted with: words carrying a numeric date ("11/20/2022", "20.11.2022",
# "2022-11-20") or a year with a month name. Clock times, counts, ages and decades are not.
_DATE_LIKE = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b"
    r"|\b(?:1[89]|20)\d\d\b.*[a-z]{3}|[a-z]{3}.*\b(?:1[89]|20)\d\d\b"
)


def _dateparser_reading(words: str, c: Context) -> Reading | None:
    """dateparser's reading of a form the rules do not know, guarded: a digit-bearing date
    only, the year placed by tense when the words give none, weeks and clock times refused."""
    if not _DATE_LIKE.search(words):
        return None
    base = c.anchor.day or date(2000, 1, 1)
    found = _parse_with_dateparser(words, base.isoformat(), c.tense)
    if found is None:
        return None
    value, period = found
    granularity: Granularity = "day" if period in ("day", "time") else period  # type: ignore
    if re.search(r"\b\d{4}\b", words):
        if granularity == "month":
            return Reading(value[:7], "month", "absolute", "dateparser")
        if granularity == "year":
            return Reading(value[:4], "year", "absolute", "dateparser")
        return Reading(value, "day", "absolute", "dateparser")
    if granularity != "day":
        return None
    parsed = date.fromisoformat(value)
    return calendar_dates.partial_date(parsed.month, parsed.day, c, "dateparser")


@lru_cache(maxsize=4096)
def _parse_with_dateparser(words: str, base: str, tense: str) -> tuple[str, str] | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(base),
            "PREFER_DATES_FROM": "future" if tense == "future" else "past",
            "RETURN_TIME_AS_PERIOD": True,
            "STRICT_PARSING": False,
        },
    )
    data = parser.get_date_data(words)
    if data.date_obj is None:
        return None
    return data.date_obj.date().isoformat(), data.period or "day"


Rule = Callable[[re.Match[str], Context], Reading | None]
# Tried in order; the first rule that matches the whole of the words and returns a reading wins.
RULES: tuple[tuple[re.Pattern[str], Rule], ...] = (
    (forms.DAY_WORD, relative.day_word),
    *((pattern, relative.count_from_anchor) for pattern in forms.COUNT_FROM_ANCHOR),
    *((pattern, relative.anaphoric) for pattern in forms.ANAPHORIC),
    (forms.SAME_DAY, relative.same_day),
    (forms.WEEKDAY, relative.weekday),
    (forms.WEEKDAY_DATE, calendar_dates.weekday_date),
    (forms.MONTH_DAY, calendar_dates.month_day),
    (forms.DAY_MONTH, calendar_dates.month_day),
    *((pattern, calendar_dates.date_range) for pattern in forms.DATE_RANGES),
    (forms.MONTH, calendar_dates.named_month),
    (forms.YEAR_ALONE, calendar_dates.named_year),
    (forms.PERIOD_EDGE, relative.period_edge),
    (forms.RELATIVE_PERIOD, relative.relative_period),
    (forms.WEEKEND, relative.weekend),
    *timeml.RULES,
)
