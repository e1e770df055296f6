"""FTS5 search for the web app's search page: ranked ids with highlighted snippets.

``articles_fts`` indexes article titles and (cleaned, once built) text,
``quotes_fts`` quote text and speaker (``store/schema.py``); each index's rowid
is its table's rowid, i.e. the order rows were added.

Ranking (``bm25``) costs a look-up per matching row, so a word most articles
contain would cost a pass over the whole store. Only the ``window`` most
recently added matches are ranked; ``Hits`` says how many matched in all, so
the page can say when the window cut. Snippets are made for the hits only.

What the user typed goes through ``store.query.fts_query`` (the one query
builder) and every statement runs under ``store.query.time_limit``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from storytrail.settings import DEFAULTS, Settings
from storytrail.store.query import SearchSyntaxError, SearchTimeout, fts_query, time_limit

__all__ = [
    "ARTICLES",
    "ARTICLE_TEXT",
    "QUOTES",
    "Hits",
    "Index",
    "SearchSyntaxError",
    "SearchTimeout",
    "search",
]


@dataclass(frozen=True, slots=True)
class Index:
    """An FTS5 index, the table it indexes, and how its snippets are cut."""

    fts: str
    table: str
    snippet_column: int  # -1: whichever column matched best
    snippet_tokens: int
    columns: tuple[str, ...]


ARTICLES = Index("articles_fts", "articles", -1, 16, ("title", "text"))
# The command line's snippets: from the text, shorter.
ARTICLE_TEXT = Index("articles_fts", "articles", 1, 12, ("title", "text"))
QUOTES = Index("quotes_fts", "quotes", 0, 24, ("text", "speaker"))


@dataclass(frozen=True, slots=True)
class Hits:
    """The best matches as ``(id, snippet)``, best first; how many rows matched in all;
    and how many of those were ranked (at most the window)."""

    found: list[tuple[str, str]]
    matches: int
    ranked: int


def _match(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
        raise SearchSyntaxError(f"SQLite cannot read this query ({exc}); {HINT}") from exc


# Said when SQLite refuses a query the builder let through.
HINT = 'put words with punctuation in "quotes" and write AND, OR, NOT between two words'


def search(
    conn: sqlite3.Connection,
    index: Index,
    query: str,
    limit: int,
    marks: tuple[str, str],
    window: int,
    settings: Settings = DEFAULTS,
) -> Hits:
    """The ``limit`` best FTS5 matches of what the user typed (``query``) among the
    ``window`` most recently added, with the matched words of each snippet between
    the two ``marks``.

    Raises ``SearchSyntaxError`` on a query that cannot be searched (the message
    says what to change), ``SearchTimeout`` when it runs past ``search_max_seconds``.
    """
    query = fts_query(query, index.columns, settings)
    with time_limit(conn, settings.search_max_seconds):
        return _ranked(conn, index, query, limit, marks, window)


def _ranked(
    conn: sqlite3.Connection,
    index: Index,
    query: str,
    limit: int,
    marks: tuple[str, str],
    window: int,
) -> Hits:
    fts = index.fts
    matches = _match(conn, f"SELECT COUNT(*) FROM {fts} WHERE {fts} MATCH ?", (query,))[0][0]
    ranked = _match(
        conn,
        f"SELECT rowid FROM (SELECT rowid, rank FROM {fts} WHERE {fts} MATCH ?"
        " ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?",
        (query, max(window, limit), limit),
    )
    rowids = [row[0] for row in ranked]
    rows = _match(
        conn,
        f"SELECT t.rowid, t.id,"
        f" snippet({fts}, {index.snippet_column}, ?, ?, '…', {index.snippet_tokens})"
        f" FROM {fts} JOIN {index.table} t ON t.rowid = {fts}.rowid"
        f" WHERE {fts} MATCH ? AND {fts}.rowid IN (SELECT value FROM json_each(?))",
        (*marks, query, json.dumps(rowids)),
    )
    snippets = {row[0]: (row[1], row[2]) for row in rows}
    found = [snippets[rowid] for rowid in rowids if rowid in snippets]
    return Hits(found, int(matches), min(int(matches), max(window, limit)))
