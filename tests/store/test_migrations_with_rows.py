"""Migrations run on stores that hold rows, not only on an empty file.

For every earlier schema version a store is made at that version (its migrations
run as the store runs them), given an article with its build, a quote and (from
version 4) a time expression, using only the columns that version had. Opening it
must migrate it to the current version keeping every row and value, fill new
columns with their defaults, pass SQLite's integrity and foreign-key checks, and
leave a store the real pipeline can rebuild and link.
"""

from __future__ import annotations

import sqlite3

import pytest

from storytrail import Store, build
from storytrail.api import link
from storytrail.store.db import _statements
from storytrail.store.schema import MIGRATIONS, SCHEMA_VERSION

TEXT = (
    "VESSGARD, May 4 - The river authority opened two sluice gates on Monday.\n\n"
    "“We will open the third gate only if the rain goes on,” Ilse Varga said "
    "on Monday."
)
QUOTE = "We will open the third gate only if the rain goes on,"


def store_at(path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for n in range(version):
        for statement in _statements(MIGRATIONS[n]):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO articles (id, source, url, outlet, title, published, published_source,"
        " author, language, original, text_hash, ingested_at) VALUES ('art_old', 'old.txt',"
        " 'https://ledger.example/gates', 'Valley Ledger', 'Gates open', '2030-05-04',"
        " 'manifest', NULL, 'en', ?, 'hash-old', '2030-05-04T10:00:00+00:00')",
        (TEXT,),
    )
    conn.execute(
        "INSERT INTO builds (article_id, text, offset_runs, orig_length, pipeline_version,"
        " built_at) VALUES ('art_old', ?, '[]', ?, 'old', '2030-05-04T10:00:00+00:00')",
        (TEXT, len(TEXT)),
    )
    start = TEXT.index(QUOTE)
    conn.execute(
        'INSERT INTO quotes (id, article_id, kind, text, start, "end", speaker, cue)'
        " VALUES ('quo_old', 'art_old', 'direct', ?, ?, ?, 'Ilse Varga', 'say')",
        (QUOTE, start, start + len(QUOTE)),
    )
    if version >= 4:
        conn.execute(
            'INSERT INTO time_expressions (article_id, start, "end", text, value, granularity)'
            " VALUES ('art_old', 60, 66, 'Monday', '2030-05-01', 'day')"
        )
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_store_of_an_earlier_version_migrates_with_its_rows(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    store_at(path, version)
    with Store(path) as store:
        conn = store.conn
        assert store.schema_version == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        article = conn.execute("SELECT * FROM articles WHERE id = 'art_old'").fetchone()
        assert (article["original"], article["outlet"], article["published"]) == (
            TEXT,
            "Valley Ledger",
            "2030-05-04",
        )
        (built,) = conn.execute("SELECT * FROM builds").fetchall()
        assert (built["text"], built["pipeline_version"]) == (TEXT, "old")
        assert built["speakers"] == "[]"  # added by migration 4 with this default
        (quote,) = conn.execute("SELECT * FROM quotes").fetchall()
        assert (quote["id"], quote["text"], quote["speaker"]) == ("quo_old", QUOTE, "Ilse Varga")
        expressions = conn.execute("SELECT * FROM time_expressions").fetchall()
        if version >= 4:
            (expression,) = expressions
            assert (expression["text"], expression["value"]) == ("Monday", "2030-05-01")
            assert expression["timex_type"] == "DATE"  # migration 8's default for old rows
        else:
            assert expressions == []


@pytest.mark.parametrize("version", [1, SCHEMA_VERSION - 1])
def test_a_migrated_store_is_rebuilt_and_linked_by_the_pipeline(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    store_at(path, version)
    with Store(path) as store:
        assert build(store) == 1  # the old build is stale: rebuilt by this version
        link(store)
        conn = store.conn
        (built,) = conn.execute("SELECT pipeline_version FROM builds").fetchall()
        assert built[0] != "old"
        quotes = conn.execute("SELECT text, speaker FROM quotes").fetchall()
        assert [(q["text"].rstrip(","), q["speaker"]) for q in quotes] == [
            (QUOTE.rstrip(","), "Ilse Varga")
        ]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
