"""A unit's task sheet: its tasks, duties and deadlines, whom to contact, and the month at a glance."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import Any

from docgen.documents.context import deadline_record, per_plan, requirement_record, task_record, unit_record
from docgen.documents.deadlines import calendar_grid, last_due_after
from docgen.documents.layout import LINE_CHARS, unit_names
from docgen.documents.titles import under_institution
from docgen.plan.model import Plan, Unit
from docgen.rendering.values import Record, Records

MAX_PARTNERS_NAMED = 20  # a task shared by more units names these and counts the rest


def _shared_with(plan: Plan, ids: Sequence[str], own: str) -> str:
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
    """What one unit owes, over the plan's names: its tasks (numbered as in the notice), duties, deadlines.

    Deadlines handed to this very unit (the issuer's own sheet) are told as what it receives.
    ``member`` is the member of a group unit the sheet is for (护理学院 of 各院部).
    """
    own = unit_values(plan, unit, member)
    title = f"{plan.year}年“{plan.campaign}”任务单"
    return {
        "title": title,
        "title_lines": under_institution(plan, title),
        "unit": own,
        "tasks": own.tasks,
        "duties": own.duties,
        "deadlines": own.deadlines,
        "blank": BLANK * contact_blank(),
        "calendar": _calendar(plan, unit),
    }


def _calendar(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The month grid with the unit's deadlines: made once for each set of deadlines units share."""
    deadlines = plan.deadlines_of(unit.id)
    keys = ("calendar", *(key for key, _ in deadlines))
    return per_plan(plan, keys, lambda: calendar_grid(plan, [deadline for _, deadline in deadlines]))  # type: ignore[no-any-return]


def unit_values(plan: Plan, unit: Unit, member: Unit | None = None) -> Record:
    """A unit with what it owes: printed as its name (护理学院（各院部） for a group's member).

    ``tasks`` say who shares each (``partners``), ``duties`` come from the requirements that
    name it, ``deadlines`` are those that concern it, as sentences.
    """
    tasks = [
        task_record(plan, number, partners=_shared_with(plan, task.units, unit.id))
        for number, task in plan.tasks_of(unit.id)
    ]
    duties = [requirement_record(plan, number, as_duty=True) for number, _ in plan.requirements_of(unit.id)]
    deadlines = plan.deadlines_of(unit.id)
    text = unit.name if member is None or member is unit else f"{member.name}（{unit.name}）"
    return unit_record(
        member if member is not None else unit,
        text,
        group=unit_record(unit) if member is not None and member is not unit else None,
        tasks=Records(tasks, [t.id for t in tasks]),
        duties=Records(duties),
        deadlines=Records(
            (deadline_record(k, d, receiver=d.to == unit.id, last=last_due_after(plan, k)) for k, d in deadlines),
            [k for k, _ in deadlines],
        ),
    )


def contact_blank() -> int:
    """Length of each blank in the contact line, so that the line (indented two) fits one line."""
    room = LINE_CHARS - 2 - sum(len(label) for label in CONTACT_LABELS) - 1  # one space between the halves
    return room // 2
