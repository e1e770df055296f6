"""Where a quote's attribution is in the parse: its sentences, its reporting verb, its tense.

The statement-dating rules (``statement_dates.py``) ask three questions of
a quote: which sentences attribute it (the quote's own, plus "he said:"
before a colon-introduced quote and "..., she said." split off after it);
which reporting verb is its cue; and whether that verb is a plain past
("said", "told") — the only form a same-day report dates by publication.
``same_day_report`` decides whether the article is one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

from rapidfuzz import fuzz

from storytrail.model import Quote
from storytrail.settings import DEFAULTS, Settings
from storytrail.time.tense import PERFECT_AUXILIARIES
from storytrail.time.values import PublicationDate, TimeExpression

CueTense = Literal["past", "perfect", "present", "future", "none"]
_OPENING, _CLOSING = "\u201c", "\u201d"
_LINKING_DEPS = frozenset({"advcl", "pcomp", "prep", "conj", "xcomp", "pobj"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
_SPEAKER_MATCH = 85.0


@dataclass(frozen=True, slots=True)
class Attribution:
    """The character region that attributes a quote and its cue verb (a spaCy token or None)."""

    start: int
    end: int
    cue: object | None
    tense: CueTense


class SpanIndex(list):
    """Sorted character spans that answer "inside one?" and "which overlap?" in
    logarithmic time: a long article has hundreds of quotations and the dater asks once
    per quote and per expression (a scan of every span made builds quadratic in length)."""

    def __init__(self, spans) -> None:
        super().__init__(sorted(spans))
        self.starts = [s for s, _ in self]
        self.reach = list(accumulate((e for _, e in self), max))

    def covers(self, start: int, end: int) -> bool:
        """Some span holds ``[start, end)`` whole."""
        k = bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share a character with ``[start, end)``."""
        first = bisect_right(self.reach, start)
        last = bisect_left(self.starts, end)
        return [span for span in self[first:last] if span[1] > start]


def quotation_spans(text: str) -> SpanIndex:
    """Spans inside double quotation marks (curly pairs, or straight marks paired within a
    paragraph), marks included. Single marks are left out: they double as apostrophes."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        base, line = paragraph.start(), paragraph.group()
        for match in re.finditer(r"\u201c[^\u201c\u201d]*\u201d?", line):
            spans.append((base + match.start(), base + match.end()))
        for match in re.finditer(r'"[^"]*"?', line):
            spans.append((base + match.start(), base + match.end()))
    return SpanIndex(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    if isinstance(spans, SpanIndex):
        return spans.covers(start, end)
    return any(s <= start and end <= e for s, e in spans)


def attribution_of(
    quote: Quote, doc, quotations: list[tuple[int, int]], settings: Settings = DEFAULTS
) -> Attribution:
    """The region attributing ``quote`` and its reporting verb, nearest the quote."""
    start, end = _region(quote, doc)
    cue_lemma = (quote.cue or "").split(" ")[0].lower()
    best, best_distance = None, None
    for token in doc.char_span(start, end, alignment_mode="expand") or []:
        if quote.start <= token.idx < quote.end or inside(quotations, token.idx, token.idx + 1):
            continue
        lemma = token.lemma_.lower()
        if token.lower_ == "according" and cue_lemma == "according":
            return Attribution(start, end, token, "past")
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if lemma != cue_lemma and lemma not in settings.time_reporting_verbs:
            continue
        distance = min(abs(token.idx - quote.start), abs(token.idx - quote.end))
        if lemma == cue_lemma:
            distance -= 10_000
        if best_distance is None or distance < best_distance:
            best, best_distance = token, distance
    return Attribution(start, end, best, cue_tense(best) if best is not None else "none")


def cue_tense(verb) -> CueTense:
    """``past`` only for a plain past ("said", "told"); "has said" is ``perfect``, "had
    said" too (an earlier occasion), "says" ``present``, "will say" ``future``."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"will", "shall", "'ll", "\u2019ll"}:
        return "future"
    if auxiliaries & PERFECT_AUXILIARIES:
        return "perfect"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ in ("VBG", "VBN") and verb.head.i != verb.i:
        return cue_tense(verb.head) if verb.head.pos_ in ("VERB", "AUX") else "none"
    return "none"


def _region(quote: Quote, doc) -> tuple[int, int]:
    """Sentences overlapping the quote, widened to "he said:" before it and to a split-off
    "..., she said." after it."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    touched = [i for i, (s, e) in enumerate(sentences) if s < quote.end and e > quote.start]
    if not touched:
        return quote.start, quote.end
    first, last = touched[0], touched[-1]
    text = doc.text
    if first > 0:
        before = text[sentences[first - 1][0] : sentences[first][0]].rstrip()
        lead_in = text[sentences[first][0] : quote.start].strip(' \n\u201c"')
        if not lead_in and before.endswith((":", ",")):
            first -= 1
    if last + 1 < len(sentences):
        after = text[quote.end : sentences[last][1]].strip(' \n\u201d".,;')
        following = text[sentences[last + 1][0] : sentences[last + 1][1]].lstrip('\u201d" ')
        if not after and following[:1].islower():
            last += 1
    return sentences[first][0], sentences[last][1]


def subject_of(verb):
    """The subject token of ``verb``'s clause (climbing out of a participle), or None."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if current.head.i == current.i or current.dep_ not in ("advcl", "conj", "xcomp"):
            return None
        current = current.head
    return None


def names_speaker(subject, speaker: str | None) -> bool:
    """Whether a subject token names ``speaker``: its head word (or a word of its name)
    matches a word of the speaker's name, forgiving a misspelling ("Brener")."""
    if subject is None or speaker is None or subject.lower_ in _PRONOUNS:
        return False
    if not subject.text[:1].isupper():
        return False  # "Commission inspectors" are inspectors, not the Commission
    name_words = [w for w in re.findall(r"[\w\u2019'-]+", speaker) if len(w) > 2]
    heads = [subject] + [c for c in subject.children if c.dep_ == "compound"]
    return any(
        fuzz.ratio(head.text.lower(), word.lower()) >= _SPEAKER_MATCH
        for head in heads
        if head.text[:1].isupper()
        for word in name_words
    )


def same_day_report(
    doc,
    expressions: Sequence[TimeExpression],
    dateline: TimeExpression | None,
    anchor: PublicationDate,
) -> tuple[str, int, int] | None:
    """(why, evidence start, evidence end) when the article reports the news of its
    publication day, else None.

    A same-day report has a dateline printing the publication day (wire copy),
    or a first paragraph whose own time expression is the publication day
    ("The Commission on Wednesday published ..." on a Wednesday), or a first
    sentence in the present tense (the state of things as published).
    """
    day = anchor.day
    if day is None or anchor.estimated:
        return None
    if dateline is not None and dateline.value == day.isoformat():
        return f"dateline {dateline.text!r}", dateline.start, dateline.end
    text = doc.text
    quotations = quotation_spans(text)
    first_end = paragraph_end(text, 0)
    for expression in expressions:
        if expression.start >= first_end or inside(quotations, expression.start, expression.end):
            continue
        if expression.granularity == "day" and expression.value == day.isoformat():
            return (
                f"the lead's {expression.text!r} is the publication day",
                expression.start,
                expression.end,
            )
    first = next(iter(doc.sents), None)
    if first is not None and _present_tense(first.root):
        return "the lead is in the present tense", first.root.idx, first.root.idx + len(first.root)
    return None


def _present_tense(verb) -> bool:
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and bool(auxiliaries & {"is", "are", "am", "'s", "'re"})


def descends(token, ancestor, limit: int = 5) -> bool:
    """Whether ``token`` hangs from ``ancestor`` through adverbial, conjoined or
    prepositional links (not through a reported clause or a relative clause)."""
    current = token
    for _ in range(limit):
        if current.dep_ not in _LINKING_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if current.i == ancestor.i:
            return True
    return False


def paragraph_end(text: str, start: int) -> int:
    end = text.find("\n\n", start)
    return len(text) if end < 0 else end


def blank(text: str, start: int, end: int, holes) -> str:
    """``text[start:end]`` with the characters of ``holes`` (quotations) replaced by spaces.
    ``holes`` may be a ``SpanIndex`` (only its spans in the window are visited) or any list."""
    chars = list(text[start:end])
    if isinstance(holes, SpanIndex):
        holes = holes.overlapping(start, end)
    for hole_start, hole_end in holes:
        for k in range(max(hole_start, start), min(hole_end, end)):
            chars[k - start] = " "
    return "".join(chars)
