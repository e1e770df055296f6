"""Two outlets' reports of one summit, pasted without any metadata, are one event.

Fictional texts written for this test: the same speaker, the same day ("on
Tuesday"), the same remark rendered twice, no dates, no outlets, no URLs.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storytrail import Store, build
from storytrail.api import link, similar
from storytrail.cli import main
from storytrail.ingest.article import make_article

FIRST = """Dorn presses for river treaty at Marenholt summit

Foreign Minister Anneliese Dorn told the summit in Marenholt on Tuesday that Kestria
would not sign any accord without guaranteed summer flows.

"We will not trade our farmers' water for a photograph," Dorn said, as delegates from
both banks of the Seln listened.
"""

SECOND = """Kestrian minister sets terms at river summit

Speaking at the Marenholt summit on Tuesday, Anneliese Dorn said Kestria wanted
summer flows written into any treaty.

"We will not trade our farmers' water for a photograph," said Dorn, whose delegation
arrived a day late.
"""

OTHER = """Harbour cranes arrive in Orsk

Three new container cranes reached the port of Orsk on Monday, the harbour board said,
ending a two-year wait for dockers and shipping lines.
"""


@pytest.fixture(scope="module")
def summit(tmp_path_factory):
    """A store of the three pasted texts, built and linked; the articles in input order."""
    path = tmp_path_factory.mktemp("summit") / "summit.db"
    articles = [make_article(f"paste:{i}", text) for i, text in enumerate((FIRST, SECOND, OTHER))]
    with Store(path) as store:
        list(store.add_articles(articles))
        build(store)
        link(store)
    return path, articles


def test_two_reports_of_one_summit_without_metadata_are_one_event(summit):
    path, articles = summit
    with Store(path) as store:
        events = store.conn.execute(
            "SELECT e.title, e.place, group_concat(ea.article_id) AS members FROM events e"
            " JOIN event_articles ea ON ea.event_id = e.id GROUP BY e.id"
        ).fetchall()
        summit_events = [e for e in events if articles[0].id in e["members"]]
        assert len(summit_events) == 1
        (event,) = summit_events
        assert articles[1].id in event["members"]
        assert articles[2].id not in event["members"]
        assert event["place"] == "Marenholt"
        assert "untitled" not in event["title"]
        closest = similar(store, articles[0].id, limit=2)
    assert closest[0].article_id == articles[1].id
    assert closest[0].same_event
    assert closest[0].shared_statements >= 1


def test_similar_command_shows_headlines_scores_and_reasons(summit):
    path, articles = summit
    result = CliRunner().invoke(main, ["--db", str(path), "similar", articles[0].id])
    assert result.exit_code == 0, result.output
    first, reasons = result.output.splitlines()[:2]
    assert "Kestrian minister sets terms at river summit" in first
    assert "same event" in reasons and "shared statement" in reasons
    result = CliRunner().invoke(main, ["--db", str(path), "similar", "art_missing", "--json"])
    assert result.exit_code != 0
    assert "art_missing" in result.output
