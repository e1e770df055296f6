"""Where each token of an article stands: its paragraph, its sentence, the quotation around it.

Built once per ``Doc`` and shared by every extractor, so each question ("is
this verb inside somebody's quoted words?") is a list lookup, not a search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storytrail.quotes.marks import QuotedSpan, paragraphs, quoted_spans
from storytrail.settings import DATELINE_PATTERN, DEFAULTS, Settings

_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]?$")
_DATELINE = re.compile(DATELINE_PATTERN, re.MULTILINE)
_DATELINE_MAX_CHARS = 80


@dataclass(slots=True)
class Quotation:
    """A quoted span and the tokens of its words and marks.

    ``first``/``last`` are the first and last token of the words (inclusive);
    ``open_tok``/``close_tok`` the tokens of the marks (``close_tok`` is None
    for a paragraph that leaves the quotation open).
    """

    span: QuotedSpan
    first: int
    last: int
    open_tok: int
    close_tok: int | None
    index: int


@dataclass(slots=True)
class Layout:
    """Paragraph, sentence and quotation of each token of ``doc``."""

    doc: Doc
    text: str
    quotations: list[Quotation]
    paragraph_spans: list[tuple[int, int]]
    token_paragraph: list[int]
    token_sentence: list[int]
    token_quote: list[int]
    headline_end: int = 0
    starts: list[int] = field(default_factory=list)

    def in_quote(self, i: int) -> bool:
        return self.token_quote[i] >= 0

    def quote_of(self, i: int) -> Quotation | None:
        q = self.token_quote[i]
        return self.quotations[q] if q >= 0 else None

    def token_at(self, char: int) -> int:
        """Index of the token covering (or first after) character ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def dateline_end(self, char: int) -> int:
        """The end of the dateline opening the line of ``char``, if ``char`` lies in it."""
        line_start = self.text.rfind("\n", 0, char) + 1
        if char - line_start > _DATELINE_MAX_CHARS:
            return char
        line_end = self.text.find("\n", char)
        match = _DATELINE.match(self.text, line_start, len(self.text) if line_end < 0 else line_end)
        return max(char, match.end()) if match else char


def layout_of(doc: Doc, settings: Settings = DEFAULTS) -> Layout:
    """Lay out ``doc``: paragraphs, sentences, and its quotations (see ``marks``)."""
    text = doc.text
    paras = paragraphs(text)
    headline_end = _headline_end(text, paras, settings)
    starts = [t.idx for t in doc]
    n = len(doc)
    token_paragraph = [0] * n
    p = 0
    for t in doc:
        while p + 1 < len(paras) and t.idx >= paras[p + 1][0]:
            p += 1
        token_paragraph[t.i] = p
    token_sentence = [0] * n
    for s_index, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            token_sentence[i] = s_index
    layout = Layout(doc, text, [], paras, token_paragraph, token_sentence, [-1] * n)
    layout.headline_end = headline_end
    layout.starts = starts
    for span in quoted_spans(text):
        if span.open < headline_end:
            continue
        quotation = _quotation(layout, span, len(layout.quotations))
        if quotation is None:
            continue
        layout.quotations.append(quotation)
        stop = quotation.close_tok if quotation.close_tok is not None else quotation.last
        for i in range(quotation.open_tok, stop + 1):
            layout.token_quote[i] = quotation.index
    return layout


def _quotation(layout: Layout, span: QuotedSpan, index: int) -> Quotation | None:
    open_tok = layout.token_at(span.open)
    close_tok = layout.token_at(span.close) if span.close is not None else None
    first = layout.token_at(span.start)
    if layout.starts[first] < span.start:
        first += 1
    last = layout.token_at(max(span.start, span.end - 1))
    if first > last:
        return None
    return Quotation(span, first, last, open_tok, close_tok, index)


def _headline_end(text: str, paras: list[tuple[int, int]], settings: Settings) -> int:
    """End of a headline-like first line left in the text, else 0.

    Text files without a recognised headline may keep one: a short single line,
    not ending like a sentence, followed by more paragraphs. Its quotation marks
    quote the headline writer's summary, not anyone's words.
    """
    if len(paras) < 2:
        return 0
    start, end = paras[0]
    line = text[start:end].strip()
    if "\n" in line or len(line) > settings.max_headline_chars or _SENTENCE_END.search(line):
        return 0
    return end


def sentence_bounds(layout: Layout, i: int) -> tuple[int, int]:
    """Token range of the sentence of token ``i``, cut at its paragraph's edges."""
    sent = layout.doc[i].sent
    para = layout.token_paragraph[i]
    start, end = sent.start, sent.end
    while start < i and layout.token_paragraph[start] != para:
        start += 1
    while end > i + 1 and layout.token_paragraph[end - 1] != para:
        end -= 1
    return start, end


def is_punct(token: Token) -> bool:
    return token.is_punct or token.is_space
