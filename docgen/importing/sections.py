"""The notice's numbered sections as the plan holds them: known ones by their wording, the rest as the plan's own.

Each known section (指导思想, 组织机构, 活动时间, tasks, 工作要求, 联系方式) is read only when its
lines have the shape docgen prints; otherwise it stays a section of the plan's own (heading,
text, items), which prints the same text, and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from docgen.importing.outline import Paragraph, Part, is_heading_text
from docgen.importing.wordfile import Block

KINDS = (
    ("ideology", ("指导思想", "总体要求", "工作目标")),
    ("organization", ("组织机构", "组织领导", "领导小组", "组织与领导", "组织保障", "机构设置")),
    (
        "tasks",
        ("工作任务", "活动内容", "活动安排", "主要活动", "活动项目", "具体活动", "活动日程", "重点任务", "任务分工"),
    ),
    ("requirements", ("工作要求", "有关要求", "活动要求", "注意事项", "相关要求", "具体要求")),
    ("contact", ("联系方式", "联系人")),
    ("time_and_theme", ("时间及活动主题", "时间和主题", "时间及主题", "主题和时间", "时间与主题")),
    ("time", ("活动时间", "时间安排", "实施时间", "宣传时间")),
    ("theme", ("活动主题", "宣传主题")),
)
TASK_LABELS = {
    "units": ("责任部门", "责任单位", "承办单位", "负责部门", "牵头部门", "组织部门", "主办单位"),
    "when": ("活动时间", "时间"),
    "place": ("活动地点", "地点"),
    "participants": ("参加人员", "参与人员", "参加对象", "活动对象", "参与对象", "活动人员"),
    "work": ("工作任务", "活动内容", "工作内容", "具体内容"),
}
DEFAULT_LABELS = {
    "units": "责任部门",
    "when": "活动时间",
    "place": "活动地点",
    "participants": "参加人员",
    "work": "工作任务",
}
COLUMN_WORDS = (
    ("number", ("序号", "编号")),
    ("units", ("单位", "部门", "负责")),
    ("when", ("时间", "日期")),
    ("place", ("地点", "场地")),
    ("participants", ("人员", "对象", "参加", "参与")),
    ("work", ("内容", "说明", "形式")),
    ("title", ("名称", "事件", "项目", "主题", "活动")),
)
_LABELLED = re.compile(r"^([^：:]{1,8})\s*[：:]\s*(.*)$", re.DOTALL)
_DAY = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*[（(]\s*(?:周|星期)[一二三四五六日天]\s*[）)])?")
_END_DAY = re.compile(r"^\s*[-—–~～至到]\s*(?:(\d{1,2})月)?(\d{1,2})日")


def kind_of(heading: str) -> str | None:
    """The known section a heading names, by its wording."""
    return next((kind for kind, words in KINDS if any(w in heading for w in words)), None)


def label_of(text: str) -> tuple[str, str] | None:
    """(label, value) of a line such as 责任部门：教务处; labels are short."""
    match = _LABELLED.match(text)
    if not match:
        return None
    return re.sub(r"\s+", "", match.group(1)), match.group(2).strip()


@dataclass
class Tree:
    """A section's lines as text before the items, and the items at any depth."""

    text: list[Paragraph]
    items: list[dict[str, Any]]


def tree(lines: list[Paragraph]) -> Tree:
    """Numbered lines become items nested by their level; unnumbered lines join the item above."""
    out = Tree([], [])
    stack: list[tuple[int, dict[str, Any]]] = []
    for line in lines:
        if line.level == 0:
            if stack:
                stack[-1][1].setdefault("text", []).append(line)
            else:
                out.text.append(line)
            continue
        while stack and stack[-1][0] >= line.level:
            stack.pop()
        item: dict[str, Any] = {"line": line, "items": []}
        if is_heading_text(line.rest):
            item["title"] = line.rest
        else:
            item["text"] = [Paragraph(line.number, line.rest)]
        (stack[-1][1]["items"] if stack else out.items).append(item)
        stack.append((line.level, item))
    return out


def split_heading(part: Part) -> tuple[str, list[Paragraph]]:
    """The heading and the section's lines; 一、活动时间：5月8日 gives the heading 活动时间 and a line."""
    rest = part.heading.rest
    found = label_of(rest)
    if found and found[1] and not is_heading_text(rest):
        return found[0], [Paragraph(part.heading.number, found[1]), *part.lines]
    return rest, list(part.lines)


def parse_day(text: str, year: int) -> tuple[dt.date | None, dt.date | None, str]:
    """A task's day, last day and the rest (the time of day): 5月10日（周五）上午9:00."""
    match = _DAY.match(text)
    if not match:
        return None, None, text
    try:
        day = dt.date(int(match.group(1) or year), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None, None, text
    rest = text[match.end() :]
    end = _END_DAY.match(rest)
    last = None
    if end:
        try:
            last = dt.date(day.year, int(end.group(1) or day.month), int(end.group(2)))
            rest = rest[end.end() :]
        except ValueError:
            last = None
    return day, last, rest.strip()


def task_columns(header: list[str], merged: set[int]) -> list[str] | None:
    """The task field each column of an events table shows; None when the table is not one."""
    fields: list[str] = []
    for heading in header:
        field = next((f for f, words in COLUMN_WORDS if any(w in heading for w in words)), None)
        if field is None or field in fields:
            return None
        fields.append(field)
    if "title" not in fields:
        if "work" in fields:
            fields[fields.index("work")] = "title"
        else:
            return None
    title = fields.index("title")
    if "work" in fields and fields.index("work") < title and fields.index("work") in merged:
        fields[fields.index("work")] = "group"
    return fields


def grid(table: Block) -> tuple[list[list[str]], set[int]]:
    """A table as rows of text by grid column, a merged cell's text in each row it covers; merged columns."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    merged: set[int] = set()
    for source in table.rows:
        row: list[str] = []
        cells = iter(source)
        while True:
            column = len(row)
            if column in pending:
                text, left = pending.pop(column)
                row.append(text)
                if left > 1:
                    pending[column] = (text, left - 1)
                continue
            cell = next(cells, None)
            if cell is None:
                break
            row.append(cell.text)
            if cell.rows > 1:
                pending[column] = (cell.text, cell.rows - 1)
                merged.add(column)
            row += [""] * (cell.span - 1)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], merged
