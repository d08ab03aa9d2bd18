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
EM_PT = 16.0  # one 三号 character
SPACING_PT = -0.3  # the body's character spacing (templates: w:spacing -6), added to every character
LINE_PT = 156 * 72 / 25.4  # the 156 mm text block, in points
TIMES_SPACE_EM = 0.25  # an ASCII space in Times New Roman (Liberation Serif)


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
    return chinese.cjk_width(text) + AUTOSPACE * _gaps(text)


def _gaps(text: str) -> int:
    """How many Chinese-Latin boundaries ``text`` has (each gets the office suite's small gap)."""
    kinds = [_script(c) for c in text]
    return sum(1 for a, b in itertools.pairwise(kinds) if {a, b} == {"han", "latin"})


def _script(char: str) -> str:
    if char.isascii() and char.isalnum():
        return "latin"
    return "han" if "\u3400" <= char <= "\u9fff" else "other"


def signature(lines: Sequence[str], date: dt.date | str) -> list[dict[str, Any]]:
    """Issuer lines and the date placed by GB/T 9704-2012 7.3.5.2 (a document without a seal).

    The issuer stands two characters in from the right (右空二字) and the date, on the next
    line, starts two characters right of the issuer's first character; when the date is too long
    for that, the date stands 右空二字 and the issuer moves left to keep the two-character offset.
    Several issuer lines share one right edge; the longest one counts. Each line's place is given
    as leading spaces (``padding``) in a left-aligned paragraph, measured in points on the body's
    character spacing, because an indent computed per line would have to be a template tag
    inside an XML attribute, which Word rejects as unreadable content when opening the template.
    """
    date_text = date if isinstance(date, str) else chinese.full_date(date)  # text: a date with blanks to fill in
    issuer_width = max((_points(t) for t in lines), default=0.0)
    # distance from the right edge of the text block to the issuer's first character
    issuer_start = max(2 * EM_PT + issuer_width, 2 * EM_PT + _points(date_text) + 2 * EM_PT)
    issuer_end = LINE_PT - issuer_start + issuer_width
    placed = [signature_line(t, _padding(issuer_end - _points(t))) for t in lines]
    placed.append(signature_line(date_text, _padding(LINE_PT - issuer_start + 2 * EM_PT)))
    return placed


def signature_line(text: str, padding: str) -> dict[str, str]:
    """One line of a signature: its text and the spaces that place it.

    ``indent`` is the same spaces under the name README once gave them, for templates written then.
    """
    return {"text": text, "padding": padding, "indent": padding}


def _points(text: str) -> float:
    """Width of body text in points, character spacing and the Chinese-Latin gaps included.

    Measured in LibreOffice 7.4: a character before a gap keeps its full width.
    """
    return _width(text) * EM_PT + SPACING_PT * (len(text) - _gaps(text))


def _padding(points: float) -> str:
    """Spaces ``points`` wide: ideographic spaces, then Times spaces for the rest."""
    points = max(points, 0.0)
    ideographic = EM_PT + SPACING_PT
    whole = int(points // ideographic)
    rest = points - whole * ideographic
    return chinese.IDEOGRAPHIC_SPACE * whole + " " * round(rest / (TIMES_SPACE_EM * EM_PT + SPACING_PT))


def period_text(plan: Plan) -> str:
    """The campaign period in the one wording every document uses: 4月28日至5月28日.

    The plan chooses the separator (``period.separator``); the year is written only when the
    period crosses into the next one.
    """
    if plan.period.wording:
        return plan.period.wording
    start, end = plan.period.start, plan.period.end
    if start.year != end.year:
        return f"{chinese.full_date(start)}{plan.period.separator}{chinese.full_date(end)}"
    return f"{chinese.month_day(start)}{plan.period.separator}{chinese.month_day(end)}"


def unit_names(plan: Plan, ids: Sequence[str]) -> str:
    """Unit ids as the documents list them: 招生就业处、学生工作处、教务处."""
    return ENUMERATION.join(plan.unit(i).name for i in ids)


def contact_line(plan: Plan) -> str:
    """宣传部李杉杉　电话：84825237　邮箱：…, with what the plan gives; empty without a contact."""
    contact = plan.contact
    if contact is None:
        return ""
    parts = [plan.unit(contact.unit).name + ENUMERATION.join([contact.name, *contact.other_names])]
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
    placed = [signature_line(t, _seal_padding(date_left + (date_width - _width(t)) / 2)) for t in lines]
    room = [signature_line("", "") for _ in range(SEAL_ROOM)]
    return [*room, *placed, signature_line(date_text, _seal_padding(date_left))]


def _seal_padding(chars: float) -> str:
    """Spaces ``chars`` characters wide: ideographic spaces, then a quarter-character space (Times) per quarter.

    Counted in characters, like ``_width``, and kept apart from the unsealed layout's own helper.
    """
    chars = max(chars, 0.0)
    whole = int(chars)
    return chinese.IDEOGRAPHIC_SPACE * whole + " " * round((chars - whole) * 4)
