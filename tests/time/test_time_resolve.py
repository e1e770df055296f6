"""Resolving the words of one time expression against an anchor (storytrail/time/resolve.py)."""

from datetime import date

import pytest

from storytrail.time.reading import Anchor
from storytrail.time.resolve import resolve

WEDNESDAY = Anchor(day=date(2022, 11, 23))


def value(text, anchor=WEDNESDAY, tense="past", previous=None):
    reading = resolve(text, anchor, tense, previous)
    assert reading is not None, text
    return reading.value, reading.granularity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", ("2022-11-22", "day")),
        ("earlier today", ("2022-11-23", "day")),
        ("Today", ("2022-11-23", "day")),
        ("tomorrow", ("2022-11-24", "day")),
        ("last night", ("2022-11-22TNI", "day")),
        ("the day before yesterday", ("2022-11-21", "day")),
        ("two days ago", ("2022-11-21", "day")),
        ("in three days", ("2022-11-26", "day")),
    ],
)
def test_day_words_count_days_from_the_anchor(text, expected):
    assert value(text) == expected


def test_a_week_ago_is_a_day_seven_days_back_not_a_week():
    assert value("A week ago") == ("2022-11-16", "day")


def test_last_week_is_the_previous_iso_week():
    assert value("last week") == ("2022-W46", "week")


def test_next_week_is_the_following_iso_week():
    assert value("next week", Anchor(day=date(2025, 7, 10)), "future") == ("2025-W29", "week")


def test_last_month_and_earlier_this_month_are_months():
    assert value("last month") == ("2022-10", "month")
    assert value("earlier this month") == ("2022-11", "month")
    assert value("next month", tense="future") == ("2022-12", "month")


def test_of_last_year_moves_the_month_into_the_previous_year():
    assert value("August of last year") == ("2021-08", "month")
    assert value("in September of last year") == ("2021-09", "month")


def test_early_and_mid_month_are_the_month_itself():
    assert value("early August") == ("2022-08", "month")
    assert value("mid-August") == ("2022-08", "month")


def test_a_bare_month_in_the_past_is_the_latest_such_month_not_after_the_anchor():
    assert value("March") == ("2022-03", "month")
    assert value("December", Anchor(day=date(2023, 2, 8))) == ("2022-12", "month")


def test_a_bare_month_in_the_future_is_the_next_such_month():
    assert value("September", Anchor(day=date(2023, 6, 15)), "future") == ("2023-09", "month")
    assert value("January", Anchor(day=date(2024, 9, 18)), "future") == ("2025-01", "month")


def test_last_november_is_the_november_before_the_anchor():
    assert value("last November’s", Anchor(day=date(2023, 6, 15))) == ("2022-11", "month")


def test_the_end_of_the_year_is_its_last_month():
    assert value("the end of the year", tense="future") == ("2022-12", "month")
    assert value("the start of next year", tense="future") == ("2023-01", "month")


def test_a_year_is_a_year():
    assert value("2019") == ("2019", "year")
    assert value("last year") == ("2021", "year")


def test_an_absolute_date_needs_no_anchor():
    assert value("14 March 2022", Anchor()) == ("2022-03-14", "day")
    assert value("Nov. 23, 2022", Anchor()) == ("2022-11-23", "day")


def test_a_numeric_date_goes_to_dateparser():
    reading = resolve("11/20/2022", WEDNESDAY)
    assert (reading.value, reading.source) == ("2022-11-20", "dateparser")


def test_a_date_without_a_year_is_placed_by_tense():
    assert value("November 23", Anchor(day=date(2022, 11, 24))) == ("2022-11-23", "day")
    assert value("1 January", Anchor(day=date(2025, 7, 9))) == ("2025-01-01", "day")
    assert value("October 22", tense="future") == ("2023-10-22", "day")


def test_a_range_of_days_has_a_first_and_a_last_day():
    reading = resolve("October 22nd and 23rd", Anchor(day=date(2022, 10, 1)), "future")
    assert (reading.value, reading.end_value) == ("2022-10-22", "2022-10-23")
    reading = resolve("30 June to 2 July", Anchor(day=date(2022, 6, 1)), "future")
    assert (reading.value, reading.end_value) == ("2022-06-30", "2022-07-02")


def test_weekday_in_past_tense_looks_back_from_the_anchor():
    assert value("Monday") == ("2022-11-21", "day")
    assert value("Thursday") == ("2022-11-17", "day")


def test_weekday_in_future_tense_looks_forward_from_the_anchor():
    assert value("Thursday", tense="future") == ("2022-11-24", "day")
    assert value("Monday", tense="future") == ("2022-11-28", "day")


def test_weekday_equal_to_the_anchors_weekday_is_the_anchor_day_in_both_tenses():
    assert value("Wednesday") == ("2022-11-23", "day")
    assert value("Wednesday", tense="future") == ("2022-11-23", "day")


def test_last_and_next_weekday_are_never_the_anchor_day():
    assert value("last Wednesday") == ("2022-11-16", "day")
    assert value("next Wednesday", tense="past") == ("2022-11-30", "day")


def test_part_of_day_and_clock_time_do_not_change_the_day_and_make_a_time():
    assert value("Monday night") == ("2022-11-21TNI", "day")
    assert value("Tuesday at 3 p.m.") == ("2022-11-22T15:00", "day")
    assert value("Wednesday evening") == ("2022-11-23TEV", "day")
    assert value("this morning") == ("2022-11-23TMO", "day")
    assert resolve("Friday afternoon", WEDNESDAY).timex_type == "TIME"


def test_a_clock_time_alone_is_a_time_on_the_anchor_day_or_no_day_at_all():
    assert value("10 a.m.") == ("2022-11-23T10:00", "day")
    assert value("14:00 GMT") == ("2022-11-23T14:00Z", "day")
    assert value("6:40 p.m.") == ("2022-11-23T18:40", "day")
    assert resolve("2 p.m.", Anchor()).value == "T14:00"


def test_weekday_with_a_date_that_fits_is_the_date():
    reading = resolve("Wednesday, November 23", Anchor(day=date(2022, 11, 24)))
    assert (reading.value, reading.note) == ("2022-11-23", None)


def test_weekday_with_a_date_that_does_not_fit_keeps_the_date_and_says_so():
    reading = resolve("Tuesday, November 23", Anchor(day=date(2022, 11, 24)))
    assert reading.value == "2022-11-23"
    assert "does not fall on" in reading.note


def test_weekday_with_a_date_overrides_tense_when_only_the_other_year_fits():
    reading = resolve("Wednesday, November 23", Anchor(day=date(2022, 11, 20)), "past")
    assert (reading.value, reading.direction) == ("2022-11-23", "future")


def test_weekday_with_a_date_narrows_the_years_when_the_year_is_unknown():
    reading = resolve("Wednesday, November 23", Anchor())
    assert reading.value == "--11-23"
    assert 2022 in reading.candidate_years and 2021 not in reading.candidate_years
    assert all(date(y, 11, 23).weekday() == 2 for y in reading.candidate_years)


def test_weekday_with_a_date_and_candidate_years_from_the_anchor_can_settle_the_year():
    anchor = Anchor(month=11, day_of_month=24, candidate_years=(2021, 2022, 2023))
    assert value("Wednesday, November 23", anchor) == ("2022-11-23", "day")


def test_a_weekday_without_a_publication_day_is_recognised_but_not_placed():
    reading = resolve("on Wednesday", Anchor())
    assert reading.value is None
    assert "publication day" in reading.note


def test_relative_day_against_a_month_day_anchor_keeps_the_year_unknown():
    assert value("yesterday", Anchor(month=6, day_of_month=21)) == ("--06-20", "day")


def test_the_day_before_counts_from_the_previous_expression_not_from_publication():
    previous = Anchor(day=date(2022, 3, 14))
    assert value("the day before", previous=previous) == ("2022-03-13", "day")
    assert value("two days later", previous=previous) == ("2022-03-16", "day")
    assert value("the following week", previous=previous) == ("2022-W12", "week")


def test_the_day_before_with_no_earlier_day_is_not_placed():
    reading = resolve("the day before", WEDNESDAY)
    assert reading.value is None
    assert not reading.anchored


@pytest.mark.parametrize("text", ["62-year-old", "The may", "a 30-year-old man", "3:07:35"])
def test_ages_and_free_words_are_not_time_expressions(text):
    assert resolve(text, WEDNESDAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three days", "P3D"),
        ("a month", "P1M"),
        ("a decade", "P10Y"),
        ("the past two years", "P2Y"),
        ("almost seven years", "P7Y"),
        ("two and a half years", "P2.5Y"),
        ("four-week", "P4W"),
        ("24 hours", "PT24H"),
        ("thirty minutes", "PT30M"),
        ("years", "PXY"),
        ("recent weeks", "PXW"),
        ("the next few months", "PXM"),
        ("decades", "PXDE"),
    ],
)
def test_durations_are_timeml_durations_with_no_calendar_place(text, expected):
    reading = resolve(text, WEDNESDAY)
    assert (reading.value, reading.timex_type, reading.granularity) == (expected, "DURATION", None)


def test_a_count_before_or_after_with_no_earlier_day_is_a_duration():
    reading = resolve("a month earlier", WEDNESDAY)
    assert (reading.value, reading.timex_type) == ("P1M", "DURATION")
    placed = resolve("a month earlier", WEDNESDAY, previous=Anchor(day=date(2022, 6, 10)))
    assert (placed.value, placed.timex_type) == ("2022-05", "DATE")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every year", "P1Y"),
        ("each week", "P1W"),
        ("annually", "P1Y"),
        ("daily", "P1D"),
        ("every morning", "XXXX-XX-XXTMO"),
        ("every Monday", "XXXX-WXX-1"),
    ],
)
def test_sets_are_recurring_times(text, expected):
    reading = resolve(text, WEDNESDAY)
    assert (reading.value, reading.timex_type) == (expected, "SET")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("in the past", "PAST_REF"),
        ("the 1990s", "199"),
        ("the 20th century", "19"),
        ("last summer", "2022-SU"),
        ("next spring", "2023-SP"),
        ("this winter", "2022-WI"),
    ],
)
def test_references_decades_centuries_and_seasons_are_dates_in_timeml_form(text, expected):
    reading = resolve(text, WEDNESDAY)
    assert (reading.value, reading.timex_type) == (expected, "DATE")
