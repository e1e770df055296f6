"""One query builder for every search: everyday text searched as words, the FTS5 operators
kept, a clear message for what cannot be searched, and bounded cost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storytrail.ingest.article import make_article
from storytrail.settings import DEFAULTS
from storytrail.store.reads import search_articles
from storytrail.store.search import QUOTES, SearchSyntaxError, search

ARTICLES = {
    "Brenner's dam plan": "Minister Brenner's plan for the dam was read out in Lorvik on Monday.",
    "Water-sharing deal": "The water-sharing deal gives each valley half of the spring flow.",
    "U.S. envoy arrives": "A U.S. envoy arrived to watch the talks, officials in Lorvik said.",
    "Turbines ordered": "The operator ordered turbines; the dam, turbines and all, opens in May.",
    "Is Kestria ready?": "Is Kestria ready? Engineers say 50% of the canal is lined already.",
    "Fishers object": "We don't want the river closed, a fisher said at the harbour meeting.",
}


@pytest.fixture
def filled(store):
    for title, text in ARTICLES.items():
        store.add_article(make_article("fixture", text, title=title))
    return store


def titles(store, query: str) -> set[str]:
    return {row["title"] for row in search_articles(store.conn, query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Brenner's", {"Brenner's dam plan"}),
        ("water-sharing", {"Water-sharing deal"}),
        ("U.S.", {"U.S. envoy arrives"}),
        ("dam, turbines", {"Turbines ordered"}),
        ("Kestria?", {"Is Kestria ready?"}),
        ("50%", {"Is Kestria ready?"}),
        ("don't", {"Fishers object"}),
        ("Brenner: plan", {"Brenner's dam plan"}),
    ],
)
def test_everyday_punctuation_is_searched_as_words(filled, query, expected):
    assert titles(filled, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dam OR envoy", {"Brenner's dam plan", "Turbines ordered", "U.S. envoy arrives"}),
        ("dam NOT turbines", {"Brenner's dam plan"}),
        ('"spring flow"', {"Water-sharing deal"}),
        ('"flow spring"', set()),
        ("turb*", {"Turbines ordered"}),
        ('"water shar"*', {"Water-sharing deal"}),
        ("NEAR(envoy talks, 4)", {"U.S. envoy arrives"}),
        ("NEAR(envoy officials, 2)", set()),
        ("title: turbines", {"Turbines ordered"}),
        ("(dam OR canal) AND Lorvik", {"Brenner's dam plan"}),
        ("turbines and all", {"Turbines ordered"}),  # a lower-case "and" is a word
        ("lorvik and dam", set()),
    ],
)
def test_the_fts5_operators_stay_for_those_who_use_them(filled, query, expected):
    assert titles(filled, query) == expected


@pytest.mark.parametrize(
    ("query", "advice"),
    [
        ('dam AND "', "quotation mark is not closed"),
        ("NOT dam", "NOT needs a word before it"),
        ("dam AND", "AND at the end needs a word after it"),
        ("dam OR AND turbines", "AND needs a word before it"),
        ("(dam OR canal", "a ( is not closed"),
        ("dam)", "a ) has no ( before it"),
        ("?! -", "nothing to search for"),
        ("NEAR(dam, x)", "the distance must be a whole number"),
        ("title:", "needs a word after it"),
    ],
)
def test_a_query_that_cannot_be_searched_says_what_to_change(filled, query, advice):
    with pytest.raises(SearchSyntaxError) as caught:
        search_articles(filled.conn, query)
    assert advice in str(caught.value)


def test_a_column_the_index_lacks_is_named_with_the_columns_it_has():
    from storytrail.store.query import fts_query

    with pytest.raises(SearchSyntaxError) as caught:
        fts_query("title: dam", QUOTES.columns)
    assert "no column 'title' (it has text, speaker)" in str(caught.value)


def test_queries_over_the_caps_are_refused_before_sqlite_sees_them(filled):
    many = " OR ".join(f"w{n}" for n in range(100))  # 100 words in 700 characters
    with pytest.raises(SearchSyntaxError) as caught:
        search_articles(filled.conn, many)
    assert f"at most {DEFAULTS.search_max_terms} are searched" in str(caught.value)
    long_text = "dam " * 3_000
    with pytest.raises(SearchSyntaxError) as caught:
        search_articles(filled.conn, long_text)
    assert "search_max_chars" in str(caught.value)


def test_a_query_running_past_the_time_limit_is_stopped_with_advice(filled):
    from storytrail.store.query import SearchTimeout
    from storytrail.store.search import ARTICLES as INDEX

    no_time = replace(DEFAULTS, search_max_seconds=0.0)
    with pytest.raises(SearchTimeout) as caught:
        search(filled.conn, INDEX, "dam OR canal OR envoy", 20, ("[", "]"), 2000, no_time)
    assert "took over 0 s and was stopped" in str(caught.value)
    # The connection is usable again afterwards: the progress handler is removed.
    assert titles(filled, "canal") == {"Is Kestria ready?"}
