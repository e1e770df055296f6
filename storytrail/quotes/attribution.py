"""Who is credited with a quotation, and by which verb: the speaker span and the cue.

Two readings are combined. The parse finds the subject of a reporting verb
(climbing from "saying" in "continued by saying" or "finding" in "published
its report, finding that" to the verb that has one, and from "who" in "…, who
told reporters" to the noun it stands for). Quotation marks, though, confuse
the small English parser ("“…,” he said" often parses "said" as a clause
*inside* the quote), so a direct quotation is attributed by position first:
the words right after its closing mark (``“…,” the president said``, ``“…,”
said Brenner``) or right before its opening mark (``Marcek said: “…”``,
``he said, “…”``, ``Dorn was blunt: “…”``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storytrail.quotes.cues import cue_of, cue_token_span, is_negated, is_passive
from storytrail.quotes.layout import Layout, Quotation, is_punct, sentence_bounds
from storytrail.settings import DEFAULTS, UNNAMED_SOURCE_NOUNS, Settings

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"xcomp", "pcomp", "advcl", "conj", "prep", "acl"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_DROP_FROM_SPEAKER = frozenset({"relcl", "acl", "advcl", "prep", "punct", "cc", "conj", "case"})
_SPEAKER_POS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "PRON", "PART", "NUM", "ADP", "PUNCT"})
_SENTENCE_STOPS = frozenset({".", "!", "?", ";"})
_INTRO_PUNCT = frozenset({":", ",", "\u2014", "\u2013", "-"})
_CLOSING_PUNCT = frozenset(",.!?;\u2026\u2014\u2013-")
_ADDRESSEE_CUES = frozenset({"tell", "assure", "inform", "warn", "brief", "promise", "remind"})
_COPULAS = frozenset({"is", "was", "were", "are", "been", "be", "'s", "’s"})


@dataclass(slots=True)
class Attribution:
    """A cue and the tokens of its speaker.

    ``speaker`` is ``(start, end)`` token indices of the speaker's words as the
    article wrote them, or None when the cue has no speaker ("We were told").
    ``head`` is the token the speaker resolves from (the subject's head).
    ``cue_span`` is the token range of the cue.
    """

    cue: str
    cue_span: tuple[int, int]
    speaker: tuple[int, int] | None
    head: int | None
    how: str = "parse"


def subject_of(verb: Token, layout: Layout) -> Token | None:
    """The speaker token of a reporting verb, or None (passive with no agent, no subject).

    Climbs through participles, infinitives and conjuncts to the verb that has
    a subject; a relative "who" stands for the noun it follows.
    """
    v = verb
    quote = layout.token_quote[verb.i]
    for _ in range(5):
        if is_passive(v) and v is not verb and verb.dep_ == "conj":
            # "He was advised … and said …": the conjoined verb shares the subject
            shared = [c for c in v.children if c.dep_ == "nsubjpass"]
            return shared[0] if shared else None
        if is_passive(v):
            for child in v.children:
                if child.dep_ == "agent":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    return objects[0] if objects else None
            return None
        for child in v.children:
            if child.dep_ in _SUBJECT_DEPS and layout.token_quote[child.i] == quote:
                if child.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return _antecedent(v.head)
                return child
        if v.dep_ == "relcl":
            return _antecedent(v.head)
        if v.dep_ not in _CLIMB_DEPS or v.head is v:
            return None
        v = v.head
    return None


def _antecedent(noun: Token) -> Token:
    """The name an apposition or relative clause hangs on ("Okonjo-Lind, the envoy, who")."""
    while noun.dep_ == "appos" and noun.head is not noun:
        noun = noun.head
    return noun


def speaker_span(head: Token, layout: Layout, settings: Settings = DEFAULTS) -> tuple[int, int]:
    """Token range of the speaker noun phrase headed by ``head``.

    Relative clauses and other trailing material are left out. An apposition
    stays only when it holds the name ("Kestria's foreign minister, Anneliese
    Dorn"), not when it describes a name already given ("Okonjo-Lind, the envoy").
    """
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            keep_prep = _is_of_phrase(child) or _affiliation(head, child)
            if child.dep_ in _DROP_FROM_SPEAKER and not keep_prep:
                continue
            if child.dep_ == "appos" and (head.pos_ == "PROPN" or child.pos_ != "PROPN"):
                continue
            if layout.token_quote[child.i] != layout.token_quote[head.i]:
                continue
            keep.add(child.i)
            stack.append(child)
    start, end = min(keep), max(keep) + 1
    doc = layout.doc
    while start < end - 1 and is_punct(doc[start]):
        start += 1
    while end - 1 > start and is_punct(doc[end - 1]):
        end -= 1
    if end - start > settings.quote_max_speaker_tokens:
        return head.i, head.i + 1
    return start, end


def _affiliation(head: Token, child: Token) -> bool:
    """ "officials at the port", "a spokesman for the ministry": an unnamed source's
    affiliation is part of how the article names it."""
    return (
        child.dep_ == "prep"
        and child.lower_ in ("for", "at", "from", "with")
        and head.lower_ in UNNAMED_SOURCE_NOUNS
    )


def _is_of_phrase(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "of"


def verb_attribution(verb: Token, cue: str, layout: Layout, how: str) -> Attribution:
    """The attribution a reporting verb makes: its cue span and its subject."""
    subject = subject_of(verb, layout)
    span = speaker_span(subject, layout) if subject is not None else None
    return Attribution(
        cue, cue_token_span(verb, cue), span, subject.i if subject is not None else None, how
    )


def trailing_attribution(
    quotation: Quotation, layout: Layout, settings: Settings = DEFAULTS, limit: int | None = None
) -> Attribution | None:
    """``“…,” he said`` / ``“…,” said the president``: a cue right after the closing mark."""
    if quotation.close_tok is None or not _closes_a_clause(quotation, layout):
        return None
    doc = layout.doc
    i = quotation.close_tok + 1
    if limit is not None:
        end = limit
    else:  # the parser often starts a new sentence right after the closing mark
        nxt = min(i, len(doc) - 1)
        end = max(sentence_bounds(layout, quotation.close_tok)[1], sentence_bounds(layout, nxt)[1])
    end = min(end, i + settings.quote_attribution_window, len(doc))
    while (i < end and doc[i].text in (",", "\u2019", "'")) or (i < end and doc[i].is_space):
        i += 1
    for v in range(i, end):
        token = doc[v]
        if (layout.in_quote(v) and limit is None) or token.text in _SENTENCE_STOPS:
            return None
        cue = cue_of(token, settings, direct=True)
        if cue is None:
            if token.pos_ in ("VERB",) and token.dep_ not in ("amod", "compound"):
                return None
            continue
        if is_negated(token) or token.dep_ in ("relcl", "acl", "amod"):
            return None
        if _reports_something_else(token, cue):
            return None
        between = range(i, v)
        if any(
            doc[b].pos_ not in _SPEAKER_POS and doc[b].pos_ not in ("AUX", "ADV") for b in between
        ):
            return None
        if between:
            subject = _named_in_apposition(doc, i, v) or subject_of(token, layout)
            if subject is None or not i <= subject.i < v:
                subject = _last_nominal(doc, i, v)
            if subject is None:
                return None
            span = speaker_span(subject, layout, settings)
            span = (max(span[0], i), min(span[1], v))
            return Attribution(cue, cue_token_span(token, cue), span, subject.i, "after")
        subject = _inverted_subject(token, layout, end)
        if subject is None:
            return None
        return Attribution(
            cue,
            cue_token_span(token, cue),
            speaker_span(subject, layout, settings),
            subject.i,
            "after",
        )
    return None


def _closes_a_clause(quotation: Quotation, layout: Layout) -> bool:
    """Punctuation ends the quoted words or follows the mark ("“…,” he said"), so the
    next words are not part of the same noun phrase ("the “Avatar” star posted")."""
    text = layout.text
    inside = text[quotation.span.start : quotation.span.end].rstrip().rstrip("\u2019\u201d\"'")
    after = text[quotation.span.outer_end : quotation.span.outer_end + 2].lstrip(" ")
    return inside[-1:] in _CLOSING_PUNCT or after[:1] in _CLOSING_PUNCT


def _reports_something_else(verb: Token, cue: str) -> bool:
    """ "… 75 percent said yes", "… Gingrich said if …": the verb has its own object or
    clause after it, so the quotation before it is not what it reports."""
    addressee = cue.split()[0] in _ADDRESSEE_CUES
    for child in verb.children:
        if child.i <= verb.i:
            continue
        joined = not any(t.text == "," for t in verb.doc[verb.i + 1 : child.left_edge.i])
        if child.dep_ in ("ccomp", "intj") and joined:
            return True
        if child.dep_ == "dobj" and not addressee:
            return True
    return False


def _named_in_apposition(doc, start: int, end: int) -> Token | None:
    """ "“…,” Andrew Pendleton, Christian Aid's head of trade policy, said": of the
    comma-separated phrases before the verb, the one holding a person's name speaks
    (the parser often makes the description's last noun the subject)."""
    commas = [j for j in range(start, end) if doc[j].text == ","]
    if not commas:
        return None
    bounds = [start, *[c + 1 for c in commas]]
    ends = [*commas, end]
    for a, b in zip(bounds, ends, strict=True):
        names = [t for t in doc[a:b] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        if names:
            return names[-1]
    return None


def _last_nominal(doc, start: int, end: int) -> Token | None:
    for b in range(end - 1, start - 1, -1):
        if doc[b].pos_ in ("PROPN", "NOUN", "PRON"):
            return doc[b]
    return None


def _inverted_subject(verb: Token, layout: Layout, end: int) -> Token | None:
    """``said Brenner`` / ``said the president``: the subject after the verb."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i > verb.i:
            return child
    doc = layout.doc
    j = verb.i + 1
    head = None
    while j < end and doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PART"):
        if doc[j].pos_ in ("PROPN", "NOUN"):
            head = doc[j]
        j += 1
    if head is not None and verb.lower_ not in ("told", "tells", "tell", "telling"):
        return head
    return None


def leading_attribution(
    quotation: Quotation, layout: Layout, settings: Settings = DEFAULTS, floor: int | None = None
) -> Attribution | None:
    """``Marcek said: “…”`` / ``he said, “…”`` / ``Dorn was blunt: “…”``: a cue before the mark.

    ``floor`` limits how far back to look (the start of an enclosing quotation).
    A quotation opening a paragraph takes its cue from the previous paragraph
    when that ends with a colon ("he said:").
    """
    doc = layout.doc
    p = quotation.open_tok - 1
    while p >= 0 and doc[p].is_space:
        p -= 1
    if p >= 0 and p + 1 == quotation.open_tok and doc[p].dep_ != "ccomp":
        cue = cue_of(doc[p], settings, direct=True)
        if cue is not None and not is_negated(doc[p]):  # "Trump declared “I think …”"
            return verb_attribution(doc[p], cue, layout, "before")
    if p < 0 or doc[p].text not in _INTRO_PUNCT:
        return None
    other_paragraph = layout.token_paragraph[p] != layout.token_paragraph[quotation.open_tok]
    if floor is None and other_paragraph and doc[p].text != ":":
        return None
    start = sentence_bounds(layout, p)[0] if floor is None else floor
    if floor is None:
        for j in range(p - 1, start - 1, -1):
            if layout.in_quote(j):
                start = j + 1
                break
    for v in range(p - 1, start - 1, -1):
        token = doc[v]
        cue = cue_of(token, settings, direct=True)
        if cue is None or is_negated(token):
            continue
        if not _governs_up_to(token, v, p, doc):
            break
        return verb_attribution(token, cue, layout, "before")
    if doc[p].text == ":":
        return _copular_intro(doc, start, p, layout, settings)
    return None


def _governs_up_to(verb: Token, v: int, p: int, doc) -> bool:
    """Every word between the verb and the mark belongs to the verb's own phrase."""
    left, right = verb.left_edge.i, verb.right_edge.i
    return all(left <= j <= right or is_punct(doc[j]) for j in range(v + 1, p))


def _copular_intro(doc, start: int, p: int, layout: Layout, settings: Settings):
    """``Dorn was blunt: “…”``: cue "be blunt", speaker the subject."""
    for v in range(p - 1, start - 1, -1):
        token = doc[v]
        if token.lower_ not in _COPULAS:
            continue
        adjectives = [c for c in token.children if c.dep_ == "acomp" and c.i < p]
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        named = subjects and (subjects[0].pos_ in ("PROPN", "PRON") or subjects[0].is_title)
        if adjectives and named:
            subject = subjects[0]
            return Attribution(
                f"be {adjectives[0].lower_}",
                (token.i, adjectives[0].i + 1),
                speaker_span(subject, layout, settings),
                subject.i,
                "colon",
            )
    return None
