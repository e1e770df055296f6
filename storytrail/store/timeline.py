"""The rows of a timeline: statements with their speaker, date, event and carriers."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from storytrail.settings import DEFAULTS, Settings
from storytrail.store.query import fts_query, time_limit
from storytrail.store.search import QUOTES


def timeline_entries(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    about: str | None = None,
    start: str | None = None,
    end: str | None = None,
    settings: Settings = DEFAULTS,
) -> list[dict[str, Any]]:
    """Statements matching the filters, each with the quotes (outlet, date, span) carrying it.

    ``speaker`` matches the canonical name or any alias, case-insensitively;
    ``about`` is what a user typed, searched over quote text and speaker like the
    search command (``store.query``: ``SearchSyntaxError`` when it cannot be, and
    ``SearchTimeout`` past ``search_max_seconds``); ``start``/``end`` bound the
    utterance date (ISO prefixes compare as text, so "2023" means the year).
    Undated statements are included (the caller lists them apart) unless a
    date bound is given.
    """
    if about:
        about = fts_query(about, QUOTES.columns, settings)
        with time_limit(conn, settings.search_max_seconds):
            return _entries(conn, speaker, about, start, end)
    return _entries(conn, speaker, about, start, end)


def _entries(
    conn: sqlite3.Connection,
    speaker: str | None,
    about: str | None,
    start: str | None,
    end: str | None,
) -> list[dict[str, Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        clauses.append(
            "(lower(s.speaker) = lower(?) OR s.speaker_id IN"
            " (SELECT entity_id FROM entity_aliases WHERE lower(alias) = lower(?)))"
        )
        params += [speaker, speaker]
    if start:
        clauses.append("s.date >= ?")
        params.append(start)
    if end:
        clauses.append("substr(s.date, 1, ?) <= ?")
        params += [len(end), end]
    if about and not clauses:
        clauses.append(
            "s.id IN (SELECT q.statement_id FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid"
            " WHERE quotes_fts MATCH ?)"
        )
        params.append(about)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    statements = conn.execute(
        f"SELECT s.* FROM statements s{where} ORDER BY s.date IS NULL, s.date, s.first_reported",
        params,
    ).fetchall()
    if about and (speaker or start or end):
        statements = _about(conn, statements, about)
    entries = []
    for s in statements:
        carriers = conn.execute(
            'SELECT q.id AS quote_id, q.kind, q.text, q.start, q."end", q.date_source,'
            " a.id AS article_id, a.outlet, a.published, a.url, a.title,"
            " r.article_id IS NOT NULL AS rereport"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN rereport_statements r"
            "   ON r.article_id = q.article_id AND r.statement_id = q.statement_id"
            " WHERE q.statement_id = ? ORDER BY a.published, a.id",
            (s["id"],),
        ).fetchall()
        event = conn.execute(
            "SELECT e.id, e.title, e.place, e.date FROM events e"
            " JOIN event_articles ea ON ea.event_id = e.id"
            " WHERE ea.article_id IN (SELECT article_id FROM quotes WHERE statement_id = ?)"
            " ORDER BY (e.date = ?) DESC, e.date LIMIT 1",
            (s["id"], s["date"]),
        ).fetchone()
        entries.append(
            {
                "statement_id": s["id"],
                "date": s["date"],
                "date_granularity": s["date_granularity"],
                "speaker": s["speaker"],
                "text": s["text"],
                "first_reported": s["first_reported"],
                "event": dict(event) if event else None,
                "carriers": [dict(c) | {"rereport": bool(c["rereport"])} for c in carriers],
            }
        )
    return entries


def _about(
    conn: sqlite3.Connection, statements: list[sqlite3.Row], about: str
) -> list[sqlite3.Row]:
    """The ``statements`` with a quote matching the FTS5 query ``about``.

    Used when other filters have already narrowed the statements: one pass over
    the index's matches (rowids only) and a look-up of these statements' quotes
    cost less than joining every match to its quote, and far less than asking
    the index about each quote (FTS5 re-evaluates a prefix or NEAR query per
    row: seconds for a few hundred quotes; bench/queries.py).
    """
    if not statements:
        return statements
    matching = {
        row[0]
        for row in conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (about,))
    }
    ids = json.dumps([s["id"] for s in statements])
    hit = {
        row[1]
        for row in conn.execute(
            "SELECT rowid, statement_id FROM quotes"
            " WHERE statement_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
        if row[0] in matching
    }
    return [s for s in statements if s["id"] in hit]
