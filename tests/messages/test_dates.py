"""A period in Chinese writes what its end shares with its start once, wherever it is written."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import chinese
from docgen.messages import format_period_end

PERIODS = [  # start, end, the period in words, its end written after the start
    (dt.date(2019, 4, 28), dt.date(2019, 5, 28), "2019年4月28日至5月28日", "5月28日"),
    (dt.date(2019, 5, 25), dt.date(2019, 5, 28), "2019年5月25日至28日", "28日"),
    (dt.date(2019, 12, 20), dt.date(2020, 1, 10), "2019年12月20日至2020年1月10日", "2020年1月10日"),
    (dt.date(2019, 5, 28), dt.date(2019, 5, 28), "2019年5月28日", "2019年5月28日"),
]


@pytest.mark.parametrize(("start", "end", "words", "end_words"), PERIODS)
def test_chinese_does_not_write_again_what_the_end_shares_with_the_start(
    start: dt.date, end: dt.date, words: str, end_words: str
) -> None:
    assert chinese.date_range(start, end) == words  # the summary's opening
    assert format_period_end(start, end, "zh_CN") == end_words  # docgen check's summary line


def test_english_writes_the_whole_date() -> None:
    assert format_period_end(dt.date(2019, 4, 28), dt.date(2019, 5, 28), "en") == "2019-05-28"
