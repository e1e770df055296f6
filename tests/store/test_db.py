"""The SQLite store: real files, WAL, migrations, idempotent ingest, a second process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from storytrail import Article, Rejection, Store, StoreError, build, ingest
from storytrail.ingest.article import make_article
from storytrail.store.reads import search_articles, stats
from storytrail.store.schema import SCHEMA_VERSION

BODY = "The president said the talks over the Upper Seln Dam would go on after the summer."


def article(text: str = BODY, url: str | None = None, **meta) -> Article:
    return make_article("test", text, url=url, **meta)


def test_migration_from_an_empty_file(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "quotes", "statements", "articles_fts", "quotes_fts"} <= tables
    with Store(path) as again:  # reopening migrates nothing and loses nothing
        assert again.schema_version == SCHEMA_VERSION


def test_store_is_wal_with_foreign_keys(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            'INSERT INTO removed_spans (article_id, start, "end", kind, text)'
            " VALUES ('art_missing', 0, 1, 'boilerplate', 'x')"
        )


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}").close()
    with pytest.raises(StoreError, match="newer than this storytrail"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a usable storytrail database"):
        Store(path)


def test_same_url_twice_is_one_row(store):
    first = store.add_article(article(url="https://a.example/story?utm_source=x"))
    second = store.add_article(article(BODY + " Updated.", url="https://A.example/story/"))
    assert (first.status, second.status) == ("added", "duplicate")
    assert first.article_id == second.article_id
    assert stats(store.conn)["articles"] == 1


def test_same_text_from_two_places_is_one_row(store):
    store.add_article(article(BODY))
    again = store.add_article(
        article("  " + BODY.replace(" ", "\n", 3) + "\n", url="https://b.example/x")
    )
    assert again.status == "duplicate"
    assert stats(store.conn)["articles"] == 1


def test_duplicate_fills_metadata_the_first_copy_lacked(store):
    store.add_article(article(BODY))
    store.add_article(article(BODY, outlet="Basin Post", published="2023-04-05"))
    row = store.conn.execute("SELECT outlet, published, published_source FROM articles").fetchone()
    assert tuple(row) == ("Basin Post", "2023-04-05", None)


def test_reingesting_the_demo_corpus_adds_nothing(tmp_path, demo_folder):
    with Store(tmp_path / "x.db") as store:
        first = ingest(store, [demo_folder])
        second = ingest(store, [demo_folder])
        assert first.added >= 15 and first.duplicates == 0
        assert (second.added, second.duplicates) == (0, first.added)
        assert stats(store.conn)["articles"] == first.added


def test_rejections_are_recorded_once_and_counted(store):
    for _ in range(2):
        store.record_rejection(Rejection("bad.txt", "binary: contains NUL bytes"))
    rows = store.conn.execute("SELECT source, reason, times FROM rejections").fetchall()
    assert [tuple(r) for r in rows] == [("bad.txt", "binary: contains NUL bytes", 2)]


def test_failed_transaction_leaves_the_store_as_it_was(store):
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute(
            "INSERT INTO rejections (source, line, reason, first_seen, last_seen)"
            " VALUES ('x', NULL, 'y', 'now', 'now')"
        )
        raise RuntimeError("crash halfway")
    assert stats(store.conn)["rejections"] == 0


def test_full_text_search_finds_titles_and_text(store):
    store.add_article(article(BODY, title="Dam talks go on"))
    store.add_article(article("Fishing quotas were agreed by the coastal states on Monday."))
    hits = search_articles(store.conn, "seln AND dam")
    assert [h["title"] for h in hits] == ["Dam talks go on"]


def test_build_is_incremental(store):
    store.add_article(article(BODY + "\n\nSource link"))
    assert build(store) == 1
    assert build(store) == 0
    assert stats(store.conn)["removed_spans"] == 1


READER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], timeout=1)
    print(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    """
)


def test_second_process_reads_while_a_write_is_open(tmp_path):
    path = tmp_path / "shared.db"
    with Store(path) as store:
        store.add_article(article(BODY))
        with store.transaction() as conn:  # holds the write lock until the block ends
            store._add_article(conn, article(BODY + " A second article."))
            reader = subprocess.run(
                [sys.executable, "-c", READER, str(path)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert reader.returncode == 0, reader.stderr
            assert reader.stdout.strip() == "1"  # the open write is invisible, not blocking
        after = subprocess.run(
            [sys.executable, "-c", READER, str(path)], capture_output=True, text=True, timeout=60
        )
        assert after.stdout.strip() == "2"


def test_second_store_waits_for_the_writer_instead_of_failing(tmp_path):
    path = tmp_path / "shared.db"
    with Store(path) as store:
        store.add_article(article(BODY))
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                from storytrail import Store
                from storytrail.ingest.article import make_article
                with Store({str(path)!r}) as s, s.transaction() as c:
                    s._add_article(c, make_article("w", {BODY!r} + " From the writer."))
                    print("locked", flush=True)
                    time.sleep(1.5)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "locked"
    with Store(path) as store:
        result = store.add_article(article(BODY + " From the main process."))
    assert writer.wait(timeout=60) == 0
    assert result.status == "added"
    with Store(path) as store:
        assert stats(store.conn)["articles"] == 3
