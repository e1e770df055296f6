"""Re-reports: articles that present statements made long before as if they were news.

An article is a re-report when it carries at least one statement and *every*
statement it carries was first reported by another article at least
``rereport_min_days`` before this one was published. The flag names the
statements it repeats and the date they were first reported, so a timeline can
place the article's content at the original date, not at the re-report's.

This catches copy-and-recycle pieces and "anniversary" rewrites. It does not
flag an article that mixes old quotes with a new one: that article has news.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from storytrail.model import Quote, Statement
from storytrail.settings import DEFAULTS, Settings


@dataclass(frozen=True, slots=True)
class Rereport:
    """``article_id`` repeats ``statement_ids``, first reported on ``original_date``."""

    article_id: str
    statement_ids: tuple[str, ...]
    original_date: str
    reason: str


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def find_rereports(
    quotes: Iterable[Quote],
    statements: Iterable[Statement],
    published: Mapping[str, str | None],
    settings: Settings = DEFAULTS,
) -> list[Rereport]:
    """Flag every article all of whose statements are old news; see the module docstring."""
    by_id = {s.id: s for s in statements}
    first_seen: dict[str, date] = {}
    carried: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.statement_id and quote.statement_id in by_id:
            carried.setdefault(quote.article_id, set()).add(quote.statement_id)
    for statement_id in by_id:
        days = [
            _day(published.get(article_id))
            for article_id, ids in carried.items()
            if statement_id in ids
        ]
        known = [d for d in days if d is not None]
        if known:
            first_seen[statement_id] = min(known)

    flagged = []
    for article_id, ids in sorted(carried.items()):
        own = _day(published.get(article_id))
        if own is None:
            continue
        ages = [(own - first_seen[s]).days for s in ids if s in first_seen]
        if len(ages) == len(ids) and min(ages) >= settings.rereport_min_days:
            original = min(first_seen[s] for s in ids)
            flagged.append(
                Rereport(
                    article_id=article_id,
                    statement_ids=tuple(sorted(ids)),
                    original_date=original.isoformat(),
                    reason=(
                        f"all {len(ids)} statements were first reported at least "
                        f"{min(ages)} days earlier"
                    ),
                )
            )
    return flagged
