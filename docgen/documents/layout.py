"""What several kinds of document share: heading numbers, signature placement, lists of units.

Placement is computed on GB/T 9704-2012's grid of 28 characters of 三号 to a line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from docgen import chinese
from docgen.plan.model import Plan

ENUMERATION = "、"
LINE_CHARS = 28  # GB/T 9704-2012: 28 characters of 三号 to a line
AUTOSPACE = 0.2  # the gap LibreOffice 7.4 draws between 年 and 4, in characters


class HeadingCounter:
    """``{{ heading(1) }}`` in a template: the next number at that level (一、 （一） 1. （1）).

    Numbers come from counting, never from typing, so two sections cannot both be "三".
    """

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0]

    def __call__(self, level: int) -> str:
        """The next number at ``level``; deeper levels start again from one."""
        self.counts[level - 1] += 1
        for deeper in range(level, 4):
            self.counts[deeper] = 0
        return chinese.section_number(level, self.counts[level - 1])


def _width(text: str) -> float:
    """Width in characters of 三号 text: Latin letters and digits count half.

    Word and LibreOffice put a little space (about a fifth of a character) between Chinese and
    Latin letters or digits ("2019年4月"): counted here, so a date's width comes out right.
    """
    width = sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)
    kinds = [_script(c) for c in text]
    return width + AUTOSPACE * sum(1 for a, b in itertools.pairwise(kinds) if {a, b} == {"han", "latin"})


def _script(char: str) -> str:
    if char.isascii() and char.isalnum():
        return "latin"
    return "han" if "\u3400" <= char <= "\u9fff" else "other"


def signature(lines: Sequence[str], date: dt.date | str) -> list[dict[str, Any]]:
    """Signature lines and the date, each centred in one block two characters from the right.

    ``date`` may be text, such as a date with blanks for a person to fill in (2019年　月　日).

    GB/T 9704 for a document without a seal: when the date is the longest line it stands two
    characters in from the right and the issuer is centred above it. Each line's place is
    given as leading spaces (``padding``) in a left-aligned paragraph, counted on the standard's
    28 characters a line, because an indent computed per line would have to be a template tag
    inside an XML attribute, which Word rejects as unreadable content when opening the template.
    """
    texts = [*lines, date if isinstance(date, str) else chinese.full_date(date)]
    block = max(_width(t) for t in texts)
    return [{"text": t, "padding": _padding(LINE_CHARS - 2 - block + (block - _width(t)) / 2)} for t in texts]


def _padding(chars: float) -> str:
    """Spaces ``chars`` characters wide: ideographic spaces, then a quarter-width space (Times) per quarter."""
    chars = max(chars, 0.0)
    whole = int(chars)
    return chinese.IDEOGRAPHIC_SPACE * whole + " " * round((chars - whole) * 4)


def unit_names(plan: Plan, ids: Sequence[str]) -> str:
    """Unit ids as the documents list them: 招生就业处、学生工作处、教务处."""
    return ENUMERATION.join(plan.unit(i).name for i in ids)


def contact_line(plan: Plan) -> str:
    """宣传部李杉杉　电话：84825237　邮箱：…, with what the plan gives; empty without a contact."""
    contact = plan.contact
    if contact is None:
        return ""
    parts = [plan.unit(contact.unit).name + contact.name]
    if contact.phone:
        parts.append(f"电话：{contact.phone}")
    if contact.email:
        parts.append(f"邮箱：{contact.email}")
    return chinese.IDEOGRAPHIC_SPACE.join(parts)


SEAL_ROOM = 1  # blank lines above a sealed signature, beside the one every signature has: room for the seal


def sealed_signature(lines: Sequence[str], date: dt.date | str) -> list[dict[str, Any]]:
    """GB/T 9704-2012 7.3.5.1, a sealed document: the date 右空四字, each issuer line centred over it.

    The seal (about four lines high) presses on the issuer and the date, its top within one
    line below the body; the blank lines returned first (empty ``text``) leave it that room.
    """
    date_text = date if isinstance(date, str) else chinese.full_date(date)
    date_width = _width(date_text)
    date_left = LINE_CHARS - 4 - date_width
    placed = [{"text": t, "padding": _seal_padding(date_left + (date_width - _width(t)) / 2)} for t in lines]
    room = [{"text": "", "padding": ""} for _ in range(SEAL_ROOM)]
    return [*room, *placed, {"text": date_text, "padding": _seal_padding(date_left)}]


def _seal_padding(chars: float) -> str:
    """Spaces ``chars`` characters wide: ideographic spaces, then a quarter-character space (Times) per quarter.

    Counted in characters, like ``_width``, and kept apart from the unsealed layout's own helper.
    """
    chars = max(chars, 0.0)
    whole = int(chars)
    return chinese.IDEOGRAPHIC_SPACE * whole + " " * round((chars - whole) * 4)
