"""Fixtures for the web app: one store (the demo corpus, built and linked through the
public API, plus the hand-made rows), a real server on loopback, and Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from handmade_store import Handmade, add_handmade
from live_server import LiveServer

from storytrail import Store, build, demo_corpus, ingest
from storytrail.api import link

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus (ingest, build, link) plus the hand-made rows, in one store file."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        report = ingest(store, [demo_corpus()])
        assert report.ok, report.rejections
        build(store)
        link(store)
        add_handmade(store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def handmade() -> Handmade:
    return Handmade()


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[LiveServer]:
    with LiveServer(web_db) as live:
        yield live


@pytest.fixture(scope="session")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (``make browser`` installs it), never a download."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def copy_of(tmp_path: Path):
    """A private copy of a store file, for tests that watch the file itself."""

    def _copy(path: Path) -> Path:
        target = tmp_path / path.name
        shutil.copyfile(path, target)
        return target

    return _copy
