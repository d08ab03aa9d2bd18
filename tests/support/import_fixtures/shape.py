"""The structure an imported plan must have, written the way a reader of the Word file would state it.

Units are named as the file names them (the test turns the plan's ids into names); a deadline's
``units`` of None means it concerns every unit (各单位 and the like, or no addressee at all).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocumentObject


@dataclass(frozen=True)
class When:
    """A task's day, last day (None: one day) and time of day as written (None: none)."""

    start: dt.date
    end: dt.date | None = None
    time: str | None = None


@dataclass(frozen=True)
class Task:
    """A task: its title, responsible units, organisers (承办单位), and when, where the file says."""

    title: str
    units: tuple[str, ...] = ()
    organisers: tuple[str, ...] | None = None
    when: When | None = None


@dataclass(frozen=True)
class Deadline:
    """A day something is due, who owes it (None: every unit) and what, in words."""

    date: dt.date
    units: tuple[str, ...] | None
    what: str


@dataclass(frozen=True)
class Attached:
    """An attachment: its title and the file name as the notice writes it (None: no file is named)."""

    title: str
    file: str | None


@dataclass(frozen=True)
class Contact:
    """The people units report to, their phone and e-mail."""

    names: tuple[str, ...]
    phone: str | None
    email: str | None = None


@dataclass(frozen=True)
class Shape:
    """What ``docgen import`` must read from one Word file.

    ``period_source`` is where the period comes from: time-section, opening, tasks or issue-date.
    ``own_roles`` are headings (as written, without number and colon) that keep a role of their
    own and are not the tasks. ``guesses`` are the review items each guess must give: (code,
    words of the paragraph the item names; '' where the guess has no line). ``shown_numbers`` are
    the numbers Word draws before its numbered paragraphs, in order.
    """

    title: str | None
    institution: str | None
    issuers: tuple[str, ...]
    issued: dt.date | None
    period: tuple[dt.date, dt.date]
    period_source: str
    tasks: tuple[Task, ...]
    deadlines: tuple[Deadline, ...]
    attachments: tuple[Attached, ...]
    numbering: tuple[str, ...]
    own_roles: tuple[str, ...]
    guesses: tuple[tuple[str, str], ...]
    contact: Contact | None = None
    shown_numbers: tuple[str, ...] = field(default=())


def lines(document: DocumentObject, *texts: str) -> None:
    """One paragraph for each text."""
    for text in texts:
        document.add_paragraph(text)


def new_document() -> DocumentObject:
    """An empty Word document."""
    return docx.Document()


NUMBER_STYLES = (
    ("一、", re.compile(r"^[一二三四五六七八九十]+\s*、")),
    ("（一）", re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("（1）", re.compile(r"^[（(]\d{1,3}[）)]")),
    ("1.", re.compile(r"^\d{1,3}\s*[.．](?!\d)")),
    ("1、", re.compile(r"^\d{1,3}\s*、")),
)
PERIOD_SOURCES = {
    "import-period-from-opening": "opening",
    "import-period-from-tasks": "tasks",
    "import-no-period": "issue-date",
}
"""The review code that says where the period was read, and the source it names (none: a time section)."""


def number_styles(document: DocumentObject) -> list[str]:
    """The number styles of a notice's body paragraphs in the order they first appear, up to its 附件 note."""
    styles: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text.startswith("附件"):
            break
        style = next((s for s, pattern in NUMBER_STYLES if pattern.match(text)), None)
        if style is not None and style not in styles:
            styles.append(style)
    return styles
