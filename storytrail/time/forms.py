"""The word forms of English time expressions the resolver reads, as patterns.

Each pattern is matched whole against ``normalise(text)``: lower case,
typographic apostrophes and dashes folded, a leading preposition ("on", "in
August") and a possessive ("Wednesday's") dropped.
"""

from __future__ import annotations

import re

from storytrail.time.values import Direction

_PREPOSITIONS = (
    "on",
    "in",
    "at",
    "by",
    "since",
    "from",
    "until",
    "till",
    "during",
    "of",
    "as of",
    "between",
    "through",
    "throughout",
    "around",
    "over",
    "before",
    "after",
)
# Words of approximation before a time ("just two weeks after", "about a month earlier"):
# they qualify the value, TimeML keeps them apart (its ``mod``), and the value is the same.
_QUALIFIERS = (
    "just",
    "about",
    "almost",
    "nearly",
    "roughly",
    "approximately",
    "only",
    "some",
    "more than",
    "less than",
    "at least",
    "a mere",
    "barely",
    "fully",
    "as early as",
    "as late as",
)
_LEADING_PREPOSITION = re.compile(rf"^(?:{'|'.join(_PREPOSITIONS + _QUALIFIERS)}) ")
_CLOCK = re.compile(
    r"(?:\bat )?\b\d{1,2}(?:[:.]\d{2})? ?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|local time\b)"
    r"|(?:\bat )?\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)(?: ?(?:gmt|utc|local time)\b)?"
    r"|\b(?:gmt|utc|local time)\b"
    r"|(?:\bat )?\b(?:noon|midnight)\b"
)
_CLOCK_PARTS = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))? ?(?P<half>a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b(?!:)"
    r"|\b(?P<word>noon|midnight)\b"
)
# TimeML's codes for the parts of a day ("2013-03-22TAF", "every morning" XXXX-XX-XXTMO).
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_PART_OF_DAY_WORD = re.compile(r"\b(?:(?P<part>morning|afternoon|evening|night)|tonight)\b")
_IN_COUNT = re.compile(r"^in (?:\S+|a couple of) (?:day|week|month|year)s?$")


def clock_of(text: str) -> str | None:
    """``14:00`` for "2 p.m.", "2pm", "noon"; ``14:00Z`` for "14:00 GMT" or "UTC" (TimeML's
    mark of universal time; an offset such as "GMT +8" is not read); None when the words give
    no clock time. "3:07:35" (a running time) is not one."""
    match = _CLOCK_PARTS.search(text.lower())
    if match is None:
        return None
    clock = _clock_digits(match)
    if clock is not None and _UNIVERSAL.search(text.lower()):
        return f"{clock}Z"
    return clock


_UNIVERSAL = re.compile(r"\b(?:utc|gmt)\b(?! ?[+-] ?\d)")


def _clock_digits(match: re.Match[str]) -> str | None:
    if match.group("word"):
        return "12:00" if match.group("word") == "noon" else "24:00"
    if match.group("hour24") is not None:
        return f"{int(match.group('hour24')):02d}:{match.group('minute24')}"
    hour = int(match.group("hour"))
    if hour > 12 or hour == 0:
        return None
    half = match.group("half").replace(".", "")
    hour = hour % 12 + (12 if half == "pm" else 0)
    return f"{hour:02d}:{match.group('minute') or '00'}"


def part_of_day(words: str) -> str | None:
    """TimeML's code for a part of the day in the words ("MO" for "this morning", "NI" for
    "last night" and "tonight"), or None."""
    match = _PART_OF_DAY_WORD.search(words)
    if match is None:
        return None
    return PARTS_OF_DAY[match.group("part")] if match.group("part") else "NI"


def normalise(text: str) -> str:
    """Lower-cased words of ``text`` with the furniture around a time expression removed."""
    words = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    words = re.sub(r"[\u2013\u2014]", "-", words)
    words = _CLOCK.sub(" ", words)
    words = re.sub(r"\s+", " ", words).strip(" ,.;:()\"'\u201c\u201d")
    words = re.sub(r"'s?$", "", words)
    while _LEADING_PREPOSITION.match(words) and not _IN_COUNT.match(words):
        words = _LEADING_PREPOSITION.sub("", words, count=1)
    return words


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
}


def number(word: str) -> int:
    """1 for "a"/"one", 2 for "two"/"a couple of", digits as themselves."""
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


NUM = rf"(?P<count>{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))}|\d{{1,3}})"
WD = (
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?"
)
_MONTH_NAMES = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
MON = rf"(?P<month>{_MONTH_NAMES})\.?"
DOM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
_RANGE_JOIN = r" ?(?:and|to|through|until|till|-|&) ?(?:the )?"


def _month(n: int) -> str:
    return rf"(?P<month{n}>{_MONTH_NAMES})\.?"


def _day(n: int) -> str:
    return rf"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"


DAY_WORD_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
DAY_WORD = re.compile(
    rf"(?:(?P<side>earlier|later) )?(?P<word>{'|'.join(DAY_WORD_OFFSETS)}){_PART_OF_DAY}"
)
COUNT_FROM_ANCHOR = (
    re.compile(rf"(?P<way>in) {NUM} (?P<unit>day|week|month|year)s?"),
    re.compile(rf"{NUM} (?P<unit>day|week|month|year)s? (?P<way>ago|from now)"),
)
ANAPHORIC = (
    re.compile(
        r"(?:the |(?P<count>a|an|one) )?(?P<unit>day|night|week|month|year)"
        r" (?P<way>before|after|earlier|later)"
    ),
    re.compile(r"the (?P<way>previous|next|following|prior) (?P<unit>day|night|week|month|year)"),
    re.compile(rf"{NUM} (?P<unit>day|week|month|year)s? (?P<way>before|after|earlier|later)"),
)
SAME_DAY = re.compile(r"(?:that|the same) (?:day|night|morning|afternoon|evening)")
WEEKDAY_MODIFIERS: dict[str | None, tuple[Direction, bool]] = {
    "last": ("past", True),
    "past": ("past", True),
    "previous": ("past", True),
    "next": ("future", True),
    "coming": ("future", True),
}
WEEKDAY = re.compile(rf"(?:(?P<modifier>last|next|this|past|coming|previous) )?{WD}{_PART_OF_DAY}")
WEEKDAY_DATE = re.compile(rf"{WD},? (?:the )?(?P<rest>.*\d.*)")
MONTH_DAY = re.compile(rf"{MON} (?:the )?{DOM}(?:,? {YEAR})?")
DAY_MONTH = re.compile(rf"(?:the )?{DOM} (?:of )?{MON}(?:,? {YEAR})?")
DATE_RANGES = (
    re.compile(rf"{_month(1)} {_day(1)}{_RANGE_JOIN}{_day(2)}(?:,? {YEAR})?"),
    re.compile(rf"(?:the )?{_day(1)}{_RANGE_JOIN}{_day(2)} (?:of )?{_month(2)}(?:,? {YEAR})?"),
    re.compile(rf"{_month(1)} {_day(1)}{_RANGE_JOIN}{_month(2)} {_day(2)}(?:,? {YEAR})?"),
    re.compile(rf"{_day(1)} {_month(1)}{_RANGE_JOIN}{_day(2)} {_month(2)}(?:,? {YEAR})?"),
)
RELATIVE_OFFSETS = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1, "the coming": 1}
_PART_OF_PERIOD = (
    r"(?:(?:early|mid|late|the start of|the end of|the middle of|the beginning of"
    r"|the first half of|the second half of)[ -]?)?"
)
MONTH = re.compile(
    rf"{_PART_OF_PERIOD}(?:(?P<modifier>last|next|this|past|coming) )?{MON}"
    rf"(?:,? {YEAR}|(?: of)? (?P<rel>last|this|next) year)?"
)
YEAR_ALONE = re.compile(rf"{_PART_OF_PERIOD}{YEAR}")
RELATIVE_PERIOD = re.compile(
    rf"(?:(?P<side>earlier|later) )?{_PART_OF_PERIOD}(?:in |of |during )?"
    r"(?:the )?(?P<rel>last|past|this|next|the coming) (?P<unit>week|month|year)"
)
PERIOD_EDGE = re.compile(
    r"(?:the )?(?P<edge>end|close|start|beginning) of (?:the |this |(?P<rel>last|next) )?"
    r"(?P<unit>year|month|week)"
)
WEEKEND = re.compile(r"(?:(?P<modifier>last|next|this|past|coming) |the )?weekend")
