"""Naming cited sources the same way everywhere: "NWA" is Northwind Agency.

An acronym is expanded to a known name (an outlet in the corpus, or an
organisation entity) when its letters appear in that name in order, starting
with the name's first letter and including every word's initial — the rule of
thumb used for abbreviation definitions (Schwartz & Hearst, 2003), applied to
the names the corpus already knows instead of to a parenthesis. "NWA" matches
N-orth-W-ind A-gency; "NA" alone would not be told apart from other names and
is expanded only when exactly one name fits.
"""

from __future__ import annotations

from collections.abc import Iterable


def _fits(acronym: str, name: str) -> bool:
    words = name.split()
    if len(words) < 2 or not acronym or acronym[0].casefold() != name[0].casefold():
        return False
    letters = acronym.casefold()
    text = name.casefold()
    initials = {i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or text[i - 1] == " ")}
    at, used = 0, set()
    for letter in letters:
        found = text.find(letter, at)
        if found < 0:
            return False
        used.add(found)
        at = found + 1
    return initials <= used


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 8 and name.isalpha() and name.isupper()


def canonical_sources(cited: Iterable[str], known: Iterable[str]) -> dict[str, str]:
    """Map each cited acronym to the one known name it abbreviates (others map to themselves)."""
    names = sorted({k for k in known if not is_acronym(k)})
    mapping = {}
    for source in set(cited):
        if is_acronym(source):
            fits = [n for n in names if _fits(source, n)]
            mapping[source] = fits[0] if len(fits) == 1 else source
        else:
            mapping[source] = source
    return mapping
