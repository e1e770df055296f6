"""Export: four formats, one schema, the same counts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from storytrail import FIELDS, export
from storytrail.export import RECORD_TYPES
from storytrail.store.reads import TABLES

REQUIRED = {
    "articles": {"id", "source", "url", "outlet", "title", "published", "text"},
    "quotes": {
        "id", "article_id", "kind", "text", "speaker", "speaker_id", "speaker_mention",
        "cue", "start", "end", "date", "date_granularity", "statement_id",
    },
    "statements": {"id", "speaker", "speaker_id", "text", "quote_ids", "first_reported", "date"},
    "events": {"id", "title", "date", "place", "article_ids"},
    "stories": {"id", "title", "event_ids"},
    "entities": {"id", "name", "kind", "aliases"},
    "citations": {"article_id", "cites", "cue"},
}  # fmt: skip


def test_every_table_has_a_schema_and_the_issue_fields():
    assert set(TABLES) == set(FIELDS) == set(RECORD_TYPES)
    for table, fields in REQUIRED.items():
        assert fields <= set(FIELDS[table]), table


def test_readers_yield_exactly_the_documented_keys(demo_store):
    for table, rows in TABLES.items():
        for row in rows(demo_store.conn):
            assert list(row) == list(FIELDS[table]), table


def counts_in_json(text: str) -> dict[str, int]:
    return {table: len(rows) for table, rows in json.loads(text).items()}


def test_four_formats_round_trip_the_same_counts(demo_store, tmp_path):
    buffer = io.StringIO()
    expected = export(demo_store.conn, "json", buffer)
    assert counts_in_json(buffer.getvalue()) == expected
    assert expected["articles"] >= 15 and expected["removed"] > 0 and expected["embeds"] > 0

    lines = io.StringIO()
    assert export(demo_store.conn, "jsonl", lines) == expected
    seen: dict[str, int] = {}
    for line in lines.getvalue().splitlines():
        record = json.loads(line)
        seen[record["type"]] = seen.get(record["type"], 0) + 1
    assert seen == {RECORD_TYPES[t]: n for t, n in expected.items() if n}

    assert export(demo_store.conn, "csv", tmp_path / "csv") == expected
    for table, n in expected.items():
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == n
        assert list(rows[0] if rows else FIELDS[table]) == list(FIELDS[table])

    assert export(demo_store.conn, "parquet", tmp_path / "pq") == expected
    for table, n in expected.items():
        parquet = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert parquet.num_rows == n
        assert parquet.column_names == list(FIELDS[table])


def test_export_values_survive_each_format(demo_store, tmp_path):
    buffer = io.StringIO()
    export(demo_store.conn, "json", buffer)
    articles = {a["id"]: a for a in json.loads(buffer.getvalue())["articles"]}
    export(demo_store.conn, "parquet", tmp_path)
    for row in pq.read_table(tmp_path / "articles.parquet").to_pylist():
        assert row == articles[row["id"]]


def test_csv_and_parquet_need_a_folder(demo_store):
    with pytest.raises(ValueError, match="give a folder"):
        export(demo_store.conn, "csv", io.StringIO())


# --- writing the export: whole or not at all (issue 16, item 15) ----------------------------


@pytest.fixture
def small_store(tmp_path):
    from storytrail import Store
    from storytrail.ingest.article import make_article

    with Store(tmp_path / "small.db") as store:
        for n in range(40):
            text = f"Report {n}: the ferry to Lorvik ran late again on Monday, said the captain."
            store.add_article(make_article("fixture", text, title=f"Ferry report {n}"))
        yield store


def test_a_failed_re_export_leaves_the_previous_one_whole(small_store, tmp_path):
    from storytrail.export import ExportError

    target = tmp_path / "out.json"
    export(small_store.conn, "json", target)
    complete = target.read_bytes()
    assert len(json.loads(complete)["articles"]) == 40
    calls = 0

    def interrupt_midway() -> int:  # SQLite stops the statement running when this says 1
        nonlocal calls
        calls += 1
        return int(calls > 20)

    small_store.conn.set_progress_handler(interrupt_midway, 10)
    try:
        with pytest.raises(Exception, match="interrupted"):
            export(small_store.conn, "json", target, replace=True)
    finally:
        small_store.conn.set_progress_handler(None, 0)
    assert target.read_bytes() == complete
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []
    with pytest.raises(ExportError, match="exists: use --force to replace it"):
        export(small_store.conn, "jsonl", target)
    assert target.read_bytes() == complete


def test_an_export_is_written_with_the_usual_permissions(small_store, tmp_path):
    import os

    export(small_store.conn, "jsonl", tmp_path / "out.jsonl")
    mask = os.umask(0o022)
    os.umask(mask)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o666 & ~mask


def cli(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storytrail", *args], cwd=cwd, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("/proc/x.json", "cannot write /proc/x.json: "),
        (".", "cannot write .: it is a folder (give a file name)"),
        ("/dev/full", "cannot write /dev/full: not a regular file"),
        ("no/such/folder/x.json", "cannot write no/such/folder/x.json: No such file or directory"),
    ],
)
def test_export_targets_that_cannot_be_written_are_one_line(small_store, tmp_path, output, reason):
    done = cli("--db", str(small_store.path), "export", "-o", output, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"storytrail: error: {reason}")


def test_export_over_an_existing_file_needs_force(small_store, tmp_path):
    target = tmp_path / "keep.json"
    target.write_text("my notes\n")
    done = cli("--db", str(small_store.path), "export", "-o", str(target), cwd=tmp_path)
    assert done.returncode == 2
    assert f"{target} exists: use --force to replace it" in done.stderr
    assert target.read_text() == "my notes\n"
    done = cli("--db", str(small_store.path), "-q", "export", "-o", str(target), "--force",
               cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(target.read_text())["articles"]) == 40


def test_a_folder_export_over_an_earlier_one_needs_force(small_store, tmp_path):
    export(small_store.conn, "csv", tmp_path / "csv")
    from storytrail.export import ExportError

    with pytest.raises(ExportError, match=r"already holds \.csv files: use --force"):
        export(small_store.conn, "csv", tmp_path / "csv")
    assert export(small_store.conn, "csv", tmp_path / "csv", replace=True)["articles"] == 40


def test_export_to_a_full_standard_output_is_one_line(small_store, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "storytrail", "--db", str(small_store.path), "export"],
            cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "storytrail: error: cannot write the export to standard output: No space left on device"
    ]
