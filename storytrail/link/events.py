"""Events: articles that report the same occurrence, and stories: events chained over time.

An article's *occasion* is the day its statements were made (the most common
day-granularity quote date), else its dateline's or publication day. Two
articles report the same event when

* they are copies of one another (same near-duplicate group), or
* they share a statement and their occasions are within ``event_max_gap_days``, or
* they share a place and a participant and their occasions are within the gap, or
* without a shared place, they share several participants and several subjects
  within the gap (``event_min_shared_participants``/``_subjects``), or
* they name the same rare things: the IDF-weighted cosine of their rare names
  (people, organisations, places, works named in the text, the speakers and the
  venue; a name carried by more than ``event_rare_name_share`` of the articles
  is not rare) reaches ``event_name_similarity`` — for two articles within the
  gap, or for two articles of which neither has a date.

So two outlets' reports of one summit join, while the same speaker at two
summits a year apart stays two events. A re-report (old statements presented
as new) shares statements with the old event but not its occasion, so it joins
the news of its own days, not the old event; the rereport stage says what it
repeats. An event is one occurrence: a join that would spread its reports'
occasions over more than ``event_max_span_days`` is refused, so links from day
to day (the same venue and official in every day's news) do not chain a season
into one event.

The names rule is the fallback for what dates cannot decide. Undated articles
(a pasted text, a feed without dates, a corpus such as ECB+) otherwise never
join anything but their copies; with it they group by what they are about (on
ECB+, sub-topic B-cubed F1 0.17 without it, 0.79 with it; docs/benchmarks.md).
It needs stronger evidence than the dated rules — rare names, weighed by rarity
— because nothing says two undated reports are close in time; and an undated
article never joins a dated one by names alone, since it could then bridge two
occasions that the dates keep apart.

Cost: pairs are compared only within the gap (a sliding window over occasion
days), within one statement's or one place's reports, or — for undated articles
— among those sharing a rare name, so the work grows with the corpus times the
reports per few days, not with its square.

Stories chain events that share a participant *and* a subject: the salient
names of their articles (proper-noun phrases that are not people), so one
minister's trade talks and her dam talks stay different stories. Events are
looked up by (participant, subjects) keys, never compared all against all.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

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
    # Every named thing the article mentions, case-folded (people, organisations,
    # places, works), with its speakers and venue: what the names rule compares.
    names: set[str] = field(default_factory=set)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def build_events(articles: Iterable[ArticleFacts], settings: Settings = DEFAULTS) -> list[Event]:
    """Group articles into events, each dated, placed and titled from its members."""
    facts = sorted(articles, key=lambda a: (a.occasion or a.published or "9999", a.article_id))
    index = {a.article_id: i for i, a in enumerate(facts)}
    gap = settings.event_max_gap_days
    days = [_day(a.occasion or a.published) for a in facts]
    # A copy's own date says when it was reposted, not when the news happened.
    groups = _Groups(
        [None if a.duplicate_of in index else d for a, d in zip(facts, days, strict=True)],
        settings.event_max_span_days,
    )
    for i, article in enumerate(facts):
        if article.duplicate_of in index:
            groups.join(index[article.duplicate_of], i, whatever_the_dates=True)
    by_statement: dict[str, list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(facts):
        for statement in article.statements:
            by_statement[statement].append(i)
        if article.place:
            by_place[article.place.casefold()].append(i)
    for members in by_statement.values():
        for i, j in _within_gap(members, days, gap):
            groups.join(i, j)
    for members in by_place.values():
        for i, j in _within_gap(members, days, gap):
            if facts[i].participants & facts[j].participants:
                groups.join(i, j)
    names = _RareNames(facts, settings)
    for i, j in _within_gap(range(len(facts)), days, gap):
        a, b = facts[i], facts[j]
        if (
            len(a.participants & b.participants) >= settings.event_min_shared_participants
            and len(a.subjects & b.subjects) >= settings.event_min_shared_subjects
        ) or names.similar(i, j):
            groups.join(i, j)
    for i, j in names.candidate_pairs([i for i, d in enumerate(days) if d is None]):
        if names.similar(i, j):
            groups.join(i, j)

    members: dict[int, list[ArticleFacts]] = defaultdict(list)
    for i, article in enumerate(facts):
        members[groups.root(i)].append(article)
    events = [_event(group) for group in members.values()]
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


class _Groups:
    """Union-find over articles that keeps every group's days within ``span`` days.

    A join that would stretch a group further is refused: single links over
    consecutive days (a city's daily reports, each sharing its venue and an
    official with the day before) would otherwise chain a season into one event.
    """

    def __init__(self, days: Sequence[date | None], span: int) -> None:
        self.parent = list(range(len(days)))
        self.first = list(days)
        self.last = list(days)
        self.span = span

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, whatever_the_dates: bool = False) -> None:
        a, b = self.root(i), self.root(j)
        if a == b:
            return
        firsts = [d for d in (self.first[a], self.first[b]) if d is not None]
        lasts = [d for d in (self.last[a], self.last[b]) if d is not None]
        first, last = (min(firsts), max(lasts)) if firsts else (None, None)
        if first and last and (last - first).days > self.span and not whatever_the_dates:
            return
        self.parent[b] = a
        self.first[a], self.last[a] = first, last


def _within_gap(
    members: Iterable[int], days: Sequence[date | None], gap: int
) -> Iterator[tuple[int, int]]:
    """Pairs of dated members whose days are at most ``gap`` apart (a sliding window)."""
    dated = sorted((days[i], i) for i in members if days[i] is not None)
    for k, (day_i, i) in enumerate(dated):
        for day_j, j in dated[k + 1 :]:
            if (day_j - day_i).days > gap:  # type: ignore[operator]
                break
            yield i, j


class _RareNames:
    """The names rule: IDF-weighted cosine over each article's rare names."""

    def __init__(self, facts: Sequence[ArticleFacts], settings: Settings) -> None:
        counts = Counter(name for a in facts for name in _names_of(a))
        cap = max(2.0, settings.event_rare_name_share * len(facts))
        self.weight = {
            name: math.log(len(facts) / count) for name, count in counts.items() if count <= cap
        }
        self.names = [{n for n in _names_of(a) if n in self.weight} for a in facts]
        self.mass = [sum(self.weight[n] for n in names) for names in self.names]
        self.threshold = settings.event_name_similarity

    def similar(self, i: int, j: int) -> bool:
        shared = self.names[i] & self.names[j]
        if not shared:
            return False
        overlap = sum(self.weight[n] for n in shared)
        return overlap >= self.threshold * math.sqrt(self.mass[i] * self.mass[j])

    def candidate_pairs(self, members: list[int]) -> Iterator[tuple[int, int]]:
        """Pairs of ``members`` sharing at least one rare name, each once."""
        holders: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for name in self.names[i]:
                holders[name].append(i)
        for i in members:
            partners = {j for name in self.names[i] for j in holders[name] if j > i}
            for j in sorted(partners):
                yield i, j


def _names_of(article: ArticleFacts) -> set[str]:
    names = article.names | {p.casefold() for p in article.participants}
    if article.place:
        names.add(article.place.casefold())
    return names


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
    """Chain events sharing a participant and at least ``story_min_shared_subjects`` subjects.

    Each event is filed under every (participant, k subjects) key it has, k being
    the setting, and the events under one key are chained: two events meet the
    rule exactly when they share a key. The keys grow as C(subjects, k) per event,
    linear in the corpus for the default k = 1.
    """
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

    first_under: dict[tuple[str, tuple[str, ...]], str] = {}
    k = max(0, settings.story_min_shared_subjects)
    for event in events:
        for subjects in combinations(sorted(subjects_of[event.id]), k):
            for participant in set(event.participants):
                first = first_under.setdefault((participant, subjects), event.id)
                if first != event.id:
                    parent[root(event.id)] = root(first)

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
