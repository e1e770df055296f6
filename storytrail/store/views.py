"""Read-only queries behind the web app's pages (``storytrail/web``).

Rows come back in the shape of the export schema (``docs/export.md``): the
same keys, in the same order, lists as Python lists, so a page's JSON twin is
a small export document. Unlike ``reads.py``, which streams whole tables,
every function here fetches only what one page shows, by id, so a page costs
the same on a store of twenty articles or twenty thousand.

Lists of ids are passed to SQLite as one JSON array (``json_each``), which has
no limit on the number of ids, unlike ``IN (?, ?, …)``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storytrail.export import FIELDS
from storytrail.store.db import StoreError, vet_store_file
from storytrail.store.schema import SCHEMA_VERSION

Row = dict[str, Any]
IDS = "(SELECT value FROM json_each(?))"


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` read-only (``mode=ro``): the web app can never write the store.

    Raises ``StoreError`` when the file is missing, not SQLite, or at another
    schema version than this code (an older one is migrated by any write
    command, e.g. ``storytrail build``; the web app will not migrate it).
    """
    resolved = Path(path).resolve()
    vet_store_file(Path(path), create=False)
    try:
        conn = connect_readonly(resolved)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable storytrail database ({exc})") from exc
    if version != SCHEMA_VERSION:
        conn.close()
        hint = (
            "run `storytrail build` once to upgrade it"
            if version < SCHEMA_VERSION
            else "upgrade storytrail"
        )
        raise StoreError(
            f"{path}: schema version {version}, this storytrail reads {SCHEMA_VERSION}; {hint}"
        )
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing store file (no checks: see ``open_readonly``)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=5)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def _ids(ids: Iterable[str]) -> str:
    return json.dumps(list(dict.fromkeys(ids)))


def _dicts(cursor: sqlite3.Cursor) -> list[Row]:
    return [dict(zip(row.keys(), row, strict=True)) for row in cursor]


def _grouped(conn: sqlite3.Connection, sql: str, *params: Any) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for key, value in conn.execute(sql, params):
        grouped.setdefault(key, []).append(value)
    return grouped


def _in_order(rows: list[Row], ids: list[str]) -> list[Row]:
    """``rows`` in the order of ``ids`` (ranked search results, variants by date)."""
    by_id = {row["id"]: row for row in rows}
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


def _export(table: str, row: Row, lists: dict[str, list[Any]] | None = None) -> Row:
    """``row`` (columns by name) as an export row of ``table``: its fields, in order.

    Export fields are the store's column names, so a column added for a new
    export field shows up here without a change; a field with no column fails
    loudly (``KeyError``), and the test pinning these rows to ``reads.py`` says where.
    """
    lists = lists or {}
    return {name: lists[name] if name in lists else row[name] for name in FIELDS[table]}


def _exported(table: str, rows: list[Row], lists: dict[str, dict[str, list[Any]]]) -> list[Row]:
    key = "article_id" if table == "rereports" else "id"
    return [
        _export(table, row, {name: found.get(row[key], []) for name, found in lists.items()})
        for row in rows
    ]


# --- rows by id, in export shape ---------------------------------------------


def _article_columns(conn: sqlite3.Connection) -> str:
    """Each export field from ``articles``, or else from ``builds`` (cleaned text, place, …)."""
    own = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    return ", ".join(
        f'a."{name}"' if name in own else f'b."{name}" AS "{name}"' for name in FIELDS["articles"]
    )


def articles_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    """Article rows (export shape), oldest first."""
    rows = _dicts(
        conn.execute(
            f"SELECT {_article_columns(conn)} FROM articles a"
            f" LEFT JOIN builds b ON b.article_id = a.id WHERE a.id IN {IDS}"
            " ORDER BY a.published IS NULL, a.published, a.id",
            (_ids(ids),),
        )
    )
    return [_export("articles", row) for row in rows]


def quotes_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    rows = _dicts(
        conn.execute(
            f'SELECT * FROM quotes WHERE id IN {IDS} ORDER BY article_id, start, "end"',
            (_ids(ids),),
        )
    )
    return [_export("quotes", row) for row in rows]


def quotes_of_article(conn: sqlite3.Connection, article_id: str) -> list[Row]:
    rows = _dicts(
        conn.execute(
            'SELECT * FROM quotes WHERE article_id = ? ORDER BY start, "end"', (article_id,)
        )
    )
    return [_export("quotes", row) for row in rows]


def statements_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    """Statement rows in the order they were said (undated last, by first report)."""
    wanted = _ids(ids)
    rows = _dicts(
        conn.execute(
            f"SELECT * FROM statements WHERE id IN {IDS}"
            " ORDER BY COALESCE(date, first_reported) IS NULL,"
            " COALESCE(date, first_reported), id",
            (wanted,),
        )
    )
    quote_ids = _grouped(
        conn, f"SELECT statement_id, id FROM quotes WHERE statement_id IN {IDS}", wanted
    )
    # Sorted here, not by SQL: ORDER BY id would walk the primary key and visit every
    # quote in id order, many times slower than one pass over the table.
    return _exported(
        "statements", rows, {"quote_ids": {k: sorted(v) for k, v in quote_ids.items()}}
    )


def statements_of_speaker(
    conn: sqlite3.Connection, entity_id: str, limit: int, offset: int = 0
) -> tuple[list[Row], int]:
    """One page of a speaker's statements in the order they were said, and how many
    there are in all."""
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM statements WHERE speaker_id = ?"
            " ORDER BY COALESCE(date, first_reported) IS NULL, COALESCE(date, first_reported), id"
            " LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
    ]
    total = conn.execute(
        "SELECT COUNT(*) FROM statements WHERE speaker_id = ?", (entity_id,)
    ).fetchone()[0]
    return statements_by_id(conn, ids), int(total)


def events_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    """Event rows in date order (undated last)."""
    wanted = _ids(ids)
    rows = _dicts(
        conn.execute(
            f"SELECT * FROM events WHERE id IN {IDS} ORDER BY date IS NULL, date, id", (wanted,)
        )
    )
    articles = _grouped(
        conn,
        f"SELECT event_id, article_id FROM event_articles WHERE event_id IN {IDS}"
        " ORDER BY article_id",
        wanted,
    )
    people = _grouped(
        conn,
        f"SELECT event_id, name FROM event_participants WHERE event_id IN {IDS} ORDER BY name",
        wanted,
    )
    return _exported("events", rows, {"article_ids": articles, "participants": people})


def events_with_participant(
    conn: sqlite3.Connection, names: Iterable[str], limit: int
) -> tuple[list[Row], int]:
    """The latest ``limit`` events any of ``names`` took part in (in date order), and
    how many there are in all."""
    wanted = _ids(names)
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT e.id, e.date FROM event_participants p JOIN events e"
            f" ON e.id = p.event_id WHERE p.name IN {IDS}"
            " ORDER BY e.date IS NOT NULL, e.date DESC, e.id LIMIT ?",
            (wanted, limit),
        )
    ]
    total = conn.execute(
        f"SELECT COUNT(DISTINCT event_id) FROM event_participants WHERE name IN {IDS}", (wanted,)
    ).fetchone()[0]
    return events_by_id(conn, ids), int(total)


def stories_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    """Story rows, in the order of ``ids``."""
    wanted = _ids(ids)
    rows = _dicts(conn.execute(f"SELECT * FROM stories WHERE id IN {IDS}", (wanted,)))
    events = _grouped(
        conn,
        f"SELECT story_id, event_id FROM story_events WHERE story_id IN {IDS} ORDER BY event_id",
        wanted,
    )
    return _in_order(_exported("stories", rows, {"event_ids": events}), json.loads(wanted))


def entities_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Row]:
    wanted = _ids(ids)
    rows = _dicts(
        conn.execute(f"SELECT * FROM entities WHERE id IN {IDS} ORDER BY name, id", (wanted,))
    )
    aliases = _grouped(
        conn,
        f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN {IDS} ORDER BY alias",
        wanted,
    )
    return _exported("entities", rows, {"aliases": aliases})


def citations_of_articles(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[Row]:
    rows = _dicts(
        conn.execute(
            f"SELECT * FROM citations WHERE article_id IN {IDS} ORDER BY article_id, start, cites",
            (_ids(article_ids),),
        )
    )
    return [_export("citations", row) for row in rows]


def rereports(
    conn: sqlite3.Connection, *, article_id: str | None = None, statement_id: str | None = None
) -> list[Row]:
    """Re-report rows for one article, or those that repeat one statement."""
    if article_id is not None:
        ids = [article_id]
    else:
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT article_id FROM rereport_statements WHERE statement_id = ?",
                (statement_id,),
            )
        ]
    wanted = _ids(ids)
    rows = _dicts(
        conn.execute(
            f"SELECT * FROM rereports WHERE article_id IN {IDS} ORDER BY article_id", (wanted,)
        )
    )
    statements = _grouped(
        conn,
        f"SELECT article_id, statement_id FROM rereport_statements WHERE article_id IN {IDS}"
        " ORDER BY statement_id",
        wanted,
    )
    return _exported("rereports", rows, {"statement_ids": statements})


def _of_article(conn: sqlite3.Connection, table: str, sql_table: str, article_id: str) -> list[Row]:
    rows = _dicts(
        conn.execute(
            f'SELECT * FROM {sql_table} WHERE article_id = ? ORDER BY start, "end"', (article_id,)
        )
    )
    return [_export(table, row) for row in rows]


def embeds_of_article(conn: sqlite3.Connection, article_id: str) -> list[Row]:
    return _of_article(conn, "embeds", "embeds", article_id)


def removed_of_article(conn: sqlite3.Connection, article_id: str) -> list[Row]:
    return _of_article(conn, "removed", "removed_spans", article_id)


def time_expressions_of_article(conn: sqlite3.Connection, article_id: str) -> list[Row]:
    """The article's resolved time expressions ([] for a store without the table's export)."""
    if "time_expressions" not in FIELDS:
        return []
    return _of_article(conn, "time_expressions", "time_expressions", article_id)


def rejections(conn: sqlite3.Connection) -> list[Row]:
    """Every refused input, most recently refused first."""
    rows = _dicts(conn.execute("SELECT * FROM rejections ORDER BY last_seen DESC, source, line"))
    return [_export("rejections", row) for row in rows]


# --- what pages list -----------------------------------------------------------


def count_stories(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])


def story_ids_by_date(conn: sqlite3.Connection, limit: int, offset: int) -> list[str]:
    """One page of story ids, the earliest-starting story first."""
    rows = conn.execute(
        "SELECT s.id, MIN(e.date) AS first FROM stories s"
        " LEFT JOIN story_events se ON se.story_id = s.id"
        " LEFT JOIN events e ON e.id = se.event_id"
        " GROUP BY s.id ORDER BY first IS NULL, first, s.title, s.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [row[0] for row in rows]


def story_summaries(conn: sqlite3.Connection, story_ids: list[str]) -> dict[str, Row]:
    """What the stories list shows of each story: its dates, outlets and speakers.

    ``first_date``/``last_date`` come from its events, or from its articles'
    publication dates when no event is dated; ``speakers`` are the speakers of
    statements quoted in its articles, the most quoted first.
    """
    wanted = _ids(story_ids)
    summaries: dict[str, Row] = {
        story_id: {
            "story_id": story_id,
            "first_date": None,
            "last_date": None,
            "events": 0,
            "articles": 0,
            "outlets": 0,
            "speakers": [],
        }
        for story_id in story_ids
    }
    for row in conn.execute(
        "SELECT se.story_id, MIN(e.date), MAX(e.date), COUNT(*) FROM story_events se"
        f" JOIN events e ON e.id = se.event_id WHERE se.story_id IN {IDS} GROUP BY se.story_id",
        (wanted,),
    ):
        summaries[row[0]].update(first_date=row[1], last_date=row[2], events=row[3])
    for row in conn.execute(
        "SELECT se.story_id, COUNT(DISTINCT a.id), COUNT(DISTINCT a.outlet),"
        " MIN(substr(a.published, 1, 10)), MAX(substr(a.published, 1, 10))"
        " FROM story_events se JOIN event_articles ea ON ea.event_id = se.event_id"
        f" JOIN articles a ON a.id = ea.article_id WHERE se.story_id IN {IDS}"
        " GROUP BY se.story_id",
        (wanted,),
    ):
        summary = summaries[row[0]]
        summary.update(articles=row[1], outlets=row[2])
        if summary["first_date"] is None:
            summary.update(first_date=row[3], last_date=row[4])
    for row in conn.execute(
        "SELECT se.story_id, q.speaker, COUNT(DISTINCT q.statement_id) AS n"
        " FROM story_events se JOIN event_articles ea ON ea.event_id = se.event_id"
        " JOIN quotes q ON q.article_id = ea.article_id"
        f" WHERE se.story_id IN {IDS} AND q.speaker IS NOT NULL AND q.statement_id IS NOT NULL"
        " GROUP BY se.story_id, q.speaker ORDER BY se.story_id, n DESC, q.speaker",
        (wanted,),
    ):
        summaries[row[0]]["speakers"].append(row[1])
    return summaries


def story_article_ids(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT ea.article_id FROM story_events se"
            " JOIN event_articles ea ON ea.event_id = se.event_id WHERE se.story_id = ?",
            (story_id,),
        )
    ]


def statement_ids_of_articles(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT statement_id FROM quotes WHERE article_id IN {IDS}"
            " AND statement_id IS NOT NULL",
            (_ids(article_ids),),
        )
    ]


def article_dates(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, Row]:
    """Outlet, title and publication date of each article: what a citation of it shows."""
    rows = conn.execute(
        f"SELECT id, outlet, title, published FROM articles WHERE id IN {IDS}",
        (_ids(article_ids),),
    )
    return {row["id"]: dict(row) for row in rows}


def entity_list(conn: sqlite3.Connection) -> list[Row]:
    """Every entity (export shape) with ``statements``: how many statements are theirs."""
    counts = dict(
        conn.execute(
            "SELECT speaker_id, COUNT(*) FROM statements WHERE speaker_id IS NOT NULL"
            " GROUP BY speaker_id"
        ).fetchall()
    )
    ids = [row[0] for row in conn.execute("SELECT id FROM entities")]
    return [{**row, "statements": counts.get(row["id"], 0)} for row in entities_by_id(conn, ids)]


def articles_of_outlet(conn: sqlite3.Connection, outlet: str, limit: int) -> list[Row]:
    """Id, title and date of an outlet's articles, newest first (not full rows: a list)."""
    return _dicts(
        conn.execute(
            "SELECT id, title, published FROM articles WHERE outlet = ?"
            " ORDER BY published DESC, id LIMIT ?",
            (outlet, limit),
        )
    )


def in_order(rows: list[Row], ids: list[str]) -> list[Row]:
    """``rows`` in the order of ``ids`` (ranked search results)."""
    return _in_order(rows, ids)
