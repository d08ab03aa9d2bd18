"""China's working days: public holidays, holiday breaks and adjusted working days (调休).

The State Council publishes each year's arrangement (which days are off, which weekend days
are worked instead) late in the year before. ``chinese_calendar`` holds the published ones;
for a year it does not know yet, the ``holidays`` package's rule-based Chinese calendar gives
the fixed-date and lunar holidays, without any adjusted working day, and
``official_arrangement_known`` says so, so callers can tell the user to check.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

_OBSERVED = " (observed)"


@lru_cache(maxsize=64)
def official_arrangement_known(year: int) -> bool:
    """True when the published arrangement for ``year`` (holidays and 调休) is known."""
    import chinese_calendar

    try:
        chinese_calendar.get_holiday_detail(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=64)
def _rule_based(year: int) -> Any:
    import holidays

    # English names whatever the locale (the package follows LANG); messages and calendars translate them
    return holidays.country_holidays("CN", years=year, language="en_US")


@lru_cache(maxsize=4096)
def _official_detail(day: dt.date) -> tuple[bool, str | None]:
    """``(is_day_off, holiday_name)`` from the published arrangement (asked for each day of every sheet's grid)."""
    import chinese_calendar

    off, name = chinese_calendar.get_holiday_detail(day)
    return bool(off), (str(name) if name is not None else None)


def holiday_name(day: dt.date) -> str | None:
    """The holiday whose break ``day`` belongs to (off or worked in lieu), else None."""
    if official_arrangement_known(day.year):
        return _official_detail(day)[1]
    name = _rule_based(day.year).get(day)
    return str(name).removesuffix(_OBSERVED) if name is not None else None


def is_workday(day: dt.date) -> bool:
    """True when offices work on ``day``: a weekday outside holiday breaks, or a 调休 weekend day."""
    if official_arrangement_known(day.year):
        return not _official_detail(day)[0]
    return day.isoweekday() <= 5 and day not in _rule_based(day.year)


def is_adjusted_workday(day: dt.date) -> bool:
    """True for a Saturday or Sunday that is an official working day (调休)."""
    return day.isoweekday() > 5 and is_workday(day)


def is_holiday(day: dt.date) -> bool:
    """True when ``day`` is off as part of a public holiday's break (not an ordinary weekend)."""
    return not is_workday(day) and holiday_name(day) is not None


def previous_workday(day: dt.date) -> dt.date:
    """The last working day before ``day``: where a deadline that falls on a day off moves to."""
    candidate = day - dt.timedelta(days=1)
    while not is_workday(candidate):
        candidate -= dt.timedelta(days=1)
    return candidate
