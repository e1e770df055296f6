"""What the corpus-wide linking stage reads from the store, and how its result is saved.

Linking is recomputed over the whole corpus each time (its inputs are small:
cleaned texts stream, quotes and mentions are a few rows per article), and its
result replaces the previous one in a single transaction, so readers see the
old links or the new ones, never a mixture.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from storytrail.link.duplicates import ArticleText, DuplicateGroup
from storytrail.link.rereports import Rereport
from storytrail.model import Entity, Event, Quote, Statement, Story

# Entity labels whose names say what an article is about (not who spoke or where).
SUBJECT_LABELS = ("ORG", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
# Every label that names one thing: what the events' names rule compares.
NAME_LABELS = ("PERSON", "GPE", *SUBJECT_LABELS)


def built_texts(conn: sqlite3.Connection) -> Iterator[ArticleText]:
    """Cleaned text of every built article, streamed in rowid order."""
    rows = conn.execute(
        "SELECT a.id, a.published, b.text FROM articles a JOIN builds b ON b.article_id = a.id"
        " ORDER BY a.rowid"
    )
    for row in rows:
        yield ArticleText(row["id"], row["published"], row["text"])


def article_texts(conn: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    """Cleaned text of the built articles ``ids`` (only those: linking reads a few)."""
    texts: dict[str, str] = {}
    for article_id in sorted(ids):
        row = conn.execute("SELECT text FROM builds WHERE article_id = ?", (article_id,)).fetchone()
        if row is not None:
            texts[article_id] = row["text"]
    return texts


def stored_quotes(conn: sqlite3.Connection) -> list[Quote]:
    """Every quote, as the per-article stages saved it (dates as the article gave them,
    before linking added any)."""
    return [
        Quote(
            id=row["id"],
            article_id=row["article_id"],
            kind=row["kind"],
            text=row["text"],
            start=row["start"],
            end=row["end"],
            speaker=row["speaker"],
            speaker_id=row["speaker_id"],
            speaker_mention=row["speaker_mention"],
            cue=row["cue"],
            date=row["own_date"],
            date_granularity=row["own_date_granularity"],
            date_source=row["own_date_source"],
            date_evidence_start=row["date_evidence_start"] if row["own_date"] else None,
            date_evidence_end=row["date_evidence_end"] if row["own_date"] else None,
        )
        for row in conn.execute('SELECT * FROM quotes ORDER BY article_id, start, "end"')
    ]


@dataclass(slots=True)
class ArticleFields:
    """The stored facts about one article that linking needs besides its quotes."""

    article_id: str
    title: str | None
    published: str | None
    place: str | None
    subjects: set[str] = field(default_factory=set)
    # Case-folded names of every person, place, organisation, … the article mentions.
    names: set[str] = field(default_factory=set)


def article_fields(conn: sqlite3.Connection) -> dict[str, ArticleFields]:
    """Title, date, place, subject names and all names of every built article."""
    fields = {
        row["id"]: ArticleFields(row["id"], row["title"], row["published"], row["place"])
        for row in conn.execute(
            "SELECT a.id, a.title, a.published, b.place FROM articles a"
            " JOIN builds b ON b.article_id = a.id"
        )
    }
    marks = ",".join("?" for _ in NAME_LABELS)
    for row in conn.execute(
        f"SELECT article_id, label, text FROM mentions WHERE label IN ({marks})", NAME_LABELS
    ):
        article = fields.get(row["article_id"])
        if article is None:
            continue
        name = _subject_name(row["text"])
        if row["label"] in SUBJECT_LABELS:
            article.subjects.add(name)
        if len(name) > 1:
            article.names.add(_POSSESSIVE.sub("", name).casefold())
    return fields


_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _subject_name(text: str) -> str:
    words = text.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return " ".join(words)


def article_speakers(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """The speaker records the quote stage saved with each built article."""
    return {
        row["article_id"]: json.loads(row["speakers"])
        for row in conn.execute("SELECT article_id, speakers FROM builds")
    }


def article_outlets(conn: sqlite3.Connection) -> dict[str, str | None]:
    return {row["id"]: row["outlet"] for row in conn.execute("SELECT id, outlet FROM articles")}


def cited_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT cites FROM citations")]


def outlet_names(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")
    ]


@dataclass(slots=True)
class LinkResult:
    """Everything one linking run produced."""

    duplicates: list[DuplicateGroup]
    entities: list[Entity]
    quotes: list[Quote]
    statements: list[Statement]
    rereports: list[Rereport]
    events: list[Event]
    stories: list[Story]
    # Cited names as written -> canonical source name; names of people are dropped
    # from citations (a person is a speaker, recorded with the quote).
    source_names: dict[str, str] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)
    # How statements were matched ("lexical + sentence vectors (model)" or "lexical
    # only (why)"), saved in link_state; and how many quote texts were embedded this
    # run (the rest came from the vector cache).
    statement_matching: str = "lexical only"
    texts_embedded: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "duplicate groups": len(self.duplicates),
            "entities": len(self.entities),
            "statements": len(self.statements),
            "rereports": len(self.rereports),
            "events": len(self.events),
            "stories": len(self.stories),
        }


def _build_mark(conn: sqlite3.Connection) -> tuple[int, str | None]:
    row = conn.execute("SELECT COUNT(*), MAX(built_at) FROM builds").fetchone()
    return int(row[0]), row[1]


def links_are_stale(conn: sqlite3.Connection) -> bool:
    """True when articles were built (or removed) since the links were last saved.

    The mark is saved in the same transaction as the links, so a crash between
    building and linking leaves the links stale and the next build relinks.
    """
    saved = conn.execute("SELECT builds, last_built_at FROM link_state").fetchone()
    count, last = _build_mark(conn)
    if saved is None:
        return count > 0
    return (saved["builds"], saved["last_built_at"]) != (count, last)


def save_links(conn: sqlite3.Connection, result: LinkResult) -> None:
    """Replace every link table's content with ``result`` (call inside a transaction)."""
    count, last = _build_mark(conn)
    conn.execute(
        "INSERT OR REPLACE INTO link_state (id, linked_at, builds, last_built_at,"
        " statement_matching) VALUES (1, datetime('now'), ?, ?, ?)",
        (count, last, result.statement_matching),
    )
    for table in (
        "story_events",
        "stories",
        "event_participants",
        "event_articles",
        "events",
        "rereport_statements",
        "rereports",
    ):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE quotes SET statement_id = NULL")
    conn.execute("DELETE FROM statements")
    conn.execute("UPDATE articles SET duplicate_of = NULL")
    for group in result.duplicates:
        conn.executemany(
            "UPDATE articles SET duplicate_of = ? WHERE id = ?",
            [(group.head, member) for member in group.members if member != group.head],
        )
    _save_entities(conn, result.entities)
    for written, canonical in result.source_names.items():
        if written != canonical:
            conn.execute(
                "UPDATE OR IGNORE citations SET cites = ? WHERE cites = ?", (canonical, written)
            )
            conn.execute("UPDATE citations SET via = ? WHERE via = ?", (canonical, written))
    # One pass over citations, not one per person (both grow with the corpus).
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS link_people (name TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM link_people")
    conn.executemany(
        "INSERT OR IGNORE INTO link_people (name) VALUES (?)", [(p,) for p in result.people]
    )
    conn.execute("DELETE FROM citations WHERE cites IN (SELECT name FROM link_people)")
    conn.executemany(
        "INSERT INTO statements (id, speaker, speaker_id, text, first_reported, date,"
        " date_granularity) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (s.id, s.speaker, s.speaker_id, s.text, s.first_reported, s.date, s.date_granularity)
            for s in result.statements
        ],
    )
    conn.executemany(
        "UPDATE quotes SET statement_id = ?, speaker = ?, speaker_id = ?, date = ?,"
        " date_granularity = ?, date_source = ?, date_evidence_start = ?,"
        " date_evidence_end = ? WHERE id = ?",
        [
            (
                q.statement_id,
                q.speaker,
                q.speaker_id,
                q.date,
                q.date_granularity,
                q.date_source,
                q.date_evidence_start,
                q.date_evidence_end,
                q.id,
            )
            for q in result.quotes
        ],
    )
    keep = [e.id for e in result.entities]
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_entities (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM keep_entities")
    conn.executemany("INSERT OR IGNORE INTO keep_entities (id) VALUES (?)", [(k,) for k in keep])
    conn.execute(
        "UPDATE quotes SET speaker_id = NULL WHERE speaker_id IS NOT NULL"
        " AND speaker_id NOT IN (SELECT id FROM keep_entities)"
    )
    conn.execute("DELETE FROM entities WHERE id NOT IN (SELECT id FROM keep_entities)")
    for flag in result.rereports:
        conn.execute(
            "INSERT INTO rereports (article_id, original_date, reason) VALUES (?, ?, ?)",
            (flag.article_id, flag.original_date, flag.reason),
        )
        conn.executemany(
            "INSERT INTO rereport_statements (article_id, statement_id) VALUES (?, ?)",
            [(flag.article_id, s) for s in flag.statement_ids],
        )
    for event in result.events:
        conn.execute(
            "INSERT INTO events (id, title, date, place) VALUES (?, ?, ?, ?)",
            (event.id, event.title, event.date, event.place),
        )
        conn.executemany(
            "INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)",
            [(event.id, a) for a in event.article_ids],
        )
        conn.executemany(
            "INSERT INTO event_participants (event_id, name) VALUES (?, ?)",
            [(event.id, p) for p in event.participants],
        )
    for story in result.stories:
        conn.execute("INSERT INTO stories (id, title) VALUES (?, ?)", (story.id, story.title))
        conn.executemany(
            "INSERT INTO story_events (story_id, event_id) VALUES (?, ?)",
            [(story.id, e) for e in story.event_ids],
        )


def _save_entities(conn: sqlite3.Connection, entities: list[Entity]) -> None:
    """Upsert entities and replace their aliases; quotes keep pointing at live ids."""
    for entity in entities:
        conn.execute(
            "INSERT INTO entities (id, name, kind) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
            (entity.id, entity.name, entity.kind),
        )
        conn.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (entity.id,))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
            [(entity.id, alias) for alias in entity.aliases],
        )
