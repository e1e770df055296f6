"""Invariants of the resolver, checked with hypothesis."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrail.nlp import load_pipeline
from storytrail.time import PublicationDate, time_expressions
from storytrail.time.dates import month_day_from, weekday_from
from storytrail.time.reading import Anchor
from storytrail.time.resolve import resolve

RELATIVE = [
    "yesterday",
    "today",
    "earlier today",
    "tomorrow",
    "last night",
    "the day before yesterday",
    "a week ago",
    "two days ago",
    "three weeks ago",
    "in three days",
    "on Monday",
    "Wednesday",
    "Friday evening",
    "Sunday night",
    "last Friday",
    "next Tuesday",
    "this Thursday",
    "the weekend",
]
ANY_WORDS = [
    *RELATIVE,
    *("last week", "last month", "August of last year", "November 23", "Wednesday, November 23"),
    *("14 March 2022", "the end of the year", "2019", "early August", "next week", "11/20/2022"),
    "the day before",
]
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2034, 12, 24))
tenses = st.sampled_from(["past", "future"])


# No deadline: the first call into dateparser imports its language data (~0.2 s).
@settings(deadline=None)
@given(st.sampled_from(ANY_WORDS), days, tenses, st.one_of(st.none(), days))
def test_resolution_is_deterministic(words, day, tense, previous):
    before = None if previous is None else Anchor(day=previous)
    first = resolve(words, Anchor(day=day), tense, before)
    second = resolve(words, Anchor(day=day), tense, before)
    assert first == second


@settings(deadline=None)
@given(st.sampled_from(RELATIVE), days, tenses)
def test_a_relative_day_resolved_against_d_and_d_plus_7_differs_by_exactly_7_days(
    words, day, tense
):
    here = resolve(words, Anchor(day=day), tense)
    later = resolve(words, Anchor(day=day + timedelta(days=7)), tense)
    assert here is not None and later is not None
    assert here.granularity == later.granularity == "day"
    # A part of the day makes a TimeML time ("2022-11-21TNI"); its first ten characters are the day.
    assert date.fromisoformat(later.value[:10]) - date.fromisoformat(here.value[:10]) == timedelta(
        days=7
    )


@given(days, st.integers(0, 6), tenses, st.booleans())
def test_a_weekday_is_never_more_than_a_week_from_the_anchor_and_on_the_right_side(
    day, weekday, direction, same_day
):
    found = weekday_from(day, weekday, direction, same_day)
    assert found.weekday() == weekday
    gap = (found - day).days
    assert (0 <= gap <= 7) if direction == "future" else (-7 <= gap <= 0)
    if not same_day:
        assert gap != 0


@given(days, st.integers(1, 12), st.integers(1, 28), tenses)
def test_a_date_without_a_year_never_lands_on_the_wrong_side_of_the_anchor(
    day, month, dom, direction
):
    found = month_day_from(day, month, dom, direction)
    assert found is not None and (found.month, found.day) == (month, dom)
    assert (found >= day) if direction == "future" else (found <= day)
    assert abs((found - day).days) <= 366


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@settings(max_examples=25, deadline=None)
@given(days)
def test_time_expressions_of_one_doc_are_deterministic(nlp, day):
    doc = nlp("On Monday the minister said that talks would resume next week, a week ago.")
    anchor = PublicationDate(day.isoformat(), "day", "manifest", 1.0)
    assert time_expressions(doc, anchor) == time_expressions(doc, anchor)
