"""Web archives (WARC and ARC, plain or gzipped per record, e.g. Common Crawl CC-News).

Only ``response`` records of a successful (200) HTML page become articles;
request, revisit, metadata, warcinfo and resource records, redirects, error
pages and non-HTML payloads (images, scripts, PDFs) are skipped quietly: a web
archive is mostly such records and none of them is a refused article. The
article's URL is ``WARC-Target-URI``. Its date is the page's own (HTML
metadata); only when the page gives none is the capture time ``WARC-Date``
used, with ``published_source`` "warc-date": the article existed by then, so
it is an upper bound on publication, not the publication date itself.

A record that cannot be used is refused with the file as source and the
record's byte offset as ``line`` (what ``warcio index`` prints, so the record
can be found again): a truncated record, a record over
``max_warc_record_bytes`` (skipped unread), a page with no article text. Later
records are still read where warcio can find them; a file whose gzip
structure is broken stops there, with one rejection at the failing offset.
What a record or the file may inflate to, and how long a header line may be,
is capped (``storytrail.ingest.warcbounds``): a compression bomb costs its
record, or the rest of the file once the file's cap is spent.
"""

from __future__ import annotations

import io
from collections.abc import Generator, Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator, ARCIterator, WARCIterator
from warcio.exceptions import ArchiveLoadFailed

from storytrail.ingest.errors import IngestError
from storytrail.ingest.url import HTML_TYPES, article_from_page, decode_page
from storytrail.ingest.warcbounds import ArchiveBomb, BoundedReader, Inflated
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_SCAN_BYTES = 1 << 20


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: Path, source: str, settings: Settings = DEFAULTS
) -> Iterator[Article | Rejection]:
    """Yield an article or a rejection for every HTML response record in the archive.

    After a stretch warcio cannot read, reading resumes at the next place a
    record can start (a gzip member, or a ``WARC/1.x`` line after a blank one),
    so one damaged record does not cost the rest of a large crawl file.
    """
    try:
        handle = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        yield Rejection(source, f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        yield Rejection(source, "empty: no WARC records")
        return
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        # The name says which format: warcio's ARC reader takes any line of words for a header.
        iterator = ARCIterator if path.name.lower().endswith((".arc", ".arc.gz")) else WARCIterator
        position: int | None = 0
        inflated = Inflated()
        while position is not None:
            position = yield from _read_records(
                handle, iterator, position, size, gzipped, source, settings, inflated
            )


def _read_records(
    handle: BinaryIO,
    iterator: type[ArchiveIterator],
    start: int,
    size: int,
    gzipped: bool,
    source: str,
    settings: Settings,
    inflated: Inflated,
) -> Generator[Article | Rejection, None, int | None]:
    """Read records from byte ``start``; return where to resume after damage, or None."""
    handle.seek(start)
    records = iterator(handle, arc2warc=True)
    reader = records.reader = BoundedReader(handle, settings, inflated)
    while True:
        offset = max(records.offset, start)  # where the next record starts
        reader.start_record()
        try:
            with _warnings_muted():
                record = next(records)
        except StopIteration:
            if _has_data(handle, offset, size):
                yield Rejection(
                    source, f"truncated: bytes {offset}-{size} are not a complete record", offset
                )
            return None
        except Exception as exc:  # warcio raises many kinds on a broken file
            return (yield from _skip_damage(handle, offset, gzipped, source, exc))
        try:
            item = _record_item(record, source, offset, settings)
            damaged = _finish_record(records, record)
        except Exception as exc:  # a corrupt gzip member surfaces while skipping to the end
            return (yield from _skip_damage(handle, offset, gzipped, source, exc))
        if damaged:
            uri = _target(record)
            yield Rejection(source, f"record at byte {offset} ({uri}): {damaged}", offset)
        elif item is not None:
            yield item


def _skip_damage(
    handle: BinaryIO, offset: int, gzipped: bool, source: str, exc: Exception
) -> Generator[Rejection, None, int | None]:
    """Refuse the unreadable stretch from ``offset``; return the next record start, if any
    (None, too, once the file's inflation cap is spent)."""
    why = _brief(exc)
    if isinstance(exc, ArchiveBomb) and exc.whole_file:
        yield Rejection(source, f"stopped at byte {offset}: {why}", offset)
        return None
    resume = _next_record_start(handle, offset + 1, gzipped)
    until = f"to byte {resume}" if resume is not None else "to the end"
    yield Rejection(source, f"unreadable from byte {offset} {until}: {why}", offset)
    return resume


def _next_record_start(handle: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Where the next gzip member or ``WARC/1.x`` record header begins after ``after``."""
    marker, skip = (b"\x1f\x8b\x08", 0) if gzipped else (b"\r\n\r\nWARC/1.", 4)
    handle.seek(after)
    carried, base = b"", after
    while block := handle.read(_SCAN_BYTES):
        window = carried + block
        found = window.find(marker)
        if found >= 0:
            return base - len(carried) + found + skip
        carried = window[-(len(marker) - 1) :]
        base += len(block)
    return None


def _has_data(handle: BinaryIO, offset: int, size: int) -> bool:
    """Anything but blank lines left between ``offset`` and the end of the file."""
    if offset >= size:
        return False
    handle.seek(offset)
    return bool(handle.read(_SCAN_BYTES).strip())


def _record_item(
    record: Any, source: str, offset: int, settings: Settings
) -> Article | Rejection | None:
    """The record's article or refusal; None for the records that are not pages."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media_type, _, params = (record.http_headers.get_header("Content-Type") or "").partition(";")
    if media_type.strip().lower() not in HTML_TYPES:
        return None
    uri = _target(record)
    where = f"record at byte {offset} ({uri})"
    cap = settings.max_warc_record_bytes
    if record.length is not None and record.length > cap:
        return Rejection(source, f"{where}: too large: {record.length} bytes (cap {cap})", offset)
    try:
        body = record.content_stream().read(cap + 1)
    except ArchiveBomb:
        raise
    except Exception as exc:  # bad chunked encoding, corrupt gzip payload
        return Rejection(source, f"{where}: unreadable payload: {_brief(exc)}", offset)
    if len(body) > cap:
        return Rejection(
            source, f"{where}: too large: over {cap} bytes decoded (cap {cap})", offset
        )
    charset = next(
        (p.split("=", 1)[1].strip(" \"'") for p in params.split(";") if "charset=" in p.lower()),
        None,
    )
    captured = record.rec_headers.get_header("WARC-Date")
    try:
        markup = decode_page(body, charset, source, settings, offset)
        return article_from_page(
            markup,
            f"{source}#offset={offset}",
            url=uri,
            line=offset,
            fallback_published=(captured, "warc-date") if captured else None,
            settings=settings,
        )
    except IngestError as exc:
        return Rejection(source, f"{where}: {exc.reason}", offset)


def _finish_record(records: ArchiveIterator, record: Any) -> str | None:
    """Skip to the record's end; say what is wrong if it was cut short or overran its length."""
    errors = records.err_count
    with _warnings_muted():
        records.read_to_end()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return f"truncated: {missing} of its {record.length} bytes missing"
    if records.err_count > errors:
        return "damaged: its Content-Length does not match the data (truncated or overrun)"
    return None


def _target(record: Any) -> str:
    return record.rec_headers.get_header("WARC-Target-URI") or "no WARC-Target-URI"


def _brief(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, ArchiveLoadFailed) and "non-chunked gzip" in text:
        return "gzipped as one stream, not record by record (fix: warcio recompress)"
    if isinstance(exc, ArchiveLoadFailed) and "first line:" in text:  # bytes not worth printing
        return "no WARC record here (damaged or truncated data)"
    return text if len(text) <= 200 else text[:197] + "..."


def _warnings_muted() -> redirect_stderr[io.StringIO]:
    """warcio prints its warnings to stderr; the rejection says it instead."""
    return redirect_stderr(io.StringIO())
