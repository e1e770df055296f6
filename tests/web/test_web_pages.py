"""Every page and its JSON twin over real HTTP on loopback: what each shows, in export shape."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import lxml.html
import pytest
from handmade_store import BOILERPLATE, HANDMADE, ONE_QUOTE, SCRIPT, TWO_QUOTE

from storytrail.export import FIELDS
from storytrail.store import views
from storytrail.store.reads import TABLES

PAGES = HANDMADE.pages


def html(response: httpx.Response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def api(http: httpx.Client, path: str) -> dict:
    response = http.get("/api" + path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    return response.json()


@pytest.fixture(scope="module")
def demo_ids(web_db: Path) -> dict[str, list[str]]:
    """Ids of what the pipeline put in the store (whatever it produces today)."""
    conn = sqlite3.connect(web_db)
    ids = {
        table: [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE id NOT LIKE '%_fx_%'")]
        for table in ("articles", "stories", "statements", "entities")
    }
    conn.close()
    return ids


def demo_pages(demo_ids: dict[str, list[str]]) -> list[str]:
    return (
        [f"/articles/{i}" for i in demo_ids["articles"]]
        + [f"/articles/{i}/original" for i in demo_ids["articles"]]
        + [f"/stories/{i}" for i in demo_ids["stories"]]
        + [f"/statements/{i}" for i in demo_ids["statements"]]
        + [f"/entities/{i}" for i in demo_ids["entities"]]
        + ["/", "/search?q=dam", "/search?q=%22water+sharing%22"]
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin_answer(http, path):
    tree = html(http.get(path))
    json_link = tree.xpath("//footer//a[@class='json']/@href")
    assert json_link == ["/api" + path]
    assert isinstance(api(http, path), dict)


def test_every_demo_page_renders(http, demo_ids):
    assert len(demo_ids["articles"]) == 18
    for path in demo_pages(demo_ids):
        assert http.get(path).status_code == 200, path
        assert http.get("/api" + (path if path != "/" else "/stories")).status_code == 200, path


def export_rows(document: dict) -> int:
    """Check every export-named key of a page's document; return how many rows were seen."""
    seen = 0
    for key, rows in document.items():
        if key in FIELDS:
            for row in rows:
                assert list(row) == list(FIELDS[key]), key
                seen += 1
    return seen


def test_json_rows_carry_exactly_the_export_fields(http, demo_ids):
    seen = sum(export_rows(api(http, path)) for path in PAGES)
    seen += sum(
        export_rows(api(http, path if path != "/" else "/stories")) for path in demo_pages(demo_ids)
    )
    assert seen > 100


def test_page_queries_return_the_same_rows_as_the_export(web_db):
    """views.py reads by id; reads.py streams whole tables for export: they must agree."""
    conn = views.open_readonly(web_db)
    by_id = {
        "articles": views.articles_by_id,
        "quotes": views.quotes_by_id,
        "statements": views.statements_by_id,
        "events": views.events_by_id,
        "stories": views.stories_by_id,
        "entities": views.entities_by_id,
    }
    for table, fetch in by_id.items():
        exported = list(TABLES[table](conn))
        assert exported, table
        mine = {row["id"]: row for row in fetch(conn, [row["id"] for row in exported])}
        assert [mine[row["id"]] for row in exported] == exported, table
    articles = [row["id"] for row in TABLES["articles"](conn)]
    assert views.citations_of_articles(conn, articles) == list(TABLES["citations"](conn))
    for table, fetch in [
        ("removed", views.removed_of_article),
        ("embeds", views.embeds_of_article),
        ("time_expressions", views.time_expressions_of_article),
    ]:
        mine = [row for article_id in sorted(articles) for row in fetch(conn, article_id)]
        assert mine == list(TABLES[table](conn)), table
    assert views.rereports(conn, article_id=HANDMADE.evil_article) == [
        r for r in TABLES["rereports"](conn) if r["article_id"] == HANDMADE.evil_article
    ]
    assert sorted(views.rejections(conn), key=str) == sorted(TABLES["rejections"](conn), key=str)
    conn.close()


# --- stories and the timeline ---------------------------------------------------------


def test_stories_list_gives_date_range_speakers_and_number_of_outlets(http):
    tree = html(http.get("/stories"))
    row = tree.xpath(f"//tr[td/a[@href='/stories/{HANDMADE.story}']]")[0]
    cells = [" ".join(td.text_content().split()) for td in row.xpath("td")]
    assert cells[0] == f"River {SCRIPT}"
    # speakers: the most quoted first, then by name (here one statement each)
    assert cells[1:4] == ["2030-01-10", "2030-02-01", f"{SCRIPT} Evil, Fixture Brenner"]
    assert cells[4] == "3"
    summary = next(
        s for s in api(http, "/stories")["story_summaries"] if s["story_id"] == HANDMADE.story
    )
    assert summary == {
        "story_id": HANDMADE.story,
        "first_date": "2030-01-10",
        "last_date": "2030-02-01",
        "events": 2,
        "articles": 3,
        "outlets": 3,
        "speakers": [f"{SCRIPT} Evil", "Fixture Brenner"],
    }


def test_demo_stories_are_listed_with_their_dates(http, demo_ids):
    document = api(http, "/stories")
    listed = {s["id"] for s in document["stories"]}
    assert set(demo_ids["stories"]) <= listed
    for summary in document["story_summaries"]:
        if summary["story_id"] in demo_ids["stories"]:
            assert summary["first_date"] and summary["first_date"] <= summary["last_date"]
            assert summary["outlets"] >= 1


def test_timeline_draws_events_and_statements_on_an_axis(http):
    tree = html(http.get(f"/stories/{HANDMADE.story}"))
    svg = tree.xpath("//svg[@class='timeline']")[0]
    items = svg.xpath(".//a[contains(@class, 'item')]")
    kinds = sorted(a.get("class") for a in items)
    assert kinds == ["item event", "item event", "item statement", "item statement"]
    month = svg.xpath(f".//a[@href='/statements/{HANDMADE.evil_statement}']/rect")
    day = svg.xpath(f".//a[@href='/statements/{HANDMADE.statement}']/circle")
    assert month and float(month[0].get("width")) > 5 and day
    assert float(day[0].get("cx")) < float(month[0].get("x"))
    lanes = [t.text_content() for t in svg.xpath(".//text[@class='lane-label']")]
    assert lanes == ["Events", "Fixture Brenner", f"{SCRIPT} Evil"]
    order = texts(tree, "//ol[@class='chronology']/li/span[@class='date']")
    assert order == ["2030-01-10", "2030-01-10", "2030-02-01", "2030-02 (month)"]


@pytest.mark.parametrize(
    ("query", "events", "statements"),
    [
        ("", ["evt_fx_talks", "evt_fx_evil"], ["sta_fx_river", "sta_fx_evil"]),
        ("speaker=ent_fx_brenner", ["evt_fx_talks"], ["sta_fx_river"]),
        ("speaker=Fixture+Brenner", ["evt_fx_talks"], ["sta_fx_river"]),
        ("from=2030-01-15", ["evt_fx_evil"], ["sta_fx_evil"]),
        ("to=2030-01-31", ["evt_fx_talks"], ["sta_fx_river"]),
        ("from=2030-02-10&to=2030-02-12", [], ["sta_fx_evil"]),
        ("speaker=ent_fx_brenner&from=2030-01-15", [], []),
        ("speaker=nobody", [], []),
    ],
)
def test_timeline_filters_by_speaker_and_date(http, query, events, statements):
    document = api(http, f"/stories/{HANDMADE.story}?{query}")
    assert [e["id"] for e in document["events"]] == events
    assert [s["id"] for s in document["statements"]] == statements
    tree = html(http.get(f"/stories/{HANDMADE.story}?{query}"))
    links = tree.xpath("//ol[@class='chronology']//a[@class='statement-text']/@href")
    assert links == [f"/statements/{s}" for s in statements]


def test_a_malformed_date_filter_is_a_400_page(http):
    response = http.get(f"/stories/{HANDMADE.story}?from=last+week")
    assert response.status_code == 400
    assert "is not a date" in response.text
    assert http.get(f"/api/stories/{HANDMADE.story}?to=2030-13-01").status_code == 400


# --- the statement page -------------------------------------------------------------


def test_statement_page_shows_each_rendering_with_its_word_differences(http):
    tree = html(http.get(f"/statements/{HANDMADE.statement}"))
    variants = tree.xpath("//article[contains(@class, 'variant')]")
    assert [v.get("id") for v in variants] == ["v-quo_fx_one", "v-quo_fx_two"]
    first, second = variants
    assert texts(first, ".//p[@class='words']") == [ONE_QUOTE]
    assert texts(second, ".//del") == ["fairly", "both"]
    assert texts(second, ".//ins") == ["equally", "our two"]
    assert texts(first, ".//strong[@class='outlet']") == ["Fixture Wire"]
    assert texts(second, ".//strong[@class='outlet']") == ["Fixture Courier"]
    assert texts(second, ".//span[@class='published']") == ["2030-01-12"]
    assert texts(second, ".//dd[@class='chains']") == [
        "Fixture Courier ← reported Fixture Wire ← citing Fixture Agency"
    ]
    assert texts(first, ".//dd[@class='chains']") == ["Fixture Wire, citing no one"]
    assert second.xpath(".//a[@class='to-article']/@href") == [
        f"/articles/{HANDMADE.article_two}#q-{HANDMADE.quote_two}"
    ]


def test_statement_page_gives_the_utterance_date_and_its_evidence(http):
    tree = html(http.get(f"/statements/{HANDMADE.statement}"))
    facts = tree.xpath("//dl[@class='facts']")[0]
    assert texts(facts, "dd[1]/time") == ["2030-01-10"]
    assert texts(facts, ".//ul[@class='evidence']/li") == [
        f"attribution: 'on Friday' {SCRIPT} — Fixture Wire"
    ]
    rereport = texts(tree, "//section[@class='rereports']//li")
    assert rereport and "repeats old words" in rereport[0]


def test_statement_json_carries_the_differences_and_the_rows(http):
    document = api(http, f"/statements/{HANDMADE.statement}")
    assert [q["id"] for q in document["quotes"]] == [HANDMADE.quote_one, HANDMADE.quote_two]
    assert [a["id"] for a in document["articles"]] == [HANDMADE.article_one, HANDMADE.article_two]
    assert [e["id"] for e in document["entities"]] == [HANDMADE.speaker]
    (diff,) = document["diffs"]
    assert diff["quote_id"] == HANDMADE.quote_two
    assert diff["reference_quote_id"] == HANDMADE.quote_one
    changed = [(s["op"], s["text"].strip()) for s in diff["segments"] if s["op"] != "equal"]
    assert changed == [
        ("delete", "fairly"),
        ("insert", "equally"),
        ("delete", "both"),
        ("insert", "our two"),
    ]
    joined = "".join(s["text"] for s in diff["segments"] if s["op"] != "delete")
    assert joined == TWO_QUOTE


# --- entities -------------------------------------------------------------------------


def test_speaker_page_lists_aliases_and_statements_in_date_order(http):
    tree = html(http.get(f"/entities/{HANDMADE.speaker}"))
    assert texts(tree, "//span[@class='alias']") == ["Brenner", "the minister"]
    assert tree.xpath("//ol[@class='chronology']//a/@href") == [f"/statements/{HANDMADE.statement}"]
    assert tree.xpath("//svg[@class='timeline']//circle")
    document = api(http, f"/entities/{HANDMADE.speaker}")
    assert [e["id"] for e in document["events"]] == ["evt_fx_talks"]


def test_outlet_page_lists_its_articles_and_index_counts_statements(http):
    tree = html(http.get(f"/entities/{HANDMADE.outlet}"))
    assert tree.xpath("//ul[@class='articles']//a/@href") == [f"/articles/{HANDMADE.article_one}"]
    counts = api(http, "/entities")["statement_counts"]
    assert counts[HANDMADE.speaker] == 1 and counts[HANDMADE.outlet] == 0


# --- articles ------------------------------------------------------------------------


def cleaned_text(tree: lxml.html.HtmlElement) -> str:
    """The article text as shown, without the little numbered links after each quote."""
    (div,) = tree.xpath("//div[contains(@class, 'text')]")
    for ref in div.xpath(".//a[@class='ref']"):
        ref.drop_tree()
    return div.text_content()


def test_article_page_marks_the_quote_span_and_links_to_the_original(http):
    tree = html(http.get(f"/articles/{HANDMADE.article_one}"))
    (mark,) = tree.xpath(f"//mark[@id='q-{HANDMADE.quote_one}']")
    assert mark.text_content() == ONE_QUOTE
    document = api(http, f"/articles/{HANDMADE.article_one}")
    (quote,) = document["quotes"]
    assert document["original_spans"] == [
        {
            "quote_id": HANDMADE.quote_one,
            "start": quote["start"] + HANDMADE.one_shift,
            "end": quote["end"] + HANDMADE.one_shift,
        }
    ]
    (link,) = tree.xpath("//a[@class='to-original']")
    assert link.get("href") == f"/articles/{HANDMADE.article_one}/original#oq-{HANDMADE.quote_one}"
    original = html(http.get(link.get("href").split("#")[0]))
    (in_original,) = original.xpath(f"//mark[@id='oq-{HANDMADE.quote_one}']")
    assert in_original.text_content() == ONE_QUOTE
    (removed,) = original.xpath("//mark[@id='r-0']")
    assert removed.text_content() == BOILERPLATE.strip()


def test_removed_boilerplate_is_there_on_request(http):
    tree = html(http.get(f"/articles/{HANDMADE.article_one}"))
    (details,) = tree.xpath("//details[@class='removed']")
    assert details.get("open") is None
    assert "Source link" in details.text_content()


def test_every_demo_article_shows_its_cleaned_text_exactly_with_its_quotes_marked(http, demo_ids):
    for article_id in demo_ids["articles"]:
        document = api(http, f"/articles/{article_id}")
        (article,) = document["articles"]
        tree = html(http.get(f"/articles/{article_id}"))
        assert cleaned_text(tree) == article["text"], article_id
        for quote in document["quotes"]:
            (mark,) = tree.xpath(f"//mark[@id='q-{quote['id']}']")
            assert mark.text_content() == article["text"][quote["start"] : quote["end"]]
        original = html(http.get(f"/articles/{article_id}/original"))
        assert cleaned_text(original) == article["original"], article_id


# --- search and ingest -------------------------------------------------------------------


def test_search_finds_articles_and_quotes_and_marks_the_match(http):
    tree = html(http.get("/search", params={"q": "river"}))
    article_links = tree.xpath("//section[contains(@class, 'articles')]//a[@class='hit']/@href")
    assert f"/articles/{HANDMADE.article_one}" in article_links
    quote_links = tree.xpath("//section[contains(@class, 'quotes')]//a[@class='hit']/@href")
    assert f"/articles/{HANDMADE.article_one}#q-{HANDMADE.quote_one}" in quote_links
    marked = {m.lower() for m in texts(tree, "//section//mark")}
    assert marked == {"river"}


def test_search_covers_the_demo_corpus_with_fts5_syntax(http):
    document = api(http, "/search?q=dam+AND+turbines&in=articles")
    assert document["quotes"] == []
    assert document["articles"]
    assert all("turbine" in (a["text"] or a["original"]).lower() for a in document["articles"])
    phrase = api(http, "/search?q=%22upper+seln+dam%22")["articles"]
    assert phrase and all("upper seln dam" in a["text"].lower() for a in phrase)
    prefix = api(http, "/search?q=brenn*&in=articles")["articles"]
    assert prefix and all("brenn" in a["text"].lower() for a in prefix)


def test_a_query_one_index_cannot_read_is_reported_for_that_index(http):
    response = http.get("/search", params={"q": "speaker: brenner"})
    assert response.status_code == 200
    warnings = texts(html(response), "//p[@class='warning']")
    assert len(warnings) == 1 and warnings[0].startswith("The articles index cannot read")
    document = api(http, "/search?q=speaker%3A+brenner")
    assert HANDMADE.quote_one in [q["id"] for q in document["quotes"]]


def test_a_malformed_query_is_a_400_that_says_what_to_change(http):
    response = http.get("/search", params={"q": '"unbalanced'})
    assert response.status_code == 400
    assert "a quotation mark is not closed" in html_text(response)
    assert http.get("/api/search", params={"q": "AND"}).status_code == 400
    assert http.get("/search", params={"q": "x", "in": "everything"}).status_code == 400


def html_text(response: httpx.Response) -> str:
    return lxml.html.fromstring(response.text).text_content()


def test_empty_search_shows_the_syntax_help(http):
    tree = html(http.get("/search"))
    (details,) = tree.xpath("//details[@class='syntax']")
    assert details.get("open") is not None
    assert "NEAR(dam release, 5)" in details.text_content()


def test_ingest_page_lists_refused_inputs_with_reasons(http):
    tree = html(http.get("/ingest"))
    assert texts(tree, "//td[@class='reason']") == ['binary: "><img src=x onerror=alert(1)>']
    (row,) = api(http, "/ingest")["rejections"]
    assert row["times"] == 2 and row["line"] == 3


# --- what is not there ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/stories/sto_nope",
        "/statements/sta_nope",
        "/entities/ent_nope",
        "/articles/art_nope",
        "/articles/art_nope/original",
        "/nothing/here",
        "/static/nope.css",
    ],
)
def test_unknown_ids_are_404_pages_not_tracebacks(http, path):
    response = http.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text and 'File "' not in response.text
    assert html_text(response).count("404") >= 1
    if not path.startswith("/static"):
        twin = http.get("/api" + path)
        assert twin.status_code == 404
        assert twin.json()["error"] == 404


def test_a_page_number_that_is_not_a_number_is_a_400(http):
    assert http.get("/stories?page=two").status_code == 400
    assert http.get("/stories?page=999").status_code == 200


def test_a_statement_with_no_rendering_left_and_no_speaker_still_has_a_page(http):
    tree = html(http.get(f"/statements/{HANDMADE.bare_statement}"))
    assert texts(tree, "//main/h1") == ["unknown speaker"]
    assert texts(tree, "//p[@class='empty']")[0].startswith("No article carries")
    document = api(http, f"/statements/{HANDMADE.bare_statement}")
    assert document["quotes"] == [] and document["diffs"] == [] and document["entities"] == []


def test_an_article_not_built_yet_shows_its_original_and_says_so(http):
    tree = html(http.get(f"/articles/{HANDMADE.unbuilt_article}"))
    assert "Not built yet" in texts(tree, "//p[@class='warning']")[0]
    assert texts(tree, "//div[contains(@class, 'text')]") == [f"Not built yet {SCRIPT}"]
    document = api(http, f"/articles/{HANDMADE.unbuilt_article}")
    assert document["articles"][0]["text"] is None
    assert document["original_spans"] == [] and document["quotes"] == []


def test_a_speakers_statements_come_a_page_at_a_time_in_the_order_said(web_db):
    from storytrail.web.config import WebSettings
    from storytrail.web.pages import entity_page

    conn = views.open_readonly(web_db)
    speaker = conn.execute(
        "SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL"
        " GROUP BY speaker_id HAVING COUNT(*) >= 3 LIMIT 1"
    ).fetchone()
    # The demo corpus gives Tomas Brenner and Anneliese Dorn many statements each: none
    # with three is a pipeline regression, not a reason to skip.
    assert speaker is not None, "no speaker of the demo corpus has three statements"
    small = WebSettings(entity_statements=2)
    first = entity_page(conn, speaker[0], 1, small)
    second = entity_page(conn, speaker[0], 2, small)
    everything = entity_page(conn, speaker[0], 1)
    conn.close()
    assert first.context["total"] == second.context["total"] >= 3
    assert first.context["pages"] == (first.context["total"] + 1) // 2
    shown = [s["id"] for s in first.document["statements"] + second.document["statements"]]
    assert shown == [s["id"] for s in everything.document["statements"]][:4]


def test_search_ranks_like_fts5_and_says_when_it_ranked_only_the_newest(web_db):
    from storytrail.store.reads import search_articles
    from storytrail.web.config import WebSettings
    from storytrail.web.texts import search_page

    conn = views.open_readonly(web_db)
    full = search_page(conn, "dam", "articles", WebSettings(search_results=5))
    cut = search_page(conn, "dam", "articles", WebSettings(search_results=2, search_rank_window=3))
    best = [row["id"] for row in search_articles(conn, "dam", 5)]
    newest = [r[0] for r in conn.execute("SELECT a.id FROM articles_fts JOIN articles a ON"
              " a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'dam'"
              " ORDER BY articles_fts.rowid DESC LIMIT 3")]  # fmt: skip
    conn.close()
    assert [a["id"] for a in full.document["articles"]] == best
    assert full.document["matches"]["articles"]["matches"] > 3
    assert cut.document["matches"]["articles"]["ranked"] == 3
    assert {a["id"] for a in cut.document["articles"]} <= set(newest)
    assert len(cut.document["articles"]) == 2


def test_search_page_says_how_many_matched(http):
    tree = html(http.get("/search", params={"q": "dam", "in": "articles"}))
    (count,) = texts(tree, "//section[contains(@class, 'articles')]//span[@class='count']")
    matches = api(http, "/search?q=dam&in=articles")["matches"]["articles"]["matches"]
    assert count.startswith(f"{matches} matches") and matches > 2
