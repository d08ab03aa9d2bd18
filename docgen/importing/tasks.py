"""Tasks and requirements: the items of an activities section, as a list or as a table, and of 工作要求.

A task's lines labelled 责任部门 (承办单位 …), 活动时间, 活动地点, 参加人员 and 工作任务 fill its
fields; the units they name go into the registry. A table of events becomes tasks shown as a
table, each column mapped to the field its heading names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docgen.errors import Severity
from docgen.importing.facts import split_units
from docgen.importing.outline import Paragraph
from docgen.importing.sections import DEFAULT_LABELS, TASK_LABELS, grid, label_of, parse_day, task_columns, tree
from docgen.importing.wordfile import Block

if TYPE_CHECKING:
    from docgen.importing.build import Builder


def read_tasks(builder: Builder, lines: list[Paragraph], tables: list[tuple[int, Block]]) -> dict[str, Any] | None:
    """The tasks section, filling ``builder.tasks``; None when its lines are not a list of tasks."""
    if tables:
        return _table(builder, lines, tables)
    found = tree(lines)
    if found.text or not found.items:
        return None
    labels: dict[str, str] = {}
    tasks = []
    for n, item in enumerate(found.items, 1):
        task: dict[str, Any] = {
            "id": f"task{n}",
            "title": builder.running(item["line"], item.get("title") or item["line"].rest),
        }
        texts: list[Paragraph] = [] if "title" in item else item.get("text", [])[1:]
        work: list[Paragraph] = []
        for line in item.get("text", []) if "title" in item else texts:
            found_label = label_of(line.text)
            field = _field(found_label[0]) if found_label else None
            if found_label is None or field is None or (field != "work" and field in task):
                work.append(line)
                continue
            label, value = found_label
            if labels.setdefault(field, label) != label:
                return None
            if field == "work":
                work.append(Paragraph(line.number, value))
                labels.setdefault("work", label)
            else:
                _set(builder, task, field, line, value)
        if work:
            if "work" not in labels and labels.setdefault("work", "") != "":
                return None
            task["work"] = builder.text(work)
        if item["items"]:
            task["items"] = [builder._item(i) for i in item["items"]]
        tasks.append(task)
    builder.tasks = tasks
    section: dict[str, Any] = {"use": "tasks"}
    changed = {k: v for k, v in labels.items() if v != DEFAULT_LABELS[k]}
    if changed:
        section["labels"] = changed
    return section


def _field(label: str) -> str | None:
    return next((f for f, words in TASK_LABELS.items() if label in words), None)


def _set(builder: Builder, task: dict[str, Any], field: str, line: Paragraph, value: str) -> None:
    if field == "units":
        task["units"] = [builder.units.id_for(name) for name in split_units(value)]
    elif field == "when":
        day, last, rest = parse_day(value, builder.year)
        if day is not None:
            task["date"] = day
            if last is not None:
                task["end_date"] = last
        if rest:
            task["time"] = builder.literal(line, rest)
    else:
        task[field] = builder.literal(line, value)


def _table(builder: Builder, lines: list[Paragraph], tables: list[tuple[int, Block]]) -> dict[str, Any] | None:
    if len(tables) != 1 or any(line.level for line in lines):
        return None
    where, table = tables[0]
    rows, merged = grid(table)
    if len(rows) < 2:
        return None
    fields = task_columns([re.sub(r"\s+", "", h) for h in rows[0]], merged)
    if fields is None:
        return None
    at = Paragraph(table.number, "")
    tasks = []
    for n, row in enumerate(rows[1:], 1):
        task: dict[str, Any] = {"id": f"task{n}"}
        for field, value in zip(fields, row, strict=True):
            value = value.strip()
            if not value or field == "number":
                continue
            if field in ("title", "work", "group"):
                text = builder.running(at, value.replace("\n", "\n\n") if field == "work" else value.replace("\n", ""))
                task[field] = text
            else:
                _set(builder, task, field, at, value.replace("\n", "、" if field == "units" else ""))
        if "title" not in task:
            builder.note("import-row-without-title", at, Severity.EDIT, row=n)
            task["title"] = "（未命名）"
        tasks.append(task)
    builder.tasks = tasks
    columns = []
    default = {"number": "序号", "group": "活动内容", "title": "活动名称", "work": "活动内容", "when": "时间",
               "place": "活动地点", "participants": "活动人员", "units": "承办单位"}  # fmt: skip
    for field, heading in zip(fields, rows[0], strict=True):
        column = {"field": field}
        if heading.strip() != default[field]:
            column["heading"] = heading.strip()
        columns.append(column)
    section: dict[str, Any] = {"use": "tasks", "view": "table", "columns": columns}
    if lines[:where]:
        section["text"] = builder.text(lines[:where])
    if lines[where:]:
        builder.note("import-after-table", lines[where], Severity.EDIT)
        section["items"] = [{"text": builder.running(line)} for line in lines[where:]]
    return section


def read_requirements(
    builder: Builder, lines: list[Paragraph], tables: list[tuple[int, Block]]
) -> dict[str, Any] | None:
    """The 工作要求 section, filling ``builder.requirements``; None when its items go deeper than one level."""
    found = tree(lines)
    if tables or not found.items or any(item["items"] for item in found.items):
        return None
    requirements = []
    for item in found.items:
        texts = item.get("text", [])
        if "title" in item and texts:
            title = builder.running(item["line"], item["title"])
            requirements.append({"title": title, "text": builder.text(texts)})
        elif "title" in item:
            requirements.append({"text": builder.running(item["line"], item["title"])})
        else:
            requirements.append({"text": builder.text(texts)})
    builder.requirements = requirements
    section: dict[str, Any] = {"use": "requirements"}
    if found.text:
        section["text"] = builder.text(found.text)
    return section
