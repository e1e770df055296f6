"""Events: articles that report the same occurrence, and stories: events chained over time.

An article's *occasion* is the day its statements were made (the most common
day-granularity quote date), else its dateline's or publication day. Two
articles report the same event when

* they are copies of one another (same near-duplicate group), or
* they share a statement and their occasions are within ``event_max_gap_days``, or
* they share a place and a participant and their occasions are within the gap, or
* without a shared place, they share several participants and several subjects
  within the gap (``event_min_shared_participants``/``_subjects``).

So two outlets' reports of one summit join, while the same speaker at two
summits a year apart stays two events. A re-report (old statements presented
as new) shares statements with the old event but not its occasion, so it joins
the news of its own days, not the old event; the rereport stage says what it
repeats.

Stories chain events that share a participant *and* a subject: the salient
names of their articles (proper-noun phrases that are not people), so one
minister's trade talks and her dam talks stay different stories.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from storytrail.model import Event, Story, stable_id
from storytrail.settings import DEFAULTS, Settings


@dataclass(slots=True)
class ArticleFacts:
    """What event and story building needs to know about one built article."""

    article_id: str
    title: str | None
    published: str | None
    occasion: str | None = None
    place: str | None = None
    participants: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)
    duplicate_of: str | None = None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _close(a: ArticleFacts, b: ArticleFacts, gap: int) -> bool:
    da, db = _day(a.occasion or a.published), _day(b.occasion or b.published)
    return da is not None and db is not None and abs((da - db).days) <= gap


def build_events(articles: Iterable[ArticleFacts], settings: Settings = DEFAULTS) -> list[Event]:
    """Group articles into events, each dated, placed and titled from its members."""
    facts = sorted(articles, key=lambda a: (a.occasion or a.published or "9999", a.article_id))
    index = {a.article_id: i for i, a in enumerate(facts)}
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, article in enumerate(facts):
        if article.duplicate_of in index:
            parent[root(i)] = root(index[article.duplicate_of])
    by_statement: dict[str, list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(facts):
        for statement in article.statements:
            by_statement[statement].append(i)
        if article.place:
            by_place[article.place.casefold()].append(i)
    gap = settings.event_max_gap_days
    for members in by_statement.values():
        for i in members:
            for j in members:
                if i < j and _close(facts[i], facts[j], gap):
                    parent[root(j)] = root(i)
    # Sliding window over occasion days: only reports within the gap are compared,
    # so the cost grows with the corpus times the reports per few days.
    days = [_day(a.occasion or a.published) for a in facts]
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    for k, (day_i, i) in enumerate(dated):
        for day_j, j in dated[k + 1 :]:
            if (day_j - day_i).days > gap:
                break
            a, b = facts[i], facts[j]
            if (
                len(a.participants & b.participants) >= settings.event_min_shared_participants
                and len(a.subjects & b.subjects) >= settings.event_min_shared_subjects
            ):
                parent[root(j)] = root(i)
    for members in by_place.values():
        for i in members:
            for j in members:
                if (
                    i < j
                    and facts[i].participants & facts[j].participants
                    and _close(facts[i], facts[j], gap)
                ):
                    parent[root(j)] = root(i)

    groups: dict[int, list[ArticleFacts]] = defaultdict(list)
    for i, article in enumerate(facts):
        groups[root(i)].append(article)
    events = [_event(members) for members in groups.values()]
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def _event(members: list[ArticleFacts]) -> Event:
    earliest = min(members, key=lambda a: (a.published or "9999", a.article_id))
    occasions = Counter((a.occasion or a.published or "")[:10] for a in members)
    occasions.pop("", None)
    when = min(occasions, key=lambda d: (-occasions[d], d)) if occasions else None
    places = Counter(a.place for a in members if a.place)
    where = min(places, key=lambda p: (-places[p], p)) if places else None
    people = sorted(set().union(*(a.participants for a in members)))
    return Event(
        id=stable_id("evt", earliest.article_id),
        title=earliest.title or "(untitled)",
        date=when,
        place=where,
        article_ids=sorted(a.article_id for a in members),
        participants=people,
    )


def build_stories(
    events: list[Event], articles: Iterable[ArticleFacts], settings: Settings = DEFAULTS
) -> list[Story]:
    """Chain events sharing a participant and at least ``story_min_shared_subjects`` subjects."""
    subjects_of: dict[str, Counter[str]] = {}
    by_article = {a.article_id: a for a in articles}
    for event in events:
        counts: Counter[str] = Counter()
        for article_id in event.article_ids:
            if article_id in by_article:
                counts.update(by_article[article_id].subjects)
        subjects_of[event.id] = counts

    parent = {e.id: e.id for e in events}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            shared = set(subjects_of[a.id]) & set(subjects_of[b.id])
            if set(a.participants) & set(b.participants) and (
                len(shared) >= settings.story_min_shared_subjects
            ):
                parent[root(b.id)] = root(a.id)

    chains: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        chains[root(event.id)].append(event)
    stories = []
    for chain in chains.values():
        chain.sort(key=lambda e: (e.date or "9999", e.id))
        subjects: Counter[str] = Counter()
        for event in chain:
            subjects.update(subjects_of[event.id])
        title = min(subjects, key=lambda s: (-subjects[s], s)) if subjects else chain[0].title
        stories.append(
            Story(id=stable_id("sto", chain[0].id), title=title, event_ids=[e.id for e in chain])
        )
    return sorted(stories, key=lambda s: s.id)
