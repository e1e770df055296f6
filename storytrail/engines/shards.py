"""Building input shards on Dask without a store: shards in, Parquet parts out.

For a corpus too large to funnel through one SQLite writer before anything
is built (a year of CC-News), each input shard — a JSON Lines manifest, a WARC
file or a Parquet file of articles, anything ``read_sources`` reads — becomes
one Dask task. The worker reads its shard itself (only the path crosses the
network), builds it a batch at a time with ``build_safely`` and writes
``part-NNNNN.parquet`` (``storytrail.engines.parts``), one row group per batch,
so a worker holds one batch, never the shard. The client gets back a small
``ShardResult`` per shard: the part, its row count, and the shard's refusals
(unreadable records and articles a stage failed on).

    with dask_client(workers=8) as client:
        report = build_shards(client, sorted(Path("cc-news").glob("*.warc.gz")), Path("built"))
    with Store("news.db") as store:
        load_shards(store, report)           # then api.link(store)

Shard paths must be readable by every worker, and ``out`` writable by every
worker (a shared file system); object stores (``s3://``) are not supported yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storytrail.engines.batches import BuildBatch, EngineError, build_safely
from storytrail.engines.parts import PART_GLOB, PartWriter, load_part, part_path
from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.pipeline import PIPELINE_VERSION, batched
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store


@dataclass(slots=True)
class ShardResult:
    """What one shard gave: its part (None when nothing was built), the number of
    articles built, and every refusal (unreadable inputs, failed builds)."""

    shard: str
    part: str | None
    built: int
    rejections: list[Rejection] = field(default_factory=list)
    pipeline_version: str = PIPELINE_VERSION


def build_shard(
    shard: str,
    out: str,
    number: int,
    settings: Settings = DEFAULTS,
    build: BuildBatch | None = None,
) -> ShardResult:
    """The task: read one shard, build it a batch at a time, write its part."""
    result = ShardResult(shard, None, 0)
    writer = PartWriter(part_path(Path(out), number))
    try:
        items = read_sources([shard], settings)
        for batch in batched(items, settings.nlp_batch_size):  # type: ignore[arg-type]
            articles = [item for item in batch if isinstance(item, Article)]
            result.rejections += [item for item in batch if isinstance(item, Rejection)]
            if not articles:
                continue
            built = build_safely(articles, settings, build)
            result.rejections += built.failures
            by_id = {article.id: article for article in articles}
            result.built += writer.write(
                ((by_id[b.article_id], b) for b in built.built), built.pipeline_version
            )
    except BaseException:
        writer.abort()
        raise
    if result.built:
        writer.close()
        result.part = str(writer.path)
    else:
        writer.abort()
    return result


def build_shards(
    client: Any,
    shards: Sequence[str | Path],
    out: Path,
    settings: Settings = DEFAULTS,
    build: BuildBatch | None = None,
) -> list[ShardResult]:
    """Build every shard as one task on ``client``'s cluster; parts go to ``out``
    (numbered in the order of ``shards``). Returns one ``ShardResult`` per shard,
    in that order. ``out`` must not hold parts already."""
    if any(out.glob(PART_GLOB)):
        raise EngineError(f"{out} already holds Parquet parts: give a new folder")
    out.mkdir(parents=True, exist_ok=True)
    folder = str(out.resolve())  # a worker's working folder is not the client's
    futures = [
        client.submit(build_shard, _absolute(shard), folder, number, settings, build, pure=False)
        for number, shard in enumerate(shards)
    ]
    return list(client.gather(futures))


def _absolute(shard: str | Path) -> str:
    """A local path made absolute; a URL (or anything not found here) as given."""
    path = Path(shard)
    return str(path.resolve()) if path.exists() else str(shard)


def load_shards(store: Store, results: Sequence[ShardResult]) -> int:
    """Load what ``build_shards`` built into ``store``, shard by shard, and record
    each shard's refusals there. Returns how many built articles were saved."""
    saved = 0
    for result in results:
        for rejection in result.rejections:
            store.record_rejection(rejection)
        if result.part is not None:
            saved += load_part(store, Path(result.part))
    return saved
