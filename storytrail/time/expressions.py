"""Finding the time expressions of a parsed article and resolving each against an anchor.

Candidates are spaCy's DATE and TIME entities, widened by a few patterns the
small English model misses or cuts short ("the day" of "the day before", a
weekday it left out). Running the resolver only on these spans, never on free
text, keeps ``dateparser`` from reading "Now" or "The may" as dates. Each
candidate's direction comes from the tense of its clause (``tense.py``); the
words and the anchor give the value (``resolve.py``). A dateline is an
expression too, with ``source="dateline"``: it is the publication date as
printed, not an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from storytrail.model import Quote
from storytrail.settings import DEFAULTS, Settings
from storytrail.time.dateline import PrintedDate, find_dateline
from storytrail.time.dates import partial_day, valid_day
from storytrail.time.resolve import NO_ANCHOR, Anchor, Reading, resolve
from storytrail.time.tense import direction_of
from storytrail.time.values import Direction, PublicationDate, TimeExpression

_WEEKDAY_NAMES = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
# Spans spaCy's entity recogniser misses or cuts short; they are merged with its entities.
EXTRA_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious) )?{_WEEKDAY_NAMES}"
        rf"(?:,? (?:{_MONTH_NAMES} {_DAY}|{_DAY} {_MONTH_NAMES})(?:,? \d{{4}})?)?"
        r"(?: (?:morning|afternoon|evening|night))?\b"
    ),
    re.compile(
        rf"\b{_MONTH_NAMES} {_DAY}(?: ?(?:and|to|-|–) ?(?:{_MONTH_NAMES} )?{_DAY})?"
        r"(?:,? \d{4})?\b"
    ),
    re.compile(rf"\b{_DAY} (?:and|to|-|–) ?{_DAY} {_MONTH_NAMES}(?:,? \d{{4}})?\b"),
    re.compile(
        r"(?i)\b(?:(?:earlier|later) )?(?:today|tonight|yesterday|tomorrow)\b"
        r"|\b(?:earlier|later) this (?:morning|afternoon|evening|week|month|year)\b"
        r"|\bthe (?:day|night|week|month|year) (?:before|after)\b"
        r"|\bthe (?:previous|following|next) (?:day|night|week|month|year)\b"
        rf"|\b{_COUNT} (?:day|week|month|year)s? (?:ago|earlier|later|before|after)\b"
        r"|\b(?:last|next) (?:week|month|year|weekend)\b"
    ),
    # Durations, sets and references (timeml.py) the small model leaves out of its entities.
    re.compile(
        r"(?i)\b(?:(?:recent|the past|the last|the next|the coming|several|a few|few|many) )?"
        r"(?<![\d-])(?:seconds|minutes|hours|days|weeks|months|years|decades)\b(?![-\u2013])"
        r"|\b(?:every|each) (?:day|week|month|year|morning|afternoon|evening|night"
        rf"|{_WEEKDAY_NAMES})\b"
        r"|\b(?:daily|weekly|monthly|quarterly|annual|annually|yearly|hourly|nightly)\b"
        r"|\b(?:now|currently|nowadays|recently)\b|\b(?<=[Ii]n )the (?:past|future)\b(?! \w+s\b)"
        r"|\bthe time being\b|\b[Tt]his (?:week|month|year)\b"
        r"|\b(?:[Tt]he )?(?:first|second|third|fourth|final|last) quarter\b"
        r"|\b(?:the )?\d{1,2}(?:st|nd|rd|th) [Cc]entury\b"
        r"|\b(?:last|this|next|past) (?:spring|summer|autumn|fall|winter)\b"
    ),
)
# Clock times the small model misses ("16:08 UTC", "0800 GMT", "at 3 p.m.").
CLOCK_PATTERN = re.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)(?: ?(?:a\.m\.|p\.m\.|am\b|pm\b))?(?: ?(?:GMT|UTC))?"
    r"|\b[0-2]\d[0-5]\d (?:GMT|UTC)\b|\b\d{1,2} ?(?:a\.m\.|p\.m\.)"
)
# A year range the parser reads as one entity ("2009-2010", "1957-58"): two dates in TimeML.
_YEAR_RANGE = re.compile(r"^(?P<first>(?:1[89]|20)\d\d) ?[-\u2013/] ?(?P<second>\d\d(?:\d\d)?)$")
_LABELS = ("DATE", "TIME")


def time_expressions(
    doc, anchor: PublicationDate, settings: Settings = DEFAULTS
) -> list[TimeExpression]:
    """Every calendar time expression in ``doc`` (a spaCy ``Doc`` of the cleaned text),
    in text order, resolved against the publication date ``anchor``.

    Each has its TimeML type: durations ("three days"), sets ("every year"), times
    of day and references ("now") are kept with TimeML values and no calendar value
    (see ``timeml.py``); ages ("62-year-old") are left out. Expressions the rules
    recognise but cannot place (a weekday when the publication day is unknown) are
    kept with ``value=None`` and a ``note``. Pure and deterministic.
    """
    base = anchor_of(anchor)
    dateline = find_dateline(doc.text, settings)
    found: list[TimeExpression] = []
    if dateline is not None:
        found.append(_dateline_expression(dateline, anchor, doc.text))
    deictic = _deictic_now(doc, settings)
    found.extend(deictic)
    previous: TimeExpression | None = None
    for start, end, words in _split_year_ranges(doc.text, candidate_spans(doc)):
        if dateline is not None and start < dateline.end and end > dateline.start:
            continue
        if any(start < d.end and end > d.start for d in deictic):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        tense = direction_of(span, settings)
        earlier = _anaphora_anchor(previous, start, settings)
        reading = resolve(words, base, tense, earlier, settings)
        parts = [(start, end, reading)]
        if reading is None:
            parts = [
                (s, e, r)
                for s, e in _parts_of(doc.text, start, end)
                if (r := resolve(doc.text[s:e], base, tense, earlier, settings)) is not None
            ]
        for s, e, r in parts:
            expression = _expression(s, e, doc.text[s:e], r, base, earlier, tense)
            found.append(expression)
            if expression.granularity == "day" and _is_full_day(expression.calendar_value):
                previous = expression
    return sorted(found, key=lambda e: (e.start, e.end))


_JOINS = re.compile(r"\s+(?:and|to|through|until|till|or|from|between)\s+|\s*[-\u2013,]\s+")


_LEADING_JOIN = re.compile(r"(?:between|from|in|on|during)\s+", re.I)


def _parts_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a span no rule reads whole, cut at "and", "to", dashes and commas
    ("between April and June" is April and June)."""
    pieces, at = [], start
    for match in _JOINS.finditer(text, start, end):
        pieces.append((at, match.start()))
        at = match.end()
    pieces.append((at, end))
    if len(pieces) < 2:
        return []
    found = []
    for s, e in pieces:
        lead = _LEADING_JOIN.match(text, s, e)
        s = lead.end() if lead else s
        if e > s:
            found.append((s, e))
    return found


def _lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at line breaks: a title ending in "2010" above a dateline is two dates."""
    pieces, at = [], start
    for part in text[start:end].split("\n"):
        stripped = part.strip()
        if stripped:
            first = at + part.index(stripped)
            pieces.append((first, first + len(stripped)))
        at += len(part) + 1
    return pieces


def _split_year_ranges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, words to resolve) of each span, with a year range ("2009-2010",
    "1957-58") cut into its two years; "58" after "1957" is read as 1958."""
    result = []
    for start, end in spans:
        match = _YEAR_RANGE.match(text[start:end])
        if match is None:
            result.append((start, end, text[start:end]))
            continue
        first, second = match.group("first"), match.group("second")
        result.append((start + match.start("first"), start + match.end("first"), first))
        whole = first[: 4 - len(second)] + second
        result.append((start + match.start("second"), start + match.end("second"), whole))
    return result


# Sources of readings counted from the anchor, which a direct quote counts from its own day.
_DEICTIC_SOURCES = frozenset(
    {"relative-day", "relative-count", "relative-period", "weekday", "weekend", "period-edge"}
)


def anchor_in_quotes(
    expressions: list[TimeExpression], quotes: list[Quote], settings: Settings = DEFAULTS
) -> list[TimeExpression]:
    """``expressions`` with the speaker's own deixis resolved against the quote's date.

    "Yesterday", "today", a weekday, "last week" in a speaker's own words (a
    direct quote) count from the day they were said, not from publication; "now"
    in any reported speech is the speaker's present. Run after ``date_quotes``;
    quotes without a day date leave their expressions as they were.
    """
    result = []
    for expression in expressions:
        quote = _dated_quote_holding(expression, quotes)
        if quote is None or quote.date is None:
            result.append(expression)
            continue
        if expression.source == "deictic":
            result.append(
                replace(
                    expression,
                    anchor=quote.date,
                    note="the speaker's present: the day the quote was said",
                )
            )
            continue
        if quote.kind != "direct" or expression.source not in _DEICTIC_SOURCES:
            result.append(expression)
            continue
        said = Anchor(day=date.fromisoformat(quote.date))
        reading = resolve(expression.text, said, expression.tense, None, settings)
        if reading is None or reading.value is None:
            result.append(expression)
            continue
        result.append(
            replace(
                expression,
                value=reading.value,
                end_value=reading.end_value,
                anchor=quote.date,
                note="counted from the day the quote was said",
            )
        )
    return result


def _dated_quote_holding(expression: TimeExpression, quotes: list[Quote]) -> Quote | None:
    holding = [
        q
        for q in quotes
        if q.start <= expression.start and expression.end <= q.end and _is_full_day(q.date)
    ]
    return min(holding, key=lambda q: q.end - q.start, default=None)


def _deictic_now(doc, settings: Settings) -> list[TimeExpression]:
    """ "now" in reported speech ("saying the priority now is ..."): the speaker's present,
    left unresolved here and dated with its quote by ``anchor_in_quotes``."""
    found = []
    for token in doc:
        if token.lower_ != "now" or token.pos_ != "ADV" or not _in_reported_speech(token, settings):
            continue
        found.append(
            TimeExpression(
                start=token.idx,
                end=token.idx + len(token),
                text=token.text,
                value="PRESENT_REF",
                granularity="day",
                anchor=None,
                direction="absolute",
                source="deictic",
                note="the speaker's present: dated with the quote that holds it",
            )
        )
    return found


def _in_reported_speech(token, settings: Settings) -> bool:
    """Inside quotation marks, or after a reporting verb of its sentence ("saying the
    priority now is"; the parse of such clauses is too unreliable to ask it)."""
    sentence = token.sent
    text = token.doc.text[sentence.start_char : token.idx]
    if text.count("\u201c") > text.count("\u201d") or text.count('"') % 2 == 1:
        return True
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in settings.time_reporting_verbs
        for t in token.doc[sentence.start : token.i]
    )


def calendar_expressions(expressions: Sequence[TimeExpression]) -> list[TimeExpression]:
    """The expressions that can date something, each with its calendar value as ``value``:
    a time of day counts as its day; durations, sets and references are left out (they name
    no day), except the speaker's "now", which stays unplaced until its quote is dated."""
    found = []
    for e in expressions:
        if e.source == "deictic":
            found.append(replace(e, value=None, granularity="day"))
        elif e.source == "reference":
            continue
        elif e.timex_type in ("DATE", "TIME") and (e.value is None or e.calendar_value):
            found.append(replace(e, value=e.calendar_value))
    return found


def anchor_of(publication: PublicationDate) -> Anchor:
    """The resolver's anchor for a publication date (a day, or month and day only). An
    estimated date gives only its year: a weekday + date can be checked against it, but a
    bare weekday or "yesterday" cannot be counted from a day that is only a lower bound."""
    if publication.estimated and publication.candidate_years:
        return Anchor(candidate_years=publication.candidate_years)
    day = publication.day
    if day is not None:
        return Anchor(day=day)
    month_day = publication.month_day
    if month_day is not None:
        return Anchor(None, month_day[0], month_day[1], publication.candidate_years)
    return NO_ANCHOR


def candidate_spans(doc) -> list[tuple[int, int]]:
    """Character spans of DATE/TIME entities and the extra patterns, overlaps merged."""
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _LABELS]
    for pattern in (*EXTRA_PATTERNS, CLOCK_PATTERN):
        spans.extend(m.span() for m in pattern.finditer(doc.text))
    spans = [piece for span in spans for piece in _lines_of(doc.text, *span)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _expression(
    start: int,
    end: int,
    text: str,
    reading: Reading,
    base: Anchor,
    earlier: Anchor | None,
    tense: Direction,
) -> TimeExpression:
    if reading.value == "PRESENT_REF":
        anchor = base.label
    elif reading.direction == "absolute":
        anchor = None
    elif reading.source == "anaphoric":
        anchor = earlier.label if earlier is not None and reading.anchored else None
    else:
        anchor = base.label
    return TimeExpression(
        start=start,
        end=end,
        text=text,
        value=reading.value,
        granularity=reading.granularity,
        anchor=anchor,
        direction=reading.direction,
        source=reading.source,
        end_value=reading.end_value,
        note=reading.note,
        candidate_years=reading.candidate_years,
        tense=tense,
        timex_type=reading.timex_type,
    )


def _anaphora_anchor(
    previous: TimeExpression | None, start: int, settings: Settings
) -> Anchor | None:
    day = None if previous is None else previous.calendar_value
    if previous is None or day is None:
        return None
    if start - previous.end > settings.time_anaphora_max_chars:
        return None
    return Anchor(day=date.fromisoformat(day))


def _is_full_day(value: str | None) -> bool:
    return value is not None and not value.startswith("--") and len(value) == 10


def _dateline_expression(
    dateline: PrintedDate, anchor: PublicationDate, text: str
) -> TimeExpression:
    """The dateline as an expression: the publication day as printed, with its year when it
    prints one or the publication date (from any source) agrees on month and day."""
    value = partial_day(dateline.month, dateline.day)
    if dateline.year is not None and valid_day(dateline.year, dateline.month, dateline.day):
        value = f"{dateline.year:04d}{value[1:]}"
    elif anchor.day is not None and (anchor.day.month, anchor.day.day) == (
        dateline.month,
        dateline.day,
    ):
        value = anchor.day.isoformat()
    note = None if not value.startswith("--") else "the dateline prints no year"
    return TimeExpression(
        start=dateline.start,
        end=dateline.end,
        text=text[dateline.start : dateline.end],
        value=value,
        granularity="day",
        anchor=None,
        direction="absolute",
        source="dateline",
        note=note,
        candidate_years=anchor.candidate_years if value.startswith("--") else (),
        tense="past",
    )
