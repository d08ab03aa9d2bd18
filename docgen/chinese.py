"""Chinese conventions in one place: section numbers, name padding, zh_CN dates through Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

_DIGITS = "零一二三四五六七八九"
MAX_SECTIONS = 999
IDEOGRAPHIC_SPACE = "\u3000"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 99 -> 九十九, 100 -> 一百, 105 -> 一百零五, 120 -> 一百二十.

    A plan may number more than 99 tasks; section numbers stay below 1000 (``MAX_SECTIONS``).
    """
    if not 0 < n < 1000:
        raise ValueError(f"section number out of range: {n}")
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        tens, ones = divmod(rest, 10)
        if tens == 0:
            return _DIGITS[ones]
        head = "" if tens == 1 else _DIGITS[tens]
        return head + "十" + (_DIGITS[ones] if ones else "")
    if rest == 0:
        return _DIGITS[hundreds] + "百"
    tail = _DIGITS[rest] if rest < 10 else _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    return _DIGITS[hundreds] + "百" + ("零" if rest < 10 else "") + tail


def section_number(level: int, n: int) -> str:
    """The numbering GB/T 9704 prescribes for heading levels 1-4: 一、 （一） 1. （1）."""
    if level == 1:
        return chinese_numeral(n) + "、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1-4, not {level}")


def pad_name(name: str, width: int = 3) -> str:
    """Pad a short name with ideographic spaces between its characters: 赵欣 -> 赵　欣.

    Two-character names and labels stand beside three-character ones in Chinese lists; an
    ASCII space is narrower than a character, so only U+3000 keeps the columns aligned.
    """
    if len(name) != 2 or width != 3:
        return name
    return name[0] + IDEOGRAPHIC_SPACE + name[1]


@lru_cache(maxsize=1)
def _locale() -> Any:
    from babel import Locale

    return Locale.parse("zh_CN")


def month_day(day: dt.date) -> str:
    """5月9日, from Babel's zh_CN pattern for the MMMd skeleton."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMd", day, locale=_locale()))


def full_date(day: dt.date) -> str:
    """2019年4月30日: the full year, Arabic numerals, no zero padding (GB/T 9704)."""
    from babel.dates import format_date

    return str(format_date(day, "long", locale=_locale()))


def weekday_name(weekday: int) -> str:
    """1 (Monday) .. 7 (Sunday) -> 周一 .. 周日, from Babel's zh_CN abbreviated day names."""
    return str(_locale().days["format"]["abbreviated"][weekday - 1])


def weekday_of(day: dt.date) -> str:
    """The day's weekday as 周四."""
    return weekday_name(day.isoweekday())
