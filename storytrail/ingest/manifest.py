"""JSON Lines manifests: one article per line, with its metadata.

Each line is an object with one of ``path`` (a text or HTML file; relative
paths resolve against the manifest's folder, and must stay inside it:
``storytrail.ingest.paths``), ``text`` or ``html``, and
optional ``url``, ``title``, ``published`` (ISO 8601), ``outlet``,
``language`` and ``author``. A bad line is rejected with its line number; the
other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from storytrail.ingest.decode import checked_inline
from storytrail.ingest.errors import IngestError
from storytrail.ingest.files import article_from_file, article_from_html, article_from_text
from storytrail.ingest.paths import confined, open_regular
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

META_FIELDS = ("url", "title", "published", "outlet", "language", "author")
CONTENT_FIELDS = ("path", "text", "html")


def read_manifest(
    path: Path, source: str, settings: Settings = DEFAULTS
) -> Iterator[Article | Rejection]:
    """Yield an article or a rejection for every non-blank line of the manifest."""
    try:
        handle = open_regular(path, source)
    except IngestError as exc:
        yield exc.rejection()
        return
    with handle:
        for number, raw in enumerate(_capped_lines(handle, settings), start=1):
            if raw is None:
                yield Rejection(
                    source, f"line longer than {settings.max_manifest_line_bytes} bytes", number
                )
                continue
            if not raw.strip():
                continue
            try:
                yield _article_from_line(raw, path.parent, source, number, settings)
            except IngestError as exc:
                yield exc.rejection()


def manifest_paths(path: Path) -> set[Path]:
    """The resolved files a manifest names in ``path`` fields (unreadable lines ignored)."""
    named: set[Path] = set()
    try:
        with path.open("rb") as handle:
            for raw in _capped_lines(handle, DEFAULTS):
                try:
                    record = json.loads(raw or b"")
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(record, dict) and isinstance(record.get("path"), str):
                    target = Path(record["path"])
                    named.add((target if target.is_absolute() else path.parent / target).resolve())
    except OSError:
        pass
    return named


def _capped_lines(handle, settings: Settings) -> Iterator[bytes | None]:
    """Lines of a binary file; None stands for a line over the cap (skipped unread)."""
    cap = settings.max_manifest_line_bytes
    while True:
        line = handle.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(cap + 1)
            yield None
            continue
        yield line


def _article_from_line(
    raw: bytes, folder: Path, source: str, number: int, settings: Settings
) -> Article:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError(source, f"malformed line: not UTF-8 at byte {exc.start}", number) from exc
    except json.JSONDecodeError as exc:
        raise IngestError(source, f"malformed line: invalid JSON ({exc.msg})", number) from exc
    if not isinstance(record, dict):
        raise IngestError(source, "malformed line: expected a JSON object", number)
    return article_from_record(record, folder, source, number, settings)


def article_from_record(
    record: dict, folder: Path, source: str, number: int, settings: Settings = DEFAULTS
) -> Article:
    """The article one manifest record describes (a JSON line, a Parquet row);
    ``IngestError`` naming ``source`` and record ``number`` when it cannot be one."""
    present = [f for f in CONTENT_FIELDS if record.get(f)]
    if len(present) != 1:
        raise IngestError(
            source, "malformed line: needs exactly one of 'path', 'text' or 'html'", number
        )
    meta: dict[str, str | None] = {}
    for name in META_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(source, f"malformed line: '{name}' must be a string", number)
        meta[name] = value
    kind = present[0]
    content = record[kind]
    if not isinstance(content, str):
        raise IngestError(source, f"malformed line: '{kind}' must be a string", number)
    if kind == "path":
        target = confined(content, folder, source, number, settings)
        if not target.is_file():
            raise IngestError(source, f"path not found: {content}", number)
        try:
            return article_from_file(target, str(target), meta, number, settings)
        except IngestError as exc:
            raise IngestError(source, f"{content}: {exc.reason}", number) from exc
    # An inline article's source is its line; a refusal names the manifest and the line.
    read = article_from_html if kind == "html" else article_from_text
    try:
        content = checked_inline(content, f"{source}:{number}", settings)
        return read(content, f"{source}:{number}", meta, number, settings)
    except IngestError as exc:
        raise IngestError(source, exc.reason, number) from exc
