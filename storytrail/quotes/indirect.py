"""Reported speech: "X said (that) …", "X warned/told … that …", "according to X, …".

A *frame* is one reporting act: a cue, its speaker and the clauses it reports.
Frames come from the parse, which is reliable outside quotation marks:

* a reporting verb with a clausal complement (``ccomp``), wherever the clause
  stands ("Valdoria has cut releases, Marcek said"); the speaker is the verb's
  subject, found through participles and conjuncts ("continued by saying",
  "published its report, finding that", "told …, but promised that");
* a second that-clause joined to the first ("said that A, but that B") is a
  second report, as a reader would count it;
* "according to X" reports the rest of its sentence;
* a reporting noun with a that-clause ("Peskov's warning that …").

A verb inside a quotation is the speaker's own word and makes no frame;
neither does a negated one ("did not say") nor a question ("asked whether").
Whether a frame's clause is indirect or mixed is decided later (``mixed``),
once the quotations are placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from storytrail.quotes.attribution import Attribution, speaker_span, verb_attribution
from storytrail.quotes.cues import cue_of, is_negated, verb_lemma
from storytrail.quotes.layout import Layout, is_punct, sentence_bounds
from storytrail.settings import (
    DEFAULTS,
    MEDIA_HEADS,
    ORG_HEADS,
    PERSON_TITLE_WORDS,
    QUOTE_CUE_NOUNS,
    QUOTE_DENIAL_VERBS,
    QUOTE_DENIED_NOUNS,
    QUOTE_DOCUMENT_NOUNS,
    QUOTE_QUESTION_WORDS,
    QUOTE_SOURCE_NOUNS,
    Settings,
)

_CLAUSE_DEPS = frozenset({"ccomp"})
_NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
_RELATIVES = frozenset({"who", "whom", "which", "that", "whose", "where", "when"})
_TRAILING_WORDS = frozenset({"and", "but", "or"})
# A clause the parser missed is read off the text only when the quotation begins
# within this many words of the verb, with no comma between.
_POSITIONAL_MAX_GAP = 8
_SOURCE_WORDS = (
    QUOTE_SOURCE_NOUNS,
    QUOTE_DOCUMENT_NOUNS,
    PERSON_TITLE_WORDS,
    ORG_HEADS,
    MEDIA_HEADS,
)
# Cues that take an addressee before their clause ("told reporters he hoped …").
_ADDRESSEE_CUES = frozenset({"tell", "assure", "inform", "warn", "brief", "promise", "remind"})


@dataclass(slots=True)
class Frame:
    """One reporting act: ``clauses`` are token ranges ``[start, end)`` of what it reports."""

    attribution: Attribution
    clauses: list[tuple[int, int]] = field(default_factory=list)
    how: str = "clause"


def speech_frames(layout: Layout, settings: Settings = DEFAULTS) -> list[Frame]:
    """Every reporting act outside quotation marks in the article, in text order."""
    frames: list[Frame] = []
    doc = layout.doc
    for token in doc:
        if layout.in_quote(token.i) or token.idx < layout.headline_end:
            continue
        frame = None
        if token.lower_ == "according":
            frame = _according(token, layout, settings)
        elif token.pos_ in ("NOUN",) and token.lower_ in QUOTE_CUE_NOUNS:
            frame = _noun_frame(token, layout, settings)
        else:
            cue = cue_of(token, settings) or _denial(token)
            if cue is not None and not is_negated(token):
                frame = _verb_frame(token, cue, layout)
        if frame is not None and frame.clauses:
            frames.append(frame)
    return frames


def _verb_frame(verb: Token, cue: str, layout: Layout) -> Frame | None:
    heads = _clause_heads(verb, cue)
    how = "clause"
    if not heads and cue in _ADDRESSEE_CUES:
        heads = _reduced_clauses(verb)
    if all(h.i < verb.i for h in heads):  # nothing after the cue: maybe an aside
        aside = _parenthetical_frame(verb, cue, layout, mid_sentence=bool(heads))
        if aside is not None:
            return aside
    if not heads and " " not in cue:
        return _positional_frame(verb, cue, layout)
    attribution = verb_attribution(verb, cue, layout, how)
    if attribution.head is None:
        return None
    clauses = [span for head in heads for span in clause_spans(head, layout)]
    return Frame(attribution, [c for c in clauses if c[0] < c[1]], how)


def _clause_heads(verb: Token, cue: str) -> list[Token]:
    """The verb's complement clauses; a phrase cue's particle hands over its own ("made
    clear that …"); a that-clause conjoined to the verb is one more ("said A, but that B");
    a denied noun's that-clause ("refuted suggestions that …") is what was denied."""
    particles = cue.split()[1:]
    heads: list[Token] = _denied(verb, cue) + _in_a_statement(verb)
    for child in verb.children:
        if child.dep_ in _CLAUSE_DEPS and child.lower_ in particles:
            heads.extend(c for c in child.children if c.dep_ in ("ccomp", "csubj"))
        elif child.dep_ in _CLAUSE_DEPS or (child.dep_ == "conj" and _has_that(child)):
            heads.append(child)
    if particles:
        for child in verb.children:
            if child.lower_ in particles:
                heads.extend(c for c in child.children if c.dep_ in ("ccomp", "csubj"))
    heads = [h for h in dict.fromkeys(heads) if not _is_question(h)]
    return [h for h in heads if h.i > verb.i or _left_clause_ok(verb, h, cue, heads)]


def _in_a_statement(verb: Token) -> list[Token]:
    """ "said in a statement that …": the that-clause hangs on the document noun."""
    return [
        clause
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "through")
        for noun in prep.children
        if noun.dep_ == "pobj"
        and (noun.lower_ in QUOTE_DOCUMENT_NOUNS or noun.lower_ in QUOTE_CUE_NOUNS)
        for clause in noun.children
        if clause.dep_ in ("acl", "ccomp", "relcl") and _has_that(clause)
    ]


def _denial(verb: Token) -> str | None:
    """ "rejected allegations (that) …": a verb of denial is a cue only with the
    proposition it denies ("rejected the offer" reports nothing)."""
    lemma = verb_lemma(verb, QUOTE_DENIAL_VERBS) if verb.pos_ == "VERB" else None
    return lemma if lemma is not None and _denied(verb, lemma) else None


def _denied(verb: Token, cue: str) -> list[Token]:
    if cue not in QUOTE_DENIAL_VERBS:
        return []
    return [
        clause
        for obj in verb.children
        if obj.dep_ == "dobj"
        and obj.lower_ in QUOTE_DENIED_NOUNS
        and not any(c.dep_ == "poss" for c in obj.children)  # "Dorff's claim" is Dorff's
        for clause in obj.children
        if clause.dep_ in ("acl", "ccomp", "relcl")
        and (_has_that(clause) or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children))
    ]


def _left_clause_ok(verb: Token, head: Token, cue: str, heads: list[Token]) -> bool:
    """ "C, X said": the clause before the verb counts only when the verb reports nothing
    else (no clause after it, no object but an addressee) and a comma, not a semicolon
    or colon, joins them."""
    if any(h.i > verb.i for h in heads):
        return False
    if cue.split()[0] not in _ADDRESSEE_CUES and any(c.dep_ == "dobj" for c in verb.children):
        return False
    doc = verb.doc
    between = doc[head.right_edge.i : verb.i]
    if any(t.text in (";", ":", ".") for t in between):
        return False
    verbs = [t for t in between if t.pos_ == "VERB" and t.i != head.i]
    return any(t.text == "," for t in between) and not verbs


def _reduced_clauses(verb: Token) -> list[Token]:
    """ "told reporters he hoped …": a clause the parser hung on the object as a relative."""
    out = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for child in obj.children:
            if (
                child.dep_ == "relcl"
                and child.left_edge.lower_ not in _RELATIVES
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
            ):
                out.append(child)
    return out


def _positional_frame(verb: Token, cue: str, layout: Layout) -> Frame | None:
    """The parser found no clause but a quotation follows the verb in its sentence
    ("continued by saying the priority now is “…”"): the rest of the sentence is
    the clause. Such a frame only ever makes a mixed quote, never an indirect one."""
    start, end = verb.i + 1, sentence_bounds(layout, verb.i)[1]
    if start >= end or layout.doc[start].pos_ in ("ADP", "PUNCT") or layout.in_quote(start):
        return None
    if not any(layout.in_quote(i) for i in range(start, end)):
        return None
    attribution = verb_attribution(verb, cue, layout, "positional")
    if attribution.head is None:
        return None
    first_quote = next(i for i in range(start, end) if layout.in_quote(i))
    quotation = layout.quotations[layout.token_quote[first_quote]]
    if quotation.close_tok is not None:  # what follows the quotation is another clause
        end = min(end, quotation.close_tok + 1)
    gap = layout.doc[start:first_quote]
    if len(gap) > _POSITIONAL_MAX_GAP or any(t.text in (",", ";", ":") for t in gap):
        return None
    that = [i for i in range(start, first_quote) if layout.doc[i].lower_ == "that"]
    if that:
        start = that[0] + 1
    elif cue in _ADDRESSEE_CUES:
        start = first_quote
    return Frame(attribution, [_trim(start, end, layout, verb.i)], "positional")


def _parenthetical_frame(
    verb: Token, cue: str, layout: Layout, mid_sentence: bool = False
) -> Frame | None:
    """ "The economy had grown, he said, and was forecast to …", "Incidents like this
    happen, said Mr Thiemann, because …", "Only we stood against it, he said.": a cue set
    off by commas inside or at the end of the sentence it reports, which the parser
    left without a clause. The report is the sentence around it, the aside included
    (one contiguous span, as a reader would mark it); without a word before the aside,
    or with an object of its own, the cue reports nothing here. ``mid_sentence``: the
    parser found the clause before the cue, so only an aside with words after it
    reports more than that clause."""
    doc = layout.doc
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    own = ("dobj", "xcomp") if mid_sentence else ("dobj", "xcomp", "ccomp")
    if subject is None or any(c.dep_ in own for c in verb.children):
        return None
    first = min(subject.left_edge.i, verb.i)
    last = max(subject.right_edge.i, verb.i) + 1
    s_start, s_end = sentence_bounds(layout, verb.i)
    stops = [i for i in range(s_start, first) if doc[i].text in (".", "!", "?")]
    if stops:  # the parser ran two sentences together ("… PC Pro. Apple's work …, he said")
        s_start = stops[-1] + 1
    if first - s_start < 2 or doc[first - 1].text != ",":
        return None
    opener = first - s_start < 4  # "Also, he said, …": the report is what follows
    after = doc[last] if last < s_end else None
    if after is not None and after.text not in (",", ".", "!", "?"):
        return None
    if mid_sentence and (after is None or after.text != "," or last + 1 >= s_end - 1):
        return None
    span = range(s_start, s_end)
    if any(layout.in_quote(i) for i in span) or any(doc[i].text in (";", ":") for i in span):
        return None
    attribution = verb_attribution(verb, cue, layout, "aside")
    if attribution.head is None:
        return None
    mid = after is not None and after.text == ","
    if opener and not mid:
        return None
    start = last + 1 if opener else s_start
    end = s_end if mid else first - 1
    for i in range(last + 1, end - 1):  # ", saying …", ", adding …": a report of its own
        if doc[i].text == "," and doc[i + 1].tag_ == "VBG" and cue_of(doc[i + 1]) is not None:
            end = i
            break
    return Frame(attribution, [_trim(start, end, layout, verb.i)], "aside")


def _is_question(head: Token) -> bool:
    first = head.left_edge
    return any(
        c.dep_ in ("mark", "advmod", "nsubj", "dobj") and c.lower_ in QUOTE_QUESTION_WORDS
        for c in head.children
        if c.i == first.i
    ) or (first.lower_ in QUOTE_QUESTION_WORDS and first.lower_ != "that")


def clause_spans(head: Token, layout: Layout) -> list[tuple[int, int]]:
    """Token ranges of the clause headed by ``head`` and of that-clauses conjoined to it."""
    parts = [head] + [c for c in head.children if c.dep_ == "conj" and _has_that(c)]
    spans: list[tuple[int, int]] = []
    for index, part in enumerate(parts):
        tokens = {t.i for t in part.subtree}
        if index == 0:
            for other in parts[1:]:
                tokens -= {t.i for t in other.subtree}
            cut = min((o.left_edge.i for o in parts[1:]), default=None)
            if cut is not None:
                tokens = {t for t in tokens if t < cut}
        start, end = min(tokens), max(tokens) + 1
        if part.i < part.head.i:  # a clause before its cue begins after any ";", ":" or
            # sentence end the parser ran into it ("… at PC Pro. Apple's work …, he said")
            stops = [
                i
                for i in range(start, end)
                if layout.doc[i].text in (";", ":", ".", "!", "?") and not layout.in_quote(i)
            ]
            start = stops[-1] + 1 if stops else start
        spans.append(_trim(start, end, layout, head.head.i))
    return spans


def _has_that(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _trim(start: int, end: int, layout: Layout, anchor: int) -> tuple[int, int]:
    """Keep a clause inside the paragraph of its cue (``anchor``) and after any headline;
    drop a leading "that", conjunctions and punctuation at the edges, a dateline, and a
    comment tacked on after a comma (", a phrase his spokesman declined to explain",
    ", implicitly putting his name on the line")."""
    doc = layout.doc
    paragraph = layout.token_paragraph[anchor]
    while start < end and (
        layout.token_paragraph[start] != paragraph or doc[start].idx < layout.headline_end
    ):
        start += 1
    while end > start and layout.token_paragraph[end - 1] != paragraph:
        end -= 1
    for i in range(start + 1, end - 1):
        if doc[i].text == "," and not layout.in_quote(i) and _comment_follows(doc, i, start, end):
            end = i
            break

    def loose(i: int) -> bool:
        return not layout.in_quote(i) and (is_punct(doc[i]) or doc[i].lower_ in _TRAILING_WORDS)

    while start < end and (loose(start) or doc[start].lower_ == "that"):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    if start < end:
        char = layout.dateline_end(doc[start].idx)
        while start < end and doc[start].idx < char:
            start += 1
    return start, end


def _comment_follows(doc, comma: int, start: int, end: int) -> bool:
    nxt = doc[comma + 1]
    if nxt.lower_ in ("a", "an"):
        return True
    if nxt.pos_ == "ADV" and comma + 2 < end:
        nxt = doc[comma + 2]
    return nxt.tag_ == "VBG" and not start <= nxt.head.i < end


def _according(token: Token, layout: Layout, settings: Settings) -> Frame | None:
    """ "According to X, C" / "C, according to X": X reports the rest of the sentence."""
    doc = layout.doc
    to = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if to is None or to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    if not _can_be_source(source):
        return None
    s_start, s_end = sentence_bounds(layout, token.i)
    phrase_end = max(t.i for t in source.subtree) + 1
    tail = s_end
    while tail > phrase_end and is_punct(doc[tail - 1]):
        tail -= 1
    if token.i - s_start <= 1:
        start, end = phrase_end, s_end
    elif phrase_end >= tail:
        start, end = s_start, token.i
    else:
        return None  # in mid-sentence: which part it sources is anyone's guess
    start, end = _trim(start, end, layout, token.i)
    attribution = Attribution(
        "according to",
        (token.i, token.i + 2),
        speaker_span(source, layout, settings),
        source.i,
        "according",
    )
    return Frame(attribution, [(start, end)] if start < end else [], "according")


def _can_be_source(token: Token) -> bool:
    """Whether "according to <token>" names a source (see ``QUOTE_SOURCE_NOUNS``)."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lower = token.lower_
    return any(lower in words for words in _SOURCE_WORDS)


def _noun_frame(noun: Token, layout: Layout, settings: Settings) -> Frame | None:
    """ "Peskov's warning that …": the possessor said the clause."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    heads = [c for c in noun.children if c.dep_ in _NOUN_CLAUSE_DEPS and _has_that(c)]
    if not owners or not heads:
        return None
    owner = owners[0]
    attribution = Attribution(
        noun.lower_, (noun.i, noun.i + 1), speaker_span(owner, layout, settings), owner.i, "noun"
    )
    return Frame(attribution, [s for h in heads for s in clause_spans(h, layout)], "noun")
