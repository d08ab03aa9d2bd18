"""The filters running text may use: ``md``, ``ymd``, ``weekday`` and ``cite``.

Each formats one kind of value and raises ``TextError`` for any other, which ``docgen check``
reports at the text's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import chinese


class TextError(ValueError):
    """A filter was given a value it cannot format (a weekly deadline has no single date)."""


def _date_of(value: Any) -> dt.date:
    """The date of a date, a deadline, or a template's record of one (anything with a ``date``)."""
    if isinstance(value, dt.date):
        return value
    day, weekly = getattr(value, "date", None), getattr(value, "weekday", None)
    if isinstance(day, dt.date):
        return day
    if isinstance(weekly, int):
        raise TextError("this deadline recurs weekly and has no single date; use | weekday")
    raise TextError(f"expected a date, got {type(value).__name__}")


def filter_md(value: Any) -> str:
    """``{{ deadlines.schedule | md }}`` -> 5月9日."""
    return chinese.month_day(_date_of(value))


def filter_ymd(value: Any) -> str:
    """``{{ issued | ymd }}`` -> 2019年4月30日."""
    return chinese.full_date(_date_of(value))


def filter_weekday(value: Any) -> str:
    """A date, a deadline (dated or weekly) or 1-7 -> 周三."""
    weekly = None if isinstance(value, dt.date) else getattr(value, "weekday", None)
    if isinstance(weekly, int) and not isinstance(weekly, bool):
        return chinese.weekday_name(weekly)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
        return chinese.weekday_name(value)
    return chinese.weekday_of(_date_of(value))


def filter_cite(policies: Any) -> str:
    """Policies as the opening quotes them: 吉林省教育厅《title》（number）、《title》（number）.

    The plan's policies, or a template's records of them (each with a ``title`` text).
    """
    if not isinstance(policies, list) or not all(isinstance(getattr(p, "title", None), str) for p in policies):
        raise TextError("| cite is for the plan's policies")
    parts = []
    for policy in policies:
        parts.append(f"{policy.issuer or ''}《{policy.title}》（{policy.number}）")
    return "、".join(parts)
