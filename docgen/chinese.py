"""Chinese conventions in one place: section numbers, name padding, zh_CN dates through Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

_DIGITS = "零一二三四五六七八九"
MAX_SECTIONS = 999
IDEOGRAPHIC_SPACE = "\u3000"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 110 -> 一百一十 (below 10000)."""
    if not 0 < n < 10000:
        raise ValueError(f"section number out of range: {n}")
    if n < 20:
        return ("" if n < 10 else "十") + (_DIGITS[n % 10] if n % 10 or n < 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


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


@lru_cache(maxsize=4096)
def month_day(day: dt.date) -> str:
    """5月9日, from Babel's zh_CN pattern for the MMMd skeleton."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMd", day, locale=_locale()))


@lru_cache(maxsize=4096)
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
