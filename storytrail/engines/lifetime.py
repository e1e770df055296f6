"""Worker processes end when the process that started them dies.

A pool worker killed with its parent is not told: ``concurrent.futures`` only
notices a dead *worker*. Killing ``storytrail build`` (SIGKILL, the OOM killer, a
closed terminal) would leave every worker running for minutes, each holding
spaCy (~220 MB). Each worker therefore watches its parent: once it has been
re-parented (the parent's pid is no longer its parent), it exits at once.

A thread polling ``os.getppid`` rather than Linux's ``PR_SET_PDEATHSIG``: the
signal fires when the parent *thread* that forked the worker ends, and a pool
may start workers from a thread that ends long before the build does.
(Dask's nannies already watch their parent; tests/engines/test_worker_lifetime.py
checks both.)
"""

from __future__ import annotations

import os
import threading
import time

# How often a worker checks that its parent is still there (seconds): the longest a
# worker outlives a killed build.
PARENT_CHECK_INTERVAL_S = 0.5


def exit_with_parent(parent_pid: int, interval_s: float = PARENT_CHECK_INTERVAL_S) -> None:
    """Make this process exit as soon as ``parent_pid`` is no longer its parent
    (at once if that is already so). Call it first thing in a worker."""
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval_s)
        os._exit(1)  # nothing to flush: the parent that would read our results is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
