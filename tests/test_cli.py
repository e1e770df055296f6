"""The command line, run as a user runs it: the installed entry point, in a subprocess."""

from __future__ import annotations

import json
import shutil
import sqlite3
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


def test_bad_search_query_is_one_clear_line(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    run("--db", "x.db", "-q", "ingest", str(good), cwd=tmp_path)
    done = run("--db", "x.db", "search", 'dam AND "', cwd=tmp_path, check_ok=False)
    assert done.returncode == 2 and "bad search query" in done.stderr


# --- a newcomer's first hour (issue 16) -------------------------------------------------------


def no_traceback(done: subprocess.CompletedProcess[str]) -> str:
    """The one error line, after checking there is only one and no traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [["stats"], ["search", "dam"], ["timeline"], ["export"], ["build"], ["serve", "--port", "0"]],
)
def test_a_mistyped_db_creates_nothing(tmp_path, command):
    done = run("--db", "nope.db", *command, cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert no_traceback(done) == (
        "storytrail: error: no storytrail store at nope.db (run `storytrail --db nope.db "
        "ingest …` first)"
    )
    assert list(tmp_path.iterdir()) == []


def test_another_applications_sqlite_file_is_refused_and_left_as_it_was(tmp_path, write):
    other = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('buy rope')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    for command in (["stats"], ["ingest", str(good)]):
        done = run("--db", str(other), *command, cwd=tmp_path, check_ok=False)
        assert done.returncode == 2
        line = no_traceback(done)
        assert "another application's SQLite database (tables notes)" in line
        assert "left untouched" in line
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "notes.sqlite"]


def test_a_missing_folder_for_the_db_is_named(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    done = run("--db", "no/such/x.db", "ingest", str(good), cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert no_traceback(done) == (
        "storytrail: error: cannot use no/such/x.db: the folder no/such does not exist"
    )


def test_only_ingest_and_demo_create_a_store(tmp_path, write):
    good = write("good.txt", "Dam talks stall\n\nThe talks stalled again on Monday in Lorvik.")
    run("--db", "made.db", "-q", "ingest", str(good), cwd=tmp_path)
    assert json.loads(run("--db", "made.db", "stats", "--json", cwd=tmp_path).stdout)["articles"]


def test_the_db_option_after_the_command_gets_a_hint(tmp_path):
    done = run("stats", "--db", "x.db", cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert "--db goes before the command: storytrail --db … stats …" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [("--from", "yesterday"), ("--from", "23"), ("--to", "2023-13-45"), ("--from", "2023/06/15")],
)
def test_timeline_dates_are_checked(tmp_path, option, value):
    done = run("--db", "x.db", "timeline", option, value, cwd=tmp_path, check_ok=False)
    assert done.returncode == 2
    assert f"{value!r} is not a date: write a year (2023), a month (2023-06)" in done.stderr
    assert "Traceback" not in done.stderr


def test_timeline_from_after_to_is_refused(tmp_path):
    done = run("--db", "x.db", "timeline", "--from", "2024", "--to", "2023-06", cwd=tmp_path,
               check_ok=False)  # fmt: skip
    assert done.returncode == 2 and "2024 is after --to 2023-06" in done.stderr


@pytest.fixture
def searchable(tmp_path, write):
    """A store with one dated article and one with no outlet, no date and a line break."""
    write("bare.txt", "Harbour notes\n\nThe water-sharing plan\nwas read out at the harbour.")
    write(
        "m.jsonl",
        json.dumps(
            {
                "text": "The water-sharing talks resumed in Lorvik on Wednesday morning.",
                "title": "Talks resume",
                "outlet": "Basin Post",
                "published": "2023-02-08T16:10:00+01:00",
            }
        )
        + "\n",
    )
    run("--db", "s.db", "-q", "ingest", "bare.txt", "m.jsonl", cwd=tmp_path)
    return tmp_path


def test_search_output_reads_well(searchable):
    done = run("--db", "s.db", "search", "water-sharing", cwd=searchable)
    lines = done.stdout.splitlines()
    assert len(lines) == 4, done.stdout
    heads = sorted(lines[0::2])
    assert heads == [
        "2023-02-08  Basin Post: Talks resume",
        "date unknown  outlet unknown: Harbour notes",
    ]
    assert all(line.startswith("    ") and "\n" not in line for line in lines[1::2])
    assert any("The [water-sharing] plan was read out" in line for line in lines[1::2])


def test_a_search_without_results_says_so(searchable):
    done = run("--db", "s.db", "search", "zeppelin", cwd=searchable)
    assert done.stdout.strip() == "no article matches 'zeppelin'"


@pytest.mark.parametrize("query", ["Brenner's", "U.S.", "dam, turbines", "Kestria?", "50%"])
def test_search_and_timeline_about_take_any_text(searchable, query):
    run("--db", "s.db", "search", query, cwd=searchable)
    run("--db", "s.db", "timeline", "--about", query, cwd=searchable)


def test_a_query_that_cannot_be_searched_is_one_line_saying_what_to_change(searchable):
    done = run("--db", "s.db", "search", "dam AND", cwd=searchable, check_ok=False)
    assert done.returncode == 2
    assert "AND at the end needs a word after it" in no_traceback(done)
    done = run("--db", "s.db", "timeline", "--about", '"dam', cwd=searchable, check_ok=False)
    assert done.returncode == 2
    assert "quotation mark is not closed" in no_traceback(done)


def test_ten_thousand_terms_are_refused_at_once(searchable):
    query = " OR ".join(["dam"] * 10_000)
    done = run("--db", "s.db", "search", query, cwd=searchable, check_ok=False)
    assert done.returncode == 2
    assert "search_max_chars" in no_traceback(done)
    done = run("--db", "s.db", "timeline", "--about", query, cwd=searchable, check_ok=False)
    assert done.returncode == 2 and "search_max_chars" in no_traceback(done)


def test_counts_are_said_with_the_right_plural():
    from storytrail.cli import counted

    assert [counted(n, "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert counted(1, "statements") == "1 statement"
    assert counted(1, "time_expressions") == "1 time expression"
    assert counted(1, "near-copies") == "1 near-copy"


def test_an_unreachable_dask_scheduler_is_one_line(searchable):
    done = run(
        "--db", "s.db", "-q", "build", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
        cwd=searchable, check_ok=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert no_traceback(done).startswith(
        "storytrail: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1:"
    )
