"""Fixtures for the engine tests: demo stores, a poisoned article, a real Dask cluster.

Every pool and cluster here is real (``processes=True``) and closed by its
fixture or by the engine that started it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from poisoned_stage import POISON

from storytrail import Store, demo_corpus, ingest


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[object]:
    """A LocalCluster of two single-threaded worker processes, for tests that pass
    ``scheduler=`` (the path of a remote cluster)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store with the demo corpus ingested, not built."""
    with Store(tmp_path / "demo.db") as store:
        assert ingest(store, [demo_corpus()]).ok
        yield store


@pytest.fixture
def poisoned_store(tmp_path: Path, write) -> Iterator[Store]:
    """The demo corpus plus one article the poisoned stage raises on."""
    text = f"Officials met in Lorvik on Monday to discuss the dam. {POISON} They said little."
    manifest = write("poison.jsonl", json.dumps({"text": text, "title": "Poisoned"}) + "\n")
    with Store(tmp_path / "poisoned.db") as store:
        assert ingest(store, [demo_corpus(), manifest]).ok
        yield store
