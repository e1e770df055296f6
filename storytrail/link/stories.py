"""Stories: threads of events over months or years that share participants and subject.

A story is made of events, never split them. Events are merged by average link
(``storytrail.link.clusters``) over their articles' content similarity, with a
lower bar than events (``story_content_similarity``) and no time limit: a
treaty's talks, summit and signing say much the same things about the same
people across two years. The average, not one link, is what keeps a story
from absorbing an unrelated event through one famous name: the president who
appears in the treaty talks and in the flood inquiry is one shared name among
many words that differ.

A story's title is its most central event's title (``storytrail.link.titles``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from storytrail.link.clusters import Groups, average_link
from storytrail.link.events import ArticleFacts, content_index
from storytrail.link.similarity import ContentIndex
from storytrail.link.titles import most_central
from storytrail.model import Event, Story, stable_id
from storytrail.settings import DEFAULTS, Settings


def build_stories(
    events: list[Event],
    articles: Iterable[ArticleFacts],
    settings: Settings = DEFAULTS,
    index: ContentIndex | None = None,
) -> list[Story]:
    """Chain ``events`` into stories; every event is in exactly one story."""
    by_article = {a.article_id: a for a in articles}
    facts = [by_article[i] for e in events for i in e.article_ids if i in by_article]
    index = index or content_index(facts, settings)
    ids = [a.article_id for a in facts]
    groups = Groups([None] * len(ids), None)
    event_of = {}
    start = 0
    for event in events:
        count = sum(1 for i in event.article_ids if i in by_article)
        for k in range(start + 1, start + count):
            groups.join(start, k)
        for k in range(start, start + count):
            event_of[ids[k]] = event
        start += count
    # A thread shares people and subjects: only articles sharing a name are compared.
    nowhen = [None] * len(ids)
    average_link(ids, nowhen, groups, index, settings.story_content_similarity, names_only=True)

    chains: dict[int, list[ArticleFacts]] = defaultdict(list)
    for k, article in enumerate(facts):
        chains[groups.root(k)].append(article)
    stories = []
    placed: set[str] = set()
    for members in chains.values():
        chain = sorted(
            {event_of[a.article_id].id: event_of[a.article_id] for a in members}.values(),
            key=lambda e: (e.date or "9999", e.id),
        )
        placed.update(e.id for e in chain)
        central = event_of[most_central(members, index).article_id]
        stories.append(
            Story(
                id=stable_id("sto", chain[0].id),
                title=central.title,
                event_ids=[e.id for e in chain],
            )
        )
    # An event none of whose articles is known is a story of its own.
    for event in events:
        if event.id not in placed:
            stories.append(
                Story(id=stable_id("sto", event.id), title=event.title, event_ids=[event.id])
            )
    return sorted(stories, key=lambda s: s.id)
