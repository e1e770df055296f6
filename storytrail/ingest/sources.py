"""Walking what the user named (files, folders, manifests, feeds, web archives, URLs)
and dispatching to readers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storytrail.ingest.errors import IngestError
from storytrail.ingest.feed import FEED_SUFFIXES, read_feed_file
from storytrail.ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES, article_from_file
from storytrail.ingest.manifest import manifest_paths, read_manifest
from storytrail.ingest.parquet import PARQUET_SUFFIXES, read_parquet
from storytrail.ingest.paths import refuse_special
from storytrail.ingest.url import FetchHistory, Web, is_url, read_url
from storytrail.ingest.warc import is_warc, read_warc
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

MANIFEST_SUFFIXES = frozenset({".jsonl", ".ndjson"})
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | MANIFEST_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES
)


def read_sources(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULTS,
    history: FetchHistory | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an ``Article`` or a ``Rejection`` for every input under ``paths``.

    Folders are walked recursively in sorted order, taking only known suffixes
    (and ``.warc``/``.warc.gz``) and skipping hidden entries; a file named
    explicitly is read whatever its suffix. An ``http(s)://`` entry is fetched.
    ``history`` remembers earlier fetches (see ``storytrail.ingest.url``).
    """
    web = Web(settings, history)
    try:
        for entry in paths:
            if is_url(entry):
                yield from read_url(str(entry), web)
                continue
            path = Path(entry)
            if path.is_dir():
                yield from _read_folder(path, settings, web)
            elif path.exists():
                yield from read_file(path, settings, web)
            else:
                yield Rejection(str(path), "not found")
    finally:
        web.close()


def _read_folder(folder: Path, settings: Settings, web: Web) -> Iterator[Article | Rejection]:
    """Manifests first, then the loose files no manifest already named.

    A file a manifest names is read through the manifest, with its metadata;
    reading it again bare would only find the duplicate.
    """
    files = [
        child
        for child in sorted(folder.rglob("*"))
        if child.is_file()
        and (child.suffix.lower() in KNOWN_SUFFIXES or is_warc(child))
        and not any(part.startswith(".") for part in child.relative_to(folder).parts)
    ]
    manifests = [f for f in files if f.suffix.lower() in MANIFEST_SUFFIXES]
    named: set[Path] = set()
    for manifest in manifests:
        named |= manifest_paths(manifest)
        yield from read_manifest(manifest, str(manifest), settings)
    for child in files:
        if child not in manifests and child.resolve() not in named:
            yield from read_file(child, settings, web)


def read_file(
    path: Path, settings: Settings = DEFAULTS, web: Web | None = None
) -> Iterator[Article | Rejection]:
    """Yield what one file holds: many articles for a manifest, a Parquet shard, a feed
    or a web archive, else one (or a rejection)."""
    source = str(path)
    try:
        refuse_special(path, source)
    except IngestError as exc:
        yield exc.rejection()
        return
    if path.suffix.lower() in MANIFEST_SUFFIXES:
        yield from read_manifest(path, source, settings)
        return
    if is_warc(path):
        yield from read_warc(path, source, settings)
        return
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from read_parquet(path, source, settings)
        return
    if path.suffix.lower() in FEED_SUFFIXES:
        own = web or Web(settings)
        try:
            yield from read_feed_file(path, source, own)
        finally:
            if web is None:
                own.close()
        return
    try:
        yield article_from_file(path, source, settings=settings)
    except IngestError as exc:
        yield exc.rejection()
