"""One article's quotes: the stages of ``storytrail.quotes`` run in order over a parsed ``Doc``.

1. lay the article out: paragraphs, sentences, quotation marks (``layout``, ``marks``);
2. find the reporting acts outside quotation marks (``indirect``);
3. place each quotation: direct if a cue stands beside it, mixed if it sits in
   a reported clause, a fragment if a naming verb credits it, direct again if
   it continues the quotation before it; otherwise a scare quote, dropped;
4. the reported clauses left without quotations are indirect quotes;
5. nested quotations credited inside a direct quote;
6. each speaker's words resolved to a canonical person or organisation
   (``coreference``); the outlet's own voice ("This newspaper has argued …",
   "The Courier has argued …" in the Courier) is not a quote and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from storytrail.model import EntityKind, Quote, QuoteKind, stable_id
from storytrail.quotes.attribution import Attribution
from storytrail.quotes.coreference import Coreference
from storytrail.quotes.direct import (
    DirectQuote,
    inherits_from,
    looks_like_title,
    nested_quotes,
    own_attribution,
    sentence_prefix,
    starts_sentence,
    subordinate_prefix,
)
from storytrail.quotes.indirect import Frame, speech_frames
from storytrail.quotes.layout import Layout, Quotation, layout_of
from storytrail.quotes.mixed import (
    clause_chars,
    containing_clause,
    exact_clause,
    naming_attribution,
)
from storytrail.quotes.names import entity_id, normalise_name, strip_article
from storytrail.quotes.people import Referent
from storytrail.settings import DEFAULTS, OWN_VOICE_NAMES, QUOTE_DOCUMENT_NOUNS, Settings


@dataclass(slots=True)
class FoundQuote:
    """A quote with every offset extraction knows (all character offsets into the text).

    ``quoted`` are the quoted parts of a mixed quote. ``mention`` is the span of
    the speaker's words, ``cue_span`` the cue's; ``how`` names the rule that
    found it (after, before, colon, inherited, clause, according, naming, …).
    """

    kind: QuoteKind
    start: int
    end: int
    text: str
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None
    speaker_mention: str | None = None
    speaker: str | None = None
    speaker_kind: EntityKind | None = None
    quoted: list[tuple[int, int]] = field(default_factory=list)
    nested_in: tuple[int, int] | None = None
    how: str = ""
    speaker_head: int | None = None

    def to_quote(self, article_id: str) -> Quote:
        """The model's ``Quote`` for this finding."""
        return Quote(
            id=stable_id("quo", article_id, str(self.start), str(self.end)),
            article_id=article_id,
            kind=self.kind,
            text=self.text,
            start=self.start,
            end=self.end,
            speaker=self.speaker,
            speaker_id=entity_id(self.speaker) if self.speaker else None,
            speaker_mention=self.speaker_mention,
            cue=self.cue,
        )


@dataclass(slots=True)
class ArticleQuotes:
    """What extraction found in one article: its quotes and the speakers behind them."""

    article_id: str
    outlet: str | None
    quotes: list[Quote]
    found: list[FoundQuote]
    speakers: list[Referent]


def find_quotes(
    doc: Doc, outlet: str | None = None, settings: Settings = DEFAULTS, scare_quotes: bool = False
) -> tuple[list[FoundQuote], list[Referent]]:
    """Every quote in the parsed article ``doc`` and the referents of their speakers.

    ``scare_quotes``: also return the short quotations nobody is credited with
    (the so-called “water war”) as ``fragment`` with no speaker. They are not
    the article's quotes (the quotes table leaves them out) but a reader may
    want to see what the outlet put in quotation marks.
    """
    layout = layout_of(doc, settings)
    frames = speech_frames(layout, settings)
    reported = {
        f.attribution.head: [clause for clause in f.clauses]
        for f in frames
        if f.attribution.head is not None
    }
    coref = Coreference(layout, outlet, settings, reported)
    frames.sort(key=lambda f: f.how == "positional")
    placed = _Placement(layout, frames, settings, scare_quotes)
    for quotation in layout.quotations:
        placed.place(quotation)
    found = placed.found + _reported_clauses(layout, frames, placed.mixed)
    found += _nested(placed.directs, layout, settings)
    return _resolve(found, layout, coref, outlet), coref.named_referents()


class _Placement:
    """Decides, quotation by quotation in text order, what each one is (step 3 above).

    ``mixed`` collects the quoted parts of each frame clause, keyed by (frame, clause);
    ``previous`` is the last direct quote, whose attribution the next may carry on;
    ``waiting`` are the first pieces of a quotation that runs on in one paragraph
    (``“A. “B,” he said``) with no cue of their own yet: the first piece of the chain
    to find one credits them.
    """

    def __init__(self, layout: Layout, frames: list[Frame], settings: Settings, scare: bool):
        self.layout, self.frames, self.settings, self.scare = layout, frames, settings, scare
        self.found: list[FoundQuote] = []
        self.mixed: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.directs: list[DirectQuote] = []
        self.previous: DirectQuote | None = None
        self.waiting: list[Quotation] = []
        self.acts: list[tuple[int, Attribution]] = [
            (_act_end(layout, f.attribution, max(e for _, e in f.clauses)), f.attribution)
            for f in frames
            if f.clauses
        ]

    def place(self, quotation: Quotation) -> None:
        layout, span = self.layout, quotation.span
        words = layout.text[span.start : span.end]
        attribution = own_attribution(quotation, layout, self.settings)
        if attribution is not None and attribution.how == "after":
            prefix = sentence_prefix(quotation, layout)
            if prefix is not None and subordinate_prefix(prefix, layout):
                attribution = None  # "Asked whether X “…,” 75 percent said yes"
            elif prefix is not None:  # "The country “has made changes,” she said"
                self._add("mixed", prefix, span.outer_end, attribution, [(span.start, span.end)])
                return
        if attribution is None and not looks_like_title(words):
            clause = containing_clause(quotation, self.frames, layout)
            if clause is not None:
                frame, index = clause
                self.mixed.setdefault((id(frame), index), []).append((span.start, span.end))
                self.previous, self.waiting = None, []
                return
            exact = exact_clause(quotation, self.frames, layout)
            attribution = exact.attribution if exact is not None else None
        if attribution is None:
            naming = naming_attribution(quotation, layout, self.settings)
            if naming is not None:
                self._add("fragment", span.start, span.end, naming)
                return
        self._direct(quotation, attribution)

    def _direct(self, quotation: Quotation, attribution: Attribution | None) -> None:
        span = quotation.span
        inherited = attribution is None
        if attribution is None:
            attribution = inherits_from(quotation, self.previous, self.layout)
        if attribution is None:
            attribution = self._carried_on(quotation)
        if attribution is None and span.continues:
            self.waiting = [*self.waiting, quotation] if span.continued else [quotation]
            self.previous = None
            return
        waiting = [w for w in self.waiting if self._same_paragraph(w, quotation)]
        waiting = waiting if span.continued and len(waiting) == len(self.waiting) else []
        self.waiting = []
        if attribution is None:
            self.previous = None
            if self.scare and _is_scare_quote(quotation, self.layout, self.settings):
                words = self.layout.text[span.start : span.end]
                self.found.append(FoundQuote("fragment", span.start, span.end, words, how="scare"))
            return
        for piece in waiting:
            self.directs.append(DirectQuote(piece, attribution, True))
            s = piece.span
            self.found.append(_found(self.layout, "direct", s.start, s.end, attribution, "ahead"))
        direct = DirectQuote(quotation, attribution, inherited)
        self.directs.append(direct)
        how = "inherited" if inherited else attribution.how
        self.found.append(_found(self.layout, "direct", span.start, span.end, attribution, how))
        self.acts.append((_act_end(self.layout, attribution, quotation.last + 1), attribution))
        self.previous = direct

    def _carried_on(self, quotation: Quotation) -> Attribution | None:
        """A quoted sentence with no cue of its own right after someone's report carries
        that report's speaker on ("X said the move was bold. “We believe …”"; "“…,” said
        Y.¶“If …”"): the news convention for a quote that continues a speaker. Not when
        another person is named in between, nor past the next paragraph."""
        layout = self.layout
        if not _free_standing(quotation, layout):
            return None
        before = [act for act in self.acts if act[0] <= quotation.open_tok]
        if not before:
            return None
        end, attribution = max(before, key=lambda act: act[0])
        paragraph = layout.token_paragraph
        if paragraph[quotation.open_tok] - paragraph[max(end - 1, 0)] > 1:
            return None
        doc = layout.doc
        stops = [t for t in doc[end : quotation.open_tok] if t.text in (".", "!", "?")]
        own = range(*attribution.speaker) if attribution.speaker else range(0)
        named = [
            e
            for e in doc.ents
            if e.label_ == "PERSON" and end <= e.start < quotation.open_tok and e.root.i not in own
        ]
        return attribution if len(stops) <= 1 and not named else None

    def _same_paragraph(self, a: Quotation, b: Quotation) -> bool:
        """Only pieces printed in one paragraph (``“A. “B,” he said``) are credited from a
        cue after them: across a paragraph break the cue comes first in news style, and an
        unclosed paragraph before a quote is more often a broken mark."""
        paragraph = self.layout.token_paragraph
        return paragraph[a.open_tok] == paragraph[b.open_tok]

    def _add(self, kind: QuoteKind, start: int, end: int, attribution, parts=None) -> None:
        self.found.append(_found(self.layout, kind, start, end, attribution, None, parts))
        last = self.layout.token_at(max(start, end - 1)) + 1
        self.acts.append((_act_end(self.layout, attribution, last), attribution))
        self.previous, self.waiting = None, []


def _act_end(layout: Layout, attribution: Attribution, end: int) -> int:
    """The token after a reporting act: its reported words or its cue and speaker,
    whichever comes last."""
    ends = [end, attribution.cue_span[1]]
    if attribution.speaker is not None:
        ends.append(attribution.speaker[1])
    return max(ends)


def _free_standing(quotation: Quotation, layout: Layout) -> bool:
    """A quotation that is a sentence on its own: it opens a sentence, and its words end
    one; four words at least (shorter ones are more often titles or scare quotes)."""
    words = layout.text[quotation.span.start : quotation.span.end].rstrip()
    ends = words[-1:] in (".", "!", "?", "\u2026") or (
        quotation.close_tok is not None
        and quotation.close_tok + 1 < len(layout.doc)
        and layout.doc[quotation.close_tok + 1].text in (".", "!", "?")
    )
    return ends and len(words.split()) >= 4 and starts_sentence(quotation, layout)


def _reported_clauses(
    layout: Layout, frames: list[Frame], mixed: dict[tuple[int, int], list[tuple[int, int]]]
) -> list[FoundQuote]:
    """Frame clauses: mixed when they hold quotations, indirect when they touch none."""
    taken = [
        (q.span.open, q.span.outer_end)
        for q in layout.quotations
        if not looks_like_title(layout.text[q.span.start : q.span.end])
    ]
    found = []
    for frame in frames:
        for index, clause in enumerate(frame.clauses):
            start, end = clause_chars(clause, layout)
            parts = mixed.get((id(frame), index))
            if parts:
                found.append(
                    _found(layout, "mixed", start, end, frame.attribution, frame.how, parts)
                )
            elif (
                frame.how != "positional"
                and not any(a < end and start < b for a, b in taken)
                and says_something(clause, layout)
            ):
                found.append(_found(layout, "indirect", start, end, frame.attribution, frame.how))
    return found


_ADVERBIAL_OPENERS = frozenset(
    {"after", "before", "since", "until", "till", "when", "while", "once", "whenever"}
)
# A past participle counts: the small parser often tags a main verb VBN after a noun
# ("the new model sold poorly" parsed as a noun with a participle).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VBN"})
_NOMINAL_OPENERS = frozenset({"DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"})


def says_something(clause: tuple[int, int], layout: Layout) -> bool:
    """Whether a reported clause is a statement: it has a subject and a finite verb, and
    is not just an adverbial ("after the Taliban came to power") or a fragment left by a
    misparse ("a week ago", "Afghanistan", "should be demanded")."""
    doc = layout.doc
    tokens = doc[clause[0] : clause[1]]
    if not tokens:
        return False
    first = tokens[0]
    subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in tokens)
    if not subject and first.pos_ not in _NOMINAL_OPENERS:
        return False  # "should be demanded", "suffered lengthy response times"
    if not any(t.tag_ in _FINITE_TAGS for t in tokens):
        return False  # "a week ago", "it hard to persuade officials"
    if first.lower_ in _ADVERBIAL_OPENERS and first.dep_ in ("mark", "advmod", "prep"):
        return first.head.right_edge.i < clause[1] - 1  # a main clause follows it
    return True


def _nested(directs: list[DirectQuote], layout: Layout, settings: Settings) -> list[FoundQuote]:
    """Quotations credited inside direct quotes ("Dorn looked at me and said, ‘…’")."""
    found = []
    for direct in directs:
        for nested in nested_quotes(direct, layout, settings):
            span = nested.span
            how = "nested-first-person" if nested.first_person else "nested"
            item = _found(layout, "direct", span.start, span.end, nested.attribution, how)
            item.nested_in = (direct.quotation.span.start, direct.quotation.span.end)
            found.append(item)
    return found


def _found(
    layout: Layout,
    kind: QuoteKind,
    start: int,
    end: int,
    attribution: Attribution,
    how: str | None = None,
    quoted: list[tuple[int, int]] | None = None,
) -> FoundQuote:
    doc = layout.doc
    mention = None
    if attribution.speaker is not None:
        s, e = attribution.speaker
        mention = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    c0, c1 = attribution.cue_span
    item = FoundQuote(
        kind,
        start,
        end,
        layout.text[start:end],
        cue=attribution.cue,
        cue_span=(doc[c0].idx, doc[c1 - 1].idx + len(doc[c1 - 1])),
        mention=mention,
        speaker_mention=layout.text[mention[0] : mention[1]] if mention else None,
        quoted=list(quoted or []),
        how=how or attribution.how,
        speaker_head=attribution.head,
    )
    return item


def _resolve(
    found: list[FoundQuote], layout: Layout, coref: Coreference, outlet: str | None
) -> list[FoundQuote]:
    """Canonical speakers; the outlet's own voice dropped; sorted, one quote per span."""
    by_span: dict[tuple[int, int], FoundQuote] = {}
    outer_speaker: dict[tuple[int, int], FoundQuote] = {}
    for item in sorted(found, key=lambda f: (f.nested_in is not None, f.start)):
        head = item.speaker_head
        if item.how == "nested-first-person" and item.nested_in in outer_speaker:
            outer = outer_speaker[item.nested_in]
            item.speaker, item.speaker_kind = outer.speaker, outer.speaker_kind
        elif head is not None:
            if _own_voice(item.speaker_mention, outlet):
                continue
            referent = coref.resolve(head)
            if referent is not None and not referent.unnamed:
                item.speaker, item.speaker_kind = referent.name, referent.kind
                named = layout.doc[head].pos_ != "PRON" and not _document(layout.doc[head])
                if named and item.speaker_mention:
                    referent.add_alias(item.speaker_mention)
        if item.nested_in is None:
            outer_speaker[(item.start, item.end)] = item
        by_span.setdefault((item.start, item.end), item)
    return _once(sorted(by_span.values(), key=lambda f: (f.start, f.end)))


def _once(found: list[FoundQuote]) -> list[FoundQuote]:
    """One quote for words reported twice: a reported clause lying inside a longer one of
    the same speaker ("she found it hard to persuade them she was a minister" holds "she
    was a minister") is dropped. A quotation nested in a direct quote is kept: it is
    someone's words as the speaker relays them, a report of its own."""
    kept = []
    for item in found:
        inside = item.nested_in is None and any(
            other is not item
            and other.speaker is not None
            and other.speaker == item.speaker
            and other.start <= item.start
            and item.end <= other.end
            and other.end - other.start > item.end - item.start
            for other in found
        )
        if not inside:
            kept.append(item)
    return kept


def _is_scare_quote(quotation, layout: Layout, settings: Settings) -> bool:
    words = layout.text[quotation.span.start : quotation.span.end].split()
    return 0 < len(words) <= settings.quote_scare_max_words


def _document(token) -> bool:
    """ "the report": it speaks for its publisher but is not one of its names."""
    return token.lower_ in QUOTE_DOCUMENT_NOUNS


def _own_voice(mention: str | None, outlet: str | None) -> bool:
    if not mention:
        return False
    m = normalise_name(mention)
    if any(m == v or m.startswith(v + " ") for v in OWN_VOICE_NAMES):
        return True
    return _same_outlet(mention, outlet)


def _same_outlet(name: str, outlet: str | None) -> bool:
    """ "The Courier" or "Valdoria Courier" in The Valdoria Courier: the outlet itself."""
    if not outlet:
        return False
    m = normalise_name(strip_article(name))
    o = normalise_name(strip_article(outlet))
    return m == o or (len(m.split()) == 1 and o.split()[-1] == m) or o.endswith(" " + m)


def extract_article(
    doc: Doc, article_id: str, outlet: str | None = None, settings: Settings = DEFAULTS
) -> ArticleQuotes:
    """Quotes of one article with the speakers behind them (for ``merge_entities``)."""
    found, referents = find_quotes(doc, outlet, settings)
    quotes = [f.to_quote(article_id) for f in found]
    speakers = [r for r in referents if any(f.speaker == r.name for f in found)]
    return ArticleQuotes(article_id, outlet, quotes, found, speakers)


def extract_quotes(
    doc: Doc, article_id: str, outlet: str | None = None, settings: Settings = DEFAULTS
) -> list[Quote]:
    """The quotes of one article, parsed as ``doc`` (the cleaned text), in text order.

    ``speaker`` is the canonical name within the article and ``speaker_id``
    its entity id; ``merge_entities`` makes names agree across articles.
    ``outlet`` lets the outlet's own opinion paragraphs be told from quotes.
    """
    return extract_article(doc, article_id, outlet, settings).quotes
