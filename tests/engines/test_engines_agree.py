"""Same results whatever the engine: the plain loop, a process pool and Dask."""

from __future__ import annotations

from pathlib import Path

from exported_tables import exported

from storytrail import Store, build, demo_corpus, ingest
from storytrail.api import link
from storytrail.engines.parts import load_parts, read_part


def built_and_linked(store: Store, **engine) -> dict[str, list[dict]]:
    assert build(store, **engine) == 18
    link(store)
    return exported(store)


def test_local_process_and_dask_engines_export_the_same_demo_store(tmp_path, demo_store):
    local = built_and_linked(demo_store)
    assert local["quotes"] and local["statements"] and local["events"]

    with Store(tmp_path / "process.db") as store:
        ingest(store, [demo_corpus()])
        assert built_and_linked(store, engine="process", workers=2) == local

    parts = tmp_path / "parts"
    with Store(tmp_path / "dask.db") as store:
        ingest(store, [demo_corpus()])
        assert built_and_linked(store, engine="dask", workers=2, parts=parts) == local

    # The per-partition Parquet the Dask run wrote is the same build, without the store.
    assert sorted(p.name for p in parts.iterdir()) == ["part-00000.parquet"]
    with Store(tmp_path / "from-parts.db") as store:
        assert load_parts(store, parts) == 18
        link(store)
        assert exported(store) == local


def test_a_store_built_twice_by_different_engines_builds_nothing_the_second_time(demo_store):
    assert build(demo_store, engine="process", workers=2) == 18
    assert build(demo_store) == 0
    assert build(demo_store, engine="process", workers=2) == 0


def test_parts_hold_the_article_as_read_and_its_build(tmp_path, demo_store, dask_cluster):
    parts = tmp_path / "parts"
    build(demo_store, engine="dask", scheduler=dask_cluster.scheduler_address, parts=parts)
    rows = list(read_part(Path(parts) / "part-00000.parquet"))
    assert len(rows) == 18
    article, built, version = rows[0]
    assert built.article_id == article.id
    stored = demo_store.conn.execute(
        "SELECT text, pipeline_version FROM builds WHERE article_id = ?", (article.id,)
    ).fetchone()
    assert (built.clean.text, version) == (stored["text"], stored["pipeline_version"])
