"""Reading one cell of a returned form the way a person meant it: the task, the phone, a label.

People write the activity item as the task's title, a near copy of it, or its number
("3", "3.", "（三）"); they write phones with spaces or full-width digits. These functions
accept what is certain and say what is not, so the caller can report the row.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from docgen.chinese import chinese_numeral

CLOSE_VARIANT = 0.75  # difflib ratio from which a written item counts as the task's title
SUGGESTION = 0.2  # the least ratio at which the closest title is offered as a suggestion
_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」『』]")
_NUMERAL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_NUMBER_PREFIX = re.compile(rf"^(?:\((?P<a>{_NUMERAL})\)|(?P<b>{_NUMERAL})(?:[.、,:]|$))")
_LOCAL = re.compile(r"^\d{8}$")
_WITH_AREA_CODE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_MOBILE = re.compile(r"^1\d{10}$")
_PHONE_SEPARATORS = re.compile(r"[/,，、;；\n]|或")


def squeeze(text: str) -> str:
    """Text compared loosely: NFKC (full-width to ASCII), every kind of space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class TaskMatch:
    """Which task (1-based number) an item names, or None with the closest title as a suggestion."""

    number: int | None
    suggestion: str = ""


def match_task(text: str, titles: Sequence[str]) -> TaskMatch:
    """The task an activity item names: exact or close title, or its number 1-N (1. 一、 （一）)."""
    keys = [_title_key(t) for t in titles]
    written = squeeze(text)
    prefix = _NUMBER_PREFIX.match(written)
    number = _number(prefix["a"] or prefix["b"], len(titles)) if prefix else None
    rest = _title_key(written[prefix.end() :] if prefix else written)
    if not rest:
        if number is not None:
            return TaskMatch(number)
        rest = _title_key(written)
    if rest in keys:
        return TaskMatch(keys.index(rest) + 1)
    containing = [i for i, key in enumerate(keys) if len(rest) >= 4 and (rest in key or key in rest)]
    if len(containing) == 1:
        return TaskMatch(containing[0] + 1)
    ratios = [difflib.SequenceMatcher(None, rest, key).ratio() for key in keys]
    best = max(range(len(keys)), key=ratios.__getitem__)
    if ratios[best] >= CLOSE_VARIANT:
        return TaskMatch(best + 1)
    if number is not None:
        return TaskMatch(number)
    return TaskMatch(None, titles[best] if ratios[best] >= SUGGESTION else "")


def _title_key(text: str) -> str:
    return _QUOTES.sub("", squeeze(text))


def _number(written: str, count: int) -> int | None:
    if written.isdigit():
        value = int(written)
    else:
        names = {chinese_numeral(n): n for n in range(1, min(count, 99) + 1)}
        value = names.get(written, 0)
    return value if 1 <= value <= count else None


def phone_numbers(text: str) -> list[str]:
    """The numbers in a phone cell (one or several, split at / , 、 ; or new lines), spaces removed."""
    parts = _PHONE_SEPARATORS.split(unicodedata.normalize("NFKC", text))
    return [re.sub(r"\s+", "", p) for p in parts if p.strip()]


def is_phone(number: str) -> bool:
    """True for an 8-digit local number, one with its area code (0431-84825237), or an 11-digit mobile."""
    number = unicodedata.normalize("NFKC", number).strip()
    if _LOCAL.match(number) or _WITH_AREA_CODE.match(number):
        return True
    return bool(_MOBILE.match(re.sub(r"[\s-]", "", number)))
