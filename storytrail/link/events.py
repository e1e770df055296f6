"""Events: articles that report the same occurrence, and stories: threads of events.

An article's *occasion* is the day its statements were made (the most common
day-granularity quote date), else its dateline's or publication day. Whether
two articles report one event is decided in two steps.

**Evidence that settles it** (the articles join at once):

* they are copies of one another (same near-duplicate group), or
* they share a statement and their occasions are within ``event_max_gap_days``
  (or neither has a date: nothing then says they are apart), or
* they share a place and a participant within the gap, or
* without a shared place, they share several participants and several subjects
  within the gap (``event_min_shared_participants``/``_subjects``).

**What the articles say** (``storytrail.link.similarity``): the TF-IDF cosine
of their leads' words and names. Groups are merged by average link: two groups
join when the mean similarity over all pairs of their articles reaches
``event_content_similarity``, so one loud shared word (a famous name, "the
earthquake") cannot chain two occurrences of the same kind as single links
would. Only candidate pairs sharing a block key are scored; two dated articles
more than the gap apart never count.

An event is one occurrence: a join that would spread its reports' occasions
over more than ``event_max_span_days`` is refused, so daily reports from one
venue do not chain a season into one event. A re-report (old statements
presented as new) shares statements with the old event but not its occasion,
so it joins the news of its own days.

Each event is titled by its most central article (the one most similar to the
rest): its headline, else its opening sentence; its place is the commonest
venue its articles name (``storytrail.link.places``).

Stories (``storytrail.link.stories``) chain events over months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from storytrail.link.clusters import Groups, average_link
from storytrail.link.similarity import ContentIndex
from storytrail.link.titles import headline_of, most_central
from storytrail.model import Event, stable_id
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
    # places, works), with its speakers and venue: the names vector compares them.
    names: set[str] = field(default_factory=set)
    # The headline and opening of the cleaned text (similarity.lead_of): the words vector.
    lead: str = ""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def content_index(articles: Iterable[ArticleFacts], settings: Settings = DEFAULTS) -> ContentIndex:
    """The TF-IDF index of the articles' leads and names (speakers and venue included)."""
    facts = list(articles)
    return ContentIndex(
        {a.article_id: a.lead or a.title or "" for a in facts},
        {a.article_id: _names_of(a) for a in facts},
        settings,
    )


def build_events(
    articles: Iterable[ArticleFacts],
    settings: Settings = DEFAULTS,
    index: ContentIndex | None = None,
) -> list[Event]:
    """Group articles into events, each dated, placed and titled from its members.

    ``index``: the articles' content index when the caller has one (else it is made here).
    """
    facts = sorted(articles, key=lambda a: (a.occasion or a.published or "9999", a.article_id))
    position = {a.article_id: i for i, a in enumerate(facts)}
    gap = settings.event_max_gap_days
    days = [_day(a.occasion or a.published) for a in facts]
    # A copy's own date says when it was reposted, not when the news happened.
    groups = Groups(
        [None if a.duplicate_of in position else d for a, d in zip(facts, days, strict=True)],
        settings.event_max_span_days,
    )
    for i, article in enumerate(facts):
        if article.duplicate_of in position:
            groups.join(position[article.duplicate_of], i, whatever_the_dates=True)
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
        undated = [i for i in members if days[i] is None]
        for i in undated[1:]:
            groups.join(undated[0], i)
    for members in by_place.values():
        for i, j in _within_gap(members, days, gap):
            if facts[i].participants & facts[j].participants:
                groups.join(i, j)
    for i, j in _within_gap(range(len(facts)), days, gap):
        a, b = facts[i], facts[j]
        if (
            len(a.participants & b.participants) >= settings.event_min_shared_participants
            and len(a.subjects & b.subjects) >= settings.event_min_shared_subjects
        ):
            groups.join(i, j)
    index = index or content_index(facts, settings)
    average_link(
        [a.article_id for a in facts],
        days,
        groups,
        index,
        settings.event_content_similarity,
        settings.event_max_gap_days,
    )

    members: dict[int, list[ArticleFacts]] = defaultdict(list)
    for i, article in enumerate(facts):
        members[groups.root(i)].append(article)
    events = [_event(group, index) for group in members.values()]
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


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


def _names_of(article: ArticleFacts) -> set[str]:
    names = article.names | {p.casefold() for p in article.participants}
    if article.place:
        names.add(article.place.casefold())
    return names


def _event(members: list[ArticleFacts], index: ContentIndex) -> Event:
    earliest = min(members, key=lambda a: (a.published or "9999", a.article_id))
    occasions = Counter((a.occasion or a.published or "")[:10] for a in members)
    occasions.pop("", None)
    when = min(occasions, key=lambda d: (-occasions[d], d)) if occasions else None
    places = Counter(a.place for a in members if a.place)
    where = min(places, key=lambda p: (-places[p], p)) if places else None
    people = sorted(set().union(*(a.participants for a in members)))
    central = most_central(members, index)
    return Event(
        id=stable_id("evt", earliest.article_id),
        title=headline_of(central.title, central.lead) or central.article_id,
        date=when,
        place=where,
        article_ids=sorted(a.article_id for a in members),
        participants=people,
    )
