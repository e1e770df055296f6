"""Quotes and speakers: who said what, in each article, credited to canonical entities.

Public functions (what ``storytrail.pipeline`` and spaCy users call)::

    extract_quotes(doc, article_id, outlet=None) -> list[Quote]
    extract_article(doc, article_id, outlet=None) -> ArticleQuotes  # quotes + speakers
    find_quotes(doc, outlet=None) -> (list[FoundQuote], referents)  # every offset
    merge_entities(per_article, aliases=None) -> (list[Entity], {article speaker id: entity id})
    remap_quotes(quotes, entities, id_map) -> list[Quote]
    load_aliases(path) -> AliasFile

Importing this package registers the spaCy factory ``storytrail_quotes``
(results on ``doc._.quotes``). See docs/design.md, "Quotes and speakers".
"""

from storytrail.quotes.component import COMPONENT_NAME, QuoteComponent
from storytrail.quotes.entities import (
    AliasEntry,
    AliasFile,
    AliasFileError,
    load_aliases,
    merge_entities,
    remap_quotes,
)
from storytrail.quotes.extract import (
    ArticleQuotes,
    FoundQuote,
    extract_article,
    extract_quotes,
    find_quotes,
)
from storytrail.quotes.marks import QuotedSpan, quoted_spans

__all__ = [
    "COMPONENT_NAME",
    "AliasEntry",
    "AliasFile",
    "AliasFileError",
    "ArticleQuotes",
    "FoundQuote",
    "QuoteComponent",
    "QuotedSpan",
    "extract_article",
    "extract_quotes",
    "find_quotes",
    "load_aliases",
    "merge_entities",
    "quoted_spans",
    "remap_quotes",
]
