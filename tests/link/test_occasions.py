"""Quotes dated by the occasion their sentence names, once linking dates that occasion."""

from __future__ import annotations

from storytrail.link.occasions import date_from_events, occasion_phrase
from storytrail.model import Event, Quote

TEXT = (
    "Leaders met at Lorvik for two days. “We have a deal,” she said at the summit's "
    "closing news conference. A week later she told a radio host: “It will hold.”"
)


def quote(words: str) -> Quote:
    start = TEXT.index(words)
    return Quote(
        id=f"quo_{start}", article_id="art_1", kind="direct", text=words, start=start,
        end=start + len(words),
    )  # fmt: skip


def test_a_quote_said_at_the_dated_occasion_takes_its_date_with_the_phrase_as_evidence():
    event = Event("evt_1", "Lorvik summit", date="2024-05-02", article_ids=["art_1"])
    (dated,) = date_from_events([quote("We have a deal,")], [event], {"art_1": TEXT})
    assert (dated.date, dated.date_granularity) == ("2024-05-02", "day")
    assert dated.date_source.startswith("event:")
    evidence = TEXT[dated.date_evidence_start : dated.date_evidence_end]
    assert evidence == "at the summit's closing news conference"


def test_a_quote_that_names_no_occasion_stays_undated():
    event = Event("evt_1", "Lorvik summit", date="2024-05-02", article_ids=["art_1"])
    (later,) = date_from_events([quote("It will hold.")], [event], {"art_1": TEXT})
    assert later.date is None


def test_an_undated_event_dates_nothing_and_a_dated_quote_keeps_its_date():
    undated = Event("evt_1", "Lorvik summit", article_ids=["art_1"])
    (same,) = date_from_events([quote("We have a deal,")], [undated], {"art_1": TEXT})
    assert same.date is None
    event = Event("evt_1", "Lorvik summit", date="2024-05-02", article_ids=["art_1"])
    own = quote("We have a deal,")
    own.date = "2024-05-01"
    (kept,) = date_from_events([own], [event], {"art_1": TEXT})
    assert kept.date == "2024-05-01"


def test_the_occasion_must_be_in_the_quotes_own_sentence():
    start = TEXT.index("It will hold.")
    assert occasion_phrase(TEXT, start, start + len("It will hold.")) is None
