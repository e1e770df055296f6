"""Marking spans (quotes, removed boilerplate) in a text as properly nested pieces.

Quotes can nest (words recalled inside another quote) and, in principle,
cross. HTML elements can only nest, so ``nest_spans`` turns any set of spans
into a flat sequence of text, open and close pieces that is always balanced:
a span that crosses the end of an enclosing one is cut there and continued
after it. Only the first piece of a span carries its ``anchor`` (the element
id a link jumps to) and only the last its ``ref`` (a link placed after it).

The template writes the pieces out; it escapes every text and attribute, so
nothing in an article can become markup.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` to be marked with ``css`` classes."""

    start: int
    end: int
    css: str
    anchor: str | None = None
    title: str | None = None
    ref: str | None = None
    ref_label: str | None = None


@dataclass(frozen=True, slots=True)
class Piece:
    kind: Literal["text", "open", "close"]
    text: str = ""
    span: Span | None = None


def nest_spans(text: str, spans: list[Span]) -> list[Piece]:
    """``text`` cut into pieces with every span opened and closed, properly nested.

    Spans are clipped to the text; empty ones are dropped. Of two spans
    starting together the longer encloses the shorter.
    """
    heap: list[tuple[int, int, int, Span]] = []
    for order, span in enumerate(spans):
        start, end = max(span.start, 0), min(span.end, len(text))
        if start < end:
            heapq.heappush(heap, (start, -end, order, replace(span, start=start, end=end)))
    pieces: list[Piece] = []
    stack: list[Span] = []
    position = 0

    def text_until(stop: int) -> None:
        nonlocal position
        if stop > position:
            pieces.append(Piece("text", text[position:stop]))
            position = stop

    def close_top() -> None:
        text_until(stack[-1].end)
        pieces.append(Piece("close", span=stack.pop()))

    while heap:
        start, _, order, span = heapq.heappop(heap)
        while stack and stack[-1].end <= start:
            close_top()
        if stack and span.end > stack[-1].end:
            rest = replace(span, start=stack[-1].end, anchor=None)
            heapq.heappush(heap, (rest.start, -rest.end, order, rest))
            span = replace(span, end=stack[-1].end, ref=None, ref_label=None)
        text_until(start)
        pieces.append(Piece("open", span=span))
        stack.append(span)
    while stack:
        close_top()
    text_until(len(text))
    return pieces
