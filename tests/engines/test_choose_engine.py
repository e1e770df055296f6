"""The ``auto`` engine: a process pool only when the build is big enough to repay it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from storytrail import DEFAULTS, build, demo_corpus
from storytrail.engines import EngineError, check_options, choose_engine
from storytrail.engines.local import default_workers
from storytrail.pipeline import PIPELINE_VERSION

SMALL = DEFAULTS.auto_process_min_articles - 1
BIG = DEFAULTS.auto_process_min_articles


@pytest.mark.parametrize("engine", ["local", "process", "dask"])
def test_a_named_engine_is_kept_whatever_the_size(engine):
    assert choose_engine(engine, SMALL, DEFAULTS) == engine
    assert choose_engine(engine, 10 * BIG, DEFAULTS) == engine


def test_auto_builds_a_small_store_in_this_process():
    assert choose_engine("auto", SMALL, DEFAULTS) == "local"


def test_auto_uses_every_core_for_a_big_build():
    expected = "process" if default_workers() > 1 else "local"
    assert choose_engine("auto", BIG, DEFAULTS) == expected


def test_auto_with_workers_asked_for_is_the_pool_even_when_small():
    assert choose_engine("auto", 1, DEFAULTS, workers=2) == "process"
    # One worker is no pool: the plain loop does the same work without spawning.
    assert choose_engine("auto", 10 * BIG, DEFAULTS, workers=1) == "local"


def test_auto_threshold_is_a_setting():
    eager = replace(DEFAULTS, auto_process_min_articles=1)
    assert choose_engine("auto", 1, eager, workers=2) == "process"
    assert choose_engine("auto", 1, eager) == ("process" if default_workers() > 1 else "local")


def test_auto_refuses_what_only_dask_takes():
    with pytest.raises(EngineError, match="--scheduler is for the dask engine"):
        check_options("auto", scheduler="tcp://127.0.0.1:8786")


def test_api_build_auto_on_the_demo_builds_like_local(demo_store):
    assert build(demo_store, engine="auto") == 18
    assert demo_store.count_to_build(PIPELINE_VERSION) == 0


def test_cli_default_engine_is_auto_and_says_what_it_chose(tmp_path):
    def storytrail(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "storytrail", "--db", "d.db", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )

    storytrail("-q", "ingest", str(demo_corpus()))
    summary = json.loads(storytrail("-q", "build", "--json").stdout)
    assert (summary["built"], summary["engine"]) == (18, "local")
