"""Building an ``Article`` from text and metadata, with the checks every reader shares."""

from __future__ import annotations

from datetime import date, datetime

import ftfy

from storytrail.ingest.errors import IngestError
from storytrail.ingest.identity import article_id, text_fingerprint
from storytrail.model import Article
from storytrail.settings import DEFAULTS, Settings


def make_article(
    source: str,
    original: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: str | None = None,
    published_source: str | None = None,
    author: str | None = None,
    language: str | None = None,
    line: int | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """Return an ``Article`` or raise ``IngestError`` when the text is too short or
    too long to be one, holds a NUL, the URL is not one or the date is not a date.

    Every reader (file, manifest line, Parquet row, page, feed entry, archive
    record) ends here, so these checks hold however the text came in; a bad
    field costs its own record, never the batch.
    """
    if len(original.strip()) < settings.min_article_chars:
        raise IngestError(
            source, f"empty: under {settings.min_article_chars} characters of text", line
        )
    if len(original) > settings.max_article_chars:
        raise IngestError(
            source,
            f"too long: {len(original)} characters of text "
            f"(cap max_article_chars={settings.max_article_chars})",
            line,
        )
    if "\x00" in original:
        raise IngestError(source, "binary: contains NUL bytes", line)
    fingerprint = text_fingerprint(original)
    try:
        identity = article_id(url, fingerprint)
    except ValueError as exc:  # urlsplit: "http://[::1" and its kind
        raise IngestError(source, f"url: {url!r} is not a URL ({exc})", line) from exc
    return Article(
        id=identity,
        source=source,
        original=original,
        url=url or None,
        outlet=outlet or None,
        title=clean_title(title),
        published=normalise_published(published, source, line, settings),
        published_source=published_source if published else None,
        author=author or None,
        language=language or None,
        text_hash=fingerprint,
    )


def clean_title(title: str | None) -> str | None:
    """A headline with mojibake repaired and spacing folded; None when empty.

    Titles are metadata, shown as they are, so they are repaired here at
    ingest, while the article text is repaired by the cleaning stage, which
    keeps the offsets back to the original.
    """
    if not title:
        return None
    fixed = ftfy.fix_text(title, uncurl_quotes=False)
    return " ".join(fixed.split()) or None


def normalise_published(
    value: str | None, source: str, line: int | None = None, settings: Settings = DEFAULTS
) -> str | None:
    """ISO 8601 date (``YYYY-MM-DD``) or datetime; raise on anything else, and on a
    year before ``earliest_publication_year`` or after next year (a placeholder such
    as 0001-01-01 or 9999-12-28, which no page or timeline should compute with).

    A bare date stays a date: inventing a time of day would claim a precision
    the source never gave.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            parsed: date = date.fromisoformat(text)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise IngestError(source, f"published: {text!r} is not an ISO 8601 date", line) from exc
    first, last = settings.earliest_publication_year, date.today().year + 1
    if not first <= parsed.year <= last:
        raise IngestError(
            source,
            f"published: {text!r} is outside the years {first}–{last} a news date can have "
            "(earliest_publication_year, next year)",
            line,
        )
    return parsed.isoformat()
