"""Screenshots of every page of the web UI, for the README and docs/web.md.

    python docs/screenshots.py                 # builds the demo store in a temporary folder
    python docs/screenshots.py --db news.db    # or shoots an existing store
    python docs/screenshots.py --out /tmp/shots

Runs `storytrail serve --port 0` on the store and drives Debian's headless
Chromium (`/usr/bin/chromium`, `make browser` installs it) through Playwright;
writes one PNG per page (1280x900, the top of the page or the quote a link
jumps to) into --out (default docs/screenshots/).
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from storytrail import Store, build, demo_corpus, ingest
from storytrail.api import link

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).resolve().parent


def demo_store(folder: Path) -> Path:
    path = folder / "demo.db"
    with Store(path) as store:
        ingest(store, [demo_corpus()])
        build(store)
        link(store)
    return path


def pages(db: Path) -> dict[str, str]:
    """Screenshot name -> path: one of each page, picked for what it shows."""
    conn = sqlite3.connect(db)

    def first(sql: str) -> str | None:
        row = conn.execute(sql).fetchone()
        return None if row is None else row[0]

    story = first(
        "SELECT story_id FROM story_events GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
    statement = first(
        "SELECT statement_id FROM quotes WHERE statement_id IS NOT NULL GROUP BY statement_id"
        " ORDER BY COUNT(DISTINCT text) DESC, COUNT(*) DESC LIMIT 1"
    )
    speaker = first(
        "SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL GROUP BY speaker_id"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    )
    quote = conn.execute(
        "SELECT article_id, id FROM quotes WHERE statement_id = ? ORDER BY id LIMIT 1",
        (statement,),
    ).fetchone()
    conn.close()
    found = {
        "stories": "/stories",
        "story-timeline": f"/stories/{story}" if story else None,
        "statement": f"/statements/{statement}" if statement else None,
        "speaker": f"/entities/{speaker}" if speaker else None,
        "article": f"/articles/{quote[0]}#q-{quote[1]}" if quote else None,
        "original": f"/articles/{quote[0]}/original#oq-{quote[1]}" if quote else None,
        "search": "/search?q=dam+AND+release",
        "refused-inputs": "/ingest",
    }
    return {name: path for name, path in found.items() if path}


def shoot(db: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "storytrail", "--db", str(db), "-q", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    written = []
    try:
        url = server.stdout.readline().strip().rstrip("/")  # type: ignore[union-attr]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in pages(db).items():
                page.goto(url + path)
                page.wait_for_load_state("load")
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to shoot (default: a fresh demo store)")
    parser.add_argument("--out", type=Path, default=HERE / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or demo_store(Path(folder))
        for path in shoot(db, args.out):
            print(path)


if __name__ == "__main__":
    main()
