"""Search cost under hostile queries: answered or refused, and how fast (issue 16, item 10).

A store of ``--articles`` generated articles (fictional words drawn from a
small vocabulary, so every word matches thousands of rows), then each query
below through the one query builder, as the CLI runs it
(``store.reads.search_articles``) and as the web app answers it (``GET
/api/search`` over HTTP on loopback, uvicorn in a thread). Each is run
``--repeat`` times; the slowest run is printed, with what happened (rows
found, or the start of the refusal).

For contrast, the same 10,000-term query is timed once as raw FTS5 (no
builder, no caps), cut off by SQLite's progress handler after ``--raw-cap``
seconds: that is what one such request cost before.

    python bench/search.py [--articles 20000] [--repeat 5] [--raw-cap 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import uvicorn

from storytrail import Store
from storytrail.ingest.article import make_article
from storytrail.settings import DEFAULTS
from storytrail.store.query import SearchSyntaxError
from storytrail.store.reads import search_articles
from storytrail.web import create_app

WORDS = [
    f"{a}{b}"
    for a in ("sel", "kes", "val", "mar", "lor", "ves", "ten", "dor")
    for b in ("n", "dam", "tria", "oria", "vik", "gard", "holt", "ren", "bor", "ka")
]


def queries() -> dict[str, str]:
    return {
        "10,000 ORed terms": " OR ".join(random.Random(1).choice(WORDS) for _ in range(10_000)),
        "10,000 words": " ".join(random.Random(2).choice(WORDS) for _ in range(10_000)),
        "24 KB of one word (a long GET)": ("seldam " * 3_500)[:24_000],
        f"{DEFAULTS.search_max_terms} ORed terms (the cap)": " OR ".join(
            WORDS[: DEFAULTS.search_max_terms]
        ),
        f"{DEFAULTS.search_max_terms} prefixes (the cap)": " OR ".join(
            f"{w[:3]}*" for w in WORDS[: DEFAULTS.search_max_terms]
        ),
        "one common word": "seldam",
        "punctuation: Brenner's water-sharing U.S.": "Brenner's water-sharing U.S.",
    }


def fill(path: Path, articles: int) -> None:
    rng = random.Random(0)
    with Store(path) as store:
        batch = []
        for n in range(articles):
            body = " ".join(rng.choice(WORDS) for _ in range(120))
            batch.append(make_article("bench", f"Report {n}. {body}.", title=f"Report {n}"))
            if len(batch) == 1000:
                store.add_articles(batch)
                batch = []
        if batch:
            store.add_articles(batch)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def slowest(run: Callable[[], str], repeat: int) -> tuple[float, str]:
    worst, outcome = 0.0, ""
    for _ in range(repeat):
        started = time.perf_counter()
        outcome = run()
        worst = max(worst, time.perf_counter() - started)
    return worst, outcome


def cli_search(conn: sqlite3.Connection, query: str) -> str:
    try:
        return f"{len(search_articles(conn, query))} rows"
    except SearchSyntaxError as exc:
        return f"refused: {str(exc)[:60]}"


def web_search(address: tuple[str, int], query: str) -> str:
    """GET /api/search on a fresh connection (http.client: no URL length limit of its own)."""
    conn = http.client.HTTPConnection(*address, timeout=120)
    try:
        conn.request("GET", "/api/search?" + urlencode({"q": query, "in": "articles"}))
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        try:
            detail = json.loads(body)["detail"]
        except (ValueError, KeyError):
            detail = body.decode("utf-8", "replace")
        return f"{response.status}: {' '.join(detail.split())[:60]}"
    return f"{len(json.loads(body)['articles'])} rows"


def raw_fts(conn: sqlite3.Connection, query: str, cap_s: float) -> str:
    """The query as FTS5 text with no builder (each word quoted only), stopped at ``cap_s``."""
    fts = " OR ".join(f'"{w}"' for w in query.split(" OR "))
    deadline = time.monotonic() + cap_s
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    started = time.perf_counter()
    try:
        conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20",
            (fts,),
        ).fetchall()
        outcome = "answered"
    except sqlite3.OperationalError:
        outcome = f"still running at the {cap_s:g} s cap"
    finally:
        conn.set_progress_handler(None, 0)
    return f"{time.perf_counter() - started:.2f} s, {outcome}"


class Server:
    def __init__(self, db: Path) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.bind(("127.0.0.1", 0))
        self.address = ("127.0.0.1", self.socket.getsockname()[1])
        config = uvicorn.Config(create_app(db), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> Server:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--raw-cap", type=float, default=10.0)
    args = parser.parse_args()
    print(f"# {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "search.db"
        started = time.perf_counter()
        fill(db, args.articles)
        print(f"# {args.articles:,} articles stored in {time.perf_counter() - started:.1f} s")
        print(f"# caps: {DEFAULTS.search_max_chars:,} characters, {DEFAULTS.search_max_terms}"
              f" terms, {DEFAULTS.search_max_seconds:g} s per statement")  # fmt: skip
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        with Server(db) as server:
            print(f"{'query':<44} {'CLI (s)':>8} {'web (s)':>8}  outcome (CLI / web)")
            for name, query in queries().items():
                cli_s, cli_outcome = slowest(lambda q=query: cli_search(conn, q), args.repeat)
                web_s, web_outcome = slowest(
                    lambda q=query: web_search(server.address, q), args.repeat
                )
                print(f"{name:<44} {cli_s:8.3f} {web_s:8.3f}  {cli_outcome} / {web_outcome}")
        print(f"raw FTS5, 10,000 ORed terms, no builder: "
              f"{raw_fts(conn, queries()['10,000 ORed terms'], args.raw_cap)}")  # fmt: skip
        conn.close()


if __name__ == "__main__":
    main()
