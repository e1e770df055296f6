"""Direct quotations: quoted words credited by a reporting clause beside them.

A quotation is direct when a cue stands right after its closing mark or
right before its opening mark (``attribution``). Without one of its own it
takes the attribution of the quotation before it when it starts a new
sentence of the same paragraph (``“A,” Brenner said. “B.”``) or continues
a quotation from the previous paragraph. Each half of a split quotation is
its own quote with the same speaker (``“A,” he said, “B”``).

Nested quotations (single marks inside double ones) are reported when the
outer speaker credits them ("Dorn looked at me and said, ‘…’"): "I" and
"we" there are the outer speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from storytrail.quotes.attribution import (
    Attribution,
    leading_attribution,
    trailing_attribution,
)
from storytrail.quotes.layout import Layout, Quotation
from storytrail.quotes.marks import QuotedSpan, nested_spans
from storytrail.settings import DEFAULTS, Settings

_SENTENCE_END = frozenset(".!?\u2026")
_TITLE_MAX_WORDS = 6
_SUBORDINATORS = frozenset(
    {"when", "if", "after", "as", "while", "although", "though", "because", "since", "before",
     "until", "whether", "once", "unless", "asked"}
)  # fmt: skip
_LEAD_INS = frozenset({"and", "but", "so", "yet", "still", "or", "then", "also", "now"})
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "is"})


@dataclass(slots=True)
class DirectQuote:
    """A quotation credited directly; ``inherited`` says the credit came from the one before."""

    quotation: Quotation
    attribution: Attribution
    inherited: bool = False


def own_attribution(
    quotation: Quotation, layout: Layout, settings: Settings = DEFAULTS
) -> Attribution | None:
    """The cue beside the quotation itself: before its opening mark, else after its closing.

    A short quotation of capitalised words is a title ("Face the Nation"), not speech."""
    if looks_like_title(layout.text[quotation.span.start : quotation.span.end]):
        return None
    return leading_attribution(quotation, layout, settings) or trailing_attribution(
        quotation, layout, settings
    )


def sentence_prefix(quotation: Quotation, layout: Layout) -> int | None:
    """Start of the sentence's own words before the quotation, or None when it opens one.

    ``The country “has made dramatic changes,” she said``: the quoted words
    finish a sentence the writer began, so the quote is mixed and starts at
    "The". A leading "And"/"But" does not count; nor does a previous quotation
    or a colon, which end what came before.
    """
    doc = layout.doc
    first_word = None
    i = quotation.open_tok - 1
    paragraph = layout.token_paragraph[quotation.open_tok]
    while i >= 0 and layout.token_paragraph[i] == paragraph and not layout.in_quote(i):
        token = doc[i]
        if token.text in (":", ";") or token.text in _SENTENCE_END:
            break
        if token.is_alpha or token.like_num:
            first_word = i
        if token.is_sent_start:
            break
        i -= 1
    if first_word is None:
        return None
    after_dateline = layout.dateline_end(doc[first_word].idx)
    while first_word < quotation.open_tok and doc[first_word].idx < after_dateline:
        first_word += 1  # "Vessgard [Kestria], March 3 (NWA): “…,” the envoy said"
    words = [t for t in doc[first_word : quotation.open_tok] if t.is_alpha or t.like_num]
    if not words:
        return None
    if all(t.lower_ in _LEAD_INS for t in words):
        return None
    return doc[first_word].idx


def subordinate_prefix(start: int, layout: Layout) -> bool:
    """A sentence opening with a subordinate or participle clause ("Asked whether …",
    "When someone shouted …"): its quotation belongs to that clause, not to the cue after."""
    token = layout.doc[layout.token_at(start)]
    return token.lower_ in _SUBORDINATORS or token.tag_ in ("VBN", "VBG")


def looks_like_title(words: str) -> bool:
    """Two to six words, every one that is not a short function word capitalised."""
    tokens = [w.strip(",.!?:;\u2019'\"") for w in words.split()]
    tokens = [w for w in tokens if w]
    if not 2 <= len(tokens) <= _TITLE_MAX_WORDS:
        return False
    content = [w for w in tokens if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def inherits_from(
    quotation: Quotation, previous: DirectQuote | None, layout: Layout
) -> Attribution | None:
    """The previous direct quote's attribution when this quotation carries it on."""
    if previous is None:
        return None
    if quotation.span.continued and previous.quotation.span.continues:
        return previous.attribution
    same_paragraph = (
        layout.token_paragraph[previous.quotation.open_tok]
        == layout.token_paragraph[quotation.open_tok]
    )
    if same_paragraph and starts_sentence(quotation, layout):
        return previous.attribution
    return None


def starts_sentence(quotation: Quotation, layout: Layout) -> bool:
    """Nothing but a finished sentence (and its closing mark) stands before the opening mark."""
    text = layout.text
    i = quotation.span.open - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    while i >= 0 and text[i] in "\u201d\u2019\"'":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


@dataclass(slots=True)
class NestedQuote:
    """A quotation inside another, credited inside it; ``outer`` is the enclosing quote."""

    span: QuotedSpan
    attribution: Attribution
    outer: DirectQuote
    first_person: bool


def nested_quotes(
    outer: DirectQuote, layout: Layout, settings: Settings = DEFAULTS
) -> list[NestedQuote]:
    """Quotations inside ``outer`` that the outer speaker credits to someone."""
    q = outer.quotation
    found: list[NestedQuote] = []
    for span in nested_spans(layout.text, q.span.start, q.span.end):
        open_tok = layout.token_at(span.open)
        close_tok = layout.token_at(span.close) if span.close is not None else None
        first = layout.token_at(span.start)
        if layout.starts[first] < span.start:
            first += 1
        last = layout.token_at(max(span.start, span.end - 1))
        inner = Quotation(span, first, last, open_tok, close_tok, -1)
        attribution = leading_attribution(inner, layout, settings, floor=q.first)
        if attribution is None:
            attribution = trailing_attribution(inner, layout, settings, limit=q.last + 1)
        if attribution is None:
            continue
        head = attribution.head
        first_person = head is not None and layout.doc[head].lower_ in ("i", "we", "me", "us")
        found.append(NestedQuote(span, attribution, outer, first_person))
    return found
