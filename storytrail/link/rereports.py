"""Re-reports: articles that present statements made long before as if they were news.

An article is a re-report when it carries a statement first reported by
another article at least ``rereport_min_days`` before this one was published,
and presents it without that past date — undated ("the president says …"),
or dated to the new article's days. The flag names the statements it repeats
and the date they were first reported, so a timeline places them at the
original date, not at the re-report's. Recalling old words *with* their date
("said at the 2023 summit that …") is not re-reporting and is not flagged.
An article may mix re-reported statements with new ones; the reason says so.
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
    quotes = list(quotes)
    by_id = {s.id: s for s in statements}
    quotes_by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        quotes_by_article.setdefault(quote.article_id, []).append(quote)
    first_seen: dict[str, date] = {}
    carried: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.statement_id and quote.statement_id in by_id:
            carried.setdefault(quote.article_id, set()).add(quote.statement_id)
    for article_id, ids in carried.items():
        day = _day(published.get(article_id))
        if day is None:
            continue
        for statement_id in ids:
            if statement_id not in first_seen or day < first_seen[statement_id]:
                first_seen[statement_id] = day

    flagged = []
    for article_id, ids in sorted(carried.items()):
        own = _day(published.get(article_id))
        if own is None:
            continue
        old = sorted(
            s
            for s in ids
            if s in first_seen
            and (own - first_seen[s]).days >= settings.rereport_min_days
            and not _dated_as_old(quotes_by_article[article_id], s, first_seen[s], own, settings)
        )
        if not old:
            continue
        original = min(first_seen[s] for s in old)
        fresh = len(ids) - len(old)
        flagged.append(
            Rereport(
                article_id=article_id,
                statement_ids=tuple(old),
                original_date=original.isoformat(),
                reason=(
                    f"{len(old)} statement(s) first reported {(own - original).days} days "
                    "earlier are presented without their date"
                    + (f"; {fresh} other statement(s) are new" if fresh else "")
                ),
            )
        )
    return flagged


def _dated_as_old(
    quotes: list[Quote], statement_id: str, first: date, own: date, settings: Settings
) -> bool:
    """True when the article dates its rendering of the statement to the past
    ("said in June 2023"): recalling old words with their date is not re-reporting."""
    for quote in quotes:
        if quote.statement_id != statement_id or not quote.date:
            continue
        when = _day(quote.date if len(quote.date) == 10 else quote.date[:4] + "-01-01")
        if when is not None and (own - when).days >= settings.rereport_min_days:
            return True
    return False
