"""Dates and times as people write them in the 活动时间 column: read exactly or refused."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.collecting.when import When, WhenError, parse_when

D = dt.date
T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5月10日", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("5.10", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("5/10", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("2019.5.10", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("2019/5/10", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("2019-05-10", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("2019年5月10日", When(D(2019, 5, 10), D(2019, 5, 10))),
        ("5月10日-12日", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("5月10日至5月12日", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("5月10日—5月12日", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("5月10日——5月12日", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("5.10-5.12", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("2019年5月10日至2019年5月12日", When(D(2019, 5, 10), D(2019, 5, 12))),
        ("5月10日 上午9:00", When(D(2019, 5, 10), D(2019, 5, 10), T(9, 0))),
        ("5月10日 14:30", When(D(2019, 5, 10), D(2019, 5, 10), T(14, 30))),
        ("5月10日下午2点", When(D(2019, 5, 10), D(2019, 5, 10), T(14, 0))),
        ("5月10日 下午2点-4点半", When(D(2019, 5, 10), D(2019, 5, 10), T(14, 0), T(16, 30))),
        ("5月10日（周五）9:00-11:30", When(D(2019, 5, 10), D(2019, 5, 10), T(9, 0), T(11, 30))),
        ("5月10日\n14:30-16:00", When(D(2019, 5, 10), D(2019, 5, 10), T(14, 30), T(16, 0))),
        ("５月１０日　１４：３０", When(D(2019, 5, 10), D(2019, 5, 10), T(14, 30))),
        ("5月10日 晚上7点", When(D(2019, 5, 10), D(2019, 5, 10), T(19, 0))),
        ("5月10日上午", When(D(2019, 5, 10), D(2019, 5, 10))),
    ],
)
def test_reads_the_ways_people_write_dates(text: str, expected: When) -> None:
    assert parse_when(text, 2019) == expected


def test_the_plans_year_fills_a_missing_year() -> None:
    assert parse_when("5月10日", 2020).start == D(2020, 5, 10)
    assert parse_when("2019.5.10", 2020).start == D(2019, 5, 10)


def test_all_day_when_no_time_is_written() -> None:
    assert parse_when("5月10日", 2019).all_day
    assert not parse_when("5月10日 9:00", 2019).all_day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "when-empty"),
        ("   ", "when-empty"),
        ("5月中旬", "when-unreadable"),
        ("待定", "when-unreadable"),
        ("活动月期间", "when-unreadable"),
        ("5月10日、5月15日", "when-unreadable"),
        ("9:00", "when-unreadable"),
        ("19.5.10", "when-no-such-day"),
        ("5月10日 9", "when-unreadable"),
        ("5月10日 25:00", "when-unreadable"),
        ("2月30日", "when-no-such-day"),
        ("13月1日", "when-no-such-day"),
        ("5月12日-10日", "when-reversed"),
        ("5月10日 16:00-9:00", "when-reversed"),
    ],
)
def test_refuses_what_it_cannot_read_for_certain(text: str, code: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, 2019)
    assert caught.value.code == code
    assert caught.value.text == text
