"""Attachments: the 附件 note and the attachment pages, as the plan's form, tables, or files named.

The first attachment page whose table is a header row and blank rows, titled with the year and
the campaign, is the plan's ``form`` (the one units fill in and return); other pages are tables
of the plan's own; an attachment named in the note without a page is a file sent with the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import Severity
from docgen.importing.facts import escape
from docgen.importing.lines import Paragraph
from docgen.importing.outline import Attachment, Outline
from docgen.importing.reader import Reader
from docgen.importing.sections import grid
from docgen.importing.wordfile import Block

_SUBMITTER = re.compile(r"^([^：:]{2,20})[：:]\s*(?:\d{4}\s*年\s*月\s*日)?$")
_REMARK = re.compile(r"^备\s*注\s*[：:]\s*(.*)$")
_NOTE_LABEL = re.compile(r"^(?:文档)?附\s*件\s*\d*\s*[：:]?\s*")
_EXTENSION = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|et|pptx?|zip|rar|txt|jpe?g|png)$", re.IGNORECASE)


@dataclass
class AttachmentsRead:
    """The plan's ``form`` and ``attachments``, and lines of attachment pages no key holds (kept in the body)."""

    form: dict[str, Any] | None = None
    entries: list[dict[str, Any]] = field(default_factory=list)
    leftover: list[Paragraph] = field(default_factory=list)


def read_attachments(reader: Reader, outline: Outline, prefix: str, task_titles: list[str]) -> AttachmentsRead:
    """The attachments: pages with a table (the form, or tables of the plan's own), files the 附件 lines name.

    ``prefix`` is the year and campaign a form's title starts with; ``task_titles`` tell whether the
    form's remark lists the tasks.
    """
    read = AttachmentsRead()
    titles: list[str] = []
    for page in outline.attachments:
        if page.table is None:
            if page.title:
                read.entries.append(_file(reader, page.title, page.label))
                titles.append(_stem(page.title))
            read.leftover += page.before + page.after
            continue
        form = (
            _form(reader, page, page.title[len(prefix) :], task_titles) if _could_be_form(read, page, prefix) else None
        )
        if form is not None:
            read.form = form
            read.entries.append({"use": "form"})
            titles.append(page.title)
        else:
            read.entries.append(_table(reader, page))
            titles.append(page.title)
        read.leftover += [line for line in page.before if _submitter(line) is None]
    for line in outline.attachment_note:
        name = re.sub(r"^\d+\s*[.．、]\s*", "", _NOTE_LABEL.sub("", line.text)).strip()
        if name and _stem(name) not in titles and name not in titles:
            read.entries.append(_file(reader, name, line))
            titles.append(_stem(name))
    if read.entries == [{"use": "form"}]:
        read.entries = []
    return read


def _could_be_form(read: AttachmentsRead, page: Attachment, prefix: str) -> bool:
    """The first page titled with the year and campaign whose table is a header row over blank rows."""
    return read.form is None and page.title.startswith(prefix) and _is_form(page)


def _stem(name: str) -> str:
    return _EXTENSION.sub("", name)


def _file(reader: Reader, title: str, line: Paragraph | None) -> dict[str, Any]:
    """An attachment sent as a file: the file as the note names it, else the title with .docx."""
    stem = _stem(title)
    if stem != title:
        return {"title": escape(stem), "file": re.sub(r'[\\/:*?"<>|]', "", title)}
    name = re.sub(r'[\\/:*?"<>|]', "", title) + ".docx"
    reader.note("import-attachment-file", line, Severity.EDIT, file=name, title=title)
    return {"title": escape(title), "file": name}


def _is_form(page: Attachment) -> bool:
    assert page.table is not None
    rows, _ = grid(page.table)
    return len(rows) > 1 and all(not any(c.strip() for c in row) for row in rows[1:])


def _submitter(line: Paragraph) -> str | None:
    match = _SUBMITTER.match(line.text.replace("\t", " ").strip())
    return match.group(1).strip() if match else None


def _submitter_of(page: Attachment) -> str | None:
    return next((found for line in page.before if (found := _submitter(line)) is not None), None)


def _remark(reader: Reader, lines: list[Paragraph], task_titles: list[str]) -> tuple[str | None, bool]:
    """The remark under the form (its start where the tasks follow it), and whether they do: 活动项目包括：1. … 2. …."""
    if not lines:
        return None, False
    found = _REMARK.match(lines[0].text)
    texts = [found.group(1) if found else lines[0].text, *(line.text for line in lines[1:])]
    joined = "　".join(reader.literal(line, text) for line, text in zip(lines, texts, strict=True))
    numbers = list(re.finditer(r"(?<![\d.])(\d{1,3})\s*[.．、]", joined))
    if task_titles and [int(m.group(1)) for m in numbers] == list(range(1, len(task_titles) + 1)):
        return joined[: numbers[0].start()].strip() or None, True
    return joined.strip() or None, False


def _form(reader: Reader, page: Attachment, title: str, task_titles: list[str]) -> dict[str, Any] | None:
    """The plan's form; None where its remark is too long for one (the page is then a table of the plan's own)."""
    assert page.table is not None
    rows, _ = grid(page.table)
    form: dict[str, Any] = {"title": title or "活动安排", "submitter": _submitter_of(page) or "填报单位"}
    form["columns"] = [re.sub(r"\s+", "", c) or "　" for c in rows[0]]
    form["blank_rows"] = min(len(rows) - 1, 200)
    remark, listed = _remark(reader, page.after, task_titles)
    if remark is not None:
        if len(remark) > 200 or "{" in remark:
            return None
        form["remark"] = remark
    if not listed:
        form["list_tasks"] = False
    return form


def plain_table(block: Block, *, keep_blank: bool = False) -> tuple[dict[str, Any], int]:
    """A Word table as the plan's ``Table`` (its first row the headings), and the blank rows after its last text."""
    rows, merged = grid(block)
    columns = [re.sub(r"\s+", "", c) or "　" for c in rows[0]]
    body = rows[1:]
    blank = 0
    while body and not keep_blank and not any(c.strip() for c in body[-1]):
        body.pop()
        blank += 1
    table: dict[str, Any] = {"columns": columns, "rows": [[c.strip() for c in r] for r in body]}
    if merged:
        table["merge"] = sorted(m + 1 for m in merged)
    return table, blank


def _table(reader: Reader, page: Attachment) -> dict[str, Any]:
    assert page.table is not None
    table, blank = plain_table(page.table)
    entry: dict[str, Any] = {"title": escape(page.title or "附件"), "table": table}
    if (submitter := _submitter_of(page)) is not None:
        entry["submitter"] = submitter
    if blank:
        entry["blank_rows"] = min(blank, 200)
    remark = reader.text(page.after)
    if remark:
        entry["remark"] = re.sub(r"^备\s*注\s*[：:]\s*", "", remark)
    return entry
