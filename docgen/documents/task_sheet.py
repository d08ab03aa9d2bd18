"""A unit's task sheet: its tasks, duties and deadlines, whom to contact, and the month at a glance."""

from __future__ import annotations

from itertools import islice
from typing import Any

from docgen import chinese
from docgen.documents.deadlines import calendar_grid, deadline_text
from docgen.documents.layout import LINE_CHARS, HeadingCounter, contact_line, period_text, unit_names
from docgen.plan.model import Plan, Unit

MAX_PARTNERS_NAMED = 20  # a task shared by more units names these and counts the rest


def _shared_with(plan: Plan, ids: list[str], own: str) -> str:
    """Who else carries a task, in at most ``MAX_PARTNERS_NAMED`` names: a sheet costs the same however many share."""
    partners = list(islice((u for u in ids if u != own), MAX_PARTNERS_NAMED))
    if not partners:
        return "本部门独立承担。"
    count = len(ids) - 1 if len(ids) > MAX_PARTNERS_NAMED else len(partners)  # ``own`` carries the task
    names = unit_names(plan, partners)
    return f"与{names}共同承担。" if count <= len(partners) else f"与{names}等{count}个部门共同承担。"


BLANK = "\uff3f"  # a full-width low line: an underline that every office suite prints
CONTACT_LABELS = ("本部门联络员：", "联系电话：")


def task_sheet_context(plan: Plan, unit: Unit, member: Unit | None = None) -> dict[str, Any]:
    """What one unit owes: its tasks (numbered as in the notice), duties, deadlines, contacts.

    Deadlines handed to this very unit (the issuer's own sheet) are told as what it receives.
    ``member`` is the member of a group unit the sheet is for (护理学院 of 各院部).
    """
    tasks = []
    for number, task in plan.tasks_of(unit.id):
        shared = _shared_with(plan, task.units, unit.id)
        tasks.append(
            {
                "number": chinese.section_number(2, number),
                "title": task.title,
                "partners": shared,
                "work": task.work or "",
            }
        )
    duties = [
        {"number": chinese.section_number(2, n), "title": r.title, "text": r.duty or r.text}
        for n, r in plan.requirements_of(unit.id)
    ]
    deadlines = [d for _, d in plan.deadlines_of(unit.id)]
    return {
        "heading": HeadingCounter(),
        "institution": plan.institution,
        "title": f"{plan.year}年“{plan.campaign}”任务单",
        "unit": unit.name if member is None or member is unit else f"{member.name}（{unit.name}）",
        "theme": plan.theme,
        "period": period_text(plan),
        "tasks": tasks,
        "duties": duties,
        "deadlines": [deadline_text(d, receiver=d.to == unit.id) for d in deadlines],
        "contact": contact_line(plan),
        "blank": BLANK * contact_blank(),
        "calendar": calendar_grid(plan, deadlines),
    }


def contact_blank() -> int:
    """Length of each blank in the contact line, so that the line (indented two) fits one line."""
    room = LINE_CHARS - 2 - sum(len(label) for label in CONTACT_LABELS) - 1  # one space between the halves
    return room // 2
