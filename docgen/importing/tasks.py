"""The tasks: numbered activities or the rows of a schedule table, taken as tasks by what they say.

A section holds the tasks when its items are activities that name responsible units or days
(a labelled line, a closing （负责部门：…）, 由X负责, a unit opening the sentence, a day in the
text, a table's unit or date column), whatever its heading; a heading that names the tasks
only lowers the bar. Items under a heading-like title keep their labelled lines (list view);
items that are sentences keep their words as written (paragraph view); a table keeps its columns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from docgen.documents.body import TASK_LABELS  # what docgen prints: a label written so needs no key
from docgen.errors import Severity
from docgen.importing.dates import Span, first_span, spans, time_after
from docgen.importing.lines import Paragraph
from docgen.importing.reader import Reader
from docgen.importing.responsible import is_catch_all, named_in, split_units, subject
from docgen.importing.sections import (
    Node,
    grid,
    has_other_role,
    item_data,
    label_of,
    styles_of,
    task_columns,
    task_field,
    tree,
)
from docgen.importing.wordfile import Block

_COLUMN_HEADINGS = {"number": "序号", "group": "活动内容", "title": "活动名称", "work": "活动内容", "when": "时间",
                    "date": "日期", "time": "时间", "place": "活动地点", "participants": "活动人员",
                    "units": "承办单位", "organisers": "协办单位"}  # fmt: skip
_TITLE_END = re.compile(r"^(.{2,30}?)[。：:；;！!，,]")


@dataclass
class Days:
    """How the tasks' days are read: the year they are in, a day they are near (the period's start)."""

    year: int
    near: dt.date | None = None


@dataclass
class TasksRead:
    """A section read as the tasks: the section's keys, the tasks, and lines after a table (kept apart)."""

    section: dict[str, Any]
    tasks: list[dict[str, Any]]
    after: list[Paragraph] = field(default_factory=list)
    sources: list[Paragraph] = field(default_factory=list)  # the line (or table) each task was read from


def read_tasks(
    reader: Reader, lines: list[Paragraph], tables: list[tuple[int, Block]], days: Days, *, named: bool
) -> TasksRead | None:
    """The tasks in a section's lines or its one table; None when they are not a list of activities."""
    if tables:
        if len(tables) != 1 or any(line.level for line in lines[: tables[0][0]]):
            return None
        return _table(reader, lines, tables[0], days, named=named)
    found = tree(lines)
    if not found.items:
        return None
    section: dict[str, Any] = {"use": "tasks"}
    labels: dict[str, str] = {}
    if any(node.title is not None for node in found.items):
        tasks, labels = _listed(reader, found.items, days)
    else:
        tasks = [_sentence(reader, node, n, days) for n, node in enumerate(found.items, 1)]
        section["view"] = "paragraphs"
    if tasks is None or not _activities(tasks, named=named):
        return None
    if labels:
        section["labels"] = labels
    if found.text:
        section["text"] = reader.text(found.text)
    if styles := styles_of(found.items):
        section["numbering"] = styles
    return TasksRead(section, tasks, [], [node.line for node in found.items])


def _activities(tasks: list[dict[str, Any]], *, named: bool) -> bool:
    """Enough of the items name units or days to be taken for activities (any, under a heading of tasks).

    An item titled with a role of its own (2.活动时间。…, 3.报名方式。…) is no activity, whatever it names.
    """
    if named:
        return bool(tasks)
    evidence = sum(1 for t in tasks if (t.get("units") or t.get("date")) and not has_other_role(t["title"]))
    return len(tasks) >= 2 and evidence >= max(2, (len(tasks) + 1) // 2)


def _listed(reader: Reader, nodes: list[Node], days: Days) -> tuple[list[dict[str, Any]] | None, dict[str, str]]:
    """Tasks under heading-like titles: labelled lines fill their fields, the rest is their work."""
    labels: dict[str, str] = {}
    tasks = []
    for n, node in enumerate(nodes, 1):
        task_id = f"task{n}"
        text = node.title if node.title is not None else node.line.rest
        task: dict[str, Any] = {"id": task_id, "title": reader.running(node.line, text, task_id)}
        work: list[Paragraph] = []
        lines = node.text if node.title is not None else node.text[1:]
        keys = [task_field(found[0]) if (found := label_of(line.text)) else None for line in lines]
        for line, key in zip(lines, keys, strict=True):
            found = label_of(line.text)
            if key == "organisers" and "units" not in keys:
                key = "units"  # 承办单位 alone names who is responsible
            if found is None or key is None or (key != "work" and key in task):
                work.append(line)
                continue
            label, value = found
            if labels.setdefault(key, label) != label:
                return None, {}
            if key == "work":
                work.append(Paragraph(line.number, value))
            else:
                _set(reader, task, key, line, value, days)
        if work:
            labels.setdefault("work", "")  # unlabelled lines: the work without a label
            task["work"] = reader.text(work, task_id)
            if "units" not in task and (named := named_in(" ".join(w.text for w in work))) is not None:
                _units(reader, task, named.units, named.helpers, work[0], named.words)
        if "date" not in task and "time" not in task:
            _first_day(reader, task, node.line, text, days)  # （一）主题班会（10月8日-10月11日）
        if node.items:
            task["items"] = [item_data(reader, i) for i in node.items]
        tasks.append(task)
    return tasks, {k: v for k, v in labels.items() if v != TASK_LABELS[k]}


def _sentence(reader: Reader, node: Node, n: int, days: Days) -> dict[str, Any]:
    """A task written as a sentence (1.举办启动仪式。5月8日上午…（负责部门：…）): its words kept as its work."""
    task_id = f"task{n}"
    text = node.line.rest
    title = _TITLE_END.match(text)
    task: dict[str, Any] = {"id": task_id, "title": reader.running(node.line, title.group(1) if title else text)}
    task["work"] = reader.text(node.text, task_id)
    whole = " ".join(line.text for line in node.text)
    for line in node.text[1:]:  # 负责部门：教务处 各二级学院, on a line of its own under the sentence
        found = label_of(line.text)
        if found and task_field(found[0]) in ("units", "organisers") and task_field(found[0]) not in task:
            _set(reader, task, str(task_field(found[0])), line, found[1], days)
    named = named_in(whole) if "units" not in task else None
    if named is not None:
        _units(reader, task, named.units, named.helpers, node.line, named.words)
    _first_day(reader, task, node.line, whole, days)
    if node.items:
        task["items"] = [item_data(reader, i) for i in node.items]
    return task


def _first_day(reader: Reader, task: dict[str, Any], line: Paragraph, text: str, days: Days) -> None:
    """The first day a task's words give that is not a deadline (5月22日上午9:00在…举行, not 5月19日前)."""
    for span in spans(text, days.year, near=days.near):
        if not re.match(r"\s*(?:之|以)?前", text[span.at[1] :]):
            _when(reader, task, line, span, text, time_after(text[span.at[1] :]))
            return


def _units(
    reader: Reader, task: dict[str, Any], units: list[str], helpers: list[str], line: Paragraph, words: str
) -> None:
    task["units"] = [reader.units.id_for(name) for name in units]
    if helpers:
        task["organisers"] = [reader.units.id_for(name) for name in helpers]
    if not words.startswith(("（", "(", "由")):
        reader.note("import-units-in-text", line, units="、".join(units))


def _set(reader: Reader, task: dict[str, Any], key: str, line: Paragraph, value: str, days: Days) -> None:
    if key in ("units", "organisers"):
        task[key] = [reader.units.id_for(name) for name in split_units(value)]
    elif key == "when":
        span = first_span(value, days.year, near=days.near)
        if span is None or span.at[0] != 0:
            task["time"] = reader.literal(line, value)
            return
        rest = value[span.at[1] :].strip()
        if rest and time_after(rest) != rest:  # 5月、6月: more than a day and a time; kept as written
            span.guesses = span.guesses or [span.written(value)]
            span.at = (0, len(value))
            rest = ""
        _when(reader, task, line, span, value, rest)
    else:
        task[key] = reader.literal(line, value)


def _when(reader: Reader, task: dict[str, Any], line: Paragraph, span: Span, text: str, rest: str) -> None:
    """A task's day(s) and time; a day assumed (4月中旬) keeps its words, for the notice to print them."""
    task["date"] = span.start
    if span.end != span.start:
        task["end_date"] = span.end
    if span.guesses:
        task["rough_date"] = re.sub(r"\s+", "", span.written(text))
        reader.note("import-day-assumed", line, words="、".join(span.guesses), start=span.start, end=span.end)
    if span.next_year:
        reader.note("import-next-year", line, date=span.start, year=span.start.year)
    if rest:
        task["time"] = reader.literal(line, rest)


def _table(
    reader: Reader, lines: list[Paragraph], placed: tuple[int, Block], days: Days, *, named: bool
) -> TasksRead | None:
    where, table = placed
    rows, merged = grid(table)
    if len(rows) < 2:
        return None
    header = [re.sub(r"\s+", "", h) for h in rows[0]]
    fields = task_columns(header, merged)
    if fields is None:
        return None
    at = Paragraph(table.number, "")
    tasks = []
    for n, row in enumerate(rows[1:], 1):
        task: dict[str, Any] = {"id": f"task{n}"}
        for key, value in zip(fields, row, strict=True):
            value = value.strip()
            if not value or key == "number":
                continue
            cell = Paragraph(table.number, value)
            if key in ("title", "work", "group"):
                task[key] = reader.running(
                    at, value.replace("\n", "\n\n") if key == "work" else value.replace("\n", "")
                )
            elif key == "date":
                _set(reader, task, "when", cell, value.replace("\n", ""), days)
            elif key == "time":
                task["time"] = reader.literal(cell, value.replace("\n", ""))
            elif key == "when" and "\n" in value:
                day, _, time = value.partition("\n")
                _set(reader, task, "when", cell, f"{day}{time.replace(chr(10), '')}", days)
            else:
                _set(reader, task, key, cell, value.replace("\n", "、" if key in ("units", "organisers") else ""), days)
        if "title" not in task:
            reader.note("import-row-without-title", at, Severity.EDIT, row=n)
            task["title"] = "（未命名）"
        tasks.append(task)
    if not named and not _activities(tasks, named=False):
        return None
    columns = []
    for key, heading in zip(fields, header, strict=True):
        column = {"field": key}
        if heading != _COLUMN_HEADINGS[key]:
            column["heading"] = heading
        columns.append(column)
    section: dict[str, Any] = {"use": "tasks", "view": "table", "columns": columns}
    if lines[:where]:
        section["text"] = reader.text(lines[:where])
    return TasksRead(section, tasks, lines[where:], [Paragraph(table.number, "　".join(r)) for r in rows[1:]])


def read_requirements(reader: Reader, lines: list[Paragraph], tables: list[Any]) -> TasksRead | None:
    """The 工作要求 section's items; None when they go deeper than one level or a table stands among them."""
    found = tree(lines)
    if tables or not found.items or any(node.items for node in found.items):
        return None
    requirements = []
    for node in found.items:
        texts = node.text
        if node.title is not None and texts:
            requirement = {"title": reader.running(node.line, node.title), "text": reader.text(texts)}
        elif node.title is not None:
            requirement = {"text": reader.running(node.line, node.title)}
        else:
            requirement = {"text": reader.text(texts)}
        _duty(reader, requirement, node)
        requirements.append(requirement)
    section: dict[str, Any] = {"use": "requirements"}
    if found.text:
        section["text"] = reader.text(found.text)
    if styles := styles_of(found.items):
        section["numbering"] = styles
    return TasksRead(section, requirements)


def _duty(reader: Reader, requirement: dict[str, Any], node: Node) -> None:
    """Units a requirement gives a duty to (保卫处、各教学单位要…), and the duty, for their task sheets."""
    whole = "".join(line.text for line in node.text) or (node.title or "")
    for sentence in re.findall(r"[^。！!]+[。！!]?", whole):
        units = subject(re.split(r"[，,；;：:]", sentence, maxsplit=1)[0])
        if not units or any(is_catch_all(u) for u in units):
            continue
        last = sentence.find(units[-1]) + len(units[-1])
        verb = re.match(r"\s*(?:要|应|须|务必)", sentence[last:])
        if verb is not None and sentence[last + verb.end() :].strip():
            requirement["units"] = [reader.units.id_for(u) for u in units]
            requirement["duty"] = sentence[last + verb.end() :].strip()
            reader.note("import-requirement-units", node.line, units="、".join(units))
            return
