"""Fetching the links of a feed's summary-only entries: a few at a time, within a
budget per round, and backing off from links that keep failing.

Fetched one after another, a feed of hanging links costs its read timeout per
entry: 20 s each, hours per round for a thousand entries, every round. So the
links of one feed are fetched by ``feed_fetch_concurrency`` threads at once, and
what is not fetched within ``feed_round_budget_s`` is refused as a passing
failure (the feed is read again next round and the entry retried). A link that
has failed ``feed_link_backoff_after`` times in a row is not tried again until a
pause has passed: ``feed_link_backoff_s``, doubled with each further failure up
to ``feed_link_backoff_max_s``. The failures are remembered for the life of the
process: the rounds of ``storytrail watch``; a new ``ingest`` run starts afresh.

Only the HTTP exchange runs in the threads: the fetch history (the store) and
turning a page into an article stay in the caller's thread.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from storytrail.ingest.errors import IngestError
from storytrail.ingest.fetch import Fetched
from storytrail.ingest.url import Web, article_from_fetched, is_url
from storytrail.model import Article, Rejection
from storytrail.settings import Settings


@dataclass(frozen=True, slots=True)
class PendingLink:
    """A feed entry whose article is at ``link``; ``meta`` is what the entry says."""

    index: int
    link: str
    meta: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class LinkOutcome:
    """What became of one entry's link: an article, a refusal, or None (read before).
    ``transient`` when a later round may do better."""

    item: Article | Rejection | None
    transient: bool = False


class LinkFailures:
    """Links that failed, how often in a row, and until when they are left alone."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float, str]] = {}

    def pause_left(self, link: str, settings: Settings) -> tuple[float, int, str] | None:
        """(seconds left, failures, last reason) while ``link`` is being backed off from."""
        with self._lock:
            count, last, reason = self._failures.get(link, (0, 0.0, ""))
        if count < settings.feed_link_backoff_after:
            return None
        steps = count - settings.feed_link_backoff_after
        pause = min(settings.feed_link_backoff_s * 2**steps, settings.feed_link_backoff_max_s)
        left = last + pause - time.monotonic()
        return (left, count, reason) if left > 0 else None

    def failed(self, link: str, reason: str) -> None:
        with self._lock:
            count = self._failures.get(link, (0, 0.0, ""))[0]
            self._failures[link] = (count + 1, time.monotonic(), reason)

    def succeeded(self, link: str) -> None:
        with self._lock:
            self._failures.pop(link, None)


# One memory per process, shared by every round of a watch.
LINK_FAILURES = LinkFailures()


def fetch_entry_links(
    pending: list[PendingLink], source: str, web: Web, failures: LinkFailures = LINK_FAILURES
) -> dict[int, LinkOutcome]:
    """The outcome of each pending entry, by entry number."""
    settings = web.settings
    outcomes: dict[int, LinkOutcome] = {}
    todo: list[PendingLink] = []
    for entry in pending:
        if not is_url(entry.link):
            reason = f"entry link {entry.link!r} is not an http(s) URL"
            outcomes[entry.index] = LinkOutcome(Rejection(source, reason, entry.index))
        elif web.history.validators(entry.link) is not None:
            web.history.unchanged(entry.link)
            outcomes[entry.index] = LinkOutcome(None)
        elif paused := failures.pause_left(entry.link, settings):
            left, count, last = paused
            reason = (
                f"{entry.link}: not fetched, backing off: it failed {count} times in a row "
                f"(last: {last}); next try in {left:.0f} s"
            )
            outcomes[entry.index] = LinkOutcome(Rejection(source, reason, entry.index), True)
        else:
            todo.append(entry)
    if todo:
        outcomes.update(_fetch_all(todo, source, web, failures))
    return outcomes


def _fetch_all(
    todo: list[PendingLink], source: str, web: Web, failures: LinkFailures
) -> dict[int, LinkOutcome]:
    """Fetch ``todo`` on a bounded pool within the round's budget."""
    settings = web.settings
    deadline = time.monotonic() + settings.feed_round_budget_s
    outcomes: dict[int, LinkOutcome] = {}
    fetch = web.fetcher().fetch  # made here: the threads share one client
    pool = ThreadPoolExecutor(settings.feed_fetch_concurrency, thread_name_prefix="feed-link")
    futures: dict[Future[Fetched | None], PendingLink] = {
        pool.submit(fetch, entry.link, source, entry.index): entry for entry in todo
    }
    waiting = set(futures)
    try:
        while waiting and (left := deadline - time.monotonic()) > 0:
            done, waiting = wait(waiting, timeout=left, return_when=FIRST_COMPLETED)
            for future in done:
                entry = futures[future]
                outcomes[entry.index] = _outcome(future, entry, source, web, failures)
    finally:
        # Links still waiting are left for the next round; a fetch under way ends by
        # its own deadline (fetch_deadline_s) and its answer is dropped.
        pool.shutdown(wait=False, cancel_futures=True)
    budget = settings.feed_round_budget_s
    for future in waiting:
        entry = futures[future]
        reason = (
            f"{entry.link}: not fetched within the feed's time budget of {budget:g} s "
            "(feed_round_budget_s); tried again next round"
        )
        outcomes[entry.index] = LinkOutcome(Rejection(source, reason, entry.index), True)
    return outcomes


def _outcome(
    future: Future[Fetched | None],
    entry: PendingLink,
    source: str,
    web: Web,
    failures: LinkFailures,
) -> LinkOutcome:
    error = future.exception()
    if error is not None:
        if isinstance(error, IngestError):
            reason = error.reason
        else:
            reason = f"{type(error).__name__}: {error}"
        failures.failed(entry.link, reason)
        transient = bool(getattr(error, "transient", False))
        return LinkOutcome(Rejection(source, f"{entry.link}: {reason}", entry.index), transient)
    failures.succeeded(entry.link)
    fetched = future.result()
    if fetched is None:
        web.history.unchanged(entry.link)
        return LinkOutcome(None)
    try:
        article = article_from_fetched(fetched, entry.link, entry.index, entry.meta, web.settings)
    except IngestError as exc:
        return LinkOutcome(Rejection(source, f"{entry.link}: {exc.reason}", entry.index))
    finally:
        web.history.remember(entry.link, fetched.validators)
    return LinkOutcome(article)
