"""The web app against everyday punctuation and hostile parameters (issue 16): searches that
take any text and keep it in the box, bounded search cost, 400 (never 500) for numbers and
dates out of range, and absurd stored dates listed as text, never computed with."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import lxml.html
import pytest
from live_server import LiveServer

from storytrail import Store
from storytrail.ingest.article import make_article
from storytrail.settings import DEFAULTS

ARTICLES = {
    "Brenner's dam plan": "Minister Brenner's plan for the dam was read out in Lorvik on Monday.",
    "Water-sharing deal": "The water-sharing deal gives each valley half of the spring flow.",
    "U.S. envoy arrives": "A U.S. envoy arrived to watch the talks, officials in Lorvik said.",
    "Is Kestria ready?": "Is Kestria ready? Engineers say 50% of the canal is lined already.",
}
STORY = "sto_far_future"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few unbuilt articles, and a story whose one event is dated 9999-12-28."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Store(path) as store:
        ids = [
            store.add_article(make_article("fixture", text, title=title)).article_id
            for title, text in ARTICLES.items()
        ]
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO events (id, title, date, place) VALUES"
                " ('evt_far', 'Dam reopening', '9999-12-28', 'Lorvik'),"
                " ('evt_near', 'Dam vote', '2023-05-02', 'Lorvik')"
            )
            conn.executemany(
                "INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)",
                [("evt_far", ids[0]), ("evt_near", ids[1])],
            )
            conn.execute("INSERT INTO stories (id, title) VALUES (?, 'The dam')", (STORY,))
            conn.execute(
                "INSERT INTO story_events (story_id, event_id)"
                " VALUES (?, 'evt_far'), (?, 'evt_near')",
                (STORY, STORY),
            )
    return path


@pytest.fixture(scope="module")
def client(hostile_db: Path):
    with LiveServer(hostile_db) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        yield http


def box(response: httpx.Response) -> str:
    (value,) = lxml.html.fromstring(response.text).xpath(
        "//form[@class='search-page']//input/@value"
    )
    return value


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Brenner's", "Brenner's dam plan"),
        ("water-sharing", "Water-sharing deal"),
        ("U.S.", "U.S. envoy arrives"),
        ("Kestria?", "Is Kestria ready?"),
        ("50%", "Is Kestria ready?"),
        ("dam, Lorvik", "Brenner's dam plan"),
    ],
)
def test_search_takes_everyday_punctuation(client, query, title):
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200
    assert box(response) == query
    found = client.get("/api/search", params={"q": query, "in": "articles"}).json()
    assert [a["title"] for a in found["articles"]] == [title]


def test_a_query_that_cannot_be_searched_keeps_the_box_and_says_what_to_change(client):
    response = client.get("/search", params={"q": 'dam AND "valley'})
    assert response.status_code == 400
    assert box(response) == 'dam AND "valley'
    (warning,) = lxml.html.fromstring(response.text).xpath("//p[@class='warning']/text()")
    assert "quotation mark is not closed" in warning
    twin = client.get("/api/search", params={"q": 'dam AND "valley'})
    assert twin.status_code == 400
    assert "quotation mark is not closed" in twin.json()["detail"]


def test_a_24_kb_query_is_refused_at_once(client):
    query = "dam " * 6_000
    started = time.monotonic()
    response = client.get("/api/search", params={"q": query})
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert f"at most {DEFAULTS.search_max_chars:,} are searched" in response.json()["detail"]
    assert elapsed < 30  # a guard against hanging, not a timing claim (bench/search.py times it)


@pytest.mark.parametrize(
    "path",
    [
        "/stories?page=99999999999999999999",
        "/stories?page=0",
        "/stories?page=-3",
        "/stories?page=1e9",
        f"/entities/ent_x?page={10**30}",
        f"/stories/{STORY}?from=9999-12-28",
        f"/stories/{STORY}?to=0001-01-01",
    ],
)
def test_numbers_and_dates_out_of_range_are_400(client, path):
    for prefix in ("", "/api"):
        response = client.get(prefix + path)
        assert response.status_code == 400, (prefix + path, response.text[:300])
        assert "Traceback" not in response.text


def test_a_story_dated_9999_is_shown_with_that_date_as_text(client):
    response = client.get(f"/stories/{STORY}")
    assert response.status_code == 200
    assert "Dam reopening" in response.text and "9999-12-28" in response.text
    assert client.get("/stories").status_code == 200
    assert client.get(f"/api/stories/{STORY}").status_code == 200
