"""An article a stage raises on is refused with the reason; the rest are built, on
every engine alike. Errors of the environment are not blamed on an article."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from poisoned_stage import poisoned_build

import storytrail.api
from storytrail import Store, build
from storytrail.cli import main
from storytrail.engines import EngineError, run_build
from storytrail.engines.batches import build_safely
from storytrail.model import Article
from storytrail.nlp import ModelMissingError
from storytrail.pipeline import PIPELINE_VERSION
from storytrail.settings import DEFAULTS


def poisoned_build_on(engine: str, store, dask_cluster, monkeypatch) -> list:
    failures: list = []
    if engine == "local":
        monkeypatch.setattr(storytrail.api, "build_batch", poisoned_build)
        done = build(store, on_failure=failures.append)
    elif engine == "process":
        done = run_build(
            "process", store, DEFAULTS, on_failure=failures.append, workers=2, build=poisoned_build
        )
    else:
        done = run_build(
            "dask",
            store,
            DEFAULTS,
            on_failure=failures.append,
            scheduler=dask_cluster.scheduler_address,
            build=poisoned_build,
        )
    assert done == 18
    return failures


@pytest.mark.parametrize("engine", ["local", "process", "dask"])
def test_a_stage_failing_on_one_article_refuses_it_and_builds_the_rest(
    engine, poisoned_store, dask_cluster, monkeypatch
):
    failures = poisoned_build_on(engine, poisoned_store, dask_cluster, monkeypatch)

    poisoned = poisoned_store.conn.execute(
        "SELECT id, source FROM articles WHERE title = 'Poisoned'"
    ).fetchone()
    assert len(failures) == 1
    failure = failures[0]
    assert failure.source == poisoned["source"]
    assert failure.reason == (
        "build failed in poisoned_build (poisoned_stage.py:21): ValueError: "
        f"the test stage cannot read this article (article {poisoned['id']})"
    )
    recorded = poisoned_store.conn.execute("SELECT source, line, reason FROM rejections")
    assert [tuple(row) for row in recorded] == [(failure.source, None, failure.reason)]
    built = {row[0] for row in poisoned_store.conn.execute("SELECT article_id FROM builds")}
    assert len(built) == 18 and poisoned["id"] not in built
    # Not marked built: the next build tries it again (the stage may have been fixed).
    assert poisoned_store.count_to_build(PIPELINE_VERSION) == 1


def test_a_missing_model_is_raised_not_blamed_on_the_articles():
    def no_model(articles, settings):
        raise ModelMissingError("spaCy pipeline 'x' is not installed")

    article = Article(id="art_1", source="a.txt", original="Some text of an article.")
    with pytest.raises(ModelMissingError):
        build_safely([article, article], DEFAULTS, no_model)


def test_a_batch_that_fails_whole_is_retried_article_by_article():
    calls: list[int] = []

    def fails_in_batches(articles, settings):
        calls.append(len(articles))
        if len(articles) > 1:
            raise RuntimeError("batch too big")
        return []

    articles = [Article(id=f"art_{i}", source="m.jsonl", original="text") for i in range(3)]
    result = build_safely(articles, DEFAULTS, fails_in_batches)
    assert calls == [3, 1, 1, 1]
    assert result.failures == []


def test_unknown_or_misplaced_engine_options_are_refused(store):
    with pytest.raises(EngineError, match="--scheduler is for the dask engine"):
        build(store, engine="process", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(EngineError, match="unknown engine"):
        build(store, engine="spark")  # type: ignore[arg-type]


def test_cli_says_in_one_line_when_an_option_does_not_fit_the_engine(tmp_path):
    Store(tmp_path / "x.db").close()  # a store to build (a missing one is refused first)
    runner = CliRunner()
    done = runner.invoke(
        main, ["--db", str(tmp_path / "x.db"), "build", "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert done.exit_code == 2
    assert done.output.strip() == ("storytrail: error: --scheduler is for the dask engine")
