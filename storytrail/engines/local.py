"""The process-pool engine: the per-article stages on all cores of one machine.

``build_with_processes`` does what ``api.build``'s plain loop does, but hands
the batches to worker processes (each loads spaCy once:
``storytrail.nlp.load_pipeline`` is cached per process) while this process
reads the next batches from the store and saves finished ones, one
transaction per batch, in input order. At most
``2 × workers`` batches are in flight, so memory does not grow with the corpus.

Workers are started with ``spawn``: the parent may hold threads (a web server,
a Dask client, the SQLite connection), and forking a threaded process can
deadlock a child. Each worker exits when the build that started it dies
(``storytrail.engines.lifetime``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress

from storytrail.engines.batches import (
    BatchResult,
    BuildBatch,
    EngineError,
    OnFailure,
    Progress,
    build_safely,
    in_order,
    save_batch,
)
from storytrail.engines.lifetime import exit_with_parent
from storytrail.model import Article
from storytrail.nlp import ModelMissingError, load_pipeline
from storytrail.pipeline import PIPELINE_VERSION
from storytrail.settings import Settings
from storytrail.store import Store

# Batches in flight per worker: one running, one waiting, so a worker never idles
# while the parent saves.
BATCHES_PER_WORKER = 2
# Set in a worker's environment before it starts (what Dask's nanny sets too):
# one worker per core already fills the cores, so BLAS threads would only contend.
WORKER_ENVIRON = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def prepare_worker(parent_pid: int | None = None) -> None:
    """Tie the worker's life to ``parent_pid`` (the build), then load spaCy as the
    worker starts, so no batch waits for it.

    A missing model is left for the first batch to raise, with its message:
    an initializer that raises only breaks the pool, saying nothing useful.
    """
    if parent_pid is not None:
        exit_with_parent(parent_pid)
    with suppress(ModelMissingError):
        load_pipeline()


def build_with_processes(
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    on_failure: OnFailure | None = None,
    workers: int | None = None,
    build: BuildBatch | None = None,
) -> int:
    """Build like ``api.build``'s loop, the batches running in ``workers`` processes.

    Saves exactly what the loop saves, in the same order. Raises ``EngineError``
    when a worker process dies (killed, out of memory); what was saved before
    stays saved and the next build does the rest.
    """
    workers = workers or default_workers()
    context = multiprocessing.get_context("spawn")
    batches = store.articles_to_build(PIPELINE_VERSION, settings.nlp_batch_size)
    done = 0
    with (
        worker_environ(),
        ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=prepare_worker,
            initargs=(os.getpid(),),
        ) as pool,
    ):

        def submit(batch: list[Article]) -> Future[BatchResult]:
            return pool.submit(build_safely, batch, settings, build)

        try:
            for batch, result in in_order(submit, batches, BATCHES_PER_WORKER * workers):
                done += save_batch(store, result, on_failure)
                if progress:
                    progress(len(batch))
        except BrokenProcessPool as exc:
            raise EngineError(
                f"a build worker process died ({exc}); {done} articles were saved, "
                "run build again for the rest"
            ) from exc
        finally:
            pool.shutdown(cancel_futures=True)
    return done


@contextmanager
def worker_environ() -> Iterator[None]:
    """``WORKER_ENVIRON`` in ``os.environ`` while the pool spawns its workers (a
    spawned child reads it as it starts; a variable the user set is kept)."""
    added = {k: v for k, v in WORKER_ENVIRON.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)
