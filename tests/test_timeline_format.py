"""The timeline as a person reads it: Markdown that nests, and plain words for what is unknown."""

from __future__ import annotations

import lxml.html
from markdown_it import MarkdownIt

from storytrail import timeline


def entry(text: str, carriers: list[dict], date: str | None = "2023-06-15") -> dict:
    return {
        "statement_id": "sta_1",
        "date": date,
        "date_granularity": "day",
        "speaker": "Ilse Varga",
        "text": text,
        "first_reported": date,
        "event": {"id": "evt_1", "title": "Harbour board meeting", "place": "Lorvik"},
        "carriers": carriers,
    }


def carrier(outlet: str | None, published: str | None, text: str) -> dict:
    return {
        "quote_id": "quo_1",
        "kind": "direct",
        "text": text,
        "start": 0,
        "end": len(text),
        "date_source": "published",
        "article_id": "art_1",
        "outlet": outlet,
        "published": published,
        "url": None,
        "title": None,
        "rereport": False,
    }


WORDS = "The ferry will run\nevery hour from May"
ENTRIES = [
    entry(
        WORDS,
        [
            carrier("Harbour Gazette", "2023-06-15T09:30:00+02:00", WORDS),
            carrier("Coast *Courier*", "2023-06-16", "The ferry will run every two hours from May"),
        ],
    ),
    entry("We are not closing the pier", [carrier(None, None, "We are not closing the pier")]),
]


def test_markdown_nests_each_statements_details_under_it():
    rendered = lxml.html.fromstring(MarkdownIt().render(timeline.render(ENTRIES, "markdown")))
    items = rendered.xpath("//ul/li[not(ancestor::li)]")
    assert len(items) == 2  # one list item per statement, not one per line
    first = items[0]
    assert first.xpath("./strong")[0].text_content() == (
        "2023-06-15  Ilse Varga: \u201cThe ferry will run every hour from May\u201d"
    )
    details = [" ".join(li.text_content().split()) for li in first.xpath("./ul/li")]
    assert details[0] == "at Harbour board meeting, Lorvik"
    assert details[1] == "carried by Harbour Gazette, 2023-06-15; Coast *Courier*, 2023-06-16"
    assert details[2].startswith("Coast *Courier*: ")
    assert not rendered.xpath("//em")  # the outlet's asterisks stay text


def test_a_carrier_without_outlet_or_date_says_so():
    for fmt in ("text", "markdown", "html"):
        out = timeline.render(ENTRIES, fmt)
        assert "carried by outlet unknown, date unknown" in out
        assert "?" not in out.replace("<?", "")


def test_text_output_keeps_each_statement_on_its_line():
    lines = timeline.render(ENTRIES, "text").splitlines()
    assert "2023-06-15  Ilse Varga: \u201cThe ferry will run every hour from May\u201d" in lines
    assert not any(line.startswith("every hour") for line in lines)
