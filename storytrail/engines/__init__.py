"""Where the per-article stages run: here, in a pool of processes, or on Dask.

Every engine runs the same ``storytrail.pipeline.build_batch`` over the same
batches the store offers (``Store.articles_to_build``) and saves the results
in input order, one transaction per batch, so the store ends up the same
whichever engine built it (``tests/engines/test_engines_agree.py``)::

    local     the plain loop, in this process (the default)
    process   a process pool over all cores, at most 2 × workers batches in flight
    dask      Dask tasks on a LocalCluster, or on the cluster at --scheduler

An article a stage raises on is recorded as a rejection (the exception, where
it was raised, the article id) and the rest of its batch is still built: the
batch is retried one article at a time (``build_safely``). The corpus-wide
stages (``api.link``) run afterwards in this process, whatever the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from storytrail.engines.batches import (
    BatchResult,
    BuildBatch,
    EngineError,
    OnFailure,
    Progress,
    build_safely,
)
from storytrail.settings import Settings
from storytrail.store import Store

Engine = Literal["local", "process", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "process", "dask")


def check_options(
    engine: str,
    workers: int | None = None,
    scheduler: str | None = None,
    parts: Path | None = None,
) -> None:
    """Raise ``EngineError`` for an unknown engine or an option it does not take."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers is not None and (engine == "local" or workers < 1):
        raise EngineError("--workers is a positive number, for the process and dask engines")
    if scheduler and engine != "dask":
        raise EngineError("--scheduler is for the dask engine")
    if parts is not None and engine != "dask":
        raise EngineError("Parquet parts are written by the dask engine")


def run_build(
    engine: Engine,
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    on_failure: OnFailure | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    parts: Path | None = None,
    build: BuildBatch | None = None,
) -> int:
    """Build every article not yet built by this pipeline version on the ``process``
    or ``dask`` engine; return how many were saved (``local`` is ``api.build``'s own
    loop). ``build`` replaces ``build_batch`` in the workers (tests poison it)."""
    check_options(engine, workers, scheduler, parts)
    if engine == "dask":
        from storytrail.engines.dask import build_on_dask

        return build_on_dask(
            store, settings, progress, on_failure, workers, scheduler, parts, build
        )
    if engine == "process":
        from storytrail.engines.local import build_with_processes

        return build_with_processes(store, settings, progress, on_failure, workers, build)
    raise EngineError("the local engine is storytrail.api.build's own loop")


__all__ = [
    "ENGINES",
    "BatchResult",
    "Engine",
    "EngineError",
    "build_safely",
    "check_options",
    "run_build",
]
