"""The timeline on the demo corpus: date order, golden dates, filters, re-reports, formats."""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_files import golden

from storytrail import timeline
from storytrail.cli import main
from storytrail.store.timeline import timeline_entries

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from link_demo import norm


@pytest.fixture(scope="module")
def linked(linked_demo_store):
    return linked_demo_store


@pytest.fixture(scope="module")
def entries(linked):
    return timeline_entries(linked.conn)


def carrying(entries, text: str, speaker: str) -> list[dict]:
    return [
        e
        for e in entries
        if e["speaker"] == speaker and any(norm(c["text"]) == norm(text) for c in e["carriers"])
    ]


def test_dated_statements_come_in_date_order_and_undated_ones_after(entries):
    dated, undated = timeline.split(entries)
    assert dated and undated
    days = [e["date"] for e in dated]
    assert days == sorted(days)
    assert all(e["date"] is None for e in undated)
    assert entries == dated + undated


def test_every_golden_statement_is_at_its_golden_date(entries):
    for statement in golden("statements"):
        speaker = statement["speaker"]
        found = [e for m in statement["members"] for e in carrying(entries, m["text"], speaker)]
        assert found, statement["id"]
        assert {e["date"] for e in found if e["date"]} == {statement["date"]}, statement["id"]


def test_a_rereport_is_listed_at_the_original_date_and_marked(entries, linked):
    (rereport,) = linked.conn.execute("SELECT article_id FROM rereports").fetchall()
    repeated = [
        e
        for e in entries
        if any(c["article_id"] == rereport[0] and c["rereport"] for c in e["carriers"])
    ]
    expected = golden("rereports")
    assert len(repeated) == len({r["statement"] for r in expected})
    assert {e["date"] for e in repeated} == {r["original_date"] for r in expected}
    for entry in repeated:
        # First reported by an older article, not by the re-report.
        assert entry["first_reported"][:10] == entry["date"]


def test_speaker_matches_the_name_or_an_alias_in_any_case(linked):
    by_name = timeline_entries(linked.conn, speaker="tomas brenner")
    assert by_name and {e["speaker"] for e in by_name} == {"Tomas Brenner"}
    (alias,) = linked.conn.execute(
        "SELECT alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        " WHERE e.name = 'Tomas Brenner' AND alias LIKE 'President%' LIMIT 1"
    ).fetchone()
    assert timeline_entries(linked.conn, speaker=alias.upper()) == by_name


@pytest.mark.parametrize("about", ["treaty", "sirens OR flood*", '"water sharing"'])
def test_about_gives_the_same_statements_alone_or_within_a_speaker(linked, about):
    # Alone, the FTS query joins every match to its quote; with a speaker, the
    # speaker's statements are checked against the set of matches. Same answer.
    everyone = timeline_entries(linked.conn, about=about)
    assert everyone
    for speaker in {e["speaker"] for e in everyone}:
        within = timeline_entries(linked.conn, speaker=speaker, about=about)
        assert within == [e for e in everyone if e["speaker"] == speaker]
    assert timeline_entries(linked.conn, speaker="Tomas Brenner", about="zzzunseen") == []


def test_date_bounds_keep_statements_said_within_them(linked):
    year = timeline_entries(linked.conn, start="2023", end="2023")
    assert year and all(e["date"].startswith("2023") for e in year)
    autumn = timeline_entries(linked.conn, start="2022-11-01", end="2022-11")
    assert autumn and all("2022-11-01" <= e["date"] <= "2022-11-30" for e in autumn)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_the_command_prints_each_format(linked, fmt):
    db = linked.conn.execute("PRAGMA database_list").fetchone()[2]
    done = CliRunner().invoke(
        main, ["--db", db, "timeline", "--speaker", "Anneliese Dorn", "--format", fmt]
    )
    assert done.exit_code == 0, done.output
    expected = timeline_entries(linked.conn, speaker="Anneliese Dorn")
    if fmt == "json":
        printed = json.loads(done.output)
        rows = printed if isinstance(printed, list) else printed["dated"] + printed["undated"]
        assert [r["statement_id"] for r in rows] == [e["statement_id"] for e in expected]
    else:
        # Every statement, each in full and in timeline order, not just the first.
        assert len(expected) > 1
        at = 0
        for entry in expected:
            words = html.escape(entry["text"]) if fmt == "html" else entry["text"]
            found = done.output.find(words, at)
            assert found >= 0, (entry["statement_id"], words)
            at = found + len(words)
        assert "Anneliese Dorn" in done.output
