"""Chinese conventions in one place: section numbers, name padding, zh_CN dates.

Dates are written as Babel's zh_CN patterns write them (tests hold the two equal for every day
from 1990 to 2039); f-strings say the same without loading Babel's locale data on every run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
MAX_SECTIONS = 999
IDEOGRAPHIC_SPACE = "\u3000"


def text_width(text: str) -> float:
    """How many characters wide ``text`` prints in a Chinese face: ASCII letters, digits and marks count half."""
    return sum(0.5 if c.isascii() else 1.0 for c in text)


_BEFORE_CJK = re.compile("[\u0000-\u2e7f]")


def cjk_width(text: str) -> float:
    """How many characters wide ``text`` prints, everything before the CJK blocks (U+2E80) counting half.

    The measure of the layout's line counts (forms, titles). Counted by a pattern rather than
    character by character: a render measures every unit's name and every task's title.
    """
    return len(text) - 0.5 * len(_BEFORE_CJK.findall(text))


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


def styled_number(style: str, n: int) -> str:
    """The number ``n`` in one of the styles notices use: 一、 （一） 1. 1、 （1） ①."""
    if style == "一、":
        return chinese_numeral(n) + "、"
    if style == "（一）":
        return f"（{chinese_numeral(n)}）"
    if style == "（1）":
        return f"（{n}）"
    if style == "①":
        return chr(0x2460 + n - 1) if 0 < n <= 20 else f"（{n}）"
    if style in ("1.", "1、"):
        return f"{n}{style[1]}"
    raise ValueError(f"unknown number style: {style}")


def pad_name(name: str, width: int = 3) -> str:
    """Pad a short name with ideographic spaces between its characters: 赵欣 -> 赵　欣.

    Two-character names and labels stand beside three-character ones in Chinese lists; an
    ASCII space is narrower than a character, so only U+3000 keeps the columns aligned.
    """
    if len(name) != 2 or width != 3:
        return name
    return name[0] + IDEOGRAPHIC_SPACE + name[1]


def month_day(day: dt.date) -> str:
    """5月9日: what Babel's zh_CN pattern for the MMMd skeleton gives (M月d日), without loading Babel."""
    return f"{day.month}月{day.day}日"


def full_date(day: dt.date) -> str:
    """2019年4月30日: the full year, Arabic numerals, no zero padding (GB/T 9704; Babel's zh_CN "long")."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_range(start: dt.date, end: dt.date) -> str:
    """2019年4月28日至5月28日, 2019年5月25日至28日: what the end shares with the start is not written again."""
    if start == end:
        return full_date(start)
    if start.year != end.year:
        return f"{full_date(start)}至{full_date(end)}"
    if start.month != end.month:
        return f"{full_date(start)}至{month_day(end)}"
    return f"{full_date(start)}至{end.day}日"


_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")  # Babel's zh_CN abbreviated day names


def weekday_name(weekday: int) -> str:
    """1 (Monday) .. 7 (Sunday) -> 周一 .. 周日."""
    if not 1 <= weekday <= 7:
        raise IndexError(f"weekday must be 1-7, not {weekday}")
    return _WEEKDAYS[weekday - 1]


def weekday_of(day: dt.date) -> str:
    """The day's weekday as 周四."""
    return weekday_name(day.isoweekday())


# GB/T 9704-2012 7.2.4: 机关代字 + 〔year〕 + number + 号; brackets, a 第 or leading zeros are slips.
_DOCUMENT_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?P<open>[\[［【(（〔<〈])\s*(?P<year>(?:19|20)\d\d)\s*(?P<close>[\]］】)）〕>〉])"
    r"\s*(?P<di>第?)\s*(?P<number>\d+)\s*号"
)
_CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_CHINESE_DATE = re.compile(
    r"(?P<year>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<month>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<day>[一二三四五六七八九十]{1,3})\s*日"
)
_PADDED_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")


@dataclass(frozen=True)
class Slip:
    """A piece of text written against a convention: where it stands, what it says, and the right form."""

    start: int
    end: int
    found: str
    corrected: str


def document_number_slips(text: str) -> list[Slip]:
    """Document numbers in ``text`` not written 〔2019〕9号 (GB/T 9704-2012 7.2.4), each with its right form.

    The span starts at the bracket: the 机关代字 before it stays as written.
    """
    slips = []
    for match in _DOCUMENT_NUMBER.finditer(text):
        corrected = f"〔{match['year']}〕{int(match['number'])}号"
        if match.group(0) != corrected:
            slips.append(Slip(match.start(), match.end(), match.group(0), corrected))
    return slips


def _small_numeral(text: str) -> int | None:
    """一 .. 三十一 as a number; None for anything else."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CHINESE_DIGITS.get(tens, -99) if tens else 1) * 10 + (_CHINESE_DIGITS.get(ones, -99) if ones else 0)
    else:
        value = _CHINESE_DIGITS.get(text, -99) if len(text) == 1 else -99
    return value if value > 0 else None


def date_slips(text: str) -> list[Slip]:
    """Dates written in Chinese numerals or with zero padding, each with its form of GB/T 9704-2012 (2019年4月30日)."""
    if "年" not in text:  # both forms have it: most texts of a plan are passed over at once
        return []
    slips = []
    for match in _CHINESE_DATE.finditer(text):
        year = "".join(str(_CHINESE_DIGITS[c]) for c in match["year"])
        month, day = _small_numeral(match["month"]), _small_numeral(match["day"])
        if month is not None and day is not None:
            slips.append(Slip(match.start(), match.end(), match.group(0), f"{year}年{month}月{day}日"))
    for match in _PADDED_DATE.finditer(text):
        corrected = f"{match['year']}年{int(match['month'])}月{int(match['day'])}日"
        if match.group(0) != corrected:
            slips.append(Slip(match.start(), match.end(), match.group(0), corrected))
    return sorted(slips, key=lambda slip: slip.start)
