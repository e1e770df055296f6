"""The web app served for real: uvicorn in a thread, on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from storytrail.web import create_app

# Written out here, not imported from the app, so a change to the app's policy fails a test.
EXPECTED_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class LiveServer:
    """The app served by uvicorn in a thread, on a free loopback port."""

    def __init__(self, db: Path) -> None:
        # IPPROTO_TCP, as `storytrail serve` does, so asyncio turns Nagle off (no 40 ms waits)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(create_app(db), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()
