"""HTML pages: main text and metadata through ``trafilatura``.

trafilatura drops navigation, scripts, share widgets and comments and reads
title, author, date (via ``htmldate``) and site name from meta tags. The
article's *original* text is what it extracted, paragraphs separated by blank
lines; cleaning offsets point into that text, not into the markup.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from storytrail.ingest.errors import IngestError

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None
    url: str | None
    language: str | None


def extract_html(markup: str, source: str, url: str | None = None) -> HtmlExtract:
    """Extract the article from ``markup`` or raise ``IngestError`` when there is none."""
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": True, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise IngestError(source, f"unparseable HTML: {type(exc).__name__}: {exc}") from exc
    if document is None or not (document.text or "").strip():
        raise IngestError(source, "no article text found in the HTML")
    title = (document.title or "").strip() or None
    lines = [line.strip() for line in document.text.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return HtmlExtract(
        text="\n\n".join(lines),
        title=title,
        author=(document.author or "").strip() or None,
        published=document.date or None,
        site_name=(document.sitename or "").strip() or None,
        url=document.url or url,
        language=document.language or None,
    )
