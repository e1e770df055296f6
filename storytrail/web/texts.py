"""The pages that show article text: the cleaned article, its original, and search results.

Quote offsets point into the cleaned text; the stored offset map
(``storytrail.store.reads.offset_map``) carries each quote back to the
characters of the original, which the original page marks, together with
what cleaning removed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from storytrail.store import search, views
from storytrail.store.reads import offset_map
from storytrail.web.config import WEB_DEFAULTS, WebSettings
from storytrail.web.pages import BadRequest, Page, one, web_url
from storytrail.web.spans import Span, nest_spans

Row = dict[str, Any]
Scope = Literal["all", "articles", "quotes"]
SCOPES: tuple[Scope, ...] = ("all", "articles", "quotes")

# Shown on the search page, and in docs/web.md: the FTS5 query language in brief.
SEARCH_SYNTAX: tuple[tuple[str, str], ...] = (
    ("dam turbines", "both words, anywhere (implicit AND)"),
    ("dam OR reservoir", "either word"),
    ("dam NOT flood", "the first without the second (operators in capitals)"),
    ('"water sharing"', "the exact phrase"),
    ("brenn*", "words starting with brenn"),
    ("NEAR(dam release, 5)", "both within five words of each other"),
    ("title: treaty", "only in titles (articles; quotes have text: and speaker:)"),
    ("speaker: dorn", "quotes by a speaker whose name has dorn"),
)


def article_document(conn: sqlite3.Connection, article_id: str) -> tuple[Row, Row]:
    """The article's rows (export shape) and the JSON document of its pages."""
    article = one(views.articles_by_id(conn, [article_id]), "article", article_id)
    quotes = views.quotes_of_article(conn, article_id)
    document = {
        "articles": [article],
        "quotes": quotes,
        "citations": views.citations_of_articles(conn, [article_id]),
        "embeds": views.embeds_of_article(conn, article_id),
        "removed": views.removed_of_article(conn, article_id),
        "rereports": views.rereports(conn, article_id=article_id),
        "time_expressions": views.time_expressions_of_article(conn, article_id),
        "original_spans": original_spans(conn, article_id, quotes),
    }
    return article, document


def original_spans(conn: sqlite3.Connection, article_id: str, quotes: list[Row]) -> list[Row]:
    """Where each quote lies in the original text (empty before the article is built)."""
    try:
        mapping = offset_map(conn, article_id)
    except KeyError:
        return []
    spans = []
    for quote in quotes:
        start, end = mapping.span(quote["start"], quote["end"])
        spans.append({"quote_id": quote["id"], "start": start, "end": end})
    return spans


def article_page(conn: sqlite3.Connection, article_id: str) -> Page:
    """The cleaned text with every quote marked (``#q-<quote id>``) and listed below, and
    the words that date a quote marked too (``#d-<quote id>``)."""
    article, document = article_document(conn, article_id)
    quotes = document["quotes"]
    spans = [
        Span(
            q["start"],
            q["end"],
            css=f"quote {q['kind']}",
            anchor=f"q-{q['id']}",
            title=q["speaker"] or q["speaker_mention"] or "unknown speaker",
            ref=f"#about-q-{q['id']}",
            ref_label=str(n),
        )
        for n, q in enumerate(quotes, 1)
    ]
    spans += [
        Span(
            q["date_evidence_start"],
            q["date_evidence_end"],
            css="evidence",
            anchor=f"d-{q['id']}",
            title=f"what dates quote {n}: {q['date_source'] or q['date']}",
        )
        for n, q in enumerate(quotes, 1)
        if q.get("date_evidence_start") is not None and q.get("date_evidence_end") is not None
    ]
    built = article["text"] is not None
    return Page(
        "article.html",
        article["title"] or article["id"],
        {
            **_article_context(conn, article, document),
            "pieces": nest_spans(article["text"], spans) if built else [],
            "built": built,
            "numbered": list(enumerate(quotes, 1)),
            "original_of": {s["quote_id"]: s for s in document["original_spans"]},
        },
        document,
    )


def original_page(conn: sqlite3.Connection, article_id: str) -> Page:
    """The text as read, with quotes carried back to it (``#oq-<quote id>``) and what
    cleaning removed (``#r-<start>``) marked."""
    article, document = article_document(conn, article_id)
    spans = [
        Span(s["start"], s["end"], css="quote", anchor=f"oq-{s['quote_id']}")
        for s in document["original_spans"]
    ]
    spans += [
        Span(
            r["start"],
            r["end"],
            css=f"removed {r['kind']}",
            anchor=f"r-{r['start']}",
            title=r["kind"],
        )
        for r in document["removed"]
    ]
    spans += [
        Span(
            e["start"], e["end"], css="embed", title=f"post by {e['author'] or e['handle'] or '?'}"
        )
        for e in document["embeds"]
    ]
    return Page(
        "original.html",
        f"Original of {article['title'] or article['id']}",
        {
            **_article_context(conn, article, document),
            "pieces": nest_spans(article["original"], spans),
        },
        document,
    )


def _article_context(conn: sqlite3.Connection, article: Row, document: Row) -> dict[str, Any]:
    linked = [article["duplicate_of"], *(r["article_id"] for r in document["rereports"])]
    return {
        "article": article,
        "url": web_url(article["url"]),
        "document": document,
        "others": views.article_dates(conn, [a for a in linked if a]),
    }


# --- search -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snippet:
    """A search snippet as runs of text, ``marked`` where the query matched."""

    parts: tuple[tuple[bool, str], ...]


def snippet(text: str, marks: tuple[str, str]) -> Snippet:
    opening, closing = marks
    parts: list[tuple[bool, str]] = []
    for n, chunk in enumerate(text.split(opening)):
        if n == 0:
            parts.append((False, chunk))
            continue
        inside, _, after = chunk.partition(closing)
        parts += [(True, inside), (False, after)]
    return Snippet(tuple((m, t) for m, t in parts if t))


def search_page(
    conn: sqlite3.Connection,
    query: str | None,
    scope: str | None = None,
    settings: WebSettings = WEB_DEFAULTS,
) -> Page:
    """FTS5 search over article titles and text and over quotes and speakers.

    ``query`` is what the user typed (``store.query`` makes it an FTS5 query).
    A query one index cannot read (a column only the other has) is reported
    for that index; one no index can read is a 400 page that keeps the query
    in its box and says what to change (JSON: ``error`` and ``detail``).
    """
    query = (query or "").strip()
    scope = scope or "all"
    if scope not in SCOPES:
        raise BadRequest(f"in: {scope!r} is not one of {', '.join(SCOPES)}")
    hits = {"articles": search.Hits([], 0, 0), "quotes": search.Hits([], 0, 0)}
    errors: dict[str, str] = {}
    indexes = {"articles": search.ARTICLES, "quotes": search.QUOTES}
    for name, index in indexes.items():
        if query and scope in ("all", name):
            try:
                hits[name] = search.search(
                    conn,
                    index,
                    query,
                    settings.search_results,
                    settings.snippet_marks,
                    settings.search_rank_window,
                )
            except search.SearchSyntaxError as exc:
                errors[name] = str(exc)
    refused = bool(query and errors and len(errors) == sum(scope in ("all", i) for i in indexes))
    error = "; ".join(dict.fromkeys(errors.values())) if refused else None
    article_ids = [i for i, _ in hits["articles"].found]
    quote_ids = [i for i, _ in hits["quotes"].found]
    articles = views.in_order(views.articles_by_id(conn, article_ids), article_ids)
    quotes = views.in_order(views.quotes_by_id(conn, quote_ids), quote_ids)
    marks = settings.snippet_marks
    snippets = dict(hits["articles"].found) | dict(hits["quotes"].found)
    matches = {name: {"matches": h.matches, "ranked": h.ranked} for name, h in hits.items()}
    return Page(
        "search.html",
        f"Search: {query}" if query else "Search",
        {
            "query": query,
            "scope": scope,
            "scopes": SCOPES,
            "errors": {} if refused else errors,
            "error": error,
            "syntax": SEARCH_SYNTAX,
            "article_hits": [(a, snippet(snippets[a["id"]], marks)) for a in articles],
            "quote_hits": [(q, snippet(snippets[q["id"]], marks)) for q in quotes],
            "quoted_in": views.article_dates(conn, {q["article_id"] for q in quotes}),
            "matches": matches,
        },
        {"articles": articles, "quotes": quotes, "matches": matches}
        | ({"error": 400, "detail": f"search {query!r}: {error}"} if error else {}),
        status=400 if error else 200,
    )
