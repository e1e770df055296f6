"""``storytrail serve``: starts on loopback, prints its URL, refuses what it cannot serve."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import httpx
from click.testing import CliRunner
from live_server import EXPECTED_CSP

from storytrail.cli import main


def test_serve_listens_on_loopback_prints_its_url_and_stops_on_ctrl_c(web_db):
    process = subprocess.Popen(
        [sys.executable, "-m", "storytrail", "--db", str(web_db), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        for _ in range(100):
            try:
                response = httpx.get(url, timeout=1)
                break
            except httpx.ConnectError:
                process.poll()
                assert process.returncode is None, process.stderr.read()
        assert response.status_code == 200
        assert response.headers["content-security-policy"] == EXPECTED_CSP
        assert "Stories" in response.text
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert process.returncode == 0, process.stderr.read()


def test_serve_refuses_a_store_that_is_not_there_without_creating_it(tmp_path):
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(main, ["--db", str(missing), "serve"])
    assert result.exit_code == 2
    assert f"no storytrail store at {missing}" in result.output
    assert not missing.exists()


def test_serve_says_so_when_the_port_is_taken(web_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["--db", str(web_db), "serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
