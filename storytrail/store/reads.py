"""Reading the store in the shape of the export schema (``docs/export.md``).

Each ``*_rows`` function yields plain dicts whose keys are the documented
export fields, in order; lists stay Python lists here and each export format
decides how to write them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from storytrail.offsets import OffsetMap
from storytrail.variants import as_marked, changed_words, word_diff

Row = dict[str, Any]


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in conn.execute(sql):
        grouped.setdefault(key, []).append(value)
    return grouped


def article_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    rows = conn.execute(
        "SELECT a.*, b.text AS clean_text, b.built_at, b.place, b.date AS resolved_date,"
        " b.date_source AS resolved_source, b.date_confidence FROM articles a"
        " LEFT JOIN builds b ON b.article_id = a.id ORDER BY a.published IS NULL, a.published,"
        " a.id"
    )
    for row in rows:
        yield {
            "id": row["id"],
            "source": row["source"],
            "url": row["url"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": row["published"],
            "published_source": row["published_source"],
            "date": row["resolved_date"],
            "date_source": row["resolved_source"],
            "date_confidence": row["date_confidence"],
            "author": row["author"],
            "language": row["language"],
            "text": row["clean_text"],
            "original": row["original"],
            "place": row["place"],
            "duplicate_of": row["duplicate_of"],
            "built_at": row["built_at"],
        }


def quote_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute('SELECT * FROM quotes ORDER BY article_id, start, "end"'):
        yield {
            "id": row["id"],
            "article_id": row["article_id"],
            "kind": row["kind"],
            "text": row["text"],
            "speaker": row["speaker"],
            "speaker_id": row["speaker_id"],
            "speaker_mention": row["speaker_mention"],
            "cue": row["cue"],
            "start": row["start"],
            "end": row["end"],
            "date": row["date"],
            "date_granularity": row["date_granularity"],
            "date_source": row["date_source"],
            "date_evidence_start": row["date_evidence_start"],
            "date_evidence_end": row["date_evidence_end"],
            "statement_id": row["statement_id"],
        }


def statement_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    quote_ids = _grouped(
        conn, "SELECT statement_id, id FROM quotes WHERE statement_id IS NOT NULL ORDER BY id"
    )
    for row in conn.execute("SELECT * FROM statements ORDER BY date IS NULL, date, id"):
        yield {
            "id": row["id"],
            "speaker": row["speaker"],
            "speaker_id": row["speaker_id"],
            "text": row["text"],
            "quote_ids": quote_ids.get(row["id"], []),
            "first_reported": row["first_reported"],
            "date": row["date"],
            "date_granularity": row["date_granularity"],
        }


def variant_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    """Every rendering of every statement, with its word-level difference from the
    statement's text (``storytrail.variants``): ``"= same"``, ``"- only in the
    statement"``, ``"+ only in this rendering"``."""
    rows = conn.execute(
        "SELECT s.id AS statement_id, s.text AS reference, q.id AS quote_id, q.article_id,"
        " a.outlet, a.published, q.kind, q.text FROM statements s"
        " JOIN quotes q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id"
        " ORDER BY s.date IS NULL, s.date, s.id, a.published, q.id"
    )
    for row in rows:
        segments = word_diff(row["reference"], row["text"])
        yield {
            "statement_id": row["statement_id"],
            "quote_id": row["quote_id"],
            "article_id": row["article_id"],
            "outlet": row["outlet"],
            "published": row["published"],
            "kind": row["kind"],
            "text": row["text"],
            "changed_words": changed_words(segments),
            "diff": as_marked(segments),
        }


def event_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    articles = _grouped(conn, "SELECT event_id, article_id FROM event_articles ORDER BY article_id")
    people = _grouped(conn, "SELECT event_id, name FROM event_participants ORDER BY name")
    for row in conn.execute("SELECT * FROM events ORDER BY date IS NULL, date, id"):
        yield {
            "id": row["id"],
            "title": row["title"],
            "date": row["date"],
            "place": row["place"],
            "article_ids": articles.get(row["id"], []),
            "participants": people.get(row["id"], []),
        }


def story_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    events = _grouped(conn, "SELECT story_id, event_id FROM story_events ORDER BY event_id")
    for row in conn.execute("SELECT * FROM stories ORDER BY id"):
        yield {"id": row["id"], "title": row["title"], "event_ids": events.get(row["id"], [])}


def entity_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    aliases = _grouped(conn, "SELECT entity_id, alias FROM entity_aliases ORDER BY alias")
    for row in conn.execute("SELECT * FROM entities ORDER BY name, id"):
        yield {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "aliases": aliases.get(row["id"], []),
        }


def citation_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute("SELECT * FROM citations ORDER BY article_id, start, cites"):
        yield {
            "article_id": row["article_id"],
            "cites": row["cites"],
            "cue": row["cue"],
            "via": row["via"],
            "start": row["start"],
            "end": row["end"],
        }


def rereport_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    statements = _grouped(
        conn, "SELECT article_id, statement_id FROM rereport_statements ORDER BY statement_id"
    )
    for row in conn.execute("SELECT * FROM rereports ORDER BY article_id"):
        yield {
            "article_id": row["article_id"],
            "original_date": row["original_date"],
            "reason": row["reason"],
            "statement_ids": statements.get(row["article_id"], []),
        }


def time_expression_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute('SELECT * FROM time_expressions ORDER BY article_id, start, "end"'):
        yield {
            "article_id": row["article_id"],
            "start": row["start"],
            "end": row["end"],
            "text": row["text"],
            "timex_type": row["timex_type"],
            "value": row["value"],
            "end_value": row["end_value"],
            "granularity": row["granularity"],
            "anchor": row["anchor"],
            "direction": row["direction"],
            "rule": row["rule"],
            "tense": row["tense"],
            "note": row["note"],
        }


def embed_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute("SELECT * FROM embeds ORDER BY article_id, start"):
        yield {
            "id": row["id"],
            "article_id": row["article_id"],
            "author": row["author"],
            "handle": row["handle"],
            "date": row["date"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
        }


def removed_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute("SELECT * FROM removed_spans ORDER BY article_id, start"):
        yield {
            "article_id": row["article_id"],
            "kind": row["kind"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
        }


def rejection_rows(conn: sqlite3.Connection) -> Iterator[Row]:
    for row in conn.execute("SELECT * FROM rejections ORDER BY source, line"):
        yield {
            "source": row["source"],
            "line": row["line"],
            "reason": row["reason"],
            "first_seen": row["first_seen"],
            "last_seen": row["last_seen"],
            "times": row["times"],
        }


# The export tables, in the order they are written. The first seven are the
# documented core; the last three keep what cleaning and ingest set aside.
TABLES: dict[str, Callable[[sqlite3.Connection], Iterator[Row]]] = {
    "articles": article_rows,
    "quotes": quote_rows,
    "statements": statement_rows,
    "variants": variant_rows,
    "events": event_rows,
    "stories": story_rows,
    "entities": entity_rows,
    "citations": citation_rows,
    "rereports": rereport_rows,
    "time_expressions": time_expression_rows,
    "embeds": embed_rows,
    "removed": removed_rows,
    "rejections": rejection_rows,
}


def offset_map(conn: sqlite3.Connection, article_id: str) -> OffsetMap:
    """The stored map from an article's cleaned text back to its original."""
    row = conn.execute(
        "SELECT offset_runs, offset_ends, orig_length FROM builds WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise KeyError(article_id)
    runs = [tuple(run) for run in json.loads(row["offset_runs"])]
    ends = [tuple(pair) for pair in json.loads(row["offset_ends"])]
    return OffsetMap(runs, row["orig_length"], ends)  # type: ignore[arg-type]


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts a person asks for first: how much is here, from whom, over what years."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    years = conn.execute(
        "SELECT MIN(substr(published, 1, 4)), MAX(substr(published, 1, 4)) FROM articles"
    ).fetchone()
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "built": one("SELECT COUNT(*) FROM builds"),
        "outlets": one("SELECT COUNT(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
        "first_year": years[0],
        "last_year": years[1],
        "undated_articles": one("SELECT COUNT(*) FROM articles WHERE published IS NULL"),
        "removed_spans": one("SELECT COUNT(*) FROM removed_spans"),
        "embeds": one("SELECT COUNT(*) FROM embeds"),
        "mojibake_repairs": one("SELECT COALESCE(SUM(repairs), 0) FROM builds"),
        "mentions": one("SELECT COUNT(*) FROM mentions"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "statements": one("SELECT COUNT(*) FROM statements"),
        "statement_matching": one("SELECT (SELECT statement_matching FROM link_state)"),
        "events": one("SELECT COUNT(*) FROM events"),
        "stories": one("SELECT COUNT(*) FROM stories"),
        "entities": one("SELECT COUNT(*) FROM entities"),
        "citations": one("SELECT COUNT(*) FROM citations"),
        "rereports": one("SELECT COUNT(*) FROM rereports"),
        "copies": one("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "rejections": one("SELECT COUNT(*) FROM rejections"),
    }


def search_articles(
    conn: sqlite3.Connection, query: str, limit: int = 20, window: int = 2000
) -> list[Row]:
    """FTS5 search over article titles and text, best match first.

    Ranks (bm25) the ``window`` most recently added matches only, with the web
    app's search (``store/search.py``): ranking costs a look-up per matching
    row, so a word half the store contains would otherwise cost a pass over half
    the store (370 ms at p95 on 100,000 articles; bench/queries.py).
    """
    from storytrail.store.search import ARTICLE_TEXT, search

    hits = search(conn, ARTICLE_TEXT, query, limit, ("[", "]"), window)
    if not hits.found:
        return []
    rows = {
        row["id"]: dict(row)
        for row in conn.execute(
            "SELECT id, title, outlet, published FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([article_id for article_id, _ in hits.found]),),
        )
    }
    return [rows[article_id] | {"snippet": snippet} for article_id, snippet in hits.found]
