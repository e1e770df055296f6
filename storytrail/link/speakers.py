"""The corpus's speakers as entities: the per-article speakers merged across articles.

The quote stage resolves speakers within one article and describes each
(its name forms, titles, nationality words, how often it is mentioned); the
build saves that description with the article (``speaker_record``). Linking
reads them back (``referent_from_record``) and lets
``storytrail.quotes.merge_entities`` merge the same person across articles —
"Tomas Brennar" joins Tomas Brenner through the shared first name and title,
never by spelling alone — with the user's alias file when there is one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from storytrail.model import Entity, Quote
from storytrail.quotes import AliasFile, ArticleQuotes, merge_entities, remap_quotes
from storytrail.quotes.people import Referent


def speaker_record(referent: Referent) -> dict[str, Any]:
    """What merging needs to know about one article's speaker, as plain JSON-able data."""
    return {
        "key": referent.key,
        "kind": referent.kind,
        "names": dict(referent.names),
        "aliases": list(referent.aliases),
        "titles": list(referent.titles),
        "nation_words": list(referent.nation_words),
        "gender": referent.gender,
        "mentions": len(referent.mentions),
        "fixed_name": referent.fixed_name,
    }


def referent_from_record(record: Mapping[str, Any]) -> Referent:
    """The ``Referent`` a ``speaker_record`` describes (mention positions are not kept)."""
    return Referent(
        key=record["key"],
        kind=record["kind"],
        names=Counter(record["names"]),
        aliases=list(record["aliases"]),
        titles=list(record["titles"]),
        nation_words=list(record["nation_words"]),
        gender=record.get("gender"),
        mentions=[(0, 0, 0)] * int(record.get("mentions", 0)),
        fixed_name=record.get("fixed_name"),
    )


def merge_speakers(
    quotes: Iterable[Quote],
    speakers: Mapping[str, list[dict[str, Any]]],
    outlets: Mapping[str, str | None],
    aliases: AliasFile | None = None,
) -> tuple[list[Entity], list[Quote]]:
    """Entities for the corpus's speakers, and the quotes pointing at the merged entities.

    ``speakers`` maps article id to its saved speaker records, ``outlets``
    article id to outlet name.
    """
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article_id].append(quote)
    articles = [
        ArticleQuotes(
            article_id=article_id,
            outlet=outlets.get(article_id),
            quotes=by_article.get(article_id, []),
            found=[],
            speakers=[referent_from_record(r) for r in speakers.get(article_id, [])],
        )
        for article_id in sorted(set(by_article) | set(speakers))
    ]
    entities, id_map = merge_entities(articles, aliases)
    merged = remap_quotes([q for a in articles for q in a.quotes], entities, id_map)
    return entities, merged
