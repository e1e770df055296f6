"""Names: how they are compared, keyed and abbreviated.

Small pure functions shared by the in-article resolver (``coreference``) and
the corpus-wide entity table (``entities``).
"""

from __future__ import annotations

import re
import unicodedata

from storytrail.model import stable_id
from storytrail.settings import IRREGULAR_DEMONYMS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ish", "n", "i", "a", "e")


def normalise_name(name: str) -> str:
    """The comparison key of a name: NFKC, case-folded, straight apostrophes, one space."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip().casefold()


def entity_id(name: str) -> str:
    """The stable id of the entity with canonical ``name``."""
    return stable_id("ent", normalise_name(name))


def strip_possessive(text: str) -> str:
    """ "Dorn’s" -> "Dorn"; "farmers’" -> "farmers"."""
    return _POSSESSIVE.sub("", text.strip())


def strip_article(text: str) -> str:
    """ "The Seln Basin Commission" -> "Seln Basin Commission"."""
    return _LEADING_ARTICLE.sub("", text.strip())


def surname(name: str) -> str:
    """The last word of a name, case-folded ("Rafael Okonjo-Lind" -> "okonjo-lind")."""
    words = normalise_name(name).split()
    return words[-1] if words else ""


def first_name(name: str) -> str | None:
    """The first word of a name of two words or more, case-folded."""
    words = normalise_name(name).split()
    return words[0] if len(words) >= 2 else None


def nation_stem(word: str) -> str:
    """A country or its demonym reduced to a comparable stem.

    "Valdoria" and "Valdorian" give "valdori" and "valdor"; ``same_nation``
    compares stems by prefix. Irregular demonyms map through
    ``settings.IRREGULAR_DEMONYMS`` ("French" -> "france").
    """
    w = normalise_name(strip_possessive(word))
    w = IRREGULAR_DEMONYMS.get(w, w)
    for suffix in _DEMONYM_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def same_nation(a: str, b: str) -> bool:
    """Whether two nation stems name the same country ("kestr" and "kestri" do)."""
    return a.startswith(b) or b.startswith(a)


def demonym(word: str) -> str:
    """The adjective for a country word ("Kestria" -> "Kestrian"); a demonym stays as is."""
    w = strip_possessive(word)
    lower = w.lower()
    for adjective, country in IRREGULAR_DEMONYMS.items():
        if lower == country:
            return adjective.capitalize()
    if lower.endswith(("an", "ese", "ish", "i")):
        return w
    if lower.endswith("a"):
        return w + "n"
    if lower.endswith("e"):
        return w[:-1] + "ian"
    return w + "ian"


def is_acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` (all capitals) abbreviates ``name``.

    Every word of ``name`` (articles aside) must give its first letter, in
    order; extra letters may come from inside a word, as in compounds
    ("NWA" for "Northwind Agency": North-wind).
    """
    if not (2 <= len(short) <= 8 and short.isalpha() and short.isupper()):
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("the", "of", "and")]
    if len(words) < 2 or len(words) > len(short):
        return False
    letters = short.lower()
    return _spell(letters, [w.lower() for w in words])


def _spell(letters: str, words: list[str]) -> bool:
    if not words:
        return not letters
    if not letters or letters[0] != words[0][0]:
        return False
    word, rest = words[0], letters[1:]
    # Consume more letters from inside this word, then move to the next one.
    for take in range(0, len(rest) + 1):
        if take and not _subsequence(rest[:take], word[1:]):
            break
        if _spell(rest[take:], words[1:]):
            return True
    return False


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)
