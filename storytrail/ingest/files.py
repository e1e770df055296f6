"""Single article files: plain text and HTML."""

from __future__ import annotations

from pathlib import Path

from storytrail.ingest.article import make_article
from storytrail.ingest.decode import decode_text, read_capped
from storytrail.ingest.errors import IngestError
from storytrail.ingest.html import extract_html
from storytrail.ingest.text import split_headline
from storytrail.model import Article
from storytrail.settings import DEFAULTS, Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def article_from_file(
    path: Path,
    source: str,
    meta: dict[str, str | None] | None = None,
    line: int | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """Read one text or HTML file; ``meta`` (from a manifest) overrides what the file says."""
    try:
        text = decode_text(read_capped(path, source, settings), source, settings)
    except IngestError as exc:
        exc.line = line
        raise IngestError(exc.source, exc.reason, line) from exc
    is_html = path.suffix.lower() in HTML_SUFFIXES or (
        path.suffix.lower() not in TEXT_SUFFIXES and looks_like_html(text)
    )
    if is_html:
        return article_from_html(text, source, meta, line, settings)
    return article_from_text(text, source, meta, line, settings)


def article_from_text(
    text: str,
    source: str,
    meta: dict[str, str | None] | None = None,
    line: int | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """An article from plain text; a headline-like first line becomes the title
    unless ``meta`` gives one (then a first line equal to it is still dropped)."""
    meta = meta or {}
    title, body = split_headline(text, settings)
    if meta.get("title") and title and title != meta["title"]:
        body = text
    return make_article(
        source,
        body,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        title=meta.get("title") or title,
        published=meta.get("published"),
        published_source="manifest" if meta.get("published") else None,
        author=meta.get("author"),
        language=meta.get("language"),
        line=line,
        settings=settings,
    )


def article_from_html(
    markup: str,
    source: str,
    meta: dict[str, str | None] | None = None,
    line: int | None = None,
    settings: Settings = DEFAULTS,
) -> Article:
    """An article from an HTML page; manifest ``meta`` wins over the page's meta tags."""
    meta = meta or {}
    try:
        page = extract_html(markup, source, meta.get("url"), settings)
    except IngestError as exc:
        raise IngestError(exc.source, exc.reason, line) from exc
    published = meta.get("published") or page.published
    if meta.get("published"):
        published_source = "manifest"
    else:
        published_source = "html-meta" if page.published else None
    return make_article(
        source,
        page.text,
        url=meta.get("url") or page.url,
        outlet=meta.get("outlet") or page.site_name,
        title=meta.get("title") or page.title,
        published=published,
        published_source=published_source,
        author=meta.get("author") or page.author,
        language=meta.get("language") or page.language,
        line=line,
        settings=settings,
    )
