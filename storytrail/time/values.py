"""The values the time stage returns: publication dates and resolved time expressions.

Calendar values are strings in ISO 8601 forms chosen by granularity, so they
sort, compare and serialise without a custom type:

=========  ===============  =======================================
day        ``2022-11-23``   ``--11-23`` when the year is unknown
week       ``2022-W47``     ISO week (Monday to Sunday)
month      ``2022-11``      ``--11`` when the year is unknown
year       ``2022``
=========  ===============  =======================================

A value is never made more precise than its evidence: "last week" is a week,
not the Monday of it, and a dateline "June 21" without a year stays
``--06-21`` until other evidence gives the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from storytrail.model import Granularity

# Which way an expression was read from its anchor: back ("said on Wednesday"),
# forward ("will hold drills on Wednesday"), or not at all (it names its year).
Direction = Literal["past", "future", "absolute"]
# TimeML's four types (TempEval-3): a calendar date, a time of day, a length, a recurrence.
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


# Publication dates read off the article's content rather than given for it
# (publication.py, ``_from_text``): estimates, never anchors for "yesterday".
ESTIMATED_SOURCES = frozenset({"text", "embed"})


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """When an article was published, where that came from, and how far to trust it.

    ``value`` is an ISO day (``2022-11-23``), a day without its year
    (``--06-21``, a dateline with no other evidence) or None when nothing
    says. ``source`` names the evidence (``manifest``, ``html-meta``,
    ``dateline``, ``byline``, ``embed``, ``none``); ``confidence`` is in
    [0, 1]; ``evidence`` quotes it and ``evidence_span`` locates it in the
    cleaned text when it is in the text. ``candidate_years`` lists the years
    still possible when only month and day are known (empty when the year is
    known or nothing narrows it). ``not_before`` is the latest dated post the
    article pastes in: the article cannot be older than what it quotes.
    """

    value: str | None
    granularity: Granularity | None
    source: str
    confidence: float
    evidence: str | None = None
    evidence_span: tuple[int, int] | None = None
    candidate_years: tuple[int, ...] = ()
    not_before: str | None = None

    @property
    def estimated(self) -> bool:
        """Whether the value is the latest day the text fixes (a lower bound taken as the
        date), not a date the article gives for itself."""
        return self.source in ESTIMATED_SOURCES

    @property
    def day(self) -> date | None:
        """The publication day when it is known to the day, year included."""
        if self.value is None or self.value.startswith("--") or self.granularity != "day":
            return None
        return date.fromisoformat(self.value)

    @property
    def month_day(self) -> tuple[int, int] | None:
        """(month, day) when at least those are known, with or without the year."""
        if self.value is None or self.granularity != "day":
            return None
        month, day = self.value[-5:].split("-")
        return int(month), int(day)


UNKNOWN_PUBLICATION = PublicationDate(value=None, granularity=None, source="none", confidence=0.0)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in the cleaned text and the calendar value it denotes.

    ``start``/``end`` index the cleaned text (``doc.text``); ``text`` is that
    span. ``value`` is None when the expression could not be resolved, and
    ``note`` then says why ("weekday needs the publication day"). For a
    range ("October 22nd and 23rd") ``value`` is the first day and
    ``end_value`` the last. ``anchor`` is the ISO date the expression was
    resolved against (the publication day, or an earlier expression for "the
    day before"); None for an expression that names its own year.
    ``direction`` is how tense (or a word like "next") read it; ``source``
    names the rule that resolved it (``weekday``, ``relative-day``,
    ``dateparser``, ``dateline`` ...); ``tense`` is the tense of the clause
    it sits in, kept even when the words fix the date ("will enter into
    force on 1 January 2025" is absolute, but future). ``candidate_years`` is set when the
    year is unknown but a weekday ("Wednesday, November 23") rules years out.
    ``timex_type`` is the TimeML type; ``value`` is then a TimeML value: ``2013-03-19TMO``
    or ``2013-03-19T14:00`` for a TIME, ``P1M`` for a DURATION, ``P1Y`` for a SET,
    ``PRESENT_REF`` for "now" (see ``timeml.py``). ``calendar_value`` is what dates things.
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity | None
    anchor: str | None
    direction: Direction
    source: str
    end_value: str | None = None
    note: str | None = None
    candidate_years: tuple[int, ...] = ()
    tense: Direction = "past"
    timex_type: TimexType = "DATE"

    @property
    def resolved(self) -> bool:
        return self.value is not None

    @property
    def calendar_value(self) -> str | None:
        """The place on the calendar this expression names, in the forms of ``value``'s table
        above: the value itself for a date, the day of a time of day (``2013-03-19`` for
        ``2013-03-19TMO``), the anchor for a reference to the present ("now" is the day it is
        said), and None for durations, sets, other references, decades and centuries, which
        name no such place and so never date a quote."""
        value = self.value
        if value is None:
            return None
        if self.timex_type == "TIME":
            return value[:10] if len(value) > 10 and value[10] == "T" else None
        if value == "PRESENT_REF":
            return self.anchor
        if self.timex_type != "DATE" or self.granularity is None:
            return None
        return value


@dataclass(frozen=True, slots=True)
class UtteranceDate:
    """When a quote was said, and the evidence for it (or why there is none).

    ``date``/``granularity`` follow ``TimeExpression.value``; ``source`` is the
    human-readable reason exported as ``Quote.date_source``; ``rule`` is the
    rule that decided (``attribution``, ``sentence``, ``event``, ``lead``,
    ``embed``, ``none``); ``evidence_start``/``evidence_end`` locate the
    deciding expression in the cleaned text (None when there is none).
    """

    quote_id: str
    date: str | None
    granularity: Granularity | None
    source: str
    rule: str
    evidence_start: int | None = None
    evidence_end: int | None = None
