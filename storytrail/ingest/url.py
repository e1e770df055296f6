"""Web pages, fetched live or taken from an archive, and URLs given to ingest.

A URL is fetched once (``fetch.Fetcher``) and read by what the server says it
is: an HTML page becomes one article, an RSS or Atom feed goes to ``feed``,
anything else is refused with its content type. ``article_from_page`` is the
one way HTML from the web becomes an ``Article``, shared with feed entries and
WARC records, so dates and metadata are chosen by the same rules everywhere.

Ingest stages do not touch the store, so what is known from earlier fetches
(ETag/Last-Modified, which URLs were already read) comes in through a
``FetchHistory`` that the caller backs with the store; ``NoHistory`` forgets.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Protocol
from urllib.parse import urlsplit

from storytrail.ingest.article import make_article
from storytrail.ingest.decode import decode_text
from storytrail.ingest.errors import IngestError
from storytrail.ingest.fetch import Fetched, Fetcher, Validators
from storytrail.ingest.html import extract_html
from storytrail.model import Article, Rejection
from storytrail.settings import DEFAULTS, Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


class FetchHistory(Protocol):
    """What ingest may know about earlier fetches, and tells about this one."""

    def validators(self, url: str) -> Validators | None:
        """Validators of the last complete fetch of ``url``; None if never fetched."""

    def remember(self, url: str, validators: Validators) -> None:
        """``url`` was fetched and read whole (kept until its articles are saved)."""

    def unchanged(self, url: str) -> None:
        """``url`` was not read again: the server said 304, or it was read before."""


class NoHistory:
    """A history that knows nothing and keeps nothing (plain ``read_sources``)."""

    def validators(self, url: str) -> Validators | None:
        return None

    def remember(self, url: str, validators: Validators) -> None:
        pass

    def unchanged(self, url: str) -> None:
        pass


class Web:
    """One run's access to the web: an HTTP client opened on first use, and the history."""

    def __init__(self, settings: Settings = DEFAULTS, history: FetchHistory | None = None) -> None:
        self.settings = settings
        self.history: FetchHistory = history or NoHistory()
        self._fetcher: Fetcher | None = None

    def fetcher(self) -> Fetcher:
        """The run's HTTP client, opened on first use (thread-safe once opened)."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def get(self, url: str, source: str, line: int | None = None) -> Fetched | None:
        """Fetch ``url`` (conditionally, when it was fetched before); None when unchanged."""
        fetched = self.fetcher().fetch(url, source, line, self.history.validators(url))
        if fetched is None:
            self.history.unchanged(url)
        return fetched

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def is_url(entry: object) -> bool:
    """``scheme://...``; schemes other than http and https are refused when fetched."""
    return isinstance(entry, str) and _URL_SCHEME.match(entry) is not None


def read_url(url: str, web: Web) -> Iterator[Article | Rejection]:
    """Yield what the page or feed at ``url`` holds; nothing when it is unchanged."""
    from storytrail.ingest.feed import read_feed  # feed fetches pages through this module

    try:
        fetched = web.get(url, url)
    except IngestError as exc:
        yield exc.rejection()
        return
    if fetched is None:
        return
    if is_feed(fetched):
        complete = yield from read_feed(
            fetched.body,
            url,
            web=web,
            fetch_links=True,
            base_url=fetched.url,
            settings=web.settings,
        )
        if complete:
            web.history.remember(url, fetched.validators)
        return
    try:
        yield article_from_fetched(fetched, url, settings=web.settings)
    except IngestError as exc:
        yield exc.rejection()
    web.history.remember(url, fetched.validators)


def is_feed(fetched: Fetched) -> bool:
    """A feed by its content type, or an XML feed served under a wrong one."""
    if fetched.media_type in FEED_TYPES:
        return True
    return fetched.media_type in ("", "text/plain", *HTML_TYPES) and looks_like_feed(fetched.body)


def looks_like_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    match = _FEED_ROOT.search(head)
    return match is not None and b"<html" not in head[: match.start()].lower()


def article_from_fetched(
    fetched: Fetched,
    source: str,
    line: int | None = None,
    meta: dict[str, str | None] | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """An article from a fetched HTML page; refuse any other content type."""
    if fetched.media_type and fetched.media_type not in HTML_TYPES:
        raise IngestError(source, f"not an HTML page: content type {fetched.media_type}", line)
    markup = decode_page(fetched.body, fetched.charset, source, settings, line)
    return article_from_page(
        markup, source, url=fetched.url, line=line, meta=meta, settings=settings
    )


def decode_page(
    data: bytes,
    charset: str | None,
    source: str,
    settings: Settings = DEFAULTS,
    line: int | None = None,
) -> str:
    """Text of a web page: UTF-8 when the bytes are UTF-8 (servers often mislabel it),
    else the charset the server or a ``<meta>`` tag declares, else ``decode_text``'s rules."""
    declared = charset or _meta_charset(data)
    try:
        if declared and _codec(declared) not in (None, "utf-8"):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                data = data.decode(declared).encode("utf-8")
        return decode_text(data, source, settings)
    except UnicodeDecodeError as exc:
        raise IngestError(
            source, f"undecodable: not {declared} as declared (byte {exc.start})", line
        ) from exc
    except IngestError as exc:
        raise IngestError(source, exc.reason, line) from exc


def article_from_page(
    markup: str,
    source: str,
    *,
    url: str,
    line: int | None = None,
    meta: dict[str, str | None] | None = None,
    fallback_published: tuple[str, str] | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """An article from a web page's HTML.

    ``meta`` (from a feed entry) gives ``title``, ``author``, ``outlet`` (the
    feed's title), ``published`` and ``published_source``; they win over the
    page's own tags, as a manifest's do (trafilatura's site name falls back to
    the host name, which a feed's title beats). ``fallback_published`` is
    ``(date, source)``, used only when neither the metadata nor the page dates
    the article (a WARC capture date).
    """
    meta = meta or {}
    url = checked_url(url, source, line)
    try:
        page = extract_html(markup, source, url, settings)
    except IngestError as exc:
        raise IngestError(source, exc.reason, line) from exc
    if meta.get("published"):
        published, published_source = meta["published"], meta.get("published_source")
    elif page.published:
        published, published_source = page.published, "html-meta"
    elif fallback_published:
        published, published_source = fallback_published
    else:
        published, published_source = None, None
    return make_article(
        source,
        page.text,
        url=url,
        outlet=meta.get("outlet") or page.site_name,
        title=meta.get("title") or page.title,
        published=published,
        published_source=published_source,
        author=meta.get("author") or page.author,
        language=page.language,
        line=line,
        settings=settings,
    )


def checked_url(url: str | None, source: str, line: int | None = None) -> str | None:
    """``url`` if it can be an article's identity; raise ``IngestError`` when it cannot be
    parsed (a damaged archive record or a careless feed can carry ``http://host:port-less``)."""
    if not url:
        return None
    try:
        urlsplit(url).port  # noqa: B018 (parsing the port is the check)
    except ValueError as exc:
        raise IngestError(source, f"invalid URL {url!r}: {exc}", line) from exc
    return url


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
