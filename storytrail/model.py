"""The data classes every stage speaks.

Data flows one way through storytrail::

    sources -> Article -> CleanText (+ Annotations) -> Quote -> Statement/Event/Story -> store

Each class is a plain, typed dataclass with no behaviour beyond small derived
properties, so it pickles cheaply (process pools, Dask) and serialises to the
export schema documented in ``docs/export.md``.

Identifiers are *stable*: they are derived from content (a URL or a text hash,
an article id plus a span), never from insertion order, so the same input gives
the same ids on every machine and in every run. That is what makes ingest
idempotent and lets a distributed run be compared with a local one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from storytrail.offsets import OffsetMap

QuoteKind = Literal["direct", "mixed", "indirect", "fragment", "embed"]
EntityKind = Literal["person", "organisation", "place", "outlet"]
Granularity = Literal["day", "week", "month", "year"]


def stable_id(prefix: str, *parts: str) -> str:
    """Return ``prefix_`` plus 16 hex digits of a SHA-256 over ``parts``.

    Parts are joined with a unit separator so ("ab", "c") and ("a", "bc") differ.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, and why.

    ``line`` is the 1-based line of a manifest (None for whole files).
    """

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Article:
    """One news article as read from its source, before any analysis.

    ``original`` is the article text exactly as extracted (for HTML: the main
    text trafilatura found). Every offset storytrail reports maps back into it.
    ``published`` is an ISO 8601 date or datetime string, or None when the
    source did not say; ``published_source`` says where it came from
    (``manifest``, ``html-meta``, ...).
    """

    id: str
    source: str
    original: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    author: str | None = None
    language: str | None = None
    text_hash: str = ""


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A piece of the original text that cleaning took out, kept so nothing is lost.

    ``start``/``end`` are offsets into ``Article.original``. ``kind`` names the
    rule that removed it (``boilerplate``, ``embed``).
    """

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Embed:
    """A pasted social-media post: not the article's words, but dated evidence.

    ``date`` is the ISO date printed under the post (None when it had none);
    offsets are into ``Article.original``.
    """

    author: str | None
    handle: str | None
    date: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class CleanText:
    """The cleaned text of an article and the way back to the original.

    ``offset_runs`` is a compact offset map: a list of ``(clean_start,
    orig_start, length)`` runs where cleaned characters are copied one-to-one
    from the original, plus ``orig_length``, and ``offset_ends``: the few
    ``(clean_index, orig_end)`` characters that stand for more than one original
    character (a repaired ``”`` for ``â€\x9d``); see ``storytrail.offsets``.
    """

    text: str
    offset_runs: list[tuple[int, int, int]]
    orig_length: int
    offset_ends: list[tuple[int, int]] = field(default_factory=list)
    removed: list[RemovedSpan] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    repairs: int = 0

    def offsets(self) -> OffsetMap:
        """The map from spans of ``text`` back to spans of the original."""
        return OffsetMap(self.offset_runs, self.orig_length, self.offset_ends)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention found by the NLP stage, offsets into the cleaned text."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class Annotations:
    """What the NLP stage learnt about a cleaned text: sentences and entity mentions."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class BuiltArticle:
    """An article after the per-article stages: what the store saves for it."""

    article_id: str
    clean: CleanText
    annotations: Annotations
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    place: str | None = None
    # storytrail.time.PublicationDate and TimeExpression objects (typed loosely so
    # this module depends on no stage), and the speakers' merge evidence as dicts.
    publication: Any = None
    time_expressions: list[Any] = field(default_factory=list)
    speakers: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Something a speaker said, as one article renders it.

    ``start``/``end`` are offsets into the cleaned article text; ``text`` is
    that span (the words, without quotation marks). ``speaker`` is the canonical
    entity name (None when unknown) and ``speaker_mention`` the words the
    article used ("he", "the president"). ``date`` is when the words were said,
    never silently the publication date: None with a ``date_source`` saying why.
    """

    id: str
    article_id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    date: str | None = None
    date_granularity: Granularity | None = None
    date_source: str | None = None
    statement_id: str | None = None
    date_evidence_start: int | None = None
    date_evidence_end: int | None = None


@dataclass(slots=True)
class Statement:
    """One utterance by one speaker, whatever the outlets, translations and cuts."""

    id: str
    speaker: str | None
    speaker_id: str | None
    text: str
    quote_ids: list[str] = field(default_factory=list)
    first_reported: str | None = None
    date: str | None = None
    date_granularity: Granularity | None = None


@dataclass(slots=True)
class Event:
    """A real-world occurrence (a summit, a speech) reported by one or more articles."""

    id: str
    title: str
    date: str | None = None
    place: str | None = None
    article_ids: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Events chained over time by shared speakers and subjects."""

    id: str
    title: str
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A canonical speaker, organisation, place or outlet with every name it goes by."""

    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Citation:
    """An article says it got something from a source ("according to X").

    ``via`` names the intermediary in a chain: in "Basin Post, citing Northwind
    Agency, reported", the article cites Northwind Agency via Basin Post (and
    cites Basin Post directly). Offsets are into the cleaned text.
    """

    article_id: str
    cites: str
    cue: str
    start: int | None = None
    end: int | None = None
    via: str | None = None
