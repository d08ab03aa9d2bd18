"""The working-day calendar on days whose status is a matter of record."""

from __future__ import annotations

import datetime as dt

from docgen.calendar import workdays


def test_sunday_before_labour_day_2019_was_worked() -> None:
    day = dt.date(2019, 4, 28)
    assert day.isoweekday() == 7
    assert workdays.is_workday(day)
    assert workdays.is_adjusted_workday(day)
    assert not workdays.is_holiday(day)


def test_labour_day_2019_was_off() -> None:
    day = dt.date(2019, 5, 1)
    assert not workdays.is_workday(day)
    assert workdays.is_holiday(day)
    assert workdays.holiday_name(day) == "Labour Day"


def test_saturday_in_the_2019_break_is_a_holiday_not_a_weekend() -> None:
    day = dt.date(2019, 5, 4)
    assert day.isoweekday() == 6
    assert workdays.is_holiday(day)


def test_saturday_2020_05_09_was_a_make_up_working_day() -> None:
    day = dt.date(2020, 5, 9)
    assert day.isoweekday() == 6
    assert workdays.is_adjusted_workday(day)


def test_ordinary_weekend_is_neither_worked_nor_a_holiday() -> None:
    day = dt.date(2019, 5, 11)
    assert not workdays.is_workday(day)
    assert not workdays.is_holiday(day)
    assert not workdays.is_adjusted_workday(day)


def test_previous_workday_skips_the_whole_break() -> None:
    assert workdays.previous_workday(dt.date(2019, 5, 2)) == dt.date(2019, 4, 30)
    assert workdays.previous_workday(dt.date(2019, 5, 6)) == dt.date(2019, 5, 5)  # a worked Sunday
    assert workdays.previous_workday(dt.date(2019, 5, 13)) == dt.date(2019, 5, 10)


def test_arrangement_known_through_2026_only() -> None:
    assert workdays.official_arrangement_known(2019)
    assert workdays.official_arrangement_known(2026)
    assert not workdays.official_arrangement_known(2027)


def test_unpublished_year_falls_back_to_rule_based_holidays() -> None:
    assert workdays.is_holiday(dt.date(2027, 10, 1))
    assert workdays.holiday_name(dt.date(2027, 5, 1)) == "Labor Day"
    assert workdays.is_workday(dt.date(2027, 5, 7))
    assert not workdays.is_workday(dt.date(2027, 5, 8))
    assert not workdays.is_adjusted_workday(dt.date(2027, 5, 8))
