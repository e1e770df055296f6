"""The corpus's speakers as entities, from the quotes' canonical speakers.

The quote stage resolves speakers within an article; this gathers them across
the corpus: one entity per canonical speaker id, with every mention the
articles used as aliases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storytrail.model import Entity, Quote

_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "we", "i"})


def merge_speakers(quotes: Iterable[Quote]) -> tuple[list[Entity], list[Quote]]:
    """Entities for every speaker id, and the quotes (unchanged) that point at them."""
    quotes = list(quotes)
    names: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for quote in quotes:
        if not quote.speaker_id or not quote.speaker:
            continue
        names.setdefault(quote.speaker_id, quote.speaker)
        mention = (quote.speaker_mention or "").strip()
        if mention and mention.casefold() not in _PRONOUNS and mention != quote.speaker:
            aliases[quote.speaker_id].add(mention)
    entities = [
        Entity(id=eid, name=name, kind="person", aliases=sorted(aliases[eid]))
        for eid, name in sorted(names.items(), key=lambda item: item[1])
    ]
    return entities, quotes
