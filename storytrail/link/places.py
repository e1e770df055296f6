"""Where an article's news happened: the dateline, else the lead's first venue.

``LORVIK, March 14 (NWA) -`` gives ``Lorvik``. Without a dateline, the first
place (GPE, LOC or FAC entity) of the first paragraph that is a venue — after
"in", "at", "from", "left", "of" ("met in Marenholt", "came home from
Lorvik", "the town of Teshavel") or naming a gathering ("the Marenholt
summit") — is taken; without that, None. The
country in ``TESHAVEL, Kestria, Nov 22`` is dropped: the town is the venue.
"""

from __future__ import annotations

import re

_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\u2019-]{2,}?)(?:, [A-Z][\w .'\u2019-]+)?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2})?"
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# "met in X", "came home from X", "left X", "the town of X"; "the X summit".
_VENUE_WORDS = frozenset({"in", "at", "from", "left", "of", "near", "outside"})
_GATHERINGS = frozenset({"summit", "talks", "meeting", "conference", "ceremony", "signing"})


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
        if ent.label_ not in _PLACE_LABELS:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if before in _VENUE_WORDS or after in _GATHERINGS:
            return ent.text
    return None
