"""Per-partition Parquet files of built articles, and loading them into a store.

A Dask run (or any run that should not funnel every result through one
process) writes each partition it built to ``part-NNNNN.parquet``. One row is
one built article:

- the ``Article`` as read (``id``, ``source``, ``original``, ``url``, ``outlet``,
  ``title``, ``published``, ``published_source``, ``author``, ``language``,
  ``text_hash``), so a part is complete without the store it may never have
  been in;
- ``pipeline_version``, ``text`` (the cleaned text) and ``place``, for readers
  that only want to look (DuckDB, pandas, Spark);
- ``built``: the whole ``BuiltArticle`` (offset map, removed spans, embeds,
  sentences, mentions, quotes, citations, dates, ...) as JSON, rebuilt field by
  field from the dataclasses' type hints, so fields the pipeline grows travel
  too; a stage's dataclass in a field typed ``Any`` names its class.

``load_parts`` puts a folder of parts into the store: articles first (a
duplicate changes nothing), then their builds, 256 articles per transaction.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storytrail.model import Article, BuiltArticle
from storytrail.store import Store

ARTICLE_COLUMNS = tuple(f.name for f in dataclasses.fields(Article))
PART_GLOB = "part-*.parquet"
# Where a dataclass in an ``Any`` field names its class (``module:QualName``).
TYPE_KEY = "__type__"


def part_path(folder: Path, number: int) -> Path:
    return folder / f"part-{number:05d}.parquet"


def part_schema():  # -> pyarrow.Schema
    import pyarrow as pa

    columns = [(name, pa.string()) for name in ARTICLE_COLUMNS]
    columns += [(name, pa.string()) for name in ("pipeline_version", "text", "place", "built")]
    return pa.schema(columns)


class PartWriter:
    """Writes one part a row group at a time, so a large shard is never held whole.

    The file is written under a temporary name and renamed on ``close``, so a
    reader (or ``load_parts``) never sees half a part; ``abort`` removes it.
    """

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.writer = pq.ParquetWriter(self.partial, part_schema())
        self.rows = 0

    def write(self, pairs: Iterable[tuple[Article, BuiltArticle]], pipeline_version: str) -> int:
        """Append ``(article, built)`` pairs as one row group; return how many."""
        import pyarrow as pa

        rows = [part_row(article, built, pipeline_version) for article, built in pairs]
        if rows:
            self.writer.write_table(pa.Table.from_pylist(rows, schema=part_schema()))
        self.rows += len(rows)
        return len(rows)

    def close(self) -> None:
        self.writer.close()
        self.partial.replace(self.path)

    def abort(self) -> None:
        self.writer.close()
        self.partial.unlink(missing_ok=True)


def part_row(article: Article, built: BuiltArticle, pipeline_version: str) -> dict[str, Any]:
    return {
        **{name: getattr(article, name) for name in ARTICLE_COLUMNS},
        "pipeline_version": pipeline_version,
        "text": built.clean.text,
        "place": built.place,
        "built": json.dumps(to_plain(built, BuiltArticle), ensure_ascii=False),
    }


def write_part(
    path: Path, pairs: Iterable[tuple[Article, BuiltArticle]], pipeline_version: str
) -> int:
    """Write ``(article, built)`` pairs to one Parquet file; return the row count."""
    writer = PartWriter(path)
    try:
        writer.write(pairs, pipeline_version)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return writer.rows


def read_part(path: Path, rows_at_once: int = 256) -> Iterator[tuple[Article, BuiltArticle, str]]:
    """``(article, built, pipeline_version)`` for every row of one part, streamed."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=rows_at_once):
        for row in batch.to_pylist():
            article = Article(**{name: row[name] for name in ARTICLE_COLUMNS})
            built = from_plain(BuiltArticle, json.loads(row["built"]))
            yield article, built, row["pipeline_version"]


def load_parts(store: Store, folder: Path, rows_at_once: int = 256) -> int:
    """Load every ``part-*.parquet`` under ``folder`` (in name order) into ``store``.

    Returns how many built articles were saved.
    """
    return sum(load_part(store, path, rows_at_once) for path in sorted(folder.glob(PART_GLOB)))


def load_part(store: Store, path: Path, rows_at_once: int = 256) -> int:
    """Load one part into ``store``, ``rows_at_once`` articles per transaction."""
    saved = 0
    group: list[tuple[Article, BuiltArticle, str]] = []
    for item in read_part(path, rows_at_once):
        group.append(item)
        if len(group) >= rows_at_once:
            saved += _save_group(store, group)
            group = []
    return saved + _save_group(store, group)


def _save_group(store: Store, group: list[tuple[Article, BuiltArticle, str]]) -> int:
    if not group:
        return 0
    store.add_articles(article for article, _, _ in group)
    saved = 0
    for version in dict.fromkeys(version for _, _, version in group):
        built = [b for _, b, v in group if v == version]
        saved += store.save_builds(built, version)
    return saved


def to_plain(value: Any, kind: Any = Any) -> Any:
    """A dataclass tree as JSON-ready dicts and lists, guided by the declared type
    ``kind``: a dataclass stored where the declaration does not name its class
    (a field typed ``Any``) carries its class as ``"__type__"``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = _type_hints(type(value))
        plain = {
            f.name: to_plain(getattr(value, f.name), hints.get(f.name, Any))
            for f in dataclasses.fields(value)
        }
        if kind is not type(value) and _optional_of(kind) is not type(value):
            plain[TYPE_KEY] = f"{type(value).__module__}:{type(value).__qualname__}"
        return plain
    args = typing.get_args(kind)
    if isinstance(value, list | tuple):
        if typing.get_origin(kind) is tuple and args and args[-1] is not Ellipsis:
            return [to_plain(item, hint) for item, hint in zip(value, args, strict=False)]
        return [to_plain(item, args[0] if args else Any) for item in value]
    if isinstance(value, dict):
        hint = args[1] if len(args) == 2 else Any
        return {key: to_plain(item, hint) for key, item in value.items()}
    return value


def from_plain(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` (a dataclass, ``list[...]``, ``tuple[...]``,
    ``dict[...]``, ``X | None``, a ``Literal`` or a plain type) from ``to_plain``'s
    output. A ``"__type__"`` names the class only among storytrail's own modules."""
    if value is None:
        return None
    if isinstance(value, dict) and TYPE_KEY in value:
        kind = _storytrail_class(value[TYPE_KEY])
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = _type_hints(kind)
        return kind(
            **{
                f.name: from_plain(hints.get(f.name, Any), value[f.name])
                for f in dataclasses.fields(kind)
                if f.init and f.name in value
            }
        )
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return from_plain(options[0], value) if len(options) == 1 else value
    if origin is list or (kind is Any and isinstance(value, list)):
        return [from_plain(args[0] if args else Any, item) for item in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item) for item in value)
        if args:
            return tuple(from_plain(a, item) for a, item in zip(args, value, strict=True))
        return tuple(value)
    if origin is dict or (kind is Any and isinstance(value, dict)):
        hint = args[1] if len(args) == 2 else Any
        return {key: from_plain(hint, item) for key, item in value.items()}
    return value


def _optional_of(kind: Any) -> Any:
    """``X`` for ``X | None``; None for anything else."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return None


def _storytrail_class(name: str) -> type:
    module, _, qualname = name.partition(":")
    if module != "storytrail" and not module.startswith("storytrail."):
        raise ValueError(f"refusing to rebuild {name!r}: not a storytrail class")
    found = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
        raise ValueError(f"{name!r} is not a storytrail dataclass")
    return found


@functools.cache
def _type_hints(kind: type) -> dict[str, Any]:
    """A dataclass's field types; a hint that cannot be resolved (a name imported
    only for type checkers) reads as ``Any``: its value is kept as JSON gave it."""
    try:
        return typing.get_type_hints(kind)
    except NameError:
        namespace = vars(sys.modules[kind.__module__])
        hints: dict[str, Any] = {}
        for f in dataclasses.fields(kind):
            try:
                hints[f.name] = eval(f.type, namespace) if isinstance(f.type, str) else f.type
            except NameError:
                hints[f.name] = Any
        return hints
