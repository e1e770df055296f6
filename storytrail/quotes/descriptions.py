"""What a speaker's noun phrase says of whoever it stands for, before anyone is chosen.

Coreference needs to know, for "the shadow chancellor", "a Conservative spokeswoman",
"the 74-year-old comedian" or "the company", *what kind* of reference it is:

* **definite** ("the", "this", a possessor) or **indefinite** ("a", "an", "one"),
  or a **bare plural** ("officials", "analysts"): news introduces a new, often
  unnamed, source with an indefinite and takes up someone already in focus
  with a definite;
* an **unnamed source** ("a spokesman", "the prime minister's official
  spokesman", "officials", "a government source"): someone speaking *for*
  somebody, never that somebody;
* a **person description** (a title, a role, or a noun such as "star" or
  "comedian") or a **generic organisation** ("the company", "the firm");
* the **qualifiers** of its title ("shadow", "deputy", "former"), which make it
  another office, and the **affiliation** words ("Tory", "Lib Dem") it carries.

Nothing here resolves anything; ``coreference`` does, with these facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storytrail.quotes.cues import cue_of
from storytrail.settings import (
    GENERIC_ORG_NOUNS,
    HONORIFIC_TITLES,
    INSTITUTION_NOUNS,
    MEDIA_HEADS,
    ORG_HEADS,
    PERSON_DESCRIPTION_NOUNS,
    PERSON_TITLE_WORDS,
    QUOTE_DOCUMENT_NOUNS,
    ROLE_NOUN_TITLES,
    TITLE_QUALIFIERS,
    UNNAMED_SOURCE_NOUNS,
)

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many", "two"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@dataclass(frozen=True, slots=True)
class Description:
    """The reading of one speaker noun phrase headed by ``head`` (lower case)."""

    head: str
    definite: bool
    indefinite: bool
    plural: bool
    possessed: bool
    person: bool
    unnamed_source: bool
    generic_org: bool
    proper_modifier: bool


def describe(noun: Token) -> Description:
    """Classify the noun phrase headed by ``noun`` (see the module docstring)."""
    head = noun.lower_
    dets = [c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "nummod")]
    possessed = any(c.dep_ == "poss" for c in noun.children)
    plural = noun.tag_ in _PLURAL_TAGS
    proper = any(
        c.pos_ == "PROPN" and c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
        for c in noun.children
    )
    definite = possessed or any(d in _DEFINITE for d in dets)
    person = (
        head in PERSON_TITLE_WORDS
        or head in ROLE_NOUN_TITLES
        or head in PERSON_DESCRIPTION_NOUNS
        or head.rstrip("s") in UNNAMED_SOURCE_NOUNS
        or (definite and not plural and _speaks(noun) and _common(head))
    ) and head not in HONORIFIC_TITLES
    indefinite = not definite and any(d in _INDEFINITE for d in dets)
    unnamed = head in UNNAMED_SOURCE_NOUNS and (
        indefinite or possessed or (plural and not definite) or _speaks_for(noun)
    )
    return Description(
        head=head,
        definite=definite,
        indefinite=indefinite,
        plural=plural,
        possessed=possessed,
        person=person,
        unnamed_source=unnamed,
        generic_org=head in GENERIC_ORG_NOUNS and not proper,
        proper_modifier=proper,
    )


def _speaks(noun: Token) -> bool:
    """The noun is the subject of a reporting verb: whoever it is, it talks ("the
    70-year-old entertainer said …"), so a word list need not know the noun."""
    return noun.dep_ == "nsubj" and noun.pos_ == "NOUN" and cue_of(noun.head) is not None


def _common(head: str) -> bool:
    """Not a word for an organisation, an institution or a document."""
    return not (
        head in GENERIC_ORG_NOUNS
        or head in INSTITUTION_NOUNS
        or head in QUOTE_DOCUMENT_NOUNS
        or head in ORG_HEADS
        or head in MEDIA_HEADS
    )


def _speaks_for(noun: Token) -> bool:
    """ "a spokesman for the firm", "the spokeswoman for Delta": someone's voice."""
    return any(c.dep_ == "prep" and c.lower_ in ("for", "at", "from") for c in noun.children)


def qualifiers(titles: list[str] | set[str]) -> set[str]:
    """The words of ``titles`` that make it another office ("shadow", "deputy")."""
    return set(titles) & TITLE_QUALIFIERS


def offices(titles: list[str] | set[str]) -> set[str]:
    """The words of ``titles`` that name an office or role (no courtesy titles, no
    qualifiers): what two descriptions of one person must not contradict."""
    return set(titles) - HONORIFIC_TITLES - TITLE_QUALIFIERS


def titles_agree(person_titles: list[str], wanted: set[str], head: str) -> bool:
    """Whether a person described by ``person_titles`` may be the one a description
    with title words ``wanted`` and head ``head`` refers to.

    A person with no known office fits any description. Otherwise the qualifiers
    must be the same (the shadow chancellor is not the chancellor), every title word
    of the description must be one the person holds (the foreign minister is not the
    trade minister), and a role noun ("the leader") must stand for one of the
    person's titles.
    """
    held = offices(person_titles)
    if not held and not qualifiers(person_titles):
        return True
    if qualifiers(person_titles) != qualifiers(wanted):
        return False
    asked = offices(wanted | {head}) & (PERSON_TITLE_WORDS | set(ROLE_NOUN_TITLES))
    if not held or not asked:
        return True  # only a qualifier or a courtesy title is known on one side
    roles = {a for a in asked if a in ROLE_NOUN_TITLES and a not in held}
    if not (asked - roles) <= held:
        return False
    return all(held & ROLE_NOUN_TITLES[role] for role in roles)
