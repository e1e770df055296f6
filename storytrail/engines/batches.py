"""What every engine shares: building one batch without letting one article sink it,
keeping batches in input order with a bounded number in flight, and saving.

The per-article stages are ``storytrail.pipeline.build_batch``, called as a black
box. An engine only decides *where* a batch runs (this process, a pool worker, a
Dask worker); what a batch yields, and what happens when an article breaks a
stage, is decided here, once, so every engine saves the same thing.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from storytrail import pipeline
from storytrail.model import Article, BuiltArticle, Rejection
from storytrail.nlp import ModelMissingError
from storytrail.settings import Settings
from storytrail.store import Store

BuildBatch = Callable[[list[Article], Settings], list[BuiltArticle]]
OnFailure = Callable[[Rejection], None]
Progress = Callable[[int], None]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class EngineError(RuntimeError):
    """An engine could not run: a worker process died, a remote worker runs another
    pipeline version, an unknown engine was named. Batches saved before stay saved."""


PACKAGE_ROOT = Path(pipeline.__file__).resolve().parent
ENGINES_ROOT = Path(__file__).resolve().parent
# Errors of the environment, not of an article: retrying article by article
# would only fail the same way once per article.
ENVIRONMENT_ERRORS: tuple[type[BaseException], ...] = (ModelMissingError, MemoryError)


@dataclass(slots=True)
class BatchResult:
    """What building one batch gave: the built articles in input order, and one
    ``Rejection`` per article a stage raised on. ``pipeline_version`` is the
    version of the code that ran the batch (a remote worker may differ)."""

    built: list[BuiltArticle] = field(default_factory=list)
    failures: list[Rejection] = field(default_factory=list)
    pipeline_version: str = pipeline.PIPELINE_VERSION


def build_safely(
    articles: list[Article], settings: Settings, build: BuildBatch | None = None
) -> BatchResult:
    """``build_batch`` over ``articles``; when it raises, each article again on its own.

    The batch is parsed once on the happy path. When a stage raises, the
    batch is redone one article at a time so the others are still built and
    only the articles that raise again become failures, with the reason.
    ``build`` replaces ``pipeline.build_batch`` (tests poison it).
    """
    run = build or pipeline.build_batch
    try:
        return BatchResult(run(articles, settings))
    except ENVIRONMENT_ERRORS:
        raise
    except Exception as exc:
        if len(articles) == 1:
            return BatchResult([], [build_failure(articles[0], exc)])
    result = BatchResult()
    for article in articles:
        try:
            result.built.extend(run([article], settings))
        except ENVIRONMENT_ERRORS:
            raise
        except Exception as exc:
            result.failures.append(build_failure(article, exc))
    return result


def build_failure(article: Article, exc: BaseException) -> Rejection:
    """The rejection recorded for an article a stage raised on: the exception, where
    it was raised (the innermost function of storytrail's stages, its file and line,
    else the innermost frame) and the article's id.

    Computed where the exception happened (in the worker), since a traceback
    does not survive the trip back to the parent process."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if _in_a_stage(Path(f.filename))]
    where = ""
    if frames:
        last = (ours or frames)[-1]
        where = f" in {last.name} ({Path(last.filename).name}:{last.lineno})"
    message = str(exc).strip() or "no message"
    return Rejection(
        article.source,
        f"build failed{where}: {type(exc).__name__}: {message} (article {article.id})",
    )


def _in_a_stage(path: Path) -> bool:
    return path.is_relative_to(PACKAGE_ROOT) and not path.is_relative_to(ENGINES_ROOT)


def save_batch(
    store: Store,
    result: BatchResult,
    on_failure: OnFailure | None = None,
    pipeline_version: str = pipeline.PIPELINE_VERSION,
) -> int:
    """Save one batch's built articles in one transaction and record its failures.

    Refuses a batch built by another pipeline version than this code's: the
    store would call it current and never rebuild it. Returns how many articles
    were saved.
    """
    if result.pipeline_version != pipeline_version:
        raise EngineError(
            f"a worker runs pipeline version {result.pipeline_version}, this storytrail "
            f"{pipeline_version}: install the same storytrail on every worker"
        )
    for failure in result.failures:
        store.record_rejection(failure)
        if on_failure:
            on_failure(failure)
    if not result.built:
        return 0
    return store.save_builds(result.built, pipeline_version)


class Pending(Protocol[T_co]):
    """A future as both ``concurrent.futures`` and ``dask.distributed`` have it."""

    def result(self) -> T_co: ...


def in_order(
    submit: Callable[[list[Article]], Pending[T]],
    batches: Iterable[list[Article]],
    in_flight: int,
) -> Iterator[tuple[list[Article], T]]:
    """Submit batches, keeping at most ``in_flight`` unfinished, and yield
    ``(batch, result)`` in input order.

    Input order makes every engine write the store in the same order as the
    plain loop (same rowids, same ties broken the same way), and the bound
    keeps memory flat however long ``batches`` is: it is read lazily, one batch
    per result taken.
    """
    pending: deque[tuple[list[Article], Pending[T]]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()
