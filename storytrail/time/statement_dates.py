"""When each quote was said: the date of the utterance, with its evidence, or null and why.

Rules, in order; the first that applies decides (``UtteranceDate.rule``):

``embed``
    a pasted post is dated by the date printed under it.
``nested``
    words recalled inside another quote ("Dorn looked at me and said, ‘Then
    put it in writing’") take the date of the quote that recalls them: the
    day they were retold, which is the latest they can have been said. An
    unnamed speaker's stays null.
``attribution``
    a time expression outside the quotation governs its attribution: the
    cue verb itself ("said on Tuesday"), a reporting verb of the attribution
    ("Speaking ... on Tuesday evening, Dorn said"), or a verb the cue hangs
    from ("had opened the talks on Monday by warning that ..."). Expressions
    inside quoted words never date the quote: they are the speaker's.
``event``
    a hook: ``event_date(quote)`` from the linking stage (an event the article
    dates, "at the summit's closing news conference"). Not called when None.
``lead``
    the speaker's nearest earlier dated act or quote in the article — the
    lead "President Tomas Brenner on Wednesday defended ..." — carries to
    later quotes of the same speaker on the same occasion: until another
    speaker is quoted, unless the attribution says "in the same interview",
    and never when it moves elsewhere ("in an interview", "had said",
    "earlier"). A quote in the first paragraph takes the date the next
    paragraph gives the same speaker (a lead sums up what follows).
``same-day``
    in a same-day report (see ``same_day_report``) a plain past "said" with
    no time of its own is dated to the publication day — said so in
    ``date_source``, never silently. Perfect ("has said"), pluperfect and
    present ("says": a re-report may be years old) stay null.
``none``
    null, and ``date_source`` says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from storytrail.model import Embed, Quote
from storytrail.settings import DEFAULTS, Settings
from storytrail.time.attribution import (
    Attribution,
    attribution_of,
    blank,
    descends,
    inside,
    names_speaker,
    paragraph_end,
    quotation_spans,
    same_day_report,
    subject_of,
)
from storytrail.time.expressions import calendar_expressions
from storytrail.time.tense import adverbial_verb
from storytrail.time.values import PublicationDate, TimeExpression, UtteranceDate

EventDate = Callable[[Quote], UtteranceDate | None]


@dataclass(frozen=True, slots=True)
class _Act:
    """A dated clause with a named subject ("Brenner on Wednesday defended ...")."""

    position: int
    subject: object
    expression: TimeExpression
    moves_elsewhere: bool


def date_quotes(
    quotes: Sequence[Quote],
    doc,
    expressions: Sequence[TimeExpression],
    anchor: PublicationDate,
    *,
    embeds: Sequence[Embed] = (),
    event_date: EventDate | None = None,
    settings: Settings = DEFAULTS,
) -> list[Quote]:
    """Copies of ``quotes`` with ``date``, ``date_granularity`` and ``date_source`` filled.

    ``doc`` is the spaCy ``Doc`` of the cleaned text that quote offsets index;
    ``expressions`` are ``time_expressions(doc, anchor)``. A quote with no
    evidence gets ``date=None`` and a ``date_source`` saying why; the
    publication date is only used by the documented same-day rule, and says
    so. Pure and deterministic; the inputs are not modified.
    """
    dated = utterance_dates(
        quotes, doc, expressions, anchor, embeds=embeds, event_date=event_date, settings=settings
    )
    return [
        replace(quote, date=when.date, date_granularity=when.granularity, date_source=when.source)
        for quote, when in zip(quotes, dated, strict=True)
    ]


def utterance_dates(
    quotes: Sequence[Quote],
    doc,
    expressions: Sequence[TimeExpression],
    anchor: PublicationDate,
    *,
    embeds: Sequence[Embed] = (),
    event_date: EventDate | None = None,
    settings: Settings = DEFAULTS,
) -> list[UtteranceDate]:
    """The ``UtteranceDate`` of each quote, in the order of ``quotes`` (with evidence spans)."""
    return _Dater(quotes, doc, expressions, anchor, embeds, event_date, settings).run()


def _is_description(subject) -> bool:
    """A subject that describes a person rather than naming one ("Lorvik's harbour
    minister"): a common noun with no person's name in it."""
    if subject is None or subject.pos_ != "NOUN":
        return False
    return not any(t.ent_type_ == "PERSON" for t in subject.subtree)


class _Dater:
    """One article's quotes and the evidence the rules read, computed once."""

    def __init__(self, quotes, doc, expressions, anchor, embeds, event_date, settings) -> None:
        self.quotes: Sequence[Quote] = quotes
        self.doc = doc
        calendar = calendar_expressions(expressions)
        self.expressions = [e for e in calendar if e.source != "dateline"]
        self.dateline = next((e for e in calendar if e.source == "dateline"), None)
        self.anchor: PublicationDate = anchor
        self.embeds = embeds
        self.event_date = event_date
        self.settings: Settings = settings
        self.quotations = quotation_spans(doc.text)
        self.elsewhere = [re.compile(p, re.I) for p in settings.time_scene_change_patterns]
        self.same_occasion = [re.compile(p, re.I) for p in settings.time_same_occasion_patterns]
        self.attributions = [attribution_of(q, doc, self.quotations, settings) for q in quotes]
        self.outer = [self._outer_quote(i) for i in range(len(quotes))]
        self.own = [self._attribution_date(i) for i in range(len(quotes))]
        self.acts = self._dated_acts()
        self.same_day = same_day_report(doc, self.expressions, self.dateline, anchor)
        self.results: dict[int, UtteranceDate] = {}
        self.basis: dict[int, str] = {}

    def run(self) -> list[UtteranceDate]:
        order = sorted(
            range(len(self.quotes)), key=lambda i: (self.quotes[i].start, -self.quotes[i].end)
        )
        for i in order:
            found = self._date(i)
            self.results[i] = found
            self.basis[i] = self._basis_of(found)
        return [self.results[i] for i in range(len(self.quotes))]

    def _basis_of(self, found: UtteranceDate) -> str:
        """What a chain of inherited dates rests on, said once ("attribution: Tuesday")."""
        if found.rule in ("lead", "nested") and " — " in found.source:
            return found.source.split(" — ", 1)[1]
        return found.source

    def _date(self, i: int) -> UtteranceDate:
        quote = self.quotes[i]
        for rule in (self._embed_date, self._nested_date):
            found = rule(i)
            if found is not None:
                return found
        own = self.own[i]
        if own is not None:
            return own
        if self.event_date is not None:
            found = self.event_date(quote)
            if found is not None:
                return found
        for rule in (self._lead_date, self._lead_summary_date, self._stated_or_same_day):
            found = rule(i)
            if found is not None:
                return found
        return self._none(i, self._why_none(i))

    # --- rules ---------------------------------------------------------------------------------

    def _embed_date(self, i: int) -> UtteranceDate | None:
        quote = self.quotes[i]
        if quote.kind != "embed":
            return None
        for embed in self.embeds:
            if embed.date and embed.text and (quote.text in embed.text or embed.text in quote.text):
                who = f"@{embed.handle}" if embed.handle else embed.author or "its author"
                return UtteranceDate(
                    quote.id,
                    embed.date,
                    "day",
                    f"embed: the date printed under the post by {who}",
                    "embed",
                )
        return None

    def _nested_date(self, i: int) -> UtteranceDate | None:
        j = self.outer[i]
        if j is None:
            return None
        quote, outer = self.quotes[i], self.results.get(j)
        if quote.speaker is None or outer is None or outer.date is None:
            why = "words recalled inside another quote, by an unnamed speaker"
            if quote.speaker is not None:
                why = "words recalled inside a quote that has no date"
            return self._none(i, why, rule="nested")
        return UtteranceDate(
            quote.id,
            outer.date,
            outer.granularity,
            f"nested: recalled inside a quote dated {outer.date} — {self.basis[j]}",
            "nested",
            outer.evidence_start,
            outer.evidence_end,
        )

    def _attribution_date(self, i: int) -> UtteranceDate | None:
        quote, attribution = self.quotes[i], self.attributions[i]
        best, best_rank = None, None
        for expression in self.expressions:
            rank = self._governs_attribution(expression, quote, attribution)
            if rank is not None and (best_rank is None or rank < best_rank):
                best, best_rank = expression, rank
        if best is None:
            return None
        if best.value is None:
            why = f"{best.text!r} governs the attribution but cannot be placed: {best.note}"
            return UtteranceDate(quote.id, None, None, why, "attribution", best.start, best.end)
        return UtteranceDate(
            quote.id,
            best.value,
            best.granularity,
            f"attribution: {best.text}",
            "attribution",
            best.start,
            best.end,
        )

    def _governs_attribution(self, expression, quote, attribution: Attribution):
        if not (attribution.start <= expression.start and expression.end <= attribution.end):
            return None
        if expression.start < quote.end and expression.end > quote.start:
            return None
        if inside(self.quotations, expression.start, expression.end):
            return None
        if expression.tense == "future" or expression.direction == "future":
            return None
        verb = self._verb_of(expression)
        if verb is None or quote.start <= verb.idx < quote.end:
            return None
        distance = abs(expression.start - quote.start)
        cue = attribution.cue
        if cue is not None and verb.i == cue.i:
            return (0, distance)
        if cue is not None and descends(cue, verb):
            return (1, distance)
        if verb.lemma_.lower() in self.settings.time_reporting_verbs:
            return (2, distance)
        return None

    def _lead_date(self, i: int) -> UtteranceDate | None:
        quote = self.quotes[i]
        if quote.speaker is None or self._moves_elsewhere(i) is not None:
            return None
        same_occasion = self._says_same_occasion(i)
        for _position, kind, item in reversed(self._earlier_items(i)):
            if kind == "quote":
                other = self.quotes[item]
                if other.speaker != quote.speaker:
                    if same_occasion:
                        continue
                    return None
                found = self.results[item]
                if found.date is None:
                    if same_occasion:
                        continue
                    return None
                return UtteranceDate(
                    quote.id,
                    found.date,
                    found.granularity,
                    f"lead: same occasion as the speaker's quote before — {self.basis[item]}",
                    "lead",
                    found.evidence_start,
                    found.evidence_end,
                )
            act: _Act = item
            if self._act_of(act, quote.speaker) and not act.moves_elsewhere:
                e = act.expression
                return UtteranceDate(
                    quote.id,
                    e.value,
                    e.granularity,
                    f"lead: same occasion as the speaker's act before — lead: {e.text}",
                    "lead",
                    e.start,
                    e.end,
                )
        return None

    def _lead_summary_date(self, i: int) -> UtteranceDate | None:
        quote, text = self.quotes[i], self.doc.text
        first_end = paragraph_end(text, 0)
        if quote.speaker is None or quote.start >= first_end:
            return None
        second_end = paragraph_end(text, first_end + 2)
        for j, other in enumerate(self.quotes):
            found = self.own[j]
            if (
                first_end <= other.start < second_end
                and other.speaker == quote.speaker
                and found is not None
                and found.date is not None
            ):
                return UtteranceDate(
                    quote.id,
                    found.date,
                    found.granularity,
                    f"lead: the first paragraph sums up the next one — {found.source}",
                    "lead",
                    found.evidence_start,
                    found.evidence_end,
                )
        return None

    def _act_of(self, act: _Act, speaker: str | None) -> bool:
        """Whether ``act`` is the speaker's: its subject names them, or it is the lead's act of
        a described person ("Lorvik's harbour minister on Wednesday warned ...") and the
        speaker is the first person the article then quotes."""
        if names_speaker(act.subject, speaker):
            return True
        lead_end = paragraph_end(self.doc.text, 0)
        return (
            act.position < lead_end
            and _is_description(act.subject)
            and self._first_speaker_after(act.position) == speaker
        )

    def _stated_or_same_day(self, i: int) -> UtteranceDate | None:
        """Where the same-day rule would give the publication day, a day the text states for
        the speaker's occasion beats it: the lead's act of the speaker ("President Brenner on
        Wednesday warned ..."), even when another speaker's quote broke the ``lead`` chain
        since. Only acts in the first two paragraphs count, and never a moved attribution."""
        same_day = self._same_day_date(i)
        if same_day is None:
            return None
        return self._stated_occasion(i) or same_day

    def _stated_occasion(self, i: int) -> UtteranceDate | None:
        quote = self.quotes[i]
        text = self.doc.text
        lead_end = paragraph_end(text, paragraph_end(text, 0) + 2)
        for act in reversed(self.acts):
            if act.position >= min(quote.start, lead_end) or act.moves_elsewhere:
                continue
            if self._act_of(act, quote.speaker):
                e = act.expression
                return UtteranceDate(
                    quote.id,
                    e.value,
                    e.granularity,
                    f"lead: the occasion the lead gives {quote.speaker} — lead: {e.text}",
                    "lead",
                    e.start,
                    e.end,
                )
        return None

    def _first_speaker_after(self, position: int) -> str | None:
        later = [q for q in self.quotes if q.start > position and q.speaker is not None]
        return min(later, key=lambda q: q.start).speaker if later else None

    def _same_day_date(self, i: int) -> UtteranceDate | None:
        if not self.settings.time_same_day_reports or self.same_day is None:
            return None
        attribution = self.attributions[i]
        if attribution.tense != "past" or self._moves_elsewhere(i) is not None:
            return None
        why, start, end = self.same_day
        cue = attribution.cue.text if attribution.cue is not None else "the attribution"
        return UtteranceDate(
            self.quotes[i].id,
            self.anchor.value,
            "day",
            f"publication date: same-day report ({why}); {cue!r} has no time of its own",
            "same-day",
            start,
            end,
        )

    # --- evidence ------------------------------------------------------------------------------

    def _verb_of(self, expression: TimeExpression):
        span = self.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        return None if span is None else adverbial_verb(span, self.settings)

    def _dated_acts(self) -> list[_Act]:
        acts = []
        for expression in self.expressions:
            if expression.value is None or expression.tense == "future":
                continue
            if expression.direction == "future":
                continue
            if inside(self.quotations, expression.start, expression.end) or any(
                q.start <= expression.start < q.end for q in self.quotes
            ):
                continue
            verb = self._verb_of(expression)
            subject = None if verb is None else subject_of(verb)
            if subject is None:
                continue
            sentence = verb.sent
            moves = self._elsewhere_in(sentence.start_char, sentence.end_char, ()) is not None
            acts.append(_Act(expression.start, subject, expression, moves))
        return acts

    def _earlier_items(self, i: int) -> list[tuple[int, str, object]]:
        quote = self.quotes[i]
        items: list[tuple[int, str, object]] = [
            (act.position, "act", act) for act in self.acts if act.position < quote.start
        ]
        for j, other in enumerate(self.quotes):
            if j != i and other.start < quote.start and self.outer[j] is None and j in self.results:
                items.append((other.start, "quote", j))
        return sorted(items, key=lambda item: item[0])

    def _outer_quote(self, i: int) -> int | None:
        quote = self.quotes[i]
        for j, other in enumerate(self.quotes):
            contains = other.start <= quote.start and quote.end <= other.end
            if j != i and contains and (other.start, other.end) != (quote.start, quote.end):
                return j
        return None

    def _moves_elsewhere(self, i: int) -> str | None:
        attribution, quote = self.attributions[i], self.quotes[i]
        return self._elsewhere_in(attribution.start, attribution.end, [(quote.start, quote.end)])

    def _elsewhere_in(self, start: int, end: int, holes) -> str | None:
        text = blank(self.doc.text, start, end, [*self.quotations.overlapping(start, end), *holes])
        for pattern in self.elsewhere:
            match = pattern.search(text)
            if match is not None:
                return match.group(0)
        return None

    def _says_same_occasion(self, i: int) -> bool:
        attribution, quote = self.attributions[i], self.quotes[i]
        text = blank(
            self.doc.text,
            attribution.start,
            attribution.end,
            [
                *self.quotations.overlapping(attribution.start, attribution.end),
                (quote.start, quote.end),
            ],
        )
        return any(pattern.search(text) for pattern in self.same_occasion)

    def _why_none(self, i: int) -> str:
        moved = self._moves_elsewhere(i)
        if moved is not None:
            return f"the attribution moves to another occasion ({moved!r}) and gives no date"
        attribution = self.attributions[i]
        cue = attribution.cue.text if attribution.cue is not None else None
        if attribution.tense == "present":
            return f"present-tense {cue!r} gives no date; the words may be older than the article"
        if attribution.tense == "perfect":
            return f"perfect-tense {cue!r} gives no date"
        if self.anchor.value is None and any(e.value is None for e in self.expressions):
            return "no time expression governs the quote, and the publication date is unknown"
        return "no time expression governs the quote or its attribution"

    def _none(self, i: int, why: str, rule: str = "none") -> UtteranceDate:
        return UtteranceDate(self.quotes[i].id, None, None, f"none: {why}", rule)
