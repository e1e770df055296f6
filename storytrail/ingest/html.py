"""HTML pages: main text and metadata through ``trafilatura``.

trafilatura drops navigation, scripts, share widgets and comments and reads
title, author, date (via ``htmldate``) and site name from meta tags. The
article's *original* text is what it extracted, paragraphs separated by blank
lines; cleaning offsets point into that text, not into the markup.

Before the parser sees the markup, one linear scan counts the attributes of
each element (``too_many_attributes``): libxml2 checks every attribute of an
element against the others, so one element with 200,000 attributes took the
parser over five minutes. An element over ``max_html_attributes_per_element``
costs the page, with the cap named.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura

from storytrail.ingest.errors import IngestError
from storytrail.settings import DEFAULTS, Settings

_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")

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


def extract_html(
    markup: str, source: str, url: str | None = None, settings: Settings = DEFAULTS
) -> HtmlExtract:
    """Extract the article from ``markup`` or raise ``IngestError`` when there is none
    (or an element carries more attributes than the parser can take in fair time)."""
    cap = settings.max_html_attributes_per_element
    if too_many_attributes(markup, cap):
        raise IngestError(
            source,
            f"an HTML element with over {cap} attributes (cap max_html_attributes_per_element)",
        )
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


def _raw_text_end(lower: str, position: int) -> int | None:
    """Where the comment or script/style element opening at ``position`` ends (-1: never),
    or None when no such thing opens there."""
    if lower.startswith("<!--", position):
        end = lower.find("-->", position + 4)
        return end + 3 if end >= 0 else -1
    for name in ("script", "style"):
        if (
            lower.startswith("<" + name, position)
            and not lower[position + 1 + len(name) : position + 2 + len(name)].isalnum()
        ):
            end = lower.find("</" + name, position + 1)
            return end + 2 if end >= 0 else -1
    return None


def too_many_attributes(markup: str, cap: int) -> bool:
    """Whether some start tag in ``markup`` holds more than ``cap`` attributes.

    Linear in the markup: each tag is cut out once (from ``<`` and a letter to the
    next ``>``, or to the end when there is none), its quoted values dropped so the
    spaces inside them do not count, and its words counted past the tag name.
    A tag may hold at most as many attributes as it has characters, so only tags
    longer than ``cap`` are looked at closely. Script and style bodies and comments are
    skipped whole: a ``<`` in code ("i<n[f].length") opens no tag.
    """
    lower = markup.lower()
    position = markup.find("<")
    while position >= 0:
        raw = _raw_text_end(lower, position)
        if raw is not None:
            position = markup.find("<", raw) if raw >= 0 else -1
            continue
        end = markup.find(">", position + 1)
        stop = len(markup) if end < 0 else end
        if stop - position > cap and markup[position + 1 : position + 2].isalpha():
            words = _QUOTED.sub(" ", markup[position + 1 : stop]).split()
            if len(words) - 1 > cap:
                return True
        if end < 0:
            return False
        position = markup.find("<", end + 1)
    return False
