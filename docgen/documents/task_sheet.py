"""A unit's task sheet: its tasks, duties and deadlines, whom to contact, and the month at a glance."""

from __future__ import annotations

from typing import Any

from docgen import chinese
from docgen.documents.deadlines import calendar_grid, deadline_text
from docgen.documents.layout import LINE_CHARS, HeadingCounter, period_text, unit_names
from docgen.plan.model import Plan, Unit

BLANK = "\uff3f"  # a full-width low line: an underline that every office suite prints
CONTACT_LABELS = ("本部门联络员：", "联系电话：")


def task_sheet_context(plan: Plan, unit: Unit, member: Unit | None = None) -> dict[str, Any]:
    """What one unit owes: its tasks (numbered as in the notice), duties, deadlines, contacts.

    Deadlines handed to this very unit (the issuer's own sheet) are told as what it receives.
    ``member`` is the member of a group unit the sheet is for (护理学院 of 各院部).
    """
    tasks = []
    for number, task in plan.tasks_of(unit.id):
        partners = [u for u in task.units if u != unit.id]
        shared = "与" + unit_names(plan, partners) + "共同承担。" if partners else "本部门独立承担。"
        tasks.append(
            {"number": chinese.section_number(2, number), "title": task.title, "partners": shared, "work": task.work}
        )
    duties = [
        {"number": chinese.section_number(2, n), "title": r.title, "text": r.duty or r.text}
        for n, r in plan.requirements_of(unit.id)
    ]
    deadlines = [d for _, d in plan.deadlines_of(unit.id)]
    contact = plan.contact
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
        "contact": f"{plan.unit(contact.unit).name}{contact.name}　电话：{contact.phone}　邮箱：{contact.email}",
        "blank": BLANK * contact_blank(),
        "calendar": calendar_grid(plan, deadlines),
    }


def contact_blank() -> int:
    """Length of each blank in the contact line, so that the line (indented two) fits one line."""
    room = LINE_CHARS - 2 - sum(len(label) for label in CONTACT_LABELS) - 1  # one space between the halves
    return room // 2
