"""Each page as one function: store rows in, a ``Page`` (template context and JSON document) out.

The HTML page and its ``/api`` twin come from the same call, so they cannot
drift apart. A page's ``document`` is a small export document: keys named
after export tables (``statements``, ``quotes``, …) hold rows with exactly
the export fields (``docs/export.md``); any other key holds what only this
page derives (``story_summaries``, ``diffs``, ``original_spans``, …),
documented in ``docs/web.md``.

Functions raise ``NotFound`` for an unknown id and ``BadRequest`` for a
parameter that cannot be read; the app turns both into error pages.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from storytrail.store import views
from storytrail.variants import changed_words, word_diff
from storytrail.web.config import WEB_DEFAULTS, WebSettings
from storytrail.web.timeline import (
    PLACED_YEARS,
    Item,
    event_item,
    lay_out,
    overlaps,
    statement_item,
)
from storytrail.web.variants import Hop, citation_chains, near_quote

Row = dict[str, Any]


class NotFound(LookupError):
    """No such story, statement, entity or article."""


class BadRequest(ValueError):
    """A parameter the page cannot read (a malformed date or search query)."""


@dataclass(slots=True)
class Page:
    """What one page shows: its template and context for HTML, its document for JSON."""

    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)
    # 400 for a page that answers a query it cannot run (search) but still shows its form.
    status: int = 200


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL a link may point to, else None (shown as text)."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def parse_day(value: str | None, name: str) -> date | None:
    """An ISO day from the query string; 400 for anything else, and for a year outside
    the ones the timeline places (``PLACED_YEARS``)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
    first, last = PLACED_YEARS
    if not first <= day.year <= last:
        raise BadRequest(f"{name}: {value!r} is outside the years {first}–{last}")
    return day


def one(rows: list[Row], what: str, key: str) -> Row:
    if not rows:
        raise NotFound(f"no {what} {key!r} in this store")
    return rows[0]


# --- stories ------------------------------------------------------------------


def stories_list(
    conn: sqlite3.Connection, page: int = 1, settings: WebSettings = WEB_DEFAULTS
) -> Page:
    """Stories, earliest first, with their date range, speakers and number of outlets."""
    size = settings.stories_per_page
    total = views.count_stories(conn)
    page = max(page, 1)
    ids = views.story_ids_by_date(conn, size, (page - 1) * size)
    stories = views.stories_by_id(conn, ids)
    summaries = views.story_summaries(conn, ids)
    return Page(
        "stories.html",
        "Stories",
        {
            "stories": [(story, summaries[story["id"]]) for story in stories],
            "total": total,
            "page": page,
            "pages": max((total + size - 1) // size, 1),
        },
        {"stories": stories, "story_summaries": [summaries[i] for i in ids]},
    )


def story_timeline(
    conn: sqlite3.Connection,
    story_id: str,
    speaker: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Page:
    """A story's events and statements on a time axis, filtered by speaker and dates.

    ``speaker`` is an entity id or a speaker name; ``start`` and ``end`` are
    ISO days, inclusive. An undated statement is placed, and filtered, by its
    first report; what cannot be placed at all is listed, and dropped by a date filter.
    """
    story = one(views.stories_by_id(conn, [story_id]), "story", story_id)
    first, last = parse_day(start, "from"), parse_day(end, "to")
    events = views.events_by_id(conn, story["event_ids"])
    statement_ids = views.statement_ids_of_articles(conn, views.story_article_ids(conn, story_id))
    statements = views.statements_by_id(conn, statement_ids)
    speakers = _speakers(statements)
    if speaker:
        names = {name for key, name in speakers if speaker in (key, name)} or {speaker}
        statements = [s for s in statements if speaker in (s["speaker_id"], s["speaker"])]
        events = [e for e in events if names & set(e["participants"])]
    items = [event_item(e) for e in events] + [statement_item(s) for s in statements]
    kept = {(i.kind, i.id) for i in items if overlaps(i, first, last)}
    events = [e for e in events if ("event", e["id"]) in kept]
    statements = [s for s in statements if ("statement", s["id"]) in kept]
    items = [i for i in items if (i.kind, i.id) in kept]
    entity_ids = [s["speaker_id"] for s in statements if s["speaker_id"]]
    reported_in = views.article_dates(conn, {a for e in events for a in e["article_ids"]})
    return Page(
        "story.html",
        story["title"],
        {
            "story": story,
            "layout": lay_out(items),
            "chronology": chronology(items),
            "events": {e["id"]: e for e in events},
            "statements": {s["id"]: s for s in statements},
            "reported_in": reported_in,
            "speakers": speakers,
            "filters": {"speaker": speaker or "", "from": start or "", "to": end or ""},
        },
        {
            "stories": [story],
            "events": events,
            "statements": statements,
            "entities": views.entities_by_id(conn, entity_ids),
        },
    )


def _speakers(statements: list[Row]) -> list[tuple[str, str]]:
    """``(filter value, name)`` of each distinct speaker, by name."""
    found = {(s["speaker_id"] or s["speaker"], s["speaker"]) for s in statements if s["speaker"]}
    return sorted(found, key=lambda pair: (pair[1].casefold(), pair[0]))


def chronology(items: list[Item]) -> list[Item]:
    """Items in time order (by first possible day; events before statements on a day),
    then the ones that cannot be placed."""
    placed = sorted(
        (i for i in items if i.span),
        key=lambda i: (i.span[0], i.kind != "event", i.id),  # type: ignore[index]
    )
    return placed + [i for i in items if not i.span]


# --- statements ---------------------------------------------------------------


@dataclass(slots=True)
class Variant:
    """One rendering of a statement, as the statement page shows it."""

    quote: Row
    article: Row
    url: str | None
    segments: list[Any] | None  # None for the reference rendering
    changed: int
    chains: list[Any]


def statement_page(conn: sqlite3.Connection, statement_id: str) -> Page:
    """Every rendering of one statement side by side, differences marked against the
    earliest report; when and how it is dated; who passed it on to whom."""
    statement = one(views.statements_by_id(conn, [statement_id]), "statement", statement_id)
    quotes = views.quotes_by_id(conn, statement["quote_ids"])
    articles = {a["id"]: a for a in views.articles_by_id(conn, {q["article_id"] for q in quotes})}
    citations = views.citations_of_articles(conn, articles)
    quotes.sort(key=lambda q: _report_order(articles.get(q["article_id"]), q))
    reference = quotes[0] if quotes else None
    variants = [_variant(q, articles, citations, reference) for q in quotes]
    rereports = views.rereports(conn, statement_id=statement_id)
    speaker = views.entities_by_id(
        conn, [statement["speaker_id"]] if statement["speaker_id"] else []
    )
    evidence = [v for v in variants if statement["date"] and v.quote["date"] == statement["date"]]
    return Page(
        "statement.html",
        f"Statement by {statement['speaker'] or 'an unknown speaker'}",
        {
            "statement": statement,
            "speaker": speaker[0] if speaker else None,
            "variants": variants,
            "evidence": evidence,
            "rereports": rereports,
            "rereported": views.article_dates(conn, [r["article_id"] for r in rereports]),
        },
        {
            "statements": [statement],
            "quotes": quotes,
            "articles": list(articles.values()),
            "citations": citations,
            "rereports": rereports,
            "entities": speaker,
            "diffs": [
                {
                    "quote_id": v.quote["id"],
                    "reference_quote_id": reference["id"],
                    "segments": [asdict(s) for s in v.segments],
                }
                for v in variants
                if v.segments is not None and reference is not None
            ],
        },
    )


def _report_order(article: Row | None, quote: Row) -> tuple[bool, str, str, int, str]:
    """Earliest publication first; within one article, in reading order."""
    published = article["published"] if article else None
    return (published is None, published or "", quote["article_id"], quote["start"], quote["id"])


def _variant(
    quote: Row, articles: dict[str, Row], citations: list[Row], reference: Row | None
) -> Variant:
    article = articles[quote["article_id"]]
    mine = [c for c in citations if c["article_id"] == quote["article_id"]]
    if article["text"]:
        mine = near_quote(mine, article["text"], quote["start"], quote["end"])
    segments = (
        None
        if reference is None or quote is reference
        else word_diff(reference["text"], quote["text"])
    )
    return Variant(
        quote=quote,
        article=article,
        url=web_url(article["url"]),
        segments=segments,
        changed=changed_words(segments) if segments is not None else 0,
        chains=[
            chain
            for chain in citation_chains(mine)
            if chain != [Hop(article["outlet"], "dateline")]  # a wire crediting itself
        ],
    )


# --- entities -----------------------------------------------------------------


def entities_index(conn: sqlite3.Connection) -> Page:
    """Every person, organisation, place and outlet, with how many statements are theirs."""
    listed = views.entity_list(conn)
    counts = {row["id"]: row.pop("statements") for row in listed}
    kinds: dict[str, list[Row]] = {}
    for row in listed:
        kinds.setdefault(row["kind"], []).append(row)
    return Page(
        "entities.html",
        "Speakers and names",
        {"kinds": kinds, "counts": counts},
        {"entities": listed, "statement_counts": counts},
    )


def entity_page(
    conn: sqlite3.Connection, entity_id: str, page: int = 1, settings: WebSettings = WEB_DEFAULTS
) -> Page:
    """A speaker (or organisation, place, outlet): aliases, statements over time (a page
    of ``settings.entity_statements`` at a time), the latest events it took part in."""
    entity = one(views.entities_by_id(conn, [entity_id]), "entity", entity_id)
    size, page = settings.entity_statements, max(page, 1)
    statements, total = views.statements_of_speaker(conn, entity_id, size, (page - 1) * size)
    events, all_events = views.events_with_participant(
        conn, [entity["name"], *entity["aliases"]], settings.entity_events
    )
    items = [statement_item(s) for s in statements]
    outlet_articles = (
        views.articles_of_outlet(conn, entity["name"], settings.outlet_articles)
        if entity["kind"] == "outlet"
        else []
    )
    return Page(
        "entity.html",
        entity["name"],
        {
            "entity": entity,
            "statements": statements,
            "layout": lay_out(items),
            "events": events,
            "all_events": all_events,
            "outlet_articles": outlet_articles,
            "total": total,
            "page": page,
            "pages": max((total + size - 1) // size, 1),
        },
        {"entities": [entity], "statements": statements, "events": events},
    )


# --- ingest -------------------------------------------------------------------


def ingest_page(conn: sqlite3.Connection) -> Page:
    """Inputs that could not become articles, with the reason each was refused."""
    rows = views.rejections(conn)
    return Page("ingest.html", "Refused inputs", {"rejections": rows}, {"rejections": rows})
