"""Export the store as JSON, JSON Lines, CSV or Parquet (``docs/export.md``).

``FIELDS`` is the schema: every table's fields, in order, with their type.
The store's readers yield exactly these keys (a test pins it), empty tables
still get their header or Parquet schema, and lists are written natively
(JSON, Parquet) or as JSON text (CSV). Rows stream: no format holds the
corpus in memory except Parquet, which holds one table at a time.

Every file is written whole or not at all: rows go to a temporary file next to
the target, renamed over it only once complete (``atomic_file``), so a failed
re-export leaves the previous one as it was. An existing target is replaced
only when asked (``replace``); what cannot be written is an ``ExportError``
naming the path and the reason.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal

from storytrail.store.reads import TABLES

FieldType = Literal["str", "int", "float", "list"]
Format = Literal["json", "jsonl", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "csv", "parquet")


class ExportError(Exception):
    """The export cannot be written where asked: the path and the reason, in one line."""


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
        with atomic_file(folder / f"{table}.csv", newline="") as handle:
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
        with atomic_file(folder / f"{table}.parquet", binary=True) as handle:
            pq.write_table(pa.Table.from_pylist(records, schema=schema), handle)
        counts[table] = len(records)
    return counts


def export(
    conn: sqlite3.Connection, fmt: Format, target: Path | IO[str], replace: bool = False
) -> dict[str, int]:
    """Write the store in ``fmt`` to ``target`` (a stream or a file for json/jsonl, a
    folder otherwise). Raises ``ExportError`` when ``target`` cannot be written, or
    holds an export already and ``replace`` is false."""
    if fmt in ("json", "jsonl"):
        if isinstance(target, Path):
            check_target(target, replace, folder=False)
            with atomic_file(target) as handle:
                return export(conn, fmt, handle)
        return (export_json if fmt == "json" else export_jsonl)(conn, target)
    if not isinstance(target, Path):
        raise ValueError(f"{fmt} export writes one file per table: give a folder")
    check_target(target, replace, folder=True, suffix=f".{fmt}")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return (export_csv if fmt == "csv" else export_parquet)(conn, target)


def check_target(path: Path, replace: bool, folder: bool, suffix: str = "") -> None:
    """Refuse a target of the wrong kind (a folder for a file, a device, a FIFO) and one
    that holds an export already unless ``replace``: before anything is written."""
    if not path.exists():
        return
    kind = path.stat().st_mode
    if folder:
        if not stat.S_ISDIR(kind):
            raise ExportError(f"cannot write {path}: not a folder (give a folder for {suffix})")
        if not replace and any(path.glob(f"*{suffix}")):
            raise ExportError(f"{path} already holds {suffix} files: use --force to replace them")
        return
    if stat.S_ISDIR(kind):
        raise ExportError(f"cannot write {path}: it is a folder (give a file name)")
    if not stat.S_ISREG(kind):
        raise ExportError(f"cannot write {path}: not a regular file (a device, FIFO or socket)")
    if not replace:
        raise ExportError(f"{path} exists: use --force to replace it")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(path: Path, binary: bool = False, newline: str | None = None) -> Iterator[IO]:
    """A temporary file next to ``path``, renamed over it when the block ends without an
    error and removed otherwise; ``OSError`` becomes ``ExportError``."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
        with (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        ) as handle:
            yield handle
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
