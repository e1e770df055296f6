"""Quotation marks: which characters open a quotation, which close it, which are apostrophes.

News text mixes curly and straight marks, uses the same character (’ or ') as a
closing single quote and as an apostrophe ("States’", "people's"), and now and
then forgets a mark. ``quoted_spans`` pairs marks paragraph by paragraph so a
bad mark costs the one quotation it belongs to, never the rest of the article:

* a mark's direction comes from its glyph (“ ” ‘ ’) and, for straight marks
  and for curly ones typed the wrong way round, from the characters beside it
  (after a space: opening; before a space or punctuation: closing);
* an opening double mark met while another is open means the first was never
  closed. When the open quotation's words end a sentence there (``“A. “B. “C.”``,
  how corpora that run a story's paragraphs together print a quote over several
  paragraphs) the first runs on into the second, as across paragraphs; otherwise
  the first is dropped and the second opens a new quotation;
* a closing mark with nothing open is ignored;
* a paragraph that ends with a quotation open continues it when the next
  paragraph starts with an opening mark (the multi-paragraph convention);
  otherwise the unclosed quotation is dropped;
* single marks only quote at top level (outside double quotes), only from a
  mark that opens before a word to one that closes after a word, and a closing
  candidate after "s" followed by a word ("the States’ envoy") is passed over
  when a better one follows in the paragraph. Single marks inside double quotes
  are nested quotations and stay part of the outer quote's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

DOUBLE_OPEN = "\u201c"
DOUBLE_CLOSE = "\u201d"
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
DOUBLE_MARKS = frozenset({DOUBLE_OPEN, DOUBLE_CLOSE, '"'})
SINGLE_MARKS = frozenset({SINGLE_OPEN, SINGLE_CLOSE, "'"})
QUOTE_CHARS = DOUBLE_MARKS | SINGLE_MARKS

# What may stand right before an opening mark, and right after a closing one.
_BEFORE_OPEN = frozenset("([{\u2014\u2013-/:;" + DOUBLE_OPEN + SINGLE_OPEN)
_AFTER_CLOSE = frozenset(".,;:!?)]}\u2014\u2013-\u2026" + DOUBLE_CLOSE + SINGLE_CLOSE + '"')
_PARAGRAPH_BREAK = "\n\n"
_RUN_ON_ENDS = frozenset(".!?\u2026")


class Direction(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quotation (or one paragraph of a multi-paragraph quotation) in a text.

    ``open``/``close`` are the indices of the marks (``close`` is None for a
    paragraph that leaves the quotation open for the next); ``start``/``end``
    delimit the words between them. ``continued`` says the quotation began in
    an earlier paragraph; ``continues`` that it goes on in the next one.
    """

    open: int
    close: int | None
    start: int
    end: int
    double: bool = True
    continued: bool = False
    continues: bool = False

    @property
    def outer_end(self) -> int:
        """End of the quotation including its closing mark."""
        return self.end + 1 if self.close is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (cleaned text separates them by a blank line)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at <= len(text):
        cut = text.find(_PARAGRAPH_BREAK, at)
        stop = len(text) if cut < 0 else cut
        if text[at:stop].strip():
            spans.append((at, stop))
        if cut < 0:
            break
        at = cut + len(_PARAGRAPH_BREAK)
    return spans


def direction(text: str, i: int) -> Direction:
    """Whether the mark at ``text[i]`` opens, closes, or could do either.

    Context wins over the glyph only when it is unambiguous, so a curly mark
    typed the wrong way round ("word“ ") still reads right.
    """
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    may_open = before.isspace() or before in _BEFORE_OPEN
    may_close = (after.isspace() or after in _AFTER_CLOSE) and not before.isspace()
    if may_open and not may_close:
        return Direction.OPEN
    if may_close and not may_open:
        return Direction.CLOSE
    ch = text[i]
    if ch in (DOUBLE_OPEN, SINGLE_OPEN):
        return Direction.OPEN
    if ch in (DOUBLE_CLOSE, SINGLE_CLOSE):
        return Direction.CLOSE
    return Direction.EITHER


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order; see the module docstring for the rules."""
    spans: list[QuotedSpan] = []
    pending: int | None = None  # an opening mark left open by the previous paragraph
    paras = paragraphs(text)
    for index, (p_start, p_end) in enumerate(paras):
        doubles, pending = _pair_doubles(text, p_start, p_end, pending)
        if pending is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            if nxt is not None and _opens_paragraph(text, nxt[0]):
                doubles.append(
                    QuotedSpan(pending, None, pending + 1, _rstrip(text, pending + 1, p_end))
                )
                pending = nxt[0]
            else:
                pending = None
        spans.extend(doubles)
        spans.extend(_pair_singles(text, p_start, p_end, doubles))
    return _mark_continuations(sorted(spans, key=lambda s: s.open))


def _opens_paragraph(text: str, p_start: int) -> bool:
    return text[p_start] in (DOUBLE_OPEN, '"') and direction(text, p_start) != Direction.CLOSE


def _runs_on(text: str, open_at: int, mark: int) -> bool:
    """The quotation opened at ``open_at`` ends a sentence of two or more words right
    before the opening mark at ``mark``: a new piece of the same quotation, not a stray mark."""
    words = text[open_at + 1 : mark]
    if not words[-1:].isspace():
        return False
    words = words.rstrip()
    return (
        words[-1:] in _RUN_ON_ENDS and sum(any(c.isalnum() for c in w) for w in words.split()) >= 2
    )


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _pair_doubles(
    text: str, p_start: int, p_end: int, carried: int | None
) -> tuple[list[QuotedSpan], int | None]:
    """Pair double marks within one paragraph; return the spans and a still-open mark.

    ``carried`` is the index of this paragraph's first mark when it continues a
    quotation from the previous paragraph.
    """
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for i in range(p_start, p_end):
        ch = text[i]
        if ch not in DOUBLE_MARKS:
            continue
        if i == carried:
            open_at = i
            continue
        way = direction(text, i)
        if way is Direction.EITHER:
            way = Direction.CLOSE if open_at is not None else Direction.OPEN
        if way is Direction.OPEN:
            if open_at is not None and _runs_on(text, open_at, i):
                spans.append(QuotedSpan(open_at, None, open_at + 1, _rstrip(text, open_at + 1, i)))
            open_at = i  # an earlier unclosed mark that does not run on is dropped here
        elif open_at is not None:
            spans.append(QuotedSpan(open_at, i, open_at + 1, i))
            open_at = None
    return spans, open_at


def _pair_singles(
    text: str, p_start: int, p_end: int, doubles: list[QuotedSpan]
) -> list[QuotedSpan]:
    """Top-level single-mark quotations in one paragraph (outside every double quote)."""
    inside = [(s.open, s.outer_end) for s in doubles]

    def outside(i: int) -> bool:
        return not any(a <= i < b for a, b in inside)

    opens: list[int] = []
    closes: list[int] = []
    for i in range(p_start, p_end):
        if text[i] not in SINGLE_MARKS or not outside(i):
            continue
        before = text[i - 1] if i > p_start else " "
        after = text[i + 1] if i + 1 < p_end else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word: don't, people's
        way = direction(text, i)
        if way is Direction.OPEN and text[i] != SINGLE_CLOSE and after.isalpha():
            opens.append(i)
        elif way is Direction.CLOSE and (before.isalnum() or before in ".,!?\u2026"):
            closes.append(i)
    spans: list[QuotedSpan] = []
    taken = -1
    for o in opens:
        if o <= taken:
            continue
        later = [c for c in closes if c > o and not _crosses(inside, o, c)]
        if not later:
            continue
        plain = [c for c in later if not _possessive(text, c, p_end)]
        c = plain[0] if plain else later[0]
        spans.append(QuotedSpan(o, c, o + 1, c, double=False))
        taken = c
    return spans


def _possessive(text: str, i: int, p_end: int) -> bool:
    """``s’ word``: more likely a plural possessive than a closing mark."""
    return (
        i > 0
        and text[i - 1] in "sS"
        and i + 2 < p_end
        and text[i + 1] == " "
        and text[i + 2].isalpha()
    )


def _crosses(inside: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < x < b for x, _ in inside)


def _mark_continuations(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Set ``continued``/``continues`` on the paragraphs of multi-paragraph quotations."""
    out: list[QuotedSpan] = []
    previous_open = False
    for span in spans:
        continues = span.close is None
        continued = previous_open and span.double
        if continued or continues:
            span = QuotedSpan(
                span.open, span.close, span.start, span.end, span.double, continued, continues
            )
        out.append(span)
        if span.double:
            previous_open = continues
    return out


def nested_spans(text: str, start: int, end: int) -> list[QuotedSpan]:
    """Single-mark quotations inside the words ``text[start:end]`` of a double quotation."""
    return _pair_singles(text, start, end, [])
