"""Attachments: the 附件 note and the attachment pages, as the plan's form, tables, or files named.

The first attachment page whose table is a header row and blank rows, titled with the year and
the campaign, is the plan's ``form`` (the one units fill in and return); other pages are tables
of the plan's own; an attachment named in the note without a page is a file sent with the notice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docgen.errors import Severity
from docgen.importing.facts import escape
from docgen.importing.outline import Attachment, Paragraph
from docgen.importing.sections import grid
from docgen.importing.wordfile import Block

if TYPE_CHECKING:
    from docgen.importing.build import Builder

_SUBMITTER = re.compile(r"^([^：:]{2,20})[：:]\s*(?:\d{4}\s*年\s*月\s*日)?$")
_REMARK = re.compile(r"^备\s*注\s*[：:]\s*(.*)$")


def read_attachments(builder: Builder) -> None:
    """Set ``form`` and ``attachments`` from the outline's attachment note and pages."""
    outline = builder.outline
    prefix = f"{builder.year}年“{builder.plan['campaign']}”"
    entries: list[dict[str, Any]] = []
    for page in outline.attachments:
        title = page.title
        if page.table is None:
            if title:
                entries.append(_file(builder, title))
            continue
        if "form" not in builder.plan and title.startswith(prefix) and _is_form(page):
            builder.plan["form"] = _form(builder, page, title[len(prefix) :])
            entries.append({"use": "form"})
        else:
            entries.append(_table(builder, page))
    named = [re.sub(r"^\d+\s*[.．、]\s*", "", t) for t in outline.attachment_note]
    titles = [_title_of(builder, e) for e in entries]
    for name in named:
        if name and name not in titles:
            entries.append(_file(builder, name))
    if entries and entries != [{"use": "form"}]:
        builder.plan["attachments"] = entries


def _title_of(builder: Builder, entry: dict[str, Any]) -> str:
    if entry.get("use") == "form":
        return f"{builder.year}年“{builder.plan['campaign']}”{builder.plan['form']['title']}"
    return str(entry.get("title", ""))


def _file(builder: Builder, title: str) -> dict[str, Any]:
    name = re.sub(r"[\\/:*?\"<>|]", "", title) + ".docx"
    builder.review.append(_at(builder, "import-attachment-file", Severity.EDIT, file=name, title=title))
    return {"title": escape(title), "file": name}


def _at(builder: Builder, code: str, severity: Severity, **params: Any) -> Any:
    from docgen.importing.facts import review

    return review(code, None, builder.file, severity, **params)


def _is_form(page: Attachment) -> bool:
    assert page.table is not None
    rows, _ = grid(page.table)
    return len(rows) > 1 and all(not any(c.strip() for c in row) for row in rows[1:])


def _submitter(page: Attachment) -> str | None:
    for line in page.before:
        match = _SUBMITTER.match(line.text.replace("\t", " ").strip())
        if match:
            return match.group(1).strip()
    return None


def _remark(builder: Builder, lines: list[Paragraph]) -> tuple[str | None, bool]:
    """The remark's start, and whether the task list that follows it is the plan's tasks."""
    if not lines:
        return None, False
    match = _REMARK.match(lines[0].text)
    if match is None:
        return builder.text(lines), False
    first = match.group(1)
    listed = re.split(r"(?=\b1\s*[.．、])", first, maxsplit=1)
    start = listed[0].strip()
    rest = [listed[1]] if len(listed) > 1 else []
    rest += [line.text for line in lines[1:]]
    titles = [re.sub(r"^\d+\s*[.．、]\s*", "", t).strip() for t in rest]
    tasks = [str(t.get("title", "")) for t in builder.tasks]
    return start or None, bool(titles) and len(titles) == len(tasks)


def _form(builder: Builder, page: Attachment, title: str) -> dict[str, Any]:
    assert page.table is not None
    rows, _ = grid(page.table)
    form: dict[str, Any] = {"title": title or "活动安排", "submitter": _submitter(page) or "填报单位"}
    form["columns"] = [re.sub(r"\s+", "", c) or "　" for c in rows[0]]
    form["blank_rows"] = min(len(rows) - 1, 200)
    remark, listed = _remark(builder, page.after)
    if remark is not None:
        form["remark"] = remark
        if not listed:
            builder.review.append(_at(builder, "import-remark-list", Severity.NOTE))
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


def _table(builder: Builder, page: Attachment) -> dict[str, Any]:
    assert page.table is not None
    table, blank = plain_table(page.table)
    entry: dict[str, Any] = {"title": escape(page.title or "附件"), "table": table}
    if (submitter := _submitter(page)) is not None:
        entry["submitter"] = submitter
    if blank:
        entry["blank_rows"] = min(blank, 200)
    remark = builder.text(page.after)
    if remark:
        entry["remark"] = re.sub(r"^备\s*注\s*[：:]\s*", "", remark)
    return entry
