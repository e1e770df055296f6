"""RSS 2.0 and Atom feeds: each entry becomes an article.

A feed is XML from a stranger, so it is vetted before anything reads it:
``defusedxml`` parses it with entity declarations and external references
forbidden (no billion laughs, no quadratic blow-up, no XXE reading a local
file or calling a URL), and only bytes that pass go to ``feedparser``. A feed
that is not well-formed XML is refused rather than read by feedparser's
forgiving parser, because vetting cannot vouch for what it cannot parse.

An entry with its full text (``content:encoded``, Atom ``content``) becomes an
article from that HTML. An entry with only a summary is fetched from its link
when fetching is allowed (a feed given as a URL; a feed file with
``fetch_feed_links``), and refused otherwise: a summary is not the article.
A link read in an earlier run is not fetched again. The links are fetched a
few at a time within a budget per round, backing off from links that keep
failing (``storytrail.ingest.feedlinks``).

The entry's ``published`` (else ``updated``) date becomes the article's, with
``published_source`` "feed"; feedparser reads it in UTC, and a bare date stays
a date. Rejections name the feed and the 1-based entry number as ``line``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml import ElementTree as SafeElementTree

from storytrail.ingest.article import make_article
from storytrail.ingest.decode import read_capped
from storytrail.ingest.errors import IngestError
from storytrail.ingest.feedlinks import PendingLink, fetch_entry_links
from storytrail.ingest.url import (
    Web,
    article_from_page,
    checked_url,
)
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# True when every entry was read or refused for good: only then may the caller
# remember the feed's validators (a 304 next time must not hide a retry).
FeedRead = Generator[Article | Rejection, None, bool]


def read_feed_file(path: Path, source: str, web: Web) -> Iterator[Article | Rejection]:
    """Yield the articles of a feed file on disk (links fetched only if settings allow)."""
    try:
        data = read_capped(path, source, web.settings)
    except IngestError as exc:
        yield exc.rejection()
        return
    fetch_links = web.settings.fetch_feed_links
    yield from read_feed(data, source, web=web, fetch_links=fetch_links, settings=web.settings)


def read_feed(
    data: bytes,
    source: str,
    *,
    web: Web | None = None,
    fetch_links: bool = False,
    base_url: str | None = None,
    settings: Settings = DEFAULTS,
) -> FeedRead:
    """Yield an article or a rejection for each entry; return whether all was read for good.

    ``base_url`` (where the feed came from) resolves relative entry links.
    """
    try:
        vet_feed_xml(data, source)
    except IngestError as exc:
        yield exc.rejection()
        return True
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    channel = parsed.get("feed", {})
    outlet = _text(channel.get("title"))
    entries = parsed.get("entries", [])
    complete = True
    read: list[Article | Rejection | PendingLink | None] = []
    for index, entry in enumerate(entries[: settings.max_feed_entries], start=1):
        try:
            read.append(
                _entry_article(entry, source, index, outlet, web if fetch_links else None, settings)
            )
        except IngestError as exc:
            complete = complete and not getattr(exc, "transient", False)
            read.append(exc.rejection())
    pending = [item for item in read if isinstance(item, PendingLink)]
    fetched = fetch_entry_links(pending, source, web) if web is not None and pending else {}
    for item in read:
        if isinstance(item, PendingLink):
            outcome = fetched[item.index]
            complete = complete and not outcome.transient
            item = outcome.item
        if item is not None:
            yield item
    if len(entries) > settings.max_feed_entries:
        over = len(entries) - settings.max_feed_entries
        reason = f"{over} entries over the cap of {settings.max_feed_entries} not read"
        yield Rejection(source, reason, settings.max_feed_entries + 1)
    return complete


def vet_feed_xml(data: bytes, source: str) -> str:
    """Parse ``data`` with entities and external references forbidden; return the root's name.

    Raises ``IngestError`` for hostile XML, malformed XML, and XML that is not a feed.
    """
    if not data.strip():
        raise IngestError(source, "empty: no text in the file")
    try:
        root = SafeElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            target = exc.sysid or exc.pubid
            raise IngestError(
                source,
                f"unsafe XML: external entity {exc.name!r} ({target}) refused; "
                "a feed may not pull in other files or URLs (XXE)",
            ) from exc
        raise IngestError(
            source,
            f"unsafe XML: entity declaration {exc.name!r} refused; "
            "entity expansion is how XML bombs work",
        ) from exc
    except DTDForbidden as exc:  # only if forbid_dtd is ever turned on
        raise IngestError(source, "unsafe XML: document type declarations refused") from exc
    except DefusedXmlException as exc:
        raise IngestError(source, f"unsafe XML: {exc}") from exc
    except SafeElementTree.ParseError as exc:
        raise IngestError(source, f"malformed feed: not well-formed XML ({exc})") from exc
    name = root.tag.rsplit("}", 1)[-1]
    if name not in FEED_ROOTS:
        raise IngestError(source, f"not an RSS or Atom feed: the root element is <{name}>")
    return name


def _entry_article(
    entry: Any,
    source: str,
    index: int,
    outlet: str | None,
    web: Web | None,
    settings: Settings,
) -> Article | PendingLink:
    """The article of one entry, or its link to fetch (``feedlinks``, with the others)."""
    meta: dict[str, str | None] = {
        "title": _text(entry.get("title")),
        "author": _text(entry.get("author")),
        "published": entry_date(entry),
        "published_source": "feed",
        "outlet": outlet,
    }
    link = _text(entry.get("link"))
    entry_source = f"{source}#entry={index}"
    content = full_content(entry)
    if content is not None:
        value, kind = content
        if kind == "text/plain":
            try:
                return make_article(
                    entry_source,
                    value,
                    url=checked_url(link, source, index),
                    outlet=outlet,
                    title=meta["title"],
                    published=meta["published"],
                    published_source="feed",
                    author=meta["author"],
                    line=index,
                    settings=settings,
                )
            except IngestError as exc:
                raise IngestError(source, exc.reason, index) from exc
        # trafilatura reads documents, and finds nothing in a bare one-paragraph fragment.
        markup = f"<html><body><article>{value}</article></body></html>"
        try:
            return article_from_page(
                markup, entry_source, url=link or "", line=index, meta=meta, settings=settings
            )
        except IngestError as exc:
            raise IngestError(source, exc.reason, index) from exc
    if not link:
        raise IngestError(source, "entry has neither full text nor a link", index)
    if web is None:
        raise IngestError(
            source,
            "entry has only a summary and fetching links is off (use --fetch-links)",
            index,
        )
    return PendingLink(index, link, meta)


def full_content(entry: Any) -> tuple[str, str] | None:
    """The entry's full text as ``(value, media type)``, longest first; None if only a summary."""
    best: tuple[str, str] | None = None
    for part in entry.get("content") or []:
        value = (part.get("value") or "").strip()
        kind = (part.get("type") or "text/html").lower()
        if value and (best is None or len(value) > len(best[0])):
            best = (value, "text/plain" if kind == "text/plain" else "text/html")
    return best


def entry_date(entry: Any) -> str | None:
    """ISO 8601 publication date of an entry: ``published``, else ``updated``; None if neither."""
    for name in ("published", "updated"):
        raw = _text(entry.get(name))
        if raw and _BARE_DATE.fullmatch(raw):
            return raw
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return None


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
