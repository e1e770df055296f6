"""Where an article's news happened: the venue the text names, else the dateline's town.

The *venue* is a place (GPE, LOC or FAC entity) in the lead (the first
paragraphs, up to ``content_lead_chars``) that the text ties to the
occurrence itself:

* after "in"/"at" governed by a gathering ("talks in Lorvik", "at the summit
  in Yerevan") or a verb of meeting ("met in Marenholt", "signed in Vessgard"),
* or naming a gathering ("the Marenholt summit").

Without one, the dateline's town (``LORVIK, March 14 (NWA) -`` gives
``Lorvik``; the country in ``TESHAVEL, Kestria, Nov 22`` is dropped); without
a dateline, None. A place merely mentioned ("aid to Afghanistan", "the
situation in Kestria") is the subject, not the venue, and is never taken.
"""

from __future__ import annotations

import re

from storytrail.settings import GATHERING_NOUNS, MEETING_VERBS

_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\u2019-]{2,}?)(?:, [A-Z][\w .'\u2019-]+)?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2})?"
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_VENUE_PREPOSITIONS = frozenset({"in", "at"})
# The lead: what the first paragraphs say, where news puts where it happened.
_LEAD_PARAGRAPHS = 2


def article_place(doc) -> str | None:  # doc: spacy.tokens.Doc
    """The venue of the article's news, else its dateline town, else None."""
    return venue(doc) or dateline_place(doc.text)


def dateline_place(text: str) -> str | None:
    """The town of a wire dateline at the start of ``text``, title-cased, or None."""
    match = _DATELINE_PLACE.match(text)
    if match and match.group("place").strip().isupper():
        return match.group("place").strip().title()
    return None


def venue(doc) -> str | None:  # doc: spacy.tokens.Doc
    """The first place in the lead that the text ties to a gathering or a meeting."""
    lead_end = _lead_end(doc.text)
    for ent in doc.ents:
        if ent.start_char >= lead_end:
            break
        if _is_venue(doc, ent):
            return ent.text
    return None


def _lead_end(text: str) -> int:
    end = -1
    for _ in range(_LEAD_PARAGRAPHS):
        found = text.find("\n\n", end + 1)
        if found < 0:
            return len(text)
        end = found
    return end


def _is_venue(doc, ent) -> bool:
    """Whether ``ent`` names where the occurrence took place.

    The small English model often calls an unfamiliar town an organisation; after
    "in" governed by a gathering or a meeting ("met in Lorvik") it is taken all the
    same, since one meets *in* a place but *at* an organisation.
    """
    after = doc[ent.end] if ent.end < len(doc) else None
    if (
        ent.label_ in _PLACE_LABELS
        and after is not None
        and after.lemma_.lower() in GATHERING_NOUNS
    ):
        return True  # "the Marenholt summit"
    preposition = ent.root.head
    if preposition.lower_ not in _VENUE_PREPOSITIONS or preposition.i >= ent.start:
        return False
    if ent.label_ not in _PLACE_LABELS and not (ent.label_ == "ORG" and preposition.lower_ == "in"):
        return False
    governor = preposition.head
    # "at the summit in Yerevan": the preposition may hang off the gathering's noun phrase.
    for word in (governor, governor.head):
        lemma = word.lemma_.lower()
        if lemma in GATHERING_NOUNS or (word.pos_ in {"VERB", "AUX"} and lemma in MEETING_VERBS):
            return True
    return False
