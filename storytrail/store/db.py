"""The SQLite store: opening, migrating, and every write.

Nothing else in storytrail writes SQL. The connection runs in autocommit
mode and every write goes through ``transaction()``, which takes the write lock
up front (``BEGIN IMMEDIATE``) so two writers queue behind ``busy_timeout``
instead of failing half-way; WAL mode lets readers in other processes go on
while one process writes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storytrail.model import Article, BuiltArticle, Rejection, stable_id
from storytrail.settings import DEFAULTS, Settings
from storytrail.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "storytrail.db"


class StoreError(Exception):
    """The database cannot be used: newer schema than this code, or not SQLite."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``add_article`` did: ``added`` a new row or found a ``duplicate``."""

    article_id: str
    status: Literal["added", "duplicate"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def no_store_message(path: str | Path) -> str:
    return f"no storytrail store at {path} (run `storytrail --db {path} ingest …` first)"


def vet_store_file(path: Path, create: bool) -> None:
    """Refuse, before anything is written to it, a path that is not a store and may not
    become one: a missing file when ``create`` is false, a missing folder, something
    other than a file, or another application's SQLite database (opening that as a
    store would add storytrail's tables to it). Raises ``StoreError`` saying which.
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"cannot use {path}: the folder {path.parent} does not exist")
        if not create:
            raise StoreError(no_store_message(path))
        return
    if not path.is_file():
        raise StoreError(f"cannot use {path}: not a file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master LIMIT 4")]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return  # a writer holds it; opening it waits for the lock and says so
        raise StoreError(f"{path}: not a usable storytrail database ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable storytrail database ({exc})") from exc
    if version == 0 and tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise StoreError(
            f"{path} is another application's SQLite database (tables {shown}), not a "
            "storytrail store; it was left untouched"
        )
    if version == 0 and not create:
        raise StoreError(no_store_message(path))


class Store:
    """One SQLite database file holding everything storytrail knows."""

    def __init__(
        self, path: str | Path = DEFAULT_DB, settings: Settings = DEFAULTS, create: bool = True
    ) -> None:
        """Open (with ``create``, make) the store at ``path`` and migrate it.

        Raises ``StoreError`` for a path that is not a store (``vet_store_file``),
        a store locked too long by another process, or a newer schema.
        """
        self.path = Path(path)
        vet_store_file(self.path, create)
        try:
            self.conn = sqlite3.connect(
                self.path,
                isolation_level=None,
                timeout=settings.sqlite_busy_timeout_s,
                check_same_thread=False,
            )
            self.conn.row_factory = sqlite3.Row
            self._use_wal(settings.sqlite_busy_timeout_s)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout = {int(settings.sqlite_busy_timeout_s * 1000)}")
            self.migrate()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise StoreError(
                    f"{self.path}: locked by another process for over "
                    f"{settings.sqlite_busy_timeout_s:g} s; try again when it has finished"
                ) from exc
            raise StoreError(f"{self.path}: not a usable storytrail database ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storytrail database ({exc})") from exc

    def _use_wal(self, wait_s: float) -> None:
        """Switch to WAL, waiting for other openers.

        Two processes opening a new file at once race to switch it to WAL, and
        SQLite answers the loser "database is locked" at once, without its busy
        handler (that lock upgrade could deadlock); so wait and retry here.
        """
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the file up to ``SCHEMA_VERSION``, one transaction per migration."""
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this storytrail "
                f"({SCHEMA_VERSION}); upgrade storytrail"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction() as conn:
                if self.schema_version >= version:  # another process got there first
                    continue
                for statement in _statements(MIGRATIONS[version - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- ingest -------------------------------------------------------------

    def add_articles(self, items: Iterable[Article]) -> list[AddResult]:
        """Add several articles in one transaction (faster than one each)."""
        with self.transaction() as conn:
            return [self._add_article(conn, article) for article in items]

    def add_article(self, article: Article) -> AddResult:
        """Add ``article`` unless it is already here (same URL or same normalised text).

        A duplicate fills metadata the stored copy lacks (a manifest's date
        for a file first read bare) and changes nothing else.
        """
        with self.transaction() as conn:
            return self._add_article(conn, article)

    def _add_article(self, conn: sqlite3.Connection, article: Article) -> AddResult:
        existing = conn.execute(
            "SELECT id FROM articles WHERE id = ? OR text_hash = ?",
            (article.id, article.text_hash),
        ).fetchone()
        if existing is not None:
            self._fill_missing_metadata(conn, existing["id"], article)
            return AddResult(existing["id"], "duplicate")
        cursor = conn.execute(
            "INSERT INTO articles (id, source, url, outlet, title, published, published_source,"
            " author, language, original, text_hash, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.source,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.published_source,
                article.author,
                article.language,
                article.original,
                article.text_hash,
                _now(),
            ),
        )
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (cursor.lastrowid, article.title or "", article.original),
        )
        return AddResult(article.id, "added")

    @staticmethod
    def _fill_missing_metadata(conn: sqlite3.Connection, article_id: str, article: Article) -> None:
        conn.execute(
            "UPDATE articles SET url = COALESCE(url, ?), outlet = COALESCE(outlet, ?),"
            " title = COALESCE(title, ?), author = COALESCE(author, ?),"
            " language = COALESCE(language, ?),"
            " published_source = CASE WHEN published IS NULL THEN ? ELSE published_source END,"
            " published = COALESCE(published, ?) WHERE id = ?",
            (
                article.url,
                article.outlet,
                article.title,
                article.author,
                article.language,
                article.published_source,
                article.published,
                article_id,
            ),
        )

    def record_rejection(self, rejection: Rejection) -> None:
        """Remember a refused input; the same refusal again bumps its count."""
        now = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO rejections (source, line, reason, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (source, IFNULL(line, -1), reason)"
                " DO UPDATE SET last_seen = excluded.last_seen, times = times + 1",
                (rejection.source, rejection.line, rejection.reason, now, now),
            )

    # --- build --------------------------------------------------------------

    def articles_to_build(self, pipeline_version: str, batch_size: int) -> Iterator[list[Article]]:
        """Batches of articles never built, or built by another pipeline version, oldest first.

        Pages by rowid, so saving builds between batches is safe and an article
        whose build fails is not offered again in the same run.
        """
        after = 0
        while True:
            rows = self.conn.execute(
                "SELECT a.rowid AS row_number, a.* FROM articles a"
                " LEFT JOIN builds b ON b.article_id = a.id"
                " WHERE a.rowid > ? AND (b.article_id IS NULL OR b.pipeline_version != ?)"
                " ORDER BY a.rowid LIMIT ?",
                (after, pipeline_version, batch_size),
            ).fetchall()
            if not rows:
                return
            after = rows[-1]["row_number"]
            yield [article_from_row(row) for row in rows]

    def count_to_build(self, pipeline_version: str) -> int:
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM articles a LEFT JOIN builds b ON b.article_id = a.id"
                " WHERE b.article_id IS NULL OR b.pipeline_version != ?",
                (pipeline_version,),
            ).fetchone()[0]
        )

    def save_builds(self, built: Iterable[BuiltArticle], pipeline_version: str) -> int:
        """Replace what earlier builds stored for these articles, in one transaction."""
        count = 0
        with self.transaction() as conn:
            for item in built:
                self._save_build(conn, item, pipeline_version)
                count += 1
        return count

    def _save_build(
        self, conn: sqlite3.Connection, built: BuiltArticle, pipeline_version: str
    ) -> None:
        article_id, clean = built.article_id, built.clean
        for table in ("removed_spans", "embeds", "mentions", "citations", "time_expressions"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._delete_quotes(conn, article_id)
        conn.execute(
            "INSERT OR REPLACE INTO builds (article_id, text, offset_runs, offset_ends,"
            " orig_length, repairs, sentences, pipeline_version, built_at, place,"
            " date, date_granularity, date_source, date_confidence, speakers)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                clean.text,
                json.dumps(clean.offset_runs),
                json.dumps(clean.offset_ends),
                clean.orig_length,
                clean.repairs,
                json.dumps(built.annotations.sentences),
                pipeline_version,
                _now(),
                built.place,
                getattr(built.publication, "value", None),
                getattr(built.publication, "granularity", None),
                getattr(built.publication, "source", None),
                getattr(built.publication, "confidence", None),
                json.dumps(built.speakers, ensure_ascii=False),
            ),
        )
        conn.executemany(
            'INSERT OR IGNORE INTO time_expressions (article_id, start, "end", text, value,'
            " end_value, granularity, anchor, direction, rule, tense, note, timex_type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    t.start,
                    t.end,
                    t.text,
                    t.value,
                    t.end_value,
                    t.granularity,
                    t.anchor,
                    t.direction,
                    t.source,
                    t.tense,
                    t.note,
                    t.timex_type,
                )
                for t in built.time_expressions
            ],
        )
        conn.executemany(
            'INSERT OR IGNORE INTO citations (article_id, cites, cue, start, "end", via)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, c.cites, c.cue, c.start, c.end, c.via) for c in built.citations],
        )
        conn.executemany(
            'INSERT INTO removed_spans (article_id, start, "end", kind, text) VALUES (?,?,?,?,?)',
            [(article_id, r.start, r.end, r.kind, r.text) for r in clean.removed],
        )
        conn.executemany(
            'INSERT INTO embeds (id, article_id, author, handle, date, text, start, "end")'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    stable_id("emb", article_id, str(e.start)),
                    article_id,
                    e.author,
                    e.handle,
                    e.date,
                    e.text,
                    e.start,
                    e.end,
                )
                for e in clean.embeds
            ],
        )
        conn.executemany(
            'INSERT OR IGNORE INTO mentions (article_id, start, "end", label, text)'
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, m.start, m.end, m.label, m.text) for m in built.annotations.mentions],
        )
        kinds = {}
        for record in built.speakers:
            for name in (record.get("fixed_name"), *record.get("names", {})):
                if name:
                    kinds[name] = record.get("kind", "person")
        # Provisional entities, so quotes can point at their speaker before linking
        # merges speakers across articles (linking then replaces them).
        conn.executemany(
            "INSERT OR IGNORE INTO entities (id, name, kind) VALUES (?, ?, ?)",
            [
                (q.speaker_id, q.speaker, _entity_kind(kinds.get(q.speaker or "", "person")))
                for q in built.quotes
                if q.speaker_id and q.speaker
            ],
        )
        for quote in built.quotes:
            cursor = conn.execute(
                'INSERT INTO quotes (id, article_id, kind, text, start, "end", speaker, speaker_id,'
                " speaker_mention, cue, date, date_granularity, date_source,"
                " date_evidence_start, date_evidence_end, own_date, own_date_granularity,"
                " own_date_source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    quote.id,
                    article_id,
                    quote.kind,
                    quote.text,
                    quote.start,
                    quote.end,
                    quote.speaker,
                    quote.speaker_id,
                    quote.speaker_mention,
                    quote.cue,
                    quote.date,
                    quote.date_granularity,
                    quote.date_source,
                    quote.date_evidence_start,
                    quote.date_evidence_end,
                    quote.date,
                    quote.date_granularity,
                    quote.date_source,
                ),
            )
            conn.execute(
                "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
                (cursor.lastrowid, quote.text, quote.speaker or ""),
            )
        rowid = conn.execute("SELECT rowid, title FROM articles WHERE id = ?", (article_id,))
        row = rowid.fetchone()
        conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (row["rowid"],))
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (row["rowid"], row["title"] or "", clean.text),
        )

    @staticmethod
    def _delete_quotes(conn: sqlite3.Connection, article_id: str) -> None:
        conn.execute(
            "DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE article_id = ?)",
            (article_id,),
        )
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))

    # --- sources: fetch state and the watch log --------------------------------

    def fetch_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """``(etag, last_modified)`` of the last complete fetch of ``url``; None if never."""
        row = self.conn.execute(
            "SELECT etag, last_modified FROM fetch_state WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else (row["etag"], row["last_modified"])

    def save_fetch_state(
        self,
        fetched: Iterable[tuple[str, str | None, str | None]],
        unchanged: Iterable[str] = (),
    ) -> None:
        """Record ``(url, etag, last_modified)`` of complete fetches and the URLs found
        unchanged, in one transaction. Call it only once what was fetched is saved:
        a remembered ETag makes the next run skip the page."""
        now = _now()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO fetch_state (url, etag, last_modified, fetched_at, checked_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                " etag = excluded.etag, last_modified = excluded.last_modified,"
                " fetched_at = excluded.fetched_at, checked_at = excluded.checked_at,"
                " times_unchanged = 0",
                [(url, etag, modified, now, now) for url, etag, modified in fetched],
            )
            conn.executemany(
                "UPDATE fetch_state SET checked_at = ?, times_unchanged = times_unchanged + 1"
                " WHERE url = ?",
                [(now, url) for url in unchanged],
            )

    def log_watch_round(
        self,
        started_at: str,
        sources: list[str],
        counts: dict[str, int],
        changes: dict[str, int],
    ) -> int:
        """Append one round of ``storytrail watch`` to ``watch_rounds``; return its number."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO watch_rounds (started_at, finished_at, sources, added, duplicates,"
                " unchanged, rejected, built, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    started_at,
                    _now(),
                    json.dumps(sources),
                    counts["added"],
                    counts["duplicates"],
                    counts["unchanged"],
                    counts["rejected"],
                    counts["built"],
                    json.dumps(changes),
                ),
            )
            return int(cursor.lastrowid or 0)


def _entity_kind(kind: str) -> str:
    return kind if kind in ("person", "organisation", "place", "outlet") else "person"


def article_from_row(row: sqlite3.Row) -> Article:
    """Rebuild the ``Article`` a row of ``articles`` was made from."""
    return Article(
        id=row["id"],
        source=row["source"],
        original=row["original"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        published_source=row["published_source"],
        author=row["author"],
        language=row["language"],
        text_hash=row["text_hash"],
    )


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` aware)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
