"""A period's end is written as each language writes it after the start."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.messages import format_period_end


@pytest.mark.parametrize(
    ("start", "end", "chinese"),
    [
        (dt.date(2019, 4, 28), dt.date(2019, 5, 28), "5月28日"),
        (dt.date(2019, 5, 25), dt.date(2019, 5, 28), "28日"),
        (dt.date(2019, 12, 20), dt.date(2020, 1, 10), "2020年1月10日"),
        (dt.date(2019, 5, 28), dt.date(2019, 5, 28), "2019年5月28日"),
    ],
)
def test_chinese_does_not_write_again_what_the_end_shares_with_the_start(
    start: dt.date, end: dt.date, chinese: str
) -> None:
    assert format_period_end(start, end, "zh_CN") == chinese


def test_english_writes_the_whole_date() -> None:
    assert format_period_end(dt.date(2019, 4, 28), dt.date(2019, 5, 28), "en") == "2019-05-28"
