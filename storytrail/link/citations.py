"""Provenance: which sources an article says it got its news from.

A pure function of one parsed article. It finds:

* datelines naming an agency: ``LORVIK, March 14 (NWA) -`` → cites ``NWA``, cue ``dateline``;
* ``according to X`` and ``citing X`` where X is not a person (a person
  "according to" whom something is said is a speaker, which the quote stage
  records, not a source the outlet relied on);
* chains: ``Basin Post, citing Northwind Agency, reported …`` gives two rows,
  the article cites Basin Post (cue ``reported``) and Northwind Agency
  (cue ``citing``) *via* Basin Post;
* media as the subject of a reporting verb: ``Kestrian state radio said``,
  ``the Courier reported`` (an outlet name's last word, ``settings.OUTLET_HEADS``,
  or an acronym). "The Commission said" is not a citation: an organisation
  speaking is a quote with the organisation as speaker, and a citation is an
  outlet or medium the article got its news from (tests/golden/README.md);
* ``X news agency`` mentions.

An outlet never cites itself: given the article's ``outlet``, a source that
is that outlet, by name or by an acronym of it ("NWA" in a Northwind Agency
dateline), is dropped; the same dateline on another outlet's copy is kept.

Sources are returned as written (trimmed of a leading "the"); the corpus
stage maps them onto canonical entities with the alias table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storytrail.link.sources import canonical_sources
from storytrail.settings import MEDIA_HEADS, OUTLET_HEADS, REPORTING_VERBS

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\u2019-]+(?:, [A-Z][\w .'\u2019-]+)?),\s+"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2})\s+\((?P<agency>[^()\n]{1,40})\)\s*[-\u2013\u2014:]"
)
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundCitation:
    """A source named in one article; offsets into the cleaned text."""

    cites: str
    cue: str
    start: int
    end: int
    via: str | None = None


def find_citations(doc, outlet: str | None = None) -> list[FoundCitation]:
    """Every source the article (``doc``, a spaCy Doc) names, in text order, each span once.

    ``outlet`` is the article's own outlet, which is never a source of itself.
    """
    found = _datelines(doc.text) + _cued(doc) + _reporting_subjects(doc) + _agency_mentions(doc)
    unique: dict[tuple[str, int], FoundCitation] = {}
    for citation in found:  # the first rule to claim a span names its cue
        if not (outlet and _is_outlet_itself(citation.cites, outlet)):
            unique.setdefault((citation.cites, citation.start), citation)
    return sorted(unique.values(), key=lambda c: (c.start, c.cites, c.cue))


def _is_outlet_itself(source: str, outlet: str) -> bool:
    """True when ``source`` names ``outlet``: the same words, or an acronym of them."""
    own = _LEADING_THE.sub("", outlet.strip())
    expanded = canonical_sources([source], [own])[source]
    return expanded.casefold() == own.casefold()


def _datelines(text: str) -> list[FoundCitation]:
    found = []
    offset = 0
    for paragraph in text.split("\n\n"):
        match = _DATELINE.match(paragraph)
        if match:
            start, end = match.span("agency")
            found.append(
                FoundCitation(
                    match.group("agency").strip(), "dateline", offset + start, offset + end
                )
            )
        offset += len(paragraph) + 2
    return found


def _source_after(doc, i: int):
    """The name that follows token ``i`` ("according to" / "citing"), or None for a person.

    The noun chunk starting there wins over a shorter entity inside it
    ("Kestrian state radio", not the adjective "Kestrian").
    """
    spans = [c for c in doc.noun_chunks if c.start <= i < c.end]
    spans += [e for e in doc.ents if e.start == i]
    if not spans:
        return None
    span = max(spans, key=len)
    if any(t.ent_type_ == "PERSON" for t in span):
        return None
    return span


def _cued(doc) -> list[FoundCitation]:
    found = []
    for token in doc:
        lower = token.lower_
        if lower == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = _source_after(doc, token.i + 2)
            if source is not None:
                found.append(_citation(source, "according to"))
        elif lower == "citing" and token.i + 1 < len(doc):
            source = _source_after(doc, token.i + 1)
            if source is None:
                continue
            via = _citing_subject(doc, token)
            found.append(_citation(source, "citing", via=_name(via) if via is not None else None))
            if via is not None:
                verb = via.root.head
                cue = verb.lower_ if verb.lemma_ in REPORTING_VERBS else "citing"
                found.append(_citation(via, cue))
    return found


def _citing_subject(doc, citing):
    """In "X, citing Y, reported", the X the participle hangs on."""
    head = citing.head
    subject = None
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < citing.i:
            subject = child
    if subject is None and citing.i >= 2 and doc[citing.i - 1].text == ",":
        subject = doc[citing.i - 2]
    # "He, citing state radio, said": the pronoun is a person, not an intermediary medium.
    if subject is None or subject.pos_ == "PRON":
        return None
    return _span_of(doc, subject)


def _span_of(doc, token):
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    for chunk in doc.noun_chunks:
        if chunk.start <= token.i < chunk.end:
            return chunk
    return doc[token.i : token.i + 1]


def _reporting_subjects(doc) -> list[FoundCitation]:
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_ not in REPORTING_VERBS:
            continue
        for child in token.children:
            if child.dep_ != "nsubj":
                continue
            span = _span_of(doc, child)
            if _is_medium(child) and not any(t.ent_type_ == "PERSON" for t in span):
                found.append(_citation(span, token.lower_))
    return found


def _is_medium(head) -> bool:
    """A medium by its head word or an acronym, not merely by NER label."""
    last = head.text.casefold()
    if head.lemma_.casefold() in MEDIA_HEADS or last in OUTLET_HEADS:
        return True
    return head.text.isupper() and len(head.text) >= 2 and head.ent_type_ == "ORG"


def _agency_mentions(doc) -> list[FoundCitation]:
    found = []
    for match in re.finditer(r"\b((?:[A-Z][\w\u2019'-]+ ){1,4})news agency\b", doc.text):
        name = _LEADING_THE.sub("", match.group(0))
        start = match.end() - len(name)
        found.append(FoundCitation(name, "news agency", start, match.end()))
    return found


def _name(span) -> str:
    return _LEADING_THE.sub("", span.text.strip())


def _citation(span, cue: str, via: str | None = None) -> FoundCitation:
    text = span.text
    lead = len(text) - len(_LEADING_THE.sub("", text))
    return FoundCitation(_name(span), cue, span.start_char + lead, span.end_char, via)
