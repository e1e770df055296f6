"""Manifest paths stay inside the manifest's folder, and special files are refused by
kind wherever they are named: a manifest must not be a way to read /etc/passwd or
/proc/self/status into the store (and out through `serve` and the exports), and a FIFO
must not hang ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storytrail.ingest import read_sources
from storytrail.model import Article, Rejection
from storytrail.settings import Settings

BODY = "The minister said the new dam would open in the spring after years of talks."


def manifest(folder: Path, *records: dict) -> Path:
    path = folder / "m.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A readable article outside the manifest's folder (tmp_path/corpus)."""
    (tmp_path / "corpus").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(BODY + " Outside.", encoding="utf-8")
    return secret


def test_paths_that_leave_the_manifest_folder_are_refused(tmp_path, outside):
    folder = tmp_path / "corpus"
    (folder / "inside.txt").write_text(BODY, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    path = manifest(
        folder,
        {"path": "../secret.txt"},
        {"path": str(outside)},
        {"path": "link.txt"},
        {"path": "inside.txt"},
    )
    items = list(read_sources([path]))
    refusals = [(r.line, r.reason) for r in items if isinstance(r, Rejection)]
    assert refusals == [
        (
            n,
            f"{name}: outside the manifest's folder (it is {outside}); "
            "use --allow-outside-paths to read it",
        )
        for n, name in ((1, "../secret.txt"), (2, str(outside)), (3, "link.txt"))
    ]
    assert [a.original for a in items if isinstance(a, Article)] == [BODY]


def test_outside_paths_are_read_when_allowed(tmp_path, outside):
    path = manifest(tmp_path / "corpus", {"path": "../secret.txt"})
    (article,) = read_sources([path], Settings(allow_outside_paths=True))
    assert isinstance(article, Article)
    assert article.original.endswith("Outside.")


def test_proc_and_devices_are_refused_by_kind_even_when_allowed_outside(tmp_path):
    path = manifest(tmp_path, {"path": "/proc/self/status"}, {"path": "/dev/zero"})
    items = list(read_sources([path], Settings(allow_outside_paths=True)))
    assert [(r.line, r.reason) for r in items] == [
        (1, "/proc/self/status: a special file (in /proc), not an article"),
        (2, "/dev/zero: a special file (character device), not an article"),
    ]


def test_proc_files_named_on_the_command_line_are_refused():
    for name in ("/proc/self/status", "/dev/null"):
        (rejection,) = read_sources([name])
        assert isinstance(rejection, Rejection)
        assert "a special file" in rejection.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_by_kind_and_never_hangs_ingest(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("pipe.txt", "pipe.jsonl", "pipe.warc.gz"):
        os.mkfifo(folder / name)
    manifest_path = manifest(folder, {"path": "pipe.txt"}, {"text": BODY})
    names = [str(folder / n) for n in ("pipe.txt", "pipe.jsonl", "pipe.warc.gz")]
    # A child process, so a hang fails the test instead of blocking the suite.
    script = (
        "import sys; from storytrail.ingest import read_sources\n"
        "for item in read_sources(sys.argv[1:]): print(type(item).__name__, item)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *names, str(manifest_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["Rejection"] * 4 + ["Article"]
    assert all("a special file (FIFO), not an article" in line for line in lines[:4])


def test_cli_refuses_outside_paths_unless_the_flag_is_given(tmp_path, outside):
    from click.testing import CliRunner

    from storytrail.cli import main

    path = manifest(tmp_path / "corpus", {"path": "../secret.txt"})
    db = str(tmp_path / "s.db")
    refused = CliRunner().invoke(main, ["--db", db, "ingest", str(path)])
    assert refused.exit_code == 1
    assert "outside the manifest's folder" in refused.output
    allowed = CliRunner().invoke(main, ["--db", db, "ingest", "--allow-outside-paths", str(path)])
    assert allowed.exit_code == 0, allowed.output
    assert "1 added" in allowed.output
