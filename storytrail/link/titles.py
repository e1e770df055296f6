"""Readable titles for events and stories: the most central article's headline or lead.

An event's title is the headline of the article that is most like the others
(the largest summed content similarity, ``similarity.ContentIndex``), because
that article reports the event itself rather than an angle on it; an article
without a headline gives its opening sentence, with the dateline removed,
shortened to ``title_max_chars``. A title is never empty and never a
placeholder such as "(untitled)".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from storytrail.link.similarity import ContentIndex
from storytrail.settings import DEFAULTS, Settings

# "LORVIK, March 14 (NWA) - " or "TESHAVEL, Kestria, Nov 22 -": a wire dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\u2019-]{2,}(?:, [A-Z][\w .'\u2019-]+)*"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)]{1,40}\))?\s*[-\u2013\u2014]+\s*"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019]?\s+(?=[\"\u201c\u2018A-Z0-9])")


class Titled(Protocol):
    article_id: str
    title: str | None
    lead: str
    published: str | None


def headline_of(title: str | None, lead: str, settings: Settings = DEFAULTS) -> str | None:
    """``title`` when it has words, else the lead's first sentence (no dateline), shortened;
    None only when both are empty."""
    if title and title.strip():
        return _shorten(" ".join(title.split()), settings.title_max_chars)
    for paragraph in lead.split("\n\n"):
        text = _DATELINE.sub("", " ".join(paragraph.split()))
        if text:
            sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
            return _shorten(sentence, settings.title_max_chars)
    return None


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "\u2026"


def most_central(members: Sequence[Titled], index: ContentIndex) -> Titled:
    """The member most similar to all the others (summed over both vectors of the index).

    The sum of one article's cosines with the rest is its vector's dot product with
    the members' summed vector, so this is linear in the members' terms. Ties go to
    an article with a headline, then the earliest published, then the smallest id.
    """
    if len(members) == 1:
        return members[0]
    weight = index.settings.content_name_weight
    totals = []
    for vectors, share in ((index.words, 1 - weight), (index.names, weight)):
        summed: Counter[str] = Counter()
        for member in members:
            summed.update(vectors.get(member.article_id, {}))
        totals.append((vectors, share, summed))

    def centrality(member: Titled) -> float:
        return sum(
            share * sum(v * summed[t] for t, v in vectors.get(member.article_id, {}).items())
            for vectors, share, summed in totals
        )

    return min(
        members,
        key=lambda m: (
            -round(centrality(m), 9),
            not (m.title and m.title.strip()),
            m.published or "9999",
            m.article_id,
        ),
    )
