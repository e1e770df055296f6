"""Which way a time expression looks: back from the anchor, or forward.

News text leaves the year, and often the week, to tense: "said on Wednesday"
is the last Wednesday, "will hold drills on Wednesday" the next one. The
direction comes from the verb that governs the expression in spaCy's
dependency parse:

* ``will``/``shall``/``'ll``, ``would`` (reported future: "said it would hold
  drills on Wednesday"), an infinitive after a word of intent ("is due to",
  "agreed to meet on Tuesday", "plans to"), and the present progressive of
  arrangements ("are meeting on Tuesday") look **forward**;
* the simple past, the perfect ("has said"), ``would have`` and a past
  passive look **back**;
* a present-tense reporting verb ("says") looks back, like the past it
  stands for in headlines; any other present tense ("the summit opens on
  Friday") looks forward;
* a participle without its own auxiliary ("Speaking ... on Wednesday, she
  said") takes the tense of the clause it hangs from;
* with no verb to go by, the expression looks back: most of what news
  reports has happened.
"""

from __future__ import annotations

from storytrail.settings import DEFAULTS, Settings
from storytrail.time.values import Direction

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "’ll"})
PERFECT_AUXILIARIES = frozenset({"has", "have", "had", "'ve", "’ve", "'d", "’d"})
PAST_AUXILIARIES = frozenset({"was", "were", "did"})
_PLACE_PREPOSITIONS = frozenset({"at", "in", "to", "from", "outside", "inside", "near", "aboard"})
PRESENT_AUXILIARIES = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re", "be"})


def governing_verb(span, settings: Settings = DEFAULTS):  # span: Span -> Token | None
    """The verb that governs ``span``: the nearest verb above its root in the parse.

    One correction to the parse: an expression right after a reporting verb
    ("said on Wednesday it will hold drills") belongs to that verb, though the
    small model often hangs it on the next clause's verb.
    """
    reporting = _reporting_verb_before(span, settings)
    if reporting is not None:
        return reporting
    token = span.root
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def adverbial_verb(span, settings: Settings = DEFAULTS):  # span: Span -> Token | None
    """The verb ``span`` is an adverbial of ("said on Tuesday", "In a statement on Friday,
    the ministry said"), or None when it modifies something else ("the November flood").

    Like ``governing_verb``, but the way up may only pass through prepositions and
    nouns of occasions (``time_occasion_nouns``): a date on a thing is not a date
    of the act.
    """
    reporting = _reporting_verb_before(span, settings)
    if reporting is not None:
        return reporting
    token = span.root
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
        outside = not (span.start <= token.i < span.end)
        if outside and token.pos_ in ("NOUN", "PROPN") and not _occasion_or_place(token, settings):
            return None
    return token


def _occasion_or_place(noun, settings: Settings) -> bool:
    """An occasion ("statement", "summit") or a place an act happens at ("at the border
    crossing on Tuesday evening": the small model hangs the date on the place)."""
    if noun.lemma_.lower() in settings.time_occasion_nouns:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in _PLACE_PREPOSITIONS


def _reporting_verb_before(span, settings: Settings):
    """A reporting verb right before ``span`` or before its preposition, or None."""
    doc = span.doc
    index = span.start - 1
    if index >= 0 and doc[index].lower_ in ("on", "in", "at", "during"):
        index -= 1
    if index < 0:
        return None
    token = doc[index]
    if token.pos_ == "VERB" and token.lemma_.lower() in settings.time_reporting_verbs:
        return token
    return None


def direction_of(span, settings: Settings = DEFAULTS) -> Direction:
    """``past`` or ``future``: how the clause governing ``span`` places it in time."""
    verb = governing_verb(span, settings)
    if verb is None:
        return "past"
    return clause_direction(verb, settings)


def clause_direction(verb, settings: Settings = DEFAULTS, depth: int = 0) -> Direction:
    """The direction of the clause headed by ``verb`` (a spaCy ``Token``)."""
    auxiliaries = [
        child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass", "neg")
    ]
    if any(a in FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if "would" in auxiliaries or "could" in auxiliaries:
        return "past" if any(a in PERFECT_AUXILIARIES for a in auxiliaries) else "future"
    if any(a in PERFECT_AUXILIARIES or a in PAST_AUXILIARIES for a in auxiliaries):
        return "past"
    if verb.dep_ == "xcomp" and depth < 4:
        return _infinitive_direction(verb, settings, depth)
    tag = verb.tag_
    if tag == "VBD":
        return "past"
    if tag in ("VBG", "VBN"):
        if any(a in PRESENT_AUXILIARIES for a in auxiliaries):
            return "future"
        if verb.head.i != verb.i and depth < 4:
            head = _clause_head(verb)
            if head is not None:
                return clause_direction(head, settings, depth + 1)
        return "past" if tag == "VBN" else "future"
    if tag in ("VBZ", "VBP"):
        return "past" if verb.lemma_.lower() in settings.time_reporting_verbs else "future"
    return "past"


def _infinitive_direction(verb, settings: Settings, depth: int) -> Direction:
    """ "due to resume", "agreed to meet": an infinitive after a word of intent looks forward,
    whatever the tense of the intent (the agreement was made; the meeting is to come)."""
    head = verb.head
    if head.lemma_.lower() in settings.time_future_intent_words:
        return "future"
    clause = head if head.pos_ in ("VERB", "AUX") else _clause_head(head)
    if clause is None:
        return "past"
    return clause_direction(clause, settings, depth + 1)


def _clause_head(token):
    """The nearest verb strictly above ``token``, or None."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None
