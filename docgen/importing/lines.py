"""One line of the Word file as the import reads it: its number (level and style), the text after it, its place.

Numbers are read from the text (一、 （一） 1. 1、 （1） ①), Word's automatic numbers having been
turned into text by ``wordfile``; the style is kept, so that a plan numbered 1、 prints 1、 again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "一二三四五六七八九十百零〇"
_LEVELS = (
    (1, "一、", re.compile(rf"^([{_NUMERALS}]+)\s*[、,，.．]\s*")),
    (2, "（一）", re.compile(rf"^[（(]\s*([{_NUMERALS}]+)\s*[）)]\s*[、.．]?\s*")),
    (3, "1.", re.compile(r"^(\d{1,3})\s*(?:．|\.(?!\d))\s*")),
    (3, "1、", re.compile(r"^(\d{1,3})\s*、\s*")),
    (4, "（1）", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    (5, "①", re.compile(r"^([①-⑳])\s*")),
)
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_DATE_LINE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
HEADING_CHARS = 36


@dataclass
class Paragraph:
    """A line of the body with where it came from (its paragraph number in the Word file)."""

    number: int
    text: str
    level: int = 0  # 0: unnumbered; 1-5: 一、 （一） 1. （1） ①
    rest: str = ""  # the text after the number
    style: str = ""  # the number's style as written: 一、 （一） 1. 1、 （1） ①


def numbered(text: str) -> tuple[int, str] | None:
    """(level, text after the number) for a numbered line; None for an unnumbered one."""
    found = _number_of(text)
    return (found[0], found[2]) if found is not None else None


def _number_of(text: str) -> tuple[int, str, str] | None:
    for level, style, pattern in _LEVELS:
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            return level, style, text[match.end() :].strip()
    return None


def paragraph(number: int, text: str) -> Paragraph:
    """A line of the Word file, its number (if any) read."""
    text = text.strip()
    found = _number_of(text)
    if found is None:
        return Paragraph(number, text)
    level, style, rest = found
    return Paragraph(number, text, level, rest, style)


def is_heading_text(text: str) -> bool:
    """A heading: short, and not a sentence (no full stop, no label before a colon's value)."""
    return len(text) <= HEADING_CHARS and not re.search(r"[。；;：:]\s*\S", text) and not text.endswith("。")


def is_section_heading(line: Paragraph) -> bool:
    """A level-1 line that starts a section: 二、活动内容, or a heading with its value, 二、活动时间：5月8日-14日."""
    if line.level != 1:
        return False
    return is_heading_text(line.rest) or bool(re.match(r"^[^：:。，,；;]{1,10}[：:][^。；;]{1,40}。?$", line.rest))


def date_of_line(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a line that is only a date: 2019年4月30日, 二〇一九年四月三十日."""
    match = DATE_LINE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _CN_DATE_LINE.match(text)
    if match:
        digits = {c: i for i, c in enumerate(_CN_DIGITS)} | {"零": 0, "○": 0}
        year = int("".join(str(digits[c]) for c in match.group(1)))
        return year, _small(match.group(2)), _small(match.group(3))
    return None


def _small(text: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
