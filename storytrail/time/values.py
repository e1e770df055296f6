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

    @property
    def resolved(self) -> bool:
        return self.value is not None


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
