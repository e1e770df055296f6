"""Calendar arithmetic of the time stage (storytrail/time/dates.py)."""

from datetime import date

from storytrail.time.dates import (
    iso_week,
    month_day_from,
    month_from,
    month_number,
    shift_month,
    shift_partial_day,
    weekday_from,
    weekday_number,
    years_with_weekday,
)

WEDNESDAY = date(2022, 11, 23)
WED, THU = 2, 3


def test_weekday_names_and_abbreviations_are_numbered_from_monday():
    assert weekday_number("Monday") == 0
    assert weekday_number("Thurs.") == 3
    assert weekday_number("Mayday") is None


def test_month_names_and_abbreviations_are_numbered_from_january():
    assert month_number("Sept.") == 9
    assert month_number("nov") == 11
    assert month_number("Novemberish") is None


def test_past_weekday_is_the_most_recent_one_before_the_anchor():
    assert weekday_from(WEDNESDAY, THU, "past") == date(2022, 11, 17)


def test_future_weekday_is_the_next_one_after_the_anchor():
    assert weekday_from(WEDNESDAY, THU, "future") == date(2022, 11, 24)


def test_weekday_equal_to_the_anchors_is_the_anchor_day_in_either_direction():
    assert weekday_from(WEDNESDAY, WED, "past") == WEDNESDAY
    assert weekday_from(WEDNESDAY, WED, "future") == WEDNESDAY


def test_weekday_equal_to_the_anchors_is_a_week_away_when_same_day_is_refused():
    assert weekday_from(WEDNESDAY, WED, "past", same_day=False) == date(2022, 11, 16)
    assert weekday_from(WEDNESDAY, WED, "future", same_day=False) == date(2022, 11, 30)


def test_month_day_in_the_past_is_on_or_before_the_anchor():
    assert month_day_from(date(2022, 11, 24), 11, 23, "past") == date(2022, 11, 23)
    assert month_day_from(date(2022, 11, 22), 11, 23, "past") == date(2021, 11, 23)


def test_month_day_in_the_future_is_on_or_after_the_anchor():
    assert month_day_from(date(2022, 11, 24), 11, 23, "future") == date(2023, 11, 23)
    assert month_day_from(date(2022, 11, 23), 11, 23, "future") == date(2022, 11, 23)


def test_february_29_skips_to_the_nearest_leap_year():
    assert month_day_from(date(2023, 6, 1), 2, 29, "past") == date(2020, 2, 29)
    assert month_day_from(date(2023, 6, 1), 2, 29, "future") == date(2024, 2, 29)


def test_a_day_that_never_exists_has_no_date():
    assert month_day_from(date(2023, 6, 1), 2, 30, "past") is None


def test_month_by_direction_counts_the_anchors_own_month():
    assert month_from(date(2023, 2, 8), 11, "past") == (2022, 11)
    assert month_from(date(2023, 6, 15), 9, "future") == (2023, 9)
    assert month_from(date(2023, 6, 15), 6, "past") == (2023, 6)


def test_shift_month_crosses_year_boundaries():
    assert shift_month(2023, 1, -1) == (2022, 12)
    assert shift_month(2022, 12, 1) == (2023, 1)


def test_iso_week_follows_iso_8601_across_the_new_year():
    assert iso_week(date(2025, 7, 17)) == "2025-W29"
    assert iso_week(date(2021, 1, 1)) == "2020-W53"


def test_years_in_which_a_date_falls_on_a_weekday():
    assert years_with_weekday(11, 23, WED, range(2015, 2030)) == (2016, 2022)


def test_day_arithmetic_without_a_year_is_defined_away_from_february():
    assert shift_partial_day(6, 21, -1, ()) == (6, 20)
    assert shift_partial_day(1, 2, -5, ()) == (12, 28)


def test_day_arithmetic_across_february_needs_the_leap_years_to_agree():
    assert shift_partial_day(3, 1, -1, ()) is None
    assert shift_partial_day(3, 1, -1, (2022, 2023)) == (2, 28)
    assert shift_partial_day(3, 1, -1, (2020, 2024)) == (2, 29)
