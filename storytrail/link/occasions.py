"""Quotes dated by the occasion their attribution names ("she said at the summit's closing
news conference"), once linking has dated that occasion.

The per-article time stage cannot date such a quote: the article may give no date, or a
date the quote's sentence does not govern. Linking groups the article with the other
reports of the same event and dates the event; a quote whose own sentence places it *at*
that occasion ("at the summit", "at a news conference", "during the talks") takes the
event's date, with the occasion phrase as its evidence. A quote that names no occasion
stays undated: being in an article about an event does not make every remark the
event's (a re-report, a reaction a week later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from storytrail.model import Event, Quote

# Nouns for an occasion at which something is said.
OCCASION_NOUNS = (
    "summit", "conference", "meeting", "talks", "hearing", "session", "rally", "briefing",
    "ceremony", "forum", "debate", "congress", "convention", "negotiations", "signing",
    "press conference", "news conference", "visit",
)  # fmt: skip
_OCCASION = re.compile(
    r"\b(?:at|during|after|before|on the sidelines of)\s+(?:the|a|an|its|their|this)\s+"
    r"(?:[\w'\u2019-]+\s+){0,4}(?:" + "|".join(OCCASION_NOUNS) + r")\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:[\"'\u201d\u2019])?(?:\s|$)")


def occasion_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the occasion the quote at ``[start, end)`` is said at, in its own sentence
    (before the quote back to the previous sentence end, after it up to the next), or
    None."""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    after = stop.start() + 1 if stop else len(text)
    for window_start, window_end in ((end, after), (before, start)):
        match = _OCCASION.search(text, window_start, window_end)
        if match:
            return match.start(), match.end()
    return None


def date_from_events(
    quotes: Iterable[Quote], events: Iterable[Event], texts: Mapping[str, str]
) -> list[Quote]:
    """Undated quotes said at their article's event take the event's date, saying so.

    ``texts`` maps article ids to cleaned texts; only articles with an undated quote in
    a dated event need be there.
    """
    event_of = {a: e for e in events if e.date for a in e.article_ids}
    result = []
    for quote in quotes:
        event = event_of.get(quote.article_id)
        text = texts.get(quote.article_id)
        span = None
        if quote.date is None and event is not None and text is not None:
            span = occasion_phrase(text, quote.start, quote.end)
        if span is None or event is None:
            result.append(quote)
            continue
        phrase = text[span[0] : span[1]]
        result.append(
            replace(
                quote,
                date=event.date,
                date_granularity="day",
                date_source=f"event: said {phrase!r}, the occasion linking dates {event.date}",
                date_evidence_start=span[0],
                date_evidence_end=span[1],
            )
        )
    return result


def articles_needing_texts(quotes: Iterable[Quote], events: Iterable[Event]) -> set[str]:
    """Articles with an undated quote in a dated event: the texts ``date_from_events``
    reads (so linking never holds every article's text)."""
    dated = {a for e in events if e.date for a in e.article_ids}
    return {q.article_id for q in quotes if q.date is None and q.article_id in dated}
