"""Mixed quotes and fragments: quoted words inside someone else's sentence.

* **Mixed**: the quotation sits inside a reported clause ("Marcek said the
  release had been “an emergency measure” after heavy rain …"). The quote is
  the whole clause, marks included, so the reader sees which words are the
  speaker's own; ``quoted`` keeps the quoted parts.
* **Fragment**: a quoted phrase that a naming verb or phrase credits
  ("described them as “a beginning, not a settlement”", "called the treaty
  “…”", "in her own words, “…”"). Only the quoted words are the quote.
* A quoted phrase nobody is credited with (scare quotes: the so-called “water
  war”) is not a quote at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise

from storytrail.quotes.attribution import Attribution, speaker_span, subject_of
from storytrail.quotes.cues import is_negated, is_passive, naming_lemma
from storytrail.quotes.indirect import Frame
from storytrail.quotes.layout import Layout, Quotation, sentence_bounds
from storytrail.quotes.marks import QUOTE_CHARS
from storytrail.settings import DEFAULTS, Settings

_OWN_WORDS = ("his", "her", "their", "its", "my", "our")
# Words allowed between a naming verb and the quoted phrase ("described them as").
_NAMING_GAP = 5


def clause_chars(clause: tuple[int, int], layout: Layout) -> tuple[int, int]:
    """Character span of a clause, widened to take in every quotation it opens."""
    doc = layout.doc
    start = doc[clause[0]].idx
    end = doc[clause[1] - 1].idx + len(doc[clause[1] - 1])
    opens = _quotation_opens(layout)
    if opens is None:  # not in text order: look at every quotation
        for q in layout.quotations:
            if start <= q.span.open < end and q.span.outer_end > end:
                end = q.span.outer_end
        return start, end
    # In text order, only the quotations opening from `start` on can widen the clause,
    # and once one opens past the (widened) end, none after it can.
    for q in layout.quotations[bisect_left(opens, start) :]:
        if q.span.open >= end:
            break
        if q.span.outer_end > end:
            end = q.span.outer_end
    return start, end


def containing_clause(
    quotation: Quotation, frames: list[Frame], layout: Layout
) -> tuple[Frame, int] | None:
    """The frame clause the quotation stands inside, with more words than the quotation."""
    span = quotation.span
    spans = _clause_spans(frames, layout)
    # A clause holding the quotation starts at most `longest` characters before its end.
    candidates = spans.starting_between(span.outer_end - spans.longest, span.open)
    for start, end, f, index in candidates:
        if start <= span.open and span.outer_end <= end:
            outside = layout.text[start : span.open] + layout.text[span.outer_end : end]
            if any(ch.isalnum() for ch in outside):
                return frames[f], index
    return None


def exact_clause(quotation: Quotation, frames: list[Frame], layout: Layout) -> Frame | None:
    """A frame whose clause is the quotation itself (``she said “we will win”``)."""
    span = quotation.span
    for start, end, f, _ in _clause_spans(frames, layout).starting_between(
        span.open - 1, span.start + 1
    ):
        if span.open - 1 <= start <= span.start + 1 and span.end <= end <= span.outer_end:
            return frames[f]
    return None


class _ClauseSpans:
    """The character span of every frame clause (``clause_chars``), made once per article
    and sorted by start, so finding the clauses around a quotation does not walk every
    clause of the article for every quotation (a cost that grew with the square of the
    article's length). Lookups answer in the frames' own order, as the walk did."""

    def __init__(self, frames: list[Frame], layout: Layout) -> None:
        self.frames, self.layout, self.count = frames, layout, len(frames)
        self.entries = sorted(
            (*clause_chars(clause, layout), f, index)
            for f, frame in enumerate(frames)
            for index, clause in enumerate(frame.clauses)
        )
        self.starts = [entry[0] for entry in self.entries]
        self.longest = max((end - start for start, end, _, _ in self.entries), default=0)

    def starting_between(self, low: int, high: int) -> list[tuple[int, int, int, int]]:
        """Clauses starting at characters ``low`` to ``high``, in the frames' order."""
        found = self.entries[bisect_left(self.starts, low) : bisect_right(self.starts, high)]
        return sorted(found, key=lambda entry: (entry[2], entry[3]))


# The index of the article being read (one at a time per process), found again by identity.
_last: list[_ClauseSpans] = []


def _clause_spans(frames: list[Frame], layout: Layout) -> _ClauseSpans:
    last = _last[0] if _last else None
    if last and last.frames is frames and last.layout is layout and last.count == len(frames):
        return last
    _last[:] = [_ClauseSpans(frames, layout)]
    return _last[0]


def _quotation_opens(layout: Layout) -> list[int] | None:
    """Where each quotation of ``layout`` opens, when they are in text order; else None
    (made once per layout and number of quotations)."""
    key = (layout, len(layout.quotations))
    if _opens and _opens[0][0] is key[0] and _opens[0][1] == key[1]:
        return _opens[0][2]
    opens: list[int] | None = [q.span.open for q in layout.quotations]
    if not all(a <= b for a, b in pairwise(opens)):
        opens = None
    _opens[:] = [(layout, len(layout.quotations), opens)]
    return opens


_opens: list[tuple[Layout, int, list[int] | None]] = []


def naming_attribution(
    quotation: Quotation, layout: Layout, settings: Settings = DEFAULTS
) -> Attribution | None:
    """A naming verb ("called", "described as", "attacked … as") or "in her own words"
    shortly before the quote; a quotation of the same naming in between is stepped over
    ("calling his plan “aggressive” and his bid “damaging”"). A passive naming ("was
    described as “…” by X") credits its agent, wherever the parser hung the "by".
    """
    doc = layout.doc
    s_start, s_end = sentence_bounds(layout, quotation.open_tok)
    own = _own_words(quotation, layout)
    if own is not None:
        return own
    gap, seen_as = 0, False
    for v in range(quotation.open_tok - 1, s_start - 1, -1):
        token = doc[v]
        if layout.in_quote(v) or token.text in QUOTE_CHARS:
            continue
        gap += 1
        if gap > _NAMING_GAP or token.text in (".", ";", ":"):
            return None
        seen_as = seen_as or token.lower_ == "as"
        lemma = naming_lemma(token, as_follows=seen_as)
        if lemma is None or is_negated(token):
            continue
        subject = subject_of(token, layout)
        if subject is None and is_passive(token):
            subject = _agent_after(doc, quotation, layout, s_end)
        if subject is None:
            return None
        return Attribution(
            lemma, (v, v + 1), speaker_span(subject, layout, settings), subject.i, "naming"
        )
    return None


def _agent_after(doc, quotation: Quotation, layout: Layout, end: int):
    """The noun after "by" that follows the quotation in its sentence, outside quotes."""
    start = (quotation.close_tok or quotation.last) + 1
    for i in range(start, min(end, start + _NAMING_GAP * 3)):
        if doc[i].lower_ == "by" and not layout.in_quote(i):
            objects = [c for c in doc[i].children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _own_words(quotation: Quotation, layout: Layout) -> Attribution | None:
    """``in her own words, “…”``: the speaker is the subject of the sentence."""
    doc = layout.doc
    p = quotation.open_tok - 1
    if p >= 0 and doc[p].text == ",":
        p -= 1
    if p < 3 or doc[p].lower_ != "words" or doc[p - 1].lower_ != "own":
        return None
    if doc[p - 2].lower_ not in _OWN_WORDS or doc[p - 3].lower_ != "in":
        return None
    verb = doc[p - 3].head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    subject = subject_of(verb, layout) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None:
        return None
    cue = doc[p - 3 : p + 1].text.lower()
    return Attribution(cue, (p - 3, p + 1), speaker_span(subject, layout), subject.i, "own-words")
