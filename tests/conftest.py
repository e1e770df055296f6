"""Shared fixtures: temporary stores, the demo corpus, and the golden answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from golden_files import golden_file_key

from storytrail import Store, build, demo_corpus, ingest


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path (str as UTF-8, bytes as is) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory):
    """The demo corpus ingested and built once for the whole session (read-only use)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as opened:
        report = ingest(opened, [demo_corpus()])
        assert report.ok, report.rejections
        build(opened)
        yield opened


@pytest.fixture(scope="session")
def linked_demo_store(demo_store: Store, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the built demo store, linked once (read-only use).

    Linking writes statements, events and re-dated quotes; doing it on a copy
    keeps ``demo_store`` as built, so no test's result depends on whether a
    linking test ran before it.
    """
    from storytrail.api import link

    path = tmp_path_factory.mktemp("demo-linked") / "demo.db"
    target = sqlite3.connect(path)
    demo_store.conn.backup(target)
    target.close()
    with Store(path) as opened:
        link(opened)
        yield opened


@pytest.fixture(scope="session")
def demo_folder() -> Path:
    return demo_corpus().parent


@pytest.fixture(scope="session")
def demo_articles(demo_folder: Path):
    """Golden file name -> Article, read from the demo manifest."""
    from storytrail import Article, read_sources

    return {
        golden_file_key(a.source, demo_folder): a
        for a in read_sources([demo_folder / "manifest.jsonl"])
        if isinstance(a, Article)
    }
