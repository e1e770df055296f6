"""Watch mode: poll sources, ingest and build only what is new, and say what changed.

A round is ``api.ingest`` over the sources (feeds and URLs are fetched with
their remembered ETag/Last-Modified, so an unchanged feed costs one 304),
then ``api.build`` (which only builds articles not built yet) and, when
anything was built, ``api.link``. What changed is read from the store's counts
(``store.reads.stats``) before and after the round, so new quotes, statements,
events or re-reports are reported as soon as the stages that make them exist.
Each round is logged in the ``watch_rounds`` table.

Stopping is always safe: a round interrupted by Ctrl-C rolls back the batch
it was writing, and the next run redoes only that. A store another process
keeps locked for longer than ``sqlite_busy_timeout_s`` costs a delay, not the
watch: the round's open batch is rolled back, ``on_delay`` says so, and the
round is tried again (after at most ``min_watch_interval_s``).
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storytrail import api
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store
from storytrail.store.reads import stats

_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Counts in ``stats`` that are not quantities of things found.
_NOT_COUNTS = frozenset({"first_year", "last_year"})


@dataclass(slots=True)
class WatchRound:
    """What one round did: the ingest report, articles built, and what the store gained."""

    number: int
    started_at: str
    ingest: api.IngestReport
    built: int
    changes: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "round": self.number,
            "started_at": self.started_at,
            "ingest": self.ingest.as_dict(),
            "built": self.built,
            "changes": self.changes,
        }

    def summary(self) -> str:
        report = self.ingest
        line = (
            f"round {self.number} ({self.started_at}): {report.added} added, "
            f"{report.duplicates} already present, {report.unchanged} unchanged, "
            f"{len(report.rejections)} refused; {self.built} built"
        )
        gained = [f"{n:+d} {name.replace('_', ' ')}" for name, n in self.changes.items()]
        return line + ("; " + ", ".join(gained) if gained else "; nothing new")


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``1h30m``, ``1d``; ValueError on anything else."""
    spec = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", spec):
        return float(spec)
    parts = _INTERVAL_PART.findall(spec)
    if not parts or "".join(n + u for n, u in parts) != spec:
        raise ValueError(f"{text!r} is not an interval like 90s, 15m, 1h or 1h30m")
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)


def check_interval(every_s: float, settings: Settings = DEFAULTS) -> None:
    """Raise ValueError, before any work, for an interval under ``min_watch_interval_s``
    or over ``max_watch_interval_s``."""
    if every_s < settings.min_watch_interval_s:
        raise ValueError(
            f"polling every {every_s:g} s is too often (at least "
            f"{settings.min_watch_interval_s:g} s; see min_watch_interval_s)"
        )
    if every_s > settings.max_watch_interval_s:
        raise ValueError(
            f"waiting {every_s:g} s between rounds is too long (at most "
            f"{settings.max_watch_interval_s:g} s, {settings.max_watch_interval_s / 86400:g} "
            "days; see max_watch_interval_s)"
        )


def watch_round(
    store: Store, sources: Sequence[str | Path], settings: Settings = DEFAULTS
) -> WatchRound:
    """Ingest ``sources``, build and link what is new, log the round and return it."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    before = _counts(store)
    report = api.ingest(store, sources, settings)
    built = api.build(store, settings)
    if built or api.links_are_stale(store):
        api.link(store, settings)
    after = _counts(store)
    changes = {name: after[name] - before.get(name, 0) for name in after}
    changes = {name: delta for name, delta in changes.items() if delta}
    counts = {
        "added": report.added,
        "duplicates": report.duplicates,
        "unchanged": report.unchanged,
        "rejected": len(report.rejections),
        "built": built,
    }
    number = store.log_watch_round(started, [str(s) for s in sources], counts, changes)
    return WatchRound(number, started, report, built, changes)


def watch(
    store: Store,
    sources: Sequence[str | Path],
    every_s: float,
    on_round: Callable[[WatchRound], None],
    *,
    rounds: int | None = None,
    stop: threading.Event | None = None,
    settings: Settings = DEFAULTS,
    on_delay: Callable[[str], None] | None = None,
) -> int:
    """Run a round every ``every_s`` seconds (from the start of one to the next) until
    ``rounds`` have run or ``stop`` is set; return the number of rounds run.

    A round that finds the store locked by another process is tried again after
    ``min(every_s, min_watch_interval_s)``, and ``on_delay`` is told why.
    Raises ValueError when ``every_s`` is out of bounds (``check_interval``).
    """
    check_interval(every_s, settings)
    stop = stop or threading.Event()
    done = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            finished = watch_round(store, sources, settings)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            retry = min(every_s, settings.min_watch_interval_s)
            if on_delay is not None:
                on_delay(
                    f"round {done + 1} delayed: the store is locked by another process "
                    f"(waited {settings.sqlite_busy_timeout_s:g} s); trying again in {retry:g} s"
                )
            stop.wait(retry)
            continue
        on_round(finished)
        done += 1
        if rounds is not None and done >= rounds:
            break
        stop.wait(max(0.0, started + every_s - time.monotonic()))
    return done


def _counts(store: Store) -> dict[str, int]:
    return {
        name: value
        for name, value in stats(store.conn).items()
        if name not in _NOT_COUNTS and isinstance(value, int)
    }
