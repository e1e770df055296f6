"""Reporting verbs: is this token a cue ("said", "warned", "made clear"), and which?

The pipeline runs spaCy without its lemmatizer (``storytrail.nlp`` excludes it:
the other stages do not need it and it costs parse time), so cues are matched
on the word form: every lemma in ``Settings.quote_cue_verbs`` is inflected by
the regular English rules (say -> says, saying; admit -> admitted; deny ->
denied) plus the irregular forms in ``settings.QUOTE_CUE_IRREGULAR_FORMS``.
A form only counts when the tagger calls the token a verb, so "the report"
is never the cue "report".
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from storytrail.settings import (
    DEFAULTS,
    QUOTE_CUE_IRREGULAR_FORMS,
    QUOTE_CUE_PHRASES,
    QUOTE_DIRECT_CUE_VERBS,
    QUOTE_NAMING_AS_VERBS,
    QUOTE_NAMING_VERBS,
    Settings,
)

_VOWELS = frozenset("aeiou")
_PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass"})


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English verb (over-generating is harmless: only real
    tokens are looked up)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | {"w", "x", "y"}
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=8)
def form_table(lemmas: frozenset[str]) -> dict[str, str]:
    """Word form -> lemma for every lemma in ``lemmas`` (and the phrase verbs)."""
    table: dict[str, str] = {}
    for lemma in sorted(lemmas | set(QUOTE_CUE_PHRASES)):
        for form in inflections(lemma):
            table.setdefault(form, lemma)
    for form, lemma in QUOTE_CUE_IRREGULAR_FORMS.items():
        if lemma in lemmas or lemma in QUOTE_CUE_PHRASES:
            table[form] = lemma
    return table


def verb_lemma(token: Token, lemmas: frozenset[str]) -> str | None:
    """The lemma of ``token`` when it is a verb form of one of ``lemmas`` (or a phrase verb)."""
    if not token.tag_.startswith("VB"):
        return None
    return form_table(lemmas).get(token.lower_)


def cue_of(token: Token, settings: Settings = DEFAULTS, direct: bool = False) -> str | None:
    """The cue ``token`` stands for ("say", "make clear"), or None if it reports nothing.

    ``direct``: also the verbs that only credit quoted words ("asked", "shouted").
    """
    lemmas = frozenset(settings.quote_cue_verbs)
    if direct:
        lemmas = lemmas | QUOTE_DIRECT_CUE_VERBS
    lemma = verb_lemma(token, lemmas)
    if lemma is None:
        return None
    particles = QUOTE_CUE_PHRASES.get(lemma)
    if particles is not None:
        for child in token.children:
            if child.lower_ in particles and child.i > token.i:
                return f"{lemma} {child.lower_}"
        return lemma if lemma in settings.quote_cue_verbs else None
    return lemma


def cue_token_span(token: Token, cue: str) -> tuple[int, int]:
    """Token range ``[start, end)`` of a verb cue, with its particle ("made clear")."""
    last = token.i
    words = cue.split()[1:]
    for child in token.children:
        if child.i > token.i and child.lower_ in words:
            last = max(last, child.i)
    return token.i, last + 1


def naming_lemma(token: Token, as_follows: bool = False) -> str | None:
    """The lemma of a naming verb ("called", "described"), whose quoted object is a fragment.

    ``as_follows``: "as" stands between the verb and the quotation, which also makes a
    naming of the verbs that judge ("attacked it as “…”", "hailed it as “…”").
    """
    if not token.tag_.startswith("VB"):
        return None
    if _is_naming(token):
        return form_table(QUOTE_NAMING_VERBS).get(token.lower_)
    if as_follows:
        return form_table(QUOTE_NAMING_AS_VERBS).get(token.lower_)
    return None


def _is_naming(token: Token) -> bool:
    return form_table(QUOTE_NAMING_VERBS).get(token.lower_) in QUOTE_NAMING_VERBS


def is_negated(token: Token) -> bool:
    """ "did not say", "never said", "it goes without saying": nothing was said."""
    if token.head.lower_ == "without" and token.head is not token:
        return True
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)


def is_passive(token: Token) -> bool:
    """ "We were told", "it was reported": the speaker, if any, is the agent ("by X")."""
    return any(c.dep_ in _PASSIVE_DEPS for c in token.children)
