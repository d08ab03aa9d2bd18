"""The notice's body as a list of blocks, in the order and wording the plan gives.

A block is a heading at a level (``h1`` 一、, ``h2`` （一）), a paragraph (``text``), or a table
(``table``, XML for a ``{{p … }}`` tag). The template loops over the blocks and styles each
kind; the numbers are counted here, never typed, so a plan cannot print two sections 三.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docgen import chinese
from docgen.documents.layout import ENUMERATION, contact_line, period_text, unit_names
from docgen.documents.tables import PORTRAIT_WIDTH, TableSpec, table_xml
from docgen.plan.model import Column, Item, Plan, Section, Table, Task

Block = dict[str, Any]
Numberer = Callable[[int, int], str]
"""(level, n) -> the number printed before the n-th item at that level (2: （一）, 3: 1., 4: （1）)."""

DEFAULT_HEADINGS = {
    "ideology": "指导思想",
    "organization": "组织机构",
    "time_and_theme": "活动时间及活动主题",
    "time": "活动时间",
    "theme": "活动主题",
    "tasks": "主要工作任务及责任部门",
    "requirements": "工作要求",
    "contact": "联系方式",
}
TASK_LABELS = {
    "units": "责任部门",
    "organisers": "协办单位",
    "when": "活动时间",
    "place": "活动地点",
    "participants": "参加人员",
    "work": "工作任务",
}
COLUMN_HEADINGS = {
    "number": "序号",
    "group": "活动内容",
    "title": "活动名称",
    "work": "活动内容",
    "when": "时间",
    "date": "日期",
    "time": "时间",
    "place": "活动地点",
    "participants": "活动人员",
    "units": "承办单位",
    "organisers": "协办单位",
}
_COLUMN_WEIGHTS = {
    "number": 4,
    "group": 7,
    "title": 12,
    "work": 14,
    "when": 8,
    "place": 8,
    "participants": 8,
    "units": 9,
    "organisers": 9,
}


def paragraphs(text: str | None) -> list[str]:
    """A text field's paragraphs: a blank line separates two; a single line break stays inside one."""
    if not text:
        return []
    parts = [p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p.strip()]


def _text(text: str) -> Block:
    return {"kind": "text", "text": text, "table": ""}


def _heading(level: int, text: str) -> Block:
    return {"kind": f"h{level}", "text": text, "table": ""}


def when_text(task: Task) -> str:
    """A task's day(s) and time: 5月10日（周五）上午9:00, 5月10日至12日, 4月中旬 (as written)."""
    parts = []
    if task.rough_date is not None:
        parts.append(task.rough_date)
    elif task.date is not None:
        day = f"{chinese.month_day(task.date)}（{chinese.weekday_of(task.date)}）"
        if task.end_date is not None and task.end_date != task.date:
            end = task.end_date
            day = (
                chinese.month_day(task.date)
                + "至"
                + (f"{end.day}日" if end.month == task.date.month else chinese.month_day(end))
            )
        parts.append(day)
    if task.time:
        parts.append(task.time)
    return "".join(parts)


def notice_body(plan: Plan) -> list[Block]:
    """Every block of the notice between the opening and the attachment note."""
    blocks: list[Block] = []
    number = 0
    for section in plan.notice_sections():
        if not section.untitled:  # an untitled section is text between the numbered ones
            number += 1
            heading = section.heading or DEFAULT_HEADINGS.get(section.use or "", "")
            blocks.append(_heading(1, chinese.section_number(1, number) + heading))
        blocks += [_text(p) for p in paragraphs(section.text)]
        if section.table is not None:
            blocks.append(_own_table(section.table))
        blocks += list(_section_content(plan, section))
    return blocks


def _numberer(section: Section) -> Numberer:
    """Numbers below a section's heading: its own styles level by level, else GB/T 9704's."""
    styles = section.numbering

    def number(level: int, n: int) -> str:
        if 2 <= level < 2 + len(styles):
            return chinese.styled_number(styles[level - 2], n)
        return chinese.section_number(min(level, 4), n)

    return number


def _section_content(plan: Plan, section: Section) -> Iterator[Block]:
    use = section.use
    number = _numberer(section)
    if use == "ideology":
        yield from (_text(p) for p in paragraphs(plan.ideology))
    elif use == "organization":
        yield from _organization(plan)
    elif use == "time_and_theme":  # two lines numbered 1. 2. (or in the section's own style)
        style = section.numbering[0] if section.numbering else "1."
        yield _text(f"{chinese.styled_number(style, 1)}活动时间：{period_text(plan)}")
        yield _text(f"{chinese.styled_number(style, 2)}活动主题：{plan.theme or ''}")
    elif use == "time":
        yield _text(period_text(plan))
    elif use == "theme":
        yield _text(plan.theme or "")
    elif use == "tasks" and section.view == "table":
        yield from _tasks_table(plan, section)
    elif use == "tasks" and section.view == "paragraphs":
        yield from _task_paragraphs(plan, number)
    elif use == "tasks":
        yield from _tasks(plan, section, number)
    elif use == "requirements":
        for n, requirement in enumerate(plan.requirements, 1):
            texts = paragraphs(requirement.text)
            if requirement.title:
                yield _heading(2, number(2, n) + requirement.title)
                yield from (_text(p) for p in texts)
            elif texts:
                yield _text(number(2, n) + texts[0])
                yield from (_text(p) for p in texts[1:])
    elif use == "contact" and plan.contact is not None:
        yield _text(contact_text(plan))
    yield from _items(section.items, 2, number)


def contact_text(plan: Plan) -> str:
    """联系人：宣传部李杉杉　电话：84825237　邮箱：…, with what the plan gives."""
    line = contact_line(plan)
    return f"联系人：{line}" if line else ""


def _organization(plan: Plan) -> Iterator[Block]:
    org = plan.organization
    if org is None:
        return
    yield from (_text(p) for p in paragraphs(org.text))
    rows: list[tuple[str, str]] = []
    if org.leaders:
        rows.append((chinese.pad_name("组长"), ENUMERATION.join(chinese.pad_name(n) for n in org.leaders)))
    if org.deputy_leaders:
        rows.append(("副组长", ENUMERATION.join(chinese.pad_name(n) for n in org.deputy_leaders)))
    if org.members:
        rows.append((chinese.pad_name("组员"), org.members))
    for role in org.roles:
        names = ENUMERATION.join(chinese.pad_name(n) for n in role.names) if role.names else (role.text or "")
        rows.append((role.label, names))
    yield from (_text(f"{label}：{names}") for label, names in rows)
    yield from (_text(p) for p in paragraphs(org.office))
    yield from (_text(p) for p in paragraphs(org.note))


def _tasks(plan: Plan, section: Section, number: Numberer) -> Iterator[Block]:
    labels = dict(TASK_LABELS)
    labels.update({str(key): value for key, value in section.labels.items()})
    for n, task in enumerate(plan.tasks, 1):
        yield _heading(2, number(2, n) + task.title)
        lines = [
            ("units", unit_names(plan, task.units) if task.units else ""),
            ("organisers", unit_names(plan, task.organisers) if task.organisers else ""),
            ("when", when_text(task)),
            ("place", task.place or ""),
            ("participants", task.participants or ""),
        ]
        for key, value in lines:
            if value:
                yield _text(f"{labels[key]}：{value}" if labels[key] else value)
        for i, paragraph in enumerate(paragraphs(task.work)):
            yield _text(f"{labels['work']}：{paragraph}" if labels["work"] and i == 0 else paragraph)
        yield from _items(task.items, 3, number)


def _task_paragraphs(plan: Plan, number: Numberer) -> Iterator[Block]:
    """Each task as the paragraphs of its work, the first after the task's number (its title where it has no work)."""
    for n, task in enumerate(plan.tasks, 1):
        texts = paragraphs(task.work) or [task.title]
        yield _text(number(2, n) + texts[0])
        yield from (_text(p) for p in texts[1:])
        yield from _items(task.items, 3, number)


def _items(items: list[Item], level: int, number: Numberer) -> Iterator[Block]:
    """Numbered items: （一） at level 2, 1. at level 3, （1） at level 4 and deeper (or the section's styles)."""
    for n, item in enumerate(items, 1):
        shown = number(level, n)
        texts = paragraphs(item.text)
        if item.title and level == 2:
            yield _heading(2, shown + item.title)
        elif item.title:
            yield _text(shown + item.title)
        elif texts:
            yield _text(shown + texts.pop(0))
        yield from (_text(p) for p in texts)
        yield from _items(item.items, level + 1, number)


def _cell(plan: Plan, task: Task, number: int, field: str) -> str:
    if field == "number":
        return str(number)
    if field in ("units", "organisers"):
        return unit_names(plan, task.units if field == "units" else task.organisers)
    day = task.rough_date or (chinese.month_day(task.date) if task.date is not None else "")
    if task.rough_date is None and task.end_date is not None and task.date is not None and task.end_date != task.date:
        day += "至" + chinese.month_day(task.end_date)
    if field == "date":
        return day
    if field == "when":  # the day on one line, the time on the next: a table column is narrow
        return "\n".join(part for part in (day, task.time or "") if part)
    value = getattr(task, field)
    return "\n".join(paragraphs(value)) if isinstance(value, str) else ""


def _own_table(table: Table) -> Block:
    """A section's own table, as wide as the text, equal neighbours merged where the plan says."""
    spec = TableSpec(table.columns, table.rows, table.widths, merge=[m - 1 for m in table.merge], width=PORTRAIT_WIDTH)
    return {"kind": "table", "table": table_xml(spec), "text": ""}


def _tasks_table(plan: Plan, section: Section) -> Iterator[Block]:
    columns = section.columns or [Column(field=f) for f in ("number", "title", "when", "place", "units")]
    headings = [c.heading or COLUMN_HEADINGS[c.field] for c in columns]
    weights = [c.width or _COLUMN_WEIGHTS.get(c.field, 8) for c in columns]
    rows = [[_cell(plan, task, n, c.field) for c in columns] for n, task in enumerate(plan.tasks, 1)]
    merge = [i for i, c in enumerate(columns) if c.field in ("group", "units", "place", "when")]
    spec = TableSpec(headings, rows, weights, merge=merge, width=PORTRAIT_WIDTH)
    yield {"kind": "table", "table": table_xml(spec), "text": ""}
