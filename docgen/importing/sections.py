"""The words of a notice's sections: what a heading names, labelled lines, numbered items as a tree, table columns.

A heading names a known part (指导思想, 组织机构, 活动时间, tasks, 工作要求, 联系方式) or a role
that is not the tasks (征集, 申报, 总结表彰 …); whether a section holds the tasks is decided by
its items (``docgen.importing.tasks``), the heading only tips the balance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docgen.importing.lines import Paragraph, is_heading_text
from docgen.importing.reader import Reader
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
OTHER_ROLES = (
    "时间", "主题", "要求", "注意事项", "征集", "申报", "报送", "报名", "联系", "总结", "表彰", "奖项", "奖励",
    "评奖", "目的", "意义", "对象", "范围", "原则", "目标", "保障", "领导", "机构", "思想",
)  # fmt: skip
"""Words of a heading whose section has a role of its own: its items are not the tasks."""
TASK_LABELS = {
    "units": ("责任部门", "责任单位", "负责部门", "负责单位", "牵头部门", "组织部门", "主办单位", "组织单位"),
    "organisers": ("承办单位", "协办单位", "配合部门", "配合单位"),
    "when": ("活动时间", "时间"),
    "place": ("活动地点", "地点"),
    "participants": ("参加人员", "参与人员", "参加对象", "活动对象", "参与对象", "活动人员"),
    "work": ("工作任务", "活动内容", "工作内容", "具体内容"),
}
DEFAULT_STYLES = ("（一）", "1.", "（1）")
"""The numbers docgen prints below a heading, level by level (GB/T 9704)."""
_COLUMN_WORDS = (
    ("number", ("序号", "编号")),
    ("organisers", ("承办", "协办", "配合")),
    ("units", ("负责", "责任", "主办", "组织", "牵头", "实施")),
    ("date", ("日期",)),
    ("when", ("时间",)),
    ("place", ("地点", "场地")),
    ("participants", ("人员", "对象", "参加", "参与")),
    ("work", ("内容", "说明", "形式")),
    ("title", ("名称", "事件", "项目", "主题", "活动")),
)
_LABELLED = re.compile(r"^([^：:]{1,8})\s*[：:]\s*(.*)$", re.DOTALL)


def kind_of(heading: str) -> str | None:
    """The known section a heading names, by its wording."""
    return next((kind for kind, words in KINDS if any(w in heading for w in words)), None)


def has_other_role(heading: str) -> bool:
    """True where a heading names a role that is not the tasks (征集及申报, 总结表彰, 活动时间 …)."""
    return kind_of(heading) != "tasks" and any(word in heading for word in OTHER_ROLES)


def label_of(text: str) -> tuple[str, str] | None:
    """(label, value) of a line such as 责任部门：教务处; labels are short."""
    match = _LABELLED.match(text)
    if not match:
        return None
    return re.sub(r"\s+", "", match.group(1)), match.group(2).strip()


def task_field(label: str) -> str | None:
    """The task field a label names: 承办单位 -> organisers, 活动时间 -> when."""
    return next((f for f, words in TASK_LABELS.items() if label in words), None)


@dataclass
class Node:
    """A numbered item: its line, its title (a heading-like line) or text, and the items under it."""

    line: Paragraph
    title: str | None
    text: list[Paragraph] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)


@dataclass
class Tree:
    """A section's lines as text before the items, and the items at any depth."""

    text: list[Paragraph]
    items: list[Node]


def tree(lines: list[Paragraph]) -> Tree:
    """Numbered lines become items nested by their level; unnumbered lines join the item above."""
    out = Tree([], [])
    stack: list[Node] = []
    for line in lines:
        if line.level == 0:
            (stack[-1].text if stack else out.text).append(line)
            continue
        while stack and stack[-1].line.level >= line.level:
            stack.pop()
        if is_heading_text(line.rest):
            node = Node(line, line.rest)
        else:
            node = Node(line, None, [Paragraph(line.number, line.rest)])
        (stack[-1].items if stack else out.items).append(node)
        stack.append(node)
    return out


def styles_of(nodes: list[Node]) -> list[str]:
    """The number styles of the items' levels, where they differ from docgen's own (（一） 1. （1））."""
    found: list[str] = []
    level = nodes
    while level and len(found) < len(DEFAULT_STYLES):
        found.append(level[0].line.style)
        level = next((n.items for n in level if n.items), [])
    while found and found[-1] == DEFAULT_STYLES[len(found) - 1]:
        found.pop()
    return [s if s in ("一、", "（一）", "1.", "1、", "（1）", "①") else DEFAULT_STYLES[i] for i, s in enumerate(found)]


def item_data(reader: Reader, node: Node) -> dict[str, Any]:
    """A numbered item as the plan's ``Item``: title, text, items."""
    out: dict[str, Any] = {}
    if node.title is not None:
        out["title"] = reader.running(node.line, node.title)
    if node.text and (text := reader.text(node.text)) is not None:
        out["text"] = text
    if node.items:
        out["items"] = [item_data(reader, i) for i in node.items]
    return out


def split_heading(heading: Paragraph, lines: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    """The heading and the section's lines; 一、活动时间：5月8日 gives the heading 活动时间 and a line."""
    rest = heading.rest
    found = label_of(rest)
    if found and found[1] and not is_heading_text(rest):
        return found[0], [Paragraph(heading.number, found[1]), *lines]
    return rest, list(lines)


def task_columns(header: list[str], merged: set[int]) -> list[str] | None:
    """The task field each column of an events table shows; None when the table is not one.

    Columns may repeat a meaning: 日期 and 时间 together are the day and the time, a second unit
    column (承办单位 beside 负责单位) holds the organisers.
    """
    fields: list[str] = []
    for heading in header:
        field_ = next((f for f, words in _COLUMN_WORDS if any(w in heading for w in words)), None)
        if field_ is None:
            return None
        fields.append(field_)
    if "organisers" in fields and "units" not in fields:
        fields[fields.index("organisers")] = "units"
    if "date" in fields and "when" not in fields:
        fields[fields.index("date")] = "when"
    elif "date" in fields:
        fields[fields.index("when")] = "time"
    if "title" not in fields:
        if "work" not in fields:
            return None
        fields[fields.index("work")] = "title"
    if len(set(fields)) != len(fields):
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
