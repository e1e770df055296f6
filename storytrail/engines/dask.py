"""The Dask engine: the per-article stages as Dask tasks, on a local or remote cluster.

Without a scheduler address it starts a ``LocalCluster`` of ``workers``
processes with one thread each (spaCy's ``nlp.pipe`` is not meant to be shared
between threads, and one process per core is what fills the cores); with one,
it connects to that cluster, whose workers must have the same storytrail
installed (a batch built by another ``PIPELINE_VERSION`` is refused).

Each batch of articles the store offers becomes one task running
``build_safely`` (``build_batch`` with per-article failure isolation) on a
worker, which loads spaCy once. Results come back to this process, which saves
them in input order, one transaction per batch, with at most ``2 × workers``
tasks in flight: the same store, byte for byte but for timestamps, as the plain
loop. With ``parts`` each task also writes its batch to
``parts/part-NNNNN.parquet`` (``storytrail.engines.parts``), a dataset other
tools can read without the store.

The corpus-wide stages then run as before (``api.link``) in the client;
``docs/scaling.md`` says what distributing them would take.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

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
from storytrail.engines.local import BATCHES_PER_WORKER, default_workers
from storytrail.engines.parts import PART_GLOB, part_path, write_part
from storytrail.model import Article
from storytrail.pipeline import PIPELINE_VERSION
from storytrail.settings import Settings
from storytrail.store import Store

# How long to wait for a remote cluster to have at least one worker (seconds).
WORKER_WAIT_S = 60.0
# How long to try to reach a scheduler before saying it is unreachable (seconds): a
# scheduler that answers does so in well under a second, even across a network.
SCHEDULER_CONNECT_S = 10.0


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, or for a new ``LocalCluster`` of
    ``workers`` single-threaded processes (one per core by default), closed on exit.

    Raises ``EngineError`` when the scheduler cannot be reached, its address
    cannot be read, or it has no worker within ``WORKER_WAIT_S``.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_CONNECT_S)
        except (OSError, ValueError, TypeError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT_S)
            except TimeoutError as exc:
                raise EngineError(
                    f"the Dask scheduler at {scheduler} has no worker after "
                    f"{WORKER_WAIT_S:g} s: start one (dask worker {scheduler})"
                ) from exc
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def worker_count(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def build_partition(
    articles: list[Article],
    settings: Settings,
    build: BuildBatch | None = None,
    parts: str | None = None,
    number: int = 0,
) -> BatchResult:
    """The task: build one batch on a worker; with ``parts``, also write it to Parquet."""
    result = build_safely(articles, settings, build)
    if parts is not None:
        by_id = {article.id: article for article in articles}
        pairs = [(by_id[b.article_id], b) for b in result.built]
        write_part(part_path(Path(parts), number), pairs, result.pipeline_version)
    return result


def build_on_dask(
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    on_failure: OnFailure | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    parts: Path | None = None,
    build: BuildBatch | None = None,
) -> int:
    """Build every article not built by this pipeline version on a Dask cluster.

    Saves what ``api.build``'s loop saves, in the same order. Raises ``EngineError``
    when ``parts`` already holds parts (a second run would overwrite some of
    them), or when a task keeps killing its workers.
    """
    from distributed import KilledWorker

    if parts is not None and any(parts.glob(PART_GLOB)):
        raise EngineError(f"{parts} already holds Parquet parts: give a new folder")
    batches = store.articles_to_build(PIPELINE_VERSION, settings.nlp_batch_size)
    numbers = count()
    done = 0
    with dask_client(scheduler, workers) as client:

        def submit(batch: list[Article]) -> Any:
            target = str(parts.resolve()) if parts is not None else None
            return client.submit(
                build_partition, batch, settings, build, target, next(numbers), pure=False
            )

        in_flight = BATCHES_PER_WORKER * worker_count(client)
        try:
            for batch, result in in_order(submit, batches, in_flight):
                done += save_batch(store, result, on_failure)
                if progress:
                    progress(len(batch))
        except KilledWorker as exc:
            raise EngineError(
                f"a build task killed its Dask workers again and again ({exc}); {done} "
                "articles were saved, run build again for the rest"
            ) from exc
    return done
