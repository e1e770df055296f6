"""The Python API: what the CLI, the web app and notebooks call.

Each function takes an open ``Store`` and does one whole job, streaming, with
an optional ``progress`` callback (called with the number of items just done)
so the caller decides how to show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from storytrail.ingest import read_sources
from storytrail.model import Rejection
from storytrail.pipeline import PIPELINE_VERSION, batched, build_batch
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store

Progress = Callable[[int], None]
INGEST_BATCH = 200


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did; ``ok`` is False when any input was refused."""

    added: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "rejected": len(self.rejections),
            "rejections": [
                {"source": r.source, "line": r.line, "reason": r.reason} for r in self.rejections
            ],
        }


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every source under ``paths`` into the store; refusals are recorded, not raised."""
    report = IngestReport()
    for batch in batched(read_sources(paths, settings), INGEST_BATCH):
        articles = []
        for item in batch:
            if isinstance(item, Rejection):
                store.record_rejection(item)
                report.rejections.append(item)
            else:
                articles.append(item)
        for result in store.add_articles(articles):
            if result.status == "added":
                report.added += 1
            else:
                report.duplicates += 1
        if progress:
            progress(len(batch))
    return report


def build(store: Store, settings: Settings = DEFAULTS, progress: Progress | None = None) -> int:
    """Run the per-article stages over every article not yet built by this pipeline version.

    Each batch is saved in its own transaction, so an interrupted build keeps
    what it finished and the next run does only the rest.
    """
    done = 0
    for batch in store.articles_to_build(PIPELINE_VERSION, settings.nlp_batch_size):
        done += store.save_builds(build_batch(batch, settings), PIPELINE_VERSION)
        if progress:
            progress(len(batch))
    return done


def demo_corpus() -> Path:
    """The manifest of the bundled demo corpus (fictional articles written for storytrail)."""
    return Path(str(resources.files("storytrail") / "demo" / "manifest.jsonl"))
