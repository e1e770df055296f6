"""Plain-text articles: the first line is the headline when it looks like one."""

from __future__ import annotations

import re

from storytrail.settings import DEFAULTS, Settings

_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]?$")


def split_headline(text: str, settings: Settings = DEFAULTS) -> tuple[str | None, str]:
    """Return ``(title, body)``; ``title`` is None when the first line is not a headline.

    A headline is a short first line (at most ``max_headline_chars``) of at
    least two words that does not end like a sentence and is followed by a
    blank line or a line break. A first paragraph that merely happens to be
    short keeps its place in the body.
    """
    stripped = text.lstrip("\ufeff\r\n\t ")
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if (
        not sep
        or not rest.strip()
        or len(first) > settings.max_headline_chars
        or len(first.split()) < 2
        or _SENTENCE_END.search(first)
    ):
        return None, text
    return first, rest.lstrip("\r\n")
