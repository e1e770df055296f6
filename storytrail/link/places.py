"""Where an article's news happened: the dateline, else the lead's first venue.

``LORVIK, March 14 (NWA) -`` gives ``Lorvik``. Without a dateline, the first
place (GPE, LOC or FAC entity) governed by "in" or "at" in the first
paragraph is taken ("met in Marenholt on Friday"); without that, None. The
country in ``TESHAVEL, Kestria, Nov 22`` is dropped: the town is the venue.
"""

from __future__ import annotations

import re

_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\u2019-]{2,}?)(?:, [A-Z][\w .'\u2019-]+)?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2})?"
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def article_place(doc) -> str | None:  # doc: spacy.tokens.Doc
    """The venue of the article's news, title-cased, or None when the text does not say."""
    match = _DATELINE_PLACE.match(doc.text)
    if match and match.group("place").strip().isupper():
        return match.group("place").strip().title()
    lead_end = doc.text.find("\n\n")
    lead_end = len(doc.text) if lead_end < 0 else lead_end
    for ent in doc.ents:
        if ent.start_char >= lead_end:
            break
        if (
            ent.label_ in _PLACE_LABELS
            and ent.start > 0
            and doc[ent.start - 1].lower_ in ("in", "at")
        ):
            return ent.text
    return None
