"""Running the per-article stages over a stream of articles.

Each stage is a pure function of an article (and what earlier stages made of
it); ``build_articles`` chains them over batches so the parser sees many texts
at once. The same functions run in a plain loop here, and are what a process
pool or Dask task calls: I/O (reading the store, writing it back) stays in the
caller.

``PIPELINE_VERSION`` names what a build produces. Bump it when a stage changes
its output, and ``storytrail build`` rebuilds every article once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from storytrail.clean import clean_text
from storytrail.link.citations import find_citations
from storytrail.link.places import article_place
from storytrail.link.speakers import speaker_record
from storytrail.model import Article, BuiltArticle, Citation, CleanText
from storytrail.nlp import annotations_of, parse
from storytrail.quotes import ArticleQuotes, find_quotes
from storytrail.settings import DEFAULTS, Settings
from storytrail.time import (
    anchor_in_quotes,
    publication_date,
    time_expressions,
    utterance_dates,
)

PIPELINE_VERSION = "4"


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def build_batch(articles: list[Article], settings: Settings = DEFAULTS) -> list[BuiltArticle]:
    """Clean, parse (one ``nlp.pipe`` over the batch) and analyse one batch of articles."""
    cleaned = [clean_text(article.original, settings) for article in articles]
    docs = parse_in_pieces([c.text for c in cleaned], settings)
    return [
        build_article(article, clean, doc, settings)
        for article, clean, doc in zip(articles, cleaned, docs, strict=True)
    ]


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def parse_in_pieces(texts: list[str], settings: Settings = DEFAULTS) -> list:
    """One spaCy ``Doc`` per text, a long text parsed in pieces cut at paragraph breaks.

    spaCy's parse of one batch holds about 3.3 MiB per KB of its text (a 150 KB
    article: 700 MiB). A text longer than ``parse_piece_chars`` is parsed as pieces
    of at most that many characters, cut after a blank line, where the paragraph
    component starts a sentence anyway, one piece per batch, and the pieces are
    joined into one ``Doc`` with the same text and tokens (``Doc.from_docs``).
    Shorter texts, almost every article, are parsed together as before.
    """
    from spacy.tokens import Doc

    docs: list = [None] * len(texts)
    short = [n for n, text in enumerate(texts) if len(text) <= settings.parse_piece_chars]
    for n, doc in zip(
        short, parse((texts[n] for n in short), settings.nlp_batch_size), strict=True
    ):
        docs[n] = doc
    for n, text in enumerate(texts):
        if docs[n] is None:
            pieces = list(parse(paragraph_pieces(text, settings.parse_piece_chars), 1))
            docs[n] = Doc.from_docs(pieces, ensure_whitespace=False)
    return docs


def paragraph_pieces(text: str, limit: int) -> list[str]:
    """``text`` cut after blank lines into pieces of at most ``limit`` characters where it
    can be (a paragraph longer than ``limit`` stays whole); joined, they give ``text``."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = last_cut = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.end() - start > limit and last_cut > start:
            pieces.append(text[start:last_cut])
            start = last_cut
        last_cut = match.end()
    if len(text) - start > limit and start < last_cut < len(text):
        pieces.append(text[start:last_cut])
        start = last_cut
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


class ParsedDoc:
    """A spaCy ``Doc`` whose whole-document views are computed once.

    spaCy builds ``doc.text`` (joining every token), ``doc.ents``, ``doc.sents`` and
    ``doc.noun_chunks`` afresh on every access, and the stages ask for them once per
    quote or per expression: a 40 KB article joined its tokens into ``doc.text``
    1,269 times, and its build grew with the square of its length
    (bench/article_length.py). The stages get this stand-in instead: those views
    are made once, and everything else (``doc[i]``, ``char_span`` ...) is the
    ``Doc``'s own.
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.ents = doc.ents
        self.sents = tuple(doc.sents)
        self._noun_chunks: tuple | None = None

    @property
    def noun_chunks(self) -> tuple:
        if self._noun_chunks is None:
            self._noun_chunks = tuple(self.doc.noun_chunks)
        return self._noun_chunks

    def __getattr__(self, name: str):
        return getattr(self.doc, name)

    def __getitem__(self, key):
        return self.doc[key]

    def __len__(self) -> int:
        return len(self.doc)

    def __iter__(self):
        return iter(self.doc)


def build_article(article: Article, clean: CleanText, doc, settings: Settings) -> BuiltArticle:
    """Every per-article stage over one cleaned, parsed article (``doc.text == clean.text``).

    Quotes and their speakers, then the publication date, the time
    expressions and each quote's utterance date, then citations and place.
    """
    # Scare quotes (the so-called "water war") are nobody's words: not quotes at all
    # (tests/golden/not_quotes.json), so the quotes table never holds them.
    doc = ParsedDoc(doc)
    found_quotes, referents = find_quotes(doc, article.outlet, settings)
    found = ArticleQuotes(
        article.id,
        article.outlet,
        [f.to_quote(article.id) for f in found_quotes],
        found_quotes,
        [r for r in referents if any(f.speaker == r.name for f in found_quotes)],
    )
    publication = publication_date(article, clean, doc, settings)
    expressions = time_expressions(doc, publication, settings)
    dates = utterance_dates(
        found.quotes, doc, expressions, publication, embeds=clean.embeds, settings=settings
    )
    quotes = [
        replace(
            quote,
            date=when.date,
            date_granularity=when.granularity,
            date_source=when.source,
            date_evidence_start=when.evidence_start,
            date_evidence_end=when.evidence_end,
        )
        for quote, when in zip(found.quotes, dates, strict=True)
    ]
    expressions = anchor_in_quotes(expressions, quotes, settings)
    citations = [
        Citation(article.id, c.cites, c.cue, c.start, c.end, c.via)
        for c in find_citations(doc, article.outlet)
    ]
    return BuiltArticle(
        article_id=article.id,
        clean=clean,
        annotations=annotations_of(doc.doc),
        quotes=quotes,
        citations=citations,
        place=article_place(doc),
        publication=publication,
        time_expressions=expressions,
        speakers=[speaker_record(referent) for referent in found.speakers],
    )


def build_articles(
    articles: Iterable[Article], settings: Settings = DEFAULTS
) -> Iterator[BuiltArticle]:
    """Lazily build every article, a batch at a time, in input order."""
    for batch in batched(articles, settings.nlp_batch_size):
        yield from build_batch(batch, settings)
