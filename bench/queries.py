"""Query latency on a large store: a speaker's timeline and full-text search.

The store: the linked demo corpus copied (``bench/web.py``'s ``synthetic_store``)
until it holds ``--articles`` articles (default 100,000). A copy's speakers are
new entities; to give the store speakers with many statements, as a year of
news has, the entities of ``--copies-per-speaker`` consecutive copies share one
name ("Tomas Brenner 17": the name, its aliases and the statements' speaker
column renamed alike), so a speaker's timeline gathers that many copies of
their statements.

Measured, in this process, on the store's own connection, each query run
``--repeat`` times over a random sample, after one warm-up pass (a user's
second query, not the first read of a cold file):

* ``timeline --speaker NAME`` (``storytrail.store.timeline.timeline_entries``,
  what the CLI and ``--format json`` print: statements, their carriers, event);
* ``timeline --speaker NAME --about WORDS`` (FTS5 over quote text within one speaker's
  statements; ``--about`` alone is not timed: every word of this store recurs in each
  of its thousands of copies, so it measures the size of the answer, not the look-up);
* ``search`` as the CLI runs it (``store.reads.search_articles``) and as the web
  app runs it (``store.search.search``): both rank (bm25) the 2,000 most recently
  added matches and cut snippets for the 20 best; the web page also counts every
  match (its "rows" column below).

Prints p50 / p95 / max in milliseconds and the rows returned. Goal: p95 < 100 ms.

    python bench/queries.py [--articles 100000] [--copies-per-speaker 10]
                            [--repeat 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from web import demo_template, synthetic_store  # bench/web.py: the same copied store

from storytrail import Store
from storytrail.store import search as web_search
from storytrail.store.reads import search_articles
from storytrail.store.timeline import timeline_entries

SEARCHES = (
    "dam",
    "Brenner",
    '"water sharing"',
    "siren*",
    "treaty AND sirens",
    "release NOT flood",
    "NEAR(dam release, 5)",
    "Teshavel",
)
ABOUT = ("dam", "treaty", '"water sharing"', "sirens", "flood*")


def group_speakers(db: Path, copies_per_speaker: int) -> None:
    """Rename each copy's entities so ``copies_per_speaker`` copies share a name."""

    def group(row_id: str) -> str:
        return str(int(row_id.rsplit("_", 1)[1]) // copies_per_speaker)

    with Store(db) as store:
        conn = store.conn
        conn.create_function("speaker_group", 1, group, deterministic=True)
        with store.transaction():
            conn.execute("UPDATE entities SET name = name || ' ' || speaker_group(id)")
            conn.execute(
                "UPDATE entity_aliases SET alias = alias || ' ' || speaker_group(entity_id)"
            )
            conn.execute(
                "UPDATE statements SET speaker = speaker || ' ' || speaker_group(speaker_id)"
                " WHERE speaker_id IS NOT NULL"
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def make_store(folder: Path, articles: int, copies_per_speaker: int) -> Path:
    db = folder / f"queries-{articles}-{copies_per_speaker}.db"
    if db.exists():
        return db
    started = time.perf_counter()
    template = demo_template(folder)
    partial = db.with_suffix(".partial")
    synthetic_store(template, partial, articles)
    group_speakers(partial, copies_per_speaker)
    partial.rename(db)
    print(f"made {db.name} in {time.perf_counter() - started:.0f} s")
    return db


def speakers(conn: sqlite3.Connection, count: int, rng: random.Random) -> list[str]:
    """Speaker names to ask for, weighted by how often they speak (users ask about the
    people in the news)."""
    rows = conn.execute(
        "SELECT speaker, COUNT(*) AS n FROM statements WHERE speaker IS NOT NULL GROUP BY speaker"
    ).fetchall()
    return rng.choices([r[0] for r in rows], weights=[r[1] for r in rows], k=count)


def timed(queries: list[str], run: Callable[[str], int]) -> tuple[list[float], list[int]]:
    for query in dict.fromkeys(queries):  # warm-up: each distinct query once
        run(query)
    latencies, sizes = [], []
    for query in queries:
        started = time.perf_counter()
        sizes.append(run(query))
        latencies.append(1000 * (time.perf_counter() - started))
    return latencies, sizes


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(name: str, latencies: list[float], sizes: list[int]) -> None:
    print(
        f"  {name:38} {statistics.median(latencies):7.1f} {percentile(latencies, 0.95):7.1f}"
        f" {max(latencies):7.1f}   {statistics.median(sizes):>7.0f} {max(sizes):>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--copies-per-speaker", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the store here")
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(
        f"machine  {platform.machine()}, {os.cpu_count()} cores, Python"
        f" {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}; load {one:.1f}/{five:.1f}"
    )
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        db = make_store(folder, args.articles, args.copies_per_speaker)
        with Store(db) as store:
            conn = store.conn
            counts = {
                t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "quotes", "statements", "entities", "events")
            }
            print(
                "store    "
                + ", ".join(f"{n:,} {t}" for t, n in counts.items())
                + f"; {db.stat().st_size / 2**20:,.0f} MiB"
            )
            names = speakers(conn, args.repeat, rng)
            print(
                f"{'  query':40} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}   "
                f"{'rows p50':>7} {'max':>7}"
            )
            report(
                "timeline --speaker NAME",
                *timed(names, lambda s: len(timeline_entries(conn, speaker=s))),
            )
            report(
                "timeline --speaker NAME --about WORDS",
                *timed(
                    [f"{n}\x1f{rng.choice(ABOUT)}" for n in names],
                    lambda nq: len(timeline_entries(conn, *nq.split("\x1f"))),
                ),
            )
            searches = rng.choices(SEARCHES, k=args.repeat)
            report(
                "search, CLI (20 best of 2,000 latest)",
                *timed(searches, lambda q: len(search_articles(conn, q, 20))),
            )
            report(
                "search, web (the same, + match count)",
                *timed(
                    searches,
                    lambda q: (
                        web_search.search(
                            conn, web_search.ARTICLES, q, 20, ("<b>", "</b>"), 2000
                        ).matches
                    ),
                ),
            )
    print("goal: p95 < 100 ms")


if __name__ == "__main__":
    main()
