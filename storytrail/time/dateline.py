"""Datelines and "Published ..." lines: the publication date as the text itself prints it.

A wire dateline opens the first paragraph: place, often a country or region,
month and day (rarely the year), the agency, and a dash or colon::

    LORVIK, March 14 (NWA) -
    TESHAVEL, Kestria, Nov 22 (NWA) -
    NEW DELHI [India], June 21 (ANI):
    Yerevan, 23 November 2022 —

The day printed is the filing day, which wire style treats as the publication
day. Only the opening of the text is searched: a place and a date further
down are a sentence, not a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storytrail.settings import DEFAULTS, Settings
from storytrail.time.dates import month_number, valid_day

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_after>{_MONTH}))"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\u2019\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'\u2019\- ]{1,30}?){0,2})"
    r"(?:\s*\[[^\]\n]{1,40}\])?,\s*"
    + _DATE
    + r"\s*(?:\((?P<agency>[^)\n]{1,40})\)\s*)?(?:--|[-\u2013\u2014:])"
)
BYLINE = re.compile(r"(?:Published|Posted|First published)(?:\s+on)?:?\s+" + _DATE)


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date printed at the head of the text: (month, day) and the year if printed.

    ``start``/``end`` span the date words in the text; ``line`` is the whole
    dateline or byline as printed.
    """

    month: int
    day: int
    year: int | None
    start: int
    end: int
    line: str


def find_dateline(text: str, settings: Settings = DEFAULTS) -> PrintedDate | None:
    """The dateline at the start of one of the opening lines of ``text``, or None."""
    return _first_at_line_start(DATELINE, text, settings)


def find_byline_date(text: str, settings: Settings = DEFAULTS) -> PrintedDate | None:
    """A "Published 24 Nov 2022" line at the start of the text, or None."""
    return _first_at_line_start(BYLINE, text, settings)


def _first_at_line_start(
    pattern: re.Pattern[str], text: str, settings: Settings
) -> PrintedDate | None:
    window = settings.time_dateline_window_chars
    for line_start in _line_starts(text, window):
        match = pattern.match(text, line_start)
        if match is None:
            continue
        printed = _printed_date(match)
        if printed is not None:
            return printed
    return None


def _line_starts(text: str, window: int) -> list[int]:
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text[:window])]
    return [s for s in starts if s < min(window, len(text))]


def _printed_date(match: re.Match[str]) -> PrintedDate | None:
    month = month_number(match.group("month") or match.group("month_after"))
    day = int(match.group("day") or match.group("day_first"))
    year = int(match.group("year")) if match.group("year") else None
    if month is None or valid_day(year or 2000, month, day) is None:
        return None
    start = match.start("month") if match.group("month") else match.start("day_first")
    end = match.end("year") if year else max(match.end("day"), match.end("month_after"))
    return PrintedDate(month, day, year, start, end, match.group(0))
