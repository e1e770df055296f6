"""Time expressions that are not calendar dates: durations, sets and references.

News uses them as much as dates ("a month earlier than usual", "the past two
years", "every year", "now"). TimeML (the annotation standard of TempEval-3 and
MEANTIME) gives each a type and a value, and so do we:

=========  ====================================  ===================================
DURATION   ``P1M`` ``P10Y`` ``PT24H`` ``PXM``     "a month", "a decade", "24 hours",
                                                 "the next few months" (X: vague)
SET        ``P1Y`` ``P1W`` ``XXXX-XX-XXTMO``      "every year", "weekly", "every morning"
DATE       ``PRESENT_REF`` ``PAST_REF``           "now", "currently", "in the past"
           ``FUTURE_REF``                         "in the future"
DATE       ``19`` (century) ``199`` (decade)      "the 20th century", "the 1990s"
DATE       ``2012-SU``                            "last summer" (seasons)
=========  ====================================  ===================================

None of these has a calendar day, so none dates a quote (``TimeExpression.calendar_value``
is None for them), except a reference to the present, which is the day of its anchor.
Ages ("62-year-old") are not durations and no pattern here matches them.
"""

from __future__ import annotations

import re
from datetime import date

from storytrail.time.dates import shift_month
from storytrail.time.forms import NUM, PARTS_OF_DAY, number
from storytrail.time.reading import Context, Reading

# Units and the letter TimeML writes for them; "T" marks the units of a day's time.
_UNIT_CODES = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
    "quarter": "Q",
}
_UNIT_SIZE = {"decade": 10, "century": 100}
_UNITS = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))"
_VAGUE = r"several|few|a few|many|some|recent|numerous|multiple|the|these|those"
_QUALIFIER = (
    r"(?:(?:about|almost|nearly|more than|over|around|some|at least|less than|roughly|a mere"
    r"|just|only|another|an additional|up to|under|the better part of) )?"
)
_FRAME = r"(?:(?:the|these|those) )?(?:(?:past|last|next|coming|first|final|following|previous) )?"
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
_TENS_VALUES = dict(zip(_TENS.split("|"), (20, 30, 40, 50, 60, 70, 80, 90, 100), strict=True))
_COUNT = rf"(?P<count>{NUM[len('(?P<count>') : -1]}|{_TENS}|\d{{1,3}}(?:,\d{{3}})*)"

# "six straight days", "the past five trading days": the kind of unit, not another length.
_KIND = r"(?: (?:consecutive|straight|successive|full|more|trading|working|business))*"
DURATION = re.compile(
    rf"{_QUALIFIER}{_FRAME}{_QUALIFIER}{_COUNT}(?P<half> and a half)?{_KIND}[ -]{_UNITS}s?"
    r"(?: long)?"
)
VAGUE_DURATION = re.compile(rf"{_QUALIFIER}{_FRAME}(?:(?P<vague>{_VAGUE}) )?{_UNITS}s")
SET = re.compile(
    r"(?:every|each) (?:single )?(?P<unit>day|week|month|year|morning|afternoon|evening|night"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<adverb>daily|weekly|monthly|quarterly|yearly|annual|annually|hourly|nightly)"
)
REFERENCE = re.compile(
    r"(?P<present>now|right now|just now|currently|nowadays|at present|the present|present day"
    r"|these days|the time being)"
    r"|(?P<past>the past|recently|formerly)"
    r"|(?P<future>the future|soon)"
)
CENTURY = re.compile(r"(?:the )?(?:(?:early|mid|late)[ -])?(?P<n>\d{1,2})(?:st|nd|rd|th) century")
DECADE = re.compile(r"(?:the )?(?:(?:early|mid|late)[ -])?(?P<decade>(?:1[89]|20)\d)0'?s")
SEASON = re.compile(
    r"(?:(?P<rel>last|this|next|past|coming) )?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?: (?:of )?(?P<year>(?:1[89]|20)\d\d))?"
)
QUARTER = re.compile(
    r"(?:the )?(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[ -]quarter"
    r"(?:,? (?:of )?(?:(?P<year>(?:1[89]|20)\d\d)|(?P<rel>last|this|next) year))?"
)
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_QUARTERS.update({"4th": 4, "final": 4})
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}
_SET_ADVERBS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annual": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
}
_SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _count(words: str) -> int:
    words = words.replace(",", "")
    if words in _TENS_VALUES:
        return _TENS_VALUES[words]
    return number(words)


def _duration_value(amount: float | None, unit: str) -> str:
    """``P3M``, ``PT24H``, ``P10Y`` for a decade; ``PXM`` when the amount is vague."""
    unit = "century" if unit.startswith("centur") else unit
    code = _UNIT_CODES[unit]
    if amount is None:
        vague = {"decade": "PXDE", "century": "PXCE"}.get(unit)
        return vague or (f"PTX{code[1]}" if code.startswith("T") else f"PX{code}")
    amount *= _UNIT_SIZE.get(unit, 1)
    shown = f"{amount:g}"
    return f"PT{shown}{code[1]}" if code.startswith("T") else f"P{shown}{code}"


def duration(match: re.Match[str], c: Context) -> Reading | None:
    """ "a month", "the past two years", "almost seven years", "four-week", "two and a half
    years": a length of time, not a place on the calendar."""
    if match.group("unit") == "quarter" and match.group("count") in ("a", "an", "one"):
        return None  # "more than a quarter (of the town)": a fraction more often than a time
    amount: float = _count(match.group("count"))
    if match.group("half"):
        amount += 0.5
    return _reading(_duration_value(amount, match.group("unit")), "DURATION", "duration")


def vague_duration(match: re.Match[str], c: Context) -> Reading:
    """ "years", "recent weeks", "the next few months": a length the words leave vague."""
    return _reading(_duration_value(None, match.group("unit")), "DURATION", "duration")


def set_of_times(match: re.Match[str], c: Context) -> Reading:
    """ "every year" ``P1Y``, "weekly" ``P1W``, "every morning" ``XXXX-XX-XXTMO``, "every
    Monday" ``XXXX-WXX-1``: a recurring time."""
    if match.group("adverb"):
        return _reading(_SET_ADVERBS[match.group("adverb")], "SET", "set")
    unit = match.group("unit")
    if unit in PARTS_OF_DAY:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}"
    elif unit in _WEEKDAYS:
        value = f"XXXX-WXX-{_WEEKDAYS.index(unit) + 1}"
    else:
        value = _SET_UNITS[unit]
    return _reading(value, "SET", "set")


def reference(match: re.Match[str], c: Context) -> Reading:
    """ "now", "currently" (the present of the anchor), "in the past", "in the future"."""
    if match.group("present"):
        return Reading("PRESENT_REF", "day", "absolute", "reference", timex_type="DATE")
    value = "PAST_REF" if match.group("past") else "FUTURE_REF"
    return Reading(value, None, "absolute", "reference", timex_type="DATE")


def century(match: re.Match[str], c: Context) -> Reading:
    """ "the 20th century" is ``19``: the first two digits of its years, as TimeML writes it."""
    return _reading(f"{int(match.group('n')) - 1:02d}", "DATE", "century")


def decade(match: re.Match[str], c: Context) -> Reading:
    """ "the 1990s" is ``199``."""
    return _reading(match.group("decade"), "DATE", "decade")


def season(match: re.Match[str], c: Context) -> Reading | None:
    """ "last summer" ``2012-SU``: a season of a year, counted from the anchor by tense."""
    code = _SEASON_CODES[match.group("season")]
    if match.group("year"):
        return _reading(f"{match.group('year')}-{code}", "DATE", "season")
    if c.anchor.day is None:
        return Reading(None, None, c.tense, "season", note="a season needs the publication year")
    anchor, rel = c.anchor.day, match.group("rel")
    start_month = _SEASON_STARTS[code]
    starts = [date(y, start_month, 1) for y in range(anchor.year - 2, anchor.year + 2)]
    ended = [s for s in starts if shift_month(s.year, s.month, 3) <= (anchor.year, anchor.month)]
    begun = [s for s in starts if s <= anchor]
    ahead = [s for s in starts if s > anchor]
    current = begun[-1] if begun and begun[-1] not in ended else None
    if rel in ("last", "past"):
        found = ended[-1]
    elif rel in ("next", "coming"):
        found = ahead[0]
    elif current is not None:
        found = current
    else:
        found = ended[-1] if rel is None and c.tense == "past" else ahead[0]
    found_year = found.year
    return _reading(f"{found_year}-{code}", "DATE", "season")


def quarter(match: re.Match[str], c: Context) -> Reading | None:
    """ "the fourth quarter" ``2006-Q4``: a quarter of the year the words name, or else the
    latest such quarter begun by the anchor (the next one in a future clause); "the last
    quarter" is the one before the anchor's."""
    nth, year = match.group("nth"), match.group("year")
    if year is not None and nth != "last":
        return _reading(f"{year}-Q{_QUARTERS[nth]}", "DATE", "quarter")
    if c.anchor.day is None:
        return Reading(None, None, c.tense, "quarter", note="a quarter needs the publication year")
    day = c.anchor.day
    current = (day.month - 1) // 3 + 1
    if match.group("rel") is not None:
        offset = {"last": -1, "this": 0, "next": 1}[match.group("rel")]
        return _reading(f"{day.year + offset}-Q{_QUARTERS.get(nth, 4)}", "DATE", "quarter")
    if nth == "last":
        index = day.year * 4 + current - 2
        return _reading(f"{index // 4}-Q{index % 4 + 1}", "DATE", "quarter")
    wanted = _QUARTERS[nth]
    if c.tense == "future":
        found = day.year if wanted >= current else day.year + 1
    else:
        found = day.year if wanted <= current else day.year - 1
    return _reading(f"{found}-Q{wanted}", "DATE", "quarter")


def _reading(value: str, timex_type: str, source: str) -> Reading:
    return Reading(value, None, "absolute", source, timex_type=timex_type)


RULES = (
    (DURATION, duration),
    (VAGUE_DURATION, vague_duration),
    (SET, set_of_times),
    (REFERENCE, reference),
    (CENTURY, century),
    (DECADE, decade),
    (SEASON, season),
    (QUARTER, quarter),
)
