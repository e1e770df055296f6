"""Export the store as JSON, JSON Lines, CSV or Parquet (``docs/export.md``).

``FIELDS`` is the schema: every table's fields, in order, with their type.
The store's readers yield exactly these keys (a test pins it), empty tables
still get their header or Parquet schema, and lists are written natively
(JSON, Parquet) or as JSON text (CSV). Rows stream: no format holds the
corpus in memory except Parquet, which holds one table at a time.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import IO, Literal

from storytrail.store.reads import TABLES

FieldType = Literal["str", "int", "float", "list"]
Format = Literal["json", "jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "csv", "parquet")

FIELDS: dict[str, dict[str, FieldType]] = {
    "articles": {
        "id": "str",
        "source": "str",
        "url": "str",
        "outlet": "str",
        "title": "str",
        "published": "str",
        "published_source": "str",
        "date": "str",
        "date_source": "str",
        "date_confidence": "float",
        "author": "str",
        "language": "str",
        "text": "str",
        "original": "str",
        "place": "str",
        "duplicate_of": "str",
        "built_at": "str",
    },
    "quotes": {
        "id": "str",
        "article_id": "str",
        "kind": "str",
        "text": "str",
        "speaker": "str",
        "speaker_id": "str",
        "speaker_mention": "str",
        "cue": "str",
        "start": "int",
        "end": "int",
        "date": "str",
        "date_granularity": "str",
        "date_source": "str",
        "date_evidence_start": "int",
        "date_evidence_end": "int",
        "statement_id": "str",
    },
    "statements": {
        "id": "str",
        "speaker": "str",
        "speaker_id": "str",
        "text": "str",
        "quote_ids": "list",
        "first_reported": "str",
        "date": "str",
        "date_granularity": "str",
    },
    "variants": {
        "statement_id": "str",
        "quote_id": "str",
        "article_id": "str",
        "outlet": "str",
        "published": "str",
        "kind": "str",
        "text": "str",
        "changed_words": "int",
        "diff": "list",
    },
    "events": {
        "id": "str",
        "title": "str",
        "date": "str",
        "place": "str",
        "article_ids": "list",
        "participants": "list",
    },
    "stories": {"id": "str", "title": "str", "event_ids": "list"},
    "entities": {"id": "str", "name": "str", "kind": "str", "aliases": "list"},
    "citations": {
        "article_id": "str",
        "cites": "str",
        "cue": "str",
        "via": "str",
        "start": "int",
        "end": "int",
    },
    "rereports": {
        "article_id": "str",
        "original_date": "str",
        "reason": "str",
        "statement_ids": "list",
    },
    "time_expressions": {
        "article_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "timex_type": "str",
        "value": "str",
        "end_value": "str",
        "granularity": "str",
        "anchor": "str",
        "direction": "str",
        "rule": "str",
        "tense": "str",
        "note": "str",
    },
    "embeds": {
        "id": "str",
        "article_id": "str",
        "author": "str",
        "handle": "str",
        "date": "str",
        "text": "str",
        "start": "int",
        "end": "int",
    },
    "removed": {"article_id": "str", "kind": "str", "text": "str", "start": "int", "end": "int"},
    "rejections": {
        "source": "str",
        "line": "int",
        "reason": "str",
        "first_seen": "str",
        "last_seen": "str",
        "times": "int",
    },
}

# The singular used as the ``type`` of a JSON Lines record.
RECORD_TYPES = {
    "articles": "article",
    "quotes": "quote",
    "statements": "statement",
    "variants": "variant",
    "events": "event",
    "stories": "story",
    "entities": "entity",
    "citations": "citation",
    "rereports": "rereport",
    "time_expressions": "time_expression",
    "embeds": "embed",
    "removed": "removed",
    "rejections": "rejection",
}


def export_json(conn: sqlite3.Connection, out: IO[str]) -> dict[str, int]:
    """One JSON document ``{table: [rows]}``, written row by row. Returns row counts."""
    counts: dict[str, int] = {}
    out.write("{")
    for t, table in enumerate(TABLES):
        out.write(f"{',' if t else ''}\n  {json.dumps(table)}: [")
        counts[table] = 0
        for row in TABLES[table](conn):
            out.write(
                ("," if counts[table] else "") + "\n    " + json.dumps(row, ensure_ascii=False)
            )
            counts[table] += 1
        out.write("\n  ]" if counts[table] else "]")
    out.write("\n}\n")
    return counts


def export_jsonl(conn: sqlite3.Connection, out: IO[str]) -> dict[str, int]:
    """One JSON object per line, each with a ``type`` naming its table's record."""
    counts: dict[str, int] = {}
    for table, rows in TABLES.items():
        counts[table] = 0
        for row in rows(conn):
            out.write(json.dumps({"type": RECORD_TYPES[table], **row}, ensure_ascii=False) + "\n")
            counts[table] += 1
    return counts


def export_csv(conn: sqlite3.Connection, folder: Path) -> dict[str, int]:
    """``folder/TABLE.csv`` for every table; list fields hold JSON arrays."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, rows in TABLES.items():
        fields = FIELDS[table]
        counts[table] = 0
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(fields))
            writer.writeheader()
            for row in rows(conn):
                writer.writerow(
                    {
                        k: json.dumps(v, ensure_ascii=False) if fields[k] == "list" else v
                        for k, v in row.items()
                    }
                )
                counts[table] += 1
    return counts


def export_parquet(conn: sqlite3.Connection, folder: Path) -> dict[str, int]:
    """``folder/TABLE.parquet`` for every table, with typed columns (lists as list<string>)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
    }
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, rows in TABLES.items():
        schema = pa.schema([(name, arrow_types[kind]) for name, kind in FIELDS[table].items()])
        records = list(rows(conn))
        pq.write_table(pa.Table.from_pylist(records, schema=schema), folder / f"{table}.parquet")
        counts[table] = len(records)
    return counts


def export(conn: sqlite3.Connection, fmt: Format, target: Path | IO[str]) -> dict[str, int]:
    """Write the store in ``fmt`` to ``target`` (a stream for json/jsonl, a folder otherwise)."""
    if fmt in ("json", "jsonl"):
        if isinstance(target, Path):
            with target.open("w", encoding="utf-8") as handle:
                return export(conn, fmt, handle)
        return (export_json if fmt == "json" else export_jsonl)(conn, target)
    if not isinstance(target, Path):
        raise ValueError(f"{fmt} export writes one file per table: give a folder")
    return (export_csv if fmt == "csv" else export_parquet)(conn, target)
