"""Web UI latency under concurrent loopback load on a store of synthetic articles.

Prints, for the story timeline, the statement page and search (the issue's
three), plus the stories list, the article page and the speaker page: the
server's CPU time per request (50 requests one at a time, read from /proc, so
it holds on a busy machine), then p50/p95/max latency, throughput and errors
with ``--concurrency`` clients at once over keep-alive connections, against one
`storytrail serve` process (one uvicorn worker, as a user runs it). Target:
p95 < 200 ms, zero errors. Latency depends on what else the machine runs: the
load average is printed.

The store: the demo corpus ingested, built and linked once, then its rows
(articles, builds, quotes, statements, events, stories, entities, citations,
re-reports, removed spans, embeds) copied with new ids until there are
``--articles`` articles, and the FTS5 indexes filled, so every page has the
demo's shape and search ranks over the whole store. Record the output in
docs/benchmarks.md.

    python bench/web.py [--articles 20000] [--concurrency 8] [--requests 400]
                        [--keep DIR] [--db STORE]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus

import httpx

from storytrail import Store, build, demo_corpus, ingest
from storytrail.api import link

# Columns holding ids: each copy appends its suffix so its rows link only to each other.
ID_COLUMNS = {
    "id",
    "article_id",
    "statement_id",
    "speaker_id",
    "event_id",
    "story_id",
    "entity_id",
    "duplicate_of",
    "text_hash",
}
# Copied in this order (parents first, for the foreign keys).
TABLES = (
    "articles",
    "builds",
    "removed_spans",
    "embeds",
    "entities",
    "entity_aliases",
    "statements",
    "quotes",
    "events",
    "event_articles",
    "event_participants",
    "stories",
    "story_events",
    "citations",
    "rereports",
    "rereport_statements",
    "time_expressions",
)
# Indexes the schema lacks for these pages (quotes by statement, statements by speaker,
# events by participant, re-reports by statement). --indexes adds them to the synthetic
# store to show what a migration adding them would give; the web app never writes.
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS quotes_statement ON quotes(statement_id)",
    "CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id)",
    "CREATE INDEX IF NOT EXISTS event_participants_name ON event_participants(name)",
    "CREATE INDEX IF NOT EXISTS rereport_statements_statement ON rereport_statements(statement_id)",
)
SEARCHES = (
    "dam",
    "river",
    "Brenner",
    "treaty AND sirens",
    '"water sharing"',
    "siren*",
    "release NOT flood",
    "NEAR(dam release, 5)",
    "speaker: dorn",
    "Teshavel",
)


def demo_template(folder: Path) -> Path:
    path = folder / "demo-template.db"
    with Store(path) as store:
        report = ingest(store, [demo_corpus()])
        assert report.ok, report.rejections
        build(store)
        link(store)
    return path


def synthetic_store(template: Path, path: Path, articles: int) -> None:
    """At least ``articles`` articles: whole copies of the linked demo store, ids suffixed."""
    with Store(path) as store:
        conn = store.conn
        conn.execute("ATTACH DATABASE ? AS template", (str(template),))
        per_copy = conn.execute("SELECT COUNT(*) FROM template.articles").fetchone()[0]
        copies = -(-articles // per_copy)
        statements = {}
        for table in TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA template.table_info({table})")]
            values = ", ".join(
                f'"{c}" || :suffix' if c in ID_COLUMNS else f'"{c}"' for c in columns
            )
            names = ", ".join(f'"{c}"' for c in columns)
            statements[table] = (
                f"INSERT INTO {table} ({names}) SELECT {values} FROM template.{table}"
            )
        with store.transaction():
            for copy in range(copies):
                for table in TABLES:
                    conn.execute(statements[table], {"suffix": f"_{copy}"})
        with store.transaction():
            conn.execute("DELETE FROM articles_fts")
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT a.rowid,"
                " COALESCE(a.title, ''), COALESCE(b.text, a.original) FROM articles a"
                " LEFT JOIN builds b ON b.article_id = a.id"
            )
            conn.execute("DELETE FROM quotes_fts")
            conn.execute(
                "INSERT INTO quotes_fts (rowid, text, speaker)"
                " SELECT rowid, text, COALESCE(speaker, '') FROM quotes"
            )
        conn.execute("DETACH DATABASE template")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def sample_paths(db: Path, count: int, rng: random.Random) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)

    def ids(sql: str) -> list[str]:
        return [row[0] for row in conn.execute(sql)]

    stories = ids("SELECT id FROM stories")
    statements = ids("SELECT id FROM statements")
    articles = ids("SELECT article_id FROM builds")
    speakers = ids("SELECT DISTINCT speaker_id FROM statements WHERE speaker_id IS NOT NULL")
    pages = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0] // 100 + 1
    conn.close()

    def pick(values: list[str], make) -> list[str]:
        return [make(rng.choice(values)) for _ in range(count)] if values else []

    return {
        "timeline": pick(stories, lambda i: f"/stories/{i}"),
        "statement": pick(statements, lambda i: f"/statements/{i}"),
        "search": pick(list(SEARCHES), lambda q: f"/search?q={quote_plus(q)}"),
        "stories list": pick([str(p) for p in range(1, pages + 1)], lambda p: f"/stories?page={p}"),
        "article": pick(articles, lambda i: f"/articles/{i}"),
        "speaker": pick(speakers, lambda i: f"/entities/{i}"),
    }


def load(url: str, paths: list[str], concurrency: int) -> tuple[list[float], int, float]:
    """Latencies (ms) of GETting ``paths`` with ``concurrency`` clients; errors; seconds."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(reversed(paths))

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=30) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                start = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += not ok

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(url: str, pid: int, paths: list[str]) -> float:
    """Server CPU milliseconds per request, the requests made one at a time: what a
    page costs, whatever else the machine is doing."""
    with httpx.Client(base_url=url, timeout=30) as http:
        before = cpu_seconds(pid)
        for path in paths:
            http.get(path)
        return (cpu_seconds(pid) - before) * 1000 / len(paths)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def store_counts(db: Path) -> str:
    conn = sqlite3.connect(db)
    counts = {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("articles", "quotes", "statements", "events", "stories", "entities")
    }
    conn.close()
    size = db.stat().st_size / 2**20
    return ", ".join(f"{n} {t}" for t, n in counts.items()) + f"; {size:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per page kind")
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    parser.add_argument("--db", type=Path, help="measure this store instead of a synthetic one")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--indexes", action="store_true", help="measure on a copy with PROPOSED_INDEXES added"
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="storytrail-web-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = args.db
    if db is None:
        db = folder / f"web-{args.articles}.db"
        if not db.exists():
            started = time.perf_counter()
            synthetic_store(demo_template(folder), db, args.articles)
            print(f"built the synthetic store in {time.perf_counter() - started:.1f} s")
    if args.indexes:
        indexed = folder / f"{db.stem}-indexed.db"
        if not indexed.exists():
            shutil.copyfile(db, indexed)
            with Store(indexed) as store, store.transaction() as conn:
                for sql in PROPOSED_INDEXES:
                    conn.execute(sql)
        db = indexed
    print(f"store: {store_counts(db)}{' + proposed indexes' if args.indexes else ''}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average"
        f" {os.getloadavg()[0]:.1f}, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"{args.concurrency} concurrent clients, {args.requests} requests per page kind"
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "storytrail", "--db", str(db), "-q", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = server.stdout.readline().strip().rstrip("/")  # type: ignore[union-attr]
        if not url:
            sys.exit(f"storytrail serve did not start (exit status {server.wait()})")
        paths = sample_paths(db, args.requests, random.Random(args.seed))
        load(url, [p for kind in paths.values() for p in kind[:5]], args.concurrency)  # warm up
        print(f"{'page':<14}{'CPU ms':>8}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
              f"{'req/s':>8}{'errors':>8}")  # fmt: skip
        failed = False
        for kind, kind_paths in paths.items():
            cpu = cpu_per_request(url, server.pid, kind_paths[:50])
            latencies, errors, seconds = load(url, kind_paths, args.concurrency)
            p95 = percentile(latencies, 0.95)
            failed |= errors > 0 or (kind in ("timeline", "statement", "search") and p95 >= 200)
            print(
                f"{kind:<14}{cpu:>8.1f}{len(latencies):>9}{statistics.median(latencies):>9.1f}"
                f"{p95:>9.1f}{max(latencies):>9.1f}{len(latencies) / seconds:>8.0f}{errors:>8}"
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    print(
        "target (timeline, statement, search: p95 < 200 ms, no errors):",
        "missed" if failed else "met",
    )
    if args.keep is None and args.db is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
