"""The command line, run as a user runs it: the installed entry point, in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = ["ingest", "build", "export", "stats", "search", "watch", "demo"]


def run(*args: str, cwd: Path, check_ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "storytrail", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check_ok:
        assert done.returncode == 0, done.stderr
    return done


def test_entry_point_is_installed():
    assert shutil.which("storytrail") or Path(sys.executable).with_name("storytrail").exists()


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(tmp_path, command):
    done = run(*([command] if command else []), "--help", cwd=tmp_path)
    assert "Usage:" in done.stdout
    assert len(done.stdout.splitlines()) > 4


def test_ingest_reports_refusals_and_exits_one(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    bad = write("bad.txt", b"\x00\x01binary")
    done = run("--db", "x.db", "ingest", str(good), str(bad), cwd=tmp_path, check_ok=False)
    assert done.returncode == 1
    assert f"refused {bad}: binary: contains NUL bytes" in done.stderr
    assert "1 added, 0 already present, 1 refused" in done.stdout
    assert (tmp_path / "x.db").exists()


def test_ingest_json_then_duplicate(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    first = json.loads(run("--db", "x.db", "ingest", "--json", str(good), cwd=tmp_path).stdout)
    second = json.loads(run("--db", "x.db", "ingest", "--json", str(good), cwd=tmp_path).stdout)
    assert (first["added"], second["added"], second["duplicates"]) == (1, 0, 1)


def test_default_db_is_in_the_working_folder(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    run("-q", "ingest", str(good), cwd=tmp_path)
    assert (tmp_path / "storytrail.db").exists()


def test_demo_then_stats_export_and_search(tmp_path):
    demo = run("--db", "demo.db", "demo", cwd=tmp_path)
    assert "articles from" in demo.stdout and "outlets" in demo.stdout
    counts = json.loads(run("--db", "demo.db", "stats", "--json", cwd=tmp_path).stdout)
    assert counts["articles"] >= 15 and counts["outlets"] >= 5
    exported = json.loads(run("--db", "demo.db", "export", cwd=tmp_path).stdout)
    assert len(exported["articles"]) == counts["articles"]
    assert set(exported) >= {
        "articles",
        "quotes",
        "statements",
        "events",
        "stories",
        "entities",
        "citations",
    }
    run("--db", "demo.db", "-q", "export", "--format", "csv", "-o", "csv", cwd=tmp_path)
    assert (tmp_path / "csv" / "articles.csv").exists()
    hits = json.loads(run("--db", "demo.db", "search", "--json", "dam", cwd=tmp_path).stdout)
    assert hits and all("id" in h for h in hits)


def test_csv_export_without_folder_is_a_usage_error(tmp_path):
    done = run("--db", "x.db", "export", "--format", "csv", cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert "give -o FOLDER" in done.stderr


def test_broken_database_is_one_clear_line(tmp_path):
    (tmp_path / "bad.db").write_text("not a database " * 200)
    done = run("--db", "bad.db", "stats", cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("storytrail: error: bad.db: not a usable")
    assert "Traceback" not in done.stderr


def test_bad_search_query_is_one_clear_line(tmp_path):
    run("--db", "x.db", "stats", cwd=tmp_path)
    done = run("--db", "x.db", "search", 'dam AND "', cwd=tmp_path, check_ok=False)
    assert done.returncode == 2 and "bad search query" in done.stderr
