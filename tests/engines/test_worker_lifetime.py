"""Killing `storytrail build` leaves no worker running: each pool worker dies with its
parent, on the process engine and on a local Dask cluster (each ~220 MB with spaCy,
otherwise left for minutes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from storytrail import Store, demo_corpus, ingest
from storytrail.settings import DEFAULTS


def descendants_once_started(parent: subprocess.Popen, want: int, timeout: float) -> list[int]:
    """The pids of ``parent``'s descendants once ``want`` of them load storytrail's
    worker code (or ``timeout`` passes)."""
    deadline = time.monotonic() + timeout
    found: list[psutil.Process] = []
    while time.monotonic() < deadline and parent.poll() is None:
        found = psutil.Process(parent.pid).children(recursive=True)
        if len(found) >= want:
            time.sleep(3)  # let them get into their work
            found = psutil.Process(parent.pid).children(recursive=True)
            break
        time.sleep(0.2)
    return [p.pid for p in found]


def alive(pids: list[int]) -> list[int]:
    living = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                living.append(pid)
        except psutil.NoSuchProcess:
            pass
    return living


@pytest.mark.parametrize(("engine", "want"), [("process", 2), ("dask", 2)])
def test_killing_build_leaves_no_worker_running(tmp_path: Path, engine: str, want: int):
    db = tmp_path / "s.db"
    # Enough articles for several batches (Settings.nlp_batch_size each): a spawn-context
    # pool starts a worker per task it has, so the 18 demo articles alone start only one.
    folder = tmp_path / "more"
    folder.mkdir()
    for n in range(3 * DEFAULTS.nlp_batch_size):
        (folder / f"{n:03}.txt").write_text(
            f"Harbour note {n}\n\nThe ferry number {n} will run again on Monday, "
            f"harbour chief Lars Eng said on Sunday about route {n}.\n",
            encoding="utf-8",
        )
    with Store(db) as store:
        assert ingest(store, [demo_corpus(), folder]).ok
    build = subprocess.Popen(
        [sys.executable, "-m", "storytrail", "--db", str(db), "-q", "build",
         "--engine", engine, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the kill below must reach the parent alone, as a crash would
    )  # fmt: skip
    workers: list[int] = []
    try:
        workers = descendants_once_started(build, want, timeout=60)
        assert len(workers) >= want, "the build never started its workers"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 20
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert alive(workers) == []
    finally:
        for pid in alive([build.pid, *workers]):  # never leave them on a shared machine
            os.kill(pid, signal.SIGKILL)
