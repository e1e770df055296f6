"""A synthetic corpus for the linking cost benchmark: disguised copies of the built demo.

``synthetic_store`` writes a store of N built articles without running the
per-article stages again (a 20k-article spaCy build takes hours on a 2-core
machine): the demo corpus is built once (``demo_template``) and its stored rows —
articles, builds, quotes, mentions, citations, provisional speaker entities —
are copied with new ids, each copy disguised (``Disguise``) so that it reads as
other news to the linking stage. Used by ``bench/link.py cost``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from storytrail import Store, build, demo_corpus, ingest
from storytrail.quotes.names import entity_id

# The demo's most-quoted speaker recurs in every SHARED_EVERY-th copy (a head-of-state
# figure: about 3 % of all quotes); everyone else is a new person in each copy.
SHARED_EVERY = 10
_WORD = re.compile(r"\w+", re.UNICODE)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_VOWELS, _CONSONANTS = "aeiou", "bcdfghjklmnprstvz"
# What link() reads, and what must exist for the quotes' foreign keys.
COPIED_TABLES = ("articles", "builds", "entities", "quotes", "mentions", "citations")


def pseudo_word(word: str, salt: int) -> str:
    """A made-up word of the same length and capitalisation, the same for the same salt."""
    digest = hashlib.blake2b(f"{word}\x00{salt}".encode(), digest_size=32).digest()
    letters = [
        (_CONSONANTS if i % 2 == 0 else _VOWELS)[b % (17 if i % 2 == 0 else 5)]
        for i, b in enumerate(digest[: len(word)] * (len(word) // 32 + 1))
    ][: len(word)]
    made = "".join(letters)
    if word.isupper():
        return made.upper()
    return made.capitalize() if word[:1].isupper() else made


class Disguise:
    """Rewrites demo copy ``copy`` so it reads as other news: its people renamed, every
    lower-case word replaced by a made-up one (another in each copy), dates moved
    ``copy`` days later. Lengths are kept, so stored offsets stay valid; places,
    organisations and outlets are kept, as real capitals and institutions recur.
    Copy 0 is the demo itself."""

    def __init__(self, copy: int, people: set[str], shared: set[str]) -> None:
        self.copy = copy
        self.names = {
            w: w if (w in shared and copy % SHARED_EVERY == 0) else pseudo_word(w, copy)
            for w in people
        }

    def text(self, value: str | None) -> str | None:
        if not value or self.copy == 0:
            return value
        value = _WORD.sub(lambda m: self.names.get(m.group(), m.group()), value)
        return _LOWER_WORD.sub(self._word, value)

    def _word(self, match: re.Match[str]) -> str:
        return pseudo_word(match.group(), self.copy)

    def key(self, value: str) -> str:
        return " ".join(self.names.get(w.title(), w).lower() for w in value.split(" "))

    def date(self, value: str | None) -> str | None:
        if not value or self.copy == 0:
            return value
        try:
            if len(value) >= 10 and value[4] == "-":
                day = date.fromisoformat(value[:10]) + timedelta(days=self.copy)
                return day.isoformat() + value[10:]
            if len(value) == 7 and value[4] == "-":
                day = date.fromisoformat(value + "-01") + timedelta(days=self.copy)
                return day.isoformat()[:7]
            if len(value) == 4 and value.isdigit():
                return str((date(int(value), 7, 1) + timedelta(days=self.copy)).year)
        except ValueError:
            pass
        return value

    def id(self, value: str | None) -> str | None:
        return value if value is None or self.copy == 0 else f"{value}-{self.copy:05d}"

    def speakers(self, value: str) -> str:
        records = json.loads(value)
        for r in records:
            r["names"] = {self.text(n): c for n, c in r["names"].items()}
            r["aliases"] = [self.text(a) for a in r["aliases"]]
            r["fixed_name"] = self.text(r.get("fixed_name"))
            r["key"] = self.key(r["key"]) if self.copy else r["key"]
        return json.dumps(records, ensure_ascii=False)


def demo_template(keep: Path) -> Path:
    """The demo corpus ingested and built once (the source of every synthetic copy)."""
    path = keep / "demo-template.db"
    with Store(path) as store:
        if not store.conn.execute("SELECT 1 FROM builds LIMIT 1").fetchone():
            ingest(store, [demo_corpus()])
            build(store)
    return path


def synthetic_store(template: Path, path: Path, articles: int) -> None:
    """A store of ``articles`` built articles: copies of the built demo, each disguised.

    The per-article stages are not run again (a 20k-article spaCy build takes hours
    on this machine): the demo's stored build rows are copied with new ids, people,
    words and dates, straight into the tables linking reads.
    """
    source = sqlite3.connect(template)
    source.row_factory = sqlite3.Row
    rows = {t: [dict(r) for r in source.execute(f"SELECT * FROM {t}")] for t in COPIED_TABLES}
    source.close()
    people, top = _people(rows)
    per_copy = len(rows["articles"])
    copies = -(-articles // per_copy)
    order = sorted(rows["articles"], key=lambda a: (a["published"] or "", a["id"]))
    with Store(path) as store, store.transaction() as conn:
        for copy in range(copies):
            disguise = Disguise(copy, people, top)
            wanted = {a["id"] for a in order[: articles - copy * per_copy]}
            _insert_copy(conn, rows, wanted, disguise)


def _people(rows: dict[str, list[dict]]) -> tuple[set[str], set[str]]:
    """Words of person names, and those of the most-quoted person (the recurring one)."""
    people: set[str] = set()
    for build_row in rows["builds"]:
        for record in json.loads(build_row["speakers"]):
            if record["kind"] == "person":
                for name in record["names"]:
                    people |= set(_WORD.findall(name))
    quoted = Counter(
        q["speaker"]
        for q in rows["quotes"]
        if q["speaker"] and set(_WORD.findall(q["speaker"])) <= people
    )
    top = set(_WORD.findall(quoted.most_common(1)[0][0])) if quoted else set()
    return people, top


def _insert_copy(conn, rows: dict[str, list[dict]], wanted: set[str], d: Disguise) -> None:
    def insert(table: str, items: list[dict]) -> None:
        if items:
            columns = list(items[0])
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})",
                [tuple(item[c] for c in columns) for item in items],
            )

    kinds = {r["id"]: r["kind"] for r in rows["entities"]}
    quotes = [r for r in rows["quotes"] if r["article_id"] in wanted]
    speakers = {
        d.text(q["speaker"]): kinds.get(q["speaker_id"], "person")
        for q in quotes
        if q["speaker"] and q["speaker_id"]
    }

    articles = [r for r in rows["articles"] if r["id"] in wanted]
    insert(
        "articles",
        [
            {
                **r,
                "id": d.id(r["id"]),
                "source": f"{r['source']}#{d.copy}",
                "url": None,
                "title": d.text(r["title"]),
                "published": d.date(r["published"]),
                "original": d.text(r["original"]),
                "text_hash": d.id(r["text_hash"]),
            }
            for r in articles
        ],
    )
    insert(
        "builds",
        [
            {
                **r,
                "article_id": d.id(r["article_id"]),
                "text": d.text(r["text"]),
                "date": d.date(r["date"]),
                "speakers": d.speakers(r["speakers"]),
            }
            for r in rows["builds"]
            if r["article_id"] in wanted
        ],
    )
    insert(
        "entities",
        [{"id": entity_id(name), "name": name, "kind": kind} for name, kind in speakers.items()],
    )
    insert(
        "quotes",
        [
            {
                **r,
                "id": d.id(r["id"]),
                "article_id": d.id(r["article_id"]),
                "text": d.text(r["text"]),
                "speaker": d.text(r["speaker"]),
                "speaker_id": r["speaker_id"] and entity_id(d.text(r["speaker"])),
                "speaker_mention": d.text(r["speaker_mention"]),
                "statement_id": None,
                "date": d.date(r["date"]),
                "own_date": d.date(r["own_date"]),
            }
            for r in quotes
        ],
    )
    insert(
        "mentions",
        [
            {**r, "article_id": d.id(r["article_id"]), "text": d.text(r["text"])}
            for r in rows["mentions"]
            if r["article_id"] in wanted
        ],
    )
    insert(
        "citations",
        [
            {**r, "article_id": d.id(r["article_id"])}
            for r in rows["citations"]
            if r["article_id"] in wanted
        ],
    )
