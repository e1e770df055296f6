"""Parquet shards of articles: one row per article, the columns of a JSON Lines manifest.

A row has one of ``text``, ``html`` or ``path`` (relative paths resolve against
the file's folder) and optional ``url``, ``title``, ``published``, ``outlet``,
``language`` and ``author`` columns; other columns are ignored. A ``published``
stored as a Parquet date or timestamp is read as its ISO 8601 form. A bad row
is refused with its 1-based row number as the rejection's ``line``, as a
manifest refuses a line, and the other rows go on. Rows are read a record batch
at a time (``ROWS_AT_ONCE``), so a shard of millions of rows never sits in
memory whole — a row group is the largest piece pyarrow decodes at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storytrail.ingest.errors import IngestError
from storytrail.ingest.manifest import CONTENT_FIELDS, META_FIELDS, article_from_record
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

PARQUET_SUFFIXES = frozenset({".parquet"})
ROWS_AT_ONCE = 256


def read_parquet(
    path: Path, source: str, settings: Settings = DEFAULTS
) -> Iterator[Article | Rejection]:
    """Yield an article or a rejection for every row of a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield Rejection(source, f"not a readable Parquet file: {exc}")
        return
    names = shard.schema_arrow.names
    columns = [name for name in (*CONTENT_FIELDS, *META_FIELDS) if name in names]
    if not any(name in columns for name in CONTENT_FIELDS):
        yield Rejection(source, "no 'text', 'html' or 'path' column")
        return
    number = 0
    try:
        for batch in shard.iter_batches(batch_size=ROWS_AT_ONCE, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield _row_item(row, path.parent, source, number, settings)
    except (OSError, pa.ArrowException) as exc:
        yield Rejection(source, f"unreadable from row {number + 1}: {exc}", number + 1)
    finally:
        shard.close()


def _row_item(
    row: dict[str, Any], folder: Path, source: str, number: int, settings: Settings
) -> Article | Rejection:
    record = {name: _as_text(value) for name, value in row.items()}
    for name in CONTENT_FIELDS:
        content = record.get(name)
        if isinstance(content, str) and len(content.encode("utf-8")) > settings.max_file_bytes:
            return Rejection(
                source, f"'{name}' longer than {settings.max_file_bytes} bytes", number
            )
    try:
        return article_from_record(record, folder, source, number, settings)
    except IngestError as exc:
        reason = exc.reason.replace("malformed line:", "malformed row:", 1)
        return Rejection(exc.source, reason, exc.line)


def _as_text(value: Any) -> Any:
    """Dates and timestamps as ISO 8601 text; everything else as it is (a number
    where a string belongs is refused by the manifest rules)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
