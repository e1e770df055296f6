"""Where the per-article stages run: here, in a pool of processes, or on Dask.

Every engine runs the same ``storytrail.pipeline.build_batch`` over the same
batches the store offers (``Store.articles_to_build``) and saves the results
in input order, one transaction per batch, so the store ends up the same
whichever engine built it (``tests/engines/test_engines_agree.py``)::

    auto      process when there is enough to build and more than one core, else
              local (the CLI's default; ``choose_engine``)
    local     the plain loop, in this process (the Python API's default: a pool
              of spawned processes needs an ``if __name__ == "__main__"`` guard)
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

Engine = Literal["auto", "local", "process", "dask"]
ENGINES: tuple[Engine, ...] = ("auto", "local", "process", "dask")


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
        raise EngineError("--workers is a positive number, for the auto, process and dask engines")
    if scheduler and engine != "dask":
        raise EngineError("--scheduler is for the dask engine")
    if parts is not None and engine != "dask":
        raise EngineError("Parquet parts are written by the dask engine")


def choose_engine(
    engine: Engine, todo: int, settings: Settings, workers: int | None = None
) -> Engine:
    """The engine ``auto`` stands for; any other engine is returned as it is.

    A process pool pays about 2 s of CPU per worker to start spaCy, and each
    process holds its own model (~340 MiB): worth it from a few hundred articles
    (``settings.auto_process_min_articles``) when it has more than one core to
    use. ``workers`` asks for the pool explicitly.
    """
    if engine != "auto":
        return engine
    from storytrail.engines.local import default_workers

    cores = workers or default_workers()
    if cores > 1 and (workers is not None or todo >= settings.auto_process_min_articles):
        return "process"
    return "local"


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
    "choose_engine",
    "run_build",
]
