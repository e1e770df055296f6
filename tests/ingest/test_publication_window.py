"""Publication dates outside a sane window are refused at ingest, with the reason."""

from __future__ import annotations

import json
from datetime import date

import pytest

from storytrail import Store, ingest

BODY = "The harbour board met on Tuesday and agreed to dredge the northern channel again."


@pytest.mark.parametrize("published", ["0001-01-01", "1799-12-31", "9999-12-28T10:00:00Z"])
def test_a_date_outside_the_window_costs_its_line_with_the_reason(tmp_path, published):
    manifest = tmp_path / "m.jsonl"
    lines = [
        {"text": BODY, "published": published},
        {"text": BODY + " The vote was close.", "published": "2023-04-05"},
    ]
    manifest.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [manifest])
        dates = [r[0] for r in store.conn.execute("SELECT published FROM articles")]
    assert report.added == 1 and dates == ["2023-04-05"]
    (refused,) = report.rejections
    assert refused.line == 1
    assert f"published: {published!r} is outside the years 1800–" in refused.reason


def test_the_window_runs_from_1800_to_next_year(tmp_path):
    manifest = tmp_path / "m.jsonl"
    edges = ["1800-01-01", f"{date.today().year + 1}-12-31", f"{date.today().year + 2}-01-01"]
    manifest.write_text(
        "\n".join(
            json.dumps({"text": f"{BODY} Note {n}.", "published": d}) for n, d in enumerate(edges)
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "s.db") as store:
        report = ingest(store, [manifest])
    assert report.added == 2
    assert [r.line for r in report.rejections] == [3]
