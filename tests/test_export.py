"""Export: four formats, one schema, the same counts."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from storytrail import FIELDS, export
from storytrail.export import RECORD_TYPES
from storytrail.store.reads import TABLES

REQUIRED = {
    "articles": {"id", "source", "url", "outlet", "title", "published", "text"},
    "quotes": {
        "id", "article_id", "kind", "text", "speaker", "speaker_id", "speaker_mention",
        "cue", "start", "end", "date", "date_granularity", "statement_id",
    },
    "statements": {"id", "speaker", "speaker_id", "text", "quote_ids", "first_reported", "date"},
    "events": {"id", "title", "date", "place", "article_ids"},
    "stories": {"id", "title", "event_ids"},
    "entities": {"id", "name", "kind", "aliases"},
    "citations": {"article_id", "cites", "cue"},
}  # fmt: skip


def test_every_table_has_a_schema_and_the_issue_fields():
    assert set(TABLES) == set(FIELDS) == set(RECORD_TYPES)
    for table, fields in REQUIRED.items():
        assert fields <= set(FIELDS[table]), table


def test_readers_yield_exactly_the_documented_keys(demo_store):
    for table, rows in TABLES.items():
        for row in rows(demo_store.conn):
            assert list(row) == list(FIELDS[table]), table


def counts_in_json(text: str) -> dict[str, int]:
    return {table: len(rows) for table, rows in json.loads(text).items()}


def test_four_formats_round_trip_the_same_counts(demo_store, tmp_path):
    buffer = io.StringIO()
    expected = export(demo_store.conn, "json", buffer)
    assert counts_in_json(buffer.getvalue()) == expected
    assert expected["articles"] >= 15 and expected["removed"] > 0 and expected["embeds"] > 0

    lines = io.StringIO()
    assert export(demo_store.conn, "jsonl", lines) == expected
    seen: dict[str, int] = {}
    for line in lines.getvalue().splitlines():
        record = json.loads(line)
        seen[record["type"]] = seen.get(record["type"], 0) + 1
    assert seen == {RECORD_TYPES[t]: n for t, n in expected.items() if n}

    assert export(demo_store.conn, "csv", tmp_path / "csv") == expected
    for table, n in expected.items():
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == n
        assert list(rows[0] if rows else FIELDS[table]) == list(FIELDS[table])

    assert export(demo_store.conn, "parquet", tmp_path / "pq") == expected
    for table, n in expected.items():
        parquet = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert parquet.num_rows == n
        assert parquet.column_names == list(FIELDS[table])


def test_export_values_survive_each_format(demo_store, tmp_path):
    buffer = io.StringIO()
    export(demo_store.conn, "json", buffer)
    articles = {a["id"]: a for a in json.loads(buffer.getvalue())["articles"]}
    export(demo_store.conn, "parquet", tmp_path)
    for row in pq.read_table(tmp_path / "articles.parquet").to_pylist():
        assert row == articles[row["id"]]


def test_csv_and_parquet_need_a_folder(demo_store):
    with pytest.raises(ValueError, match="give a folder"):
        export(demo_store.conn, "csv", io.StringIO())
