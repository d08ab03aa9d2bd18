"""docgen writes dates as Babel's zh_CN patterns do, for every day from 1990 to 2039, without loading Babel."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_skeleton

from docgen import chinese

ZH_CN = Locale.parse("zh_CN")


def every_day(first: dt.date = dt.date(1990, 1, 1), last: dt.date = dt.date(2039, 12, 31)) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def test_month_and_day_as_babel_writes_them() -> None:
    days = every_day()
    assert len(days) == 18_262
    assert [chinese.month_day(day) for day in days] == [format_skeleton("MMMd", day, locale=ZH_CN) for day in days]


def test_full_dates_as_babel_writes_them() -> None:
    days = every_day()
    assert [chinese.full_date(day) for day in days] == [format_date(day, "long", locale=ZH_CN) for day in days]
    assert chinese.full_date(dt.date(2019, 4, 30)) == "2019年4月30日"


def test_weekdays_as_babel_names_them() -> None:
    names = ZH_CN.days["format"]["abbreviated"]
    assert [chinese.weekday_name(n) for n in range(1, 8)] == [names[n] for n in range(7)]
    assert [chinese.weekday_of(day) for day in every_day()[:14]] == [names[day.weekday()] for day in every_day()[:14]]
