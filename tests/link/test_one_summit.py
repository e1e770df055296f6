"""Two outlets' reports of one summit, pasted without any metadata, are one event.

Fictional texts written for this test: the same speaker, the same day ("on
Tuesday"), the same remark rendered twice, no dates, no outlets, no URLs.
"""

from __future__ import annotations

from storytrail import Store, build
from storytrail.api import link, similar
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


def test_two_reports_of_one_summit_without_metadata_are_one_event(tmp_path):
    with Store(tmp_path / "summit.db") as store:
        articles = [
            make_article(f"paste:{i}", text) for i, text in enumerate((FIRST, SECOND, OTHER))
        ]
        list(store.add_articles(articles))
        build(store)
        link(store)
        events = store.conn.execute(
            "SELECT e.title, e.place, group_concat(ea.article_id) AS members FROM events e"
            " JOIN event_articles ea ON ea.event_id = e.id GROUP BY e.id"
        ).fetchall()
        summit = [e for e in events if articles[0].id in e["members"]]
        assert len(summit) == 1
        assert articles[1].id in summit[0]["members"]
        assert articles[2].id not in summit[0]["members"]
        assert summit[0]["place"] == "Marenholt"
        assert "untitled" not in summit[0]["title"]
        closest = similar(store, articles[0].id, limit=2)
        assert closest[0].article_id == articles[1].id
        assert closest[0].same_event
        assert closest[0].shared_statements >= 1
