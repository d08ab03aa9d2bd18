"""Who owes each deadline, and the folder its returns are saved into.

When each deadline falls due (``Due``, ``dues``, ``weeks``) is ``docgen.plan.dues``, the one list
the task sheets' calendars, the .ics calendar and every later report share.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from docgen import chinese
from docgen.plan.dues import Due
from docgen.plan.model import Plan, Unit
from docgen.rendering.filenames import safe_stem


def owing_units(plan: Plan, key: str) -> list[Unit]:
    """The units that owe the deadline ``key``, in registry order.

    Those a task or requirement makes responsible and the deadline concerns (all of them, or the
    units of its task); neither the issuer nor the unit it is handed to owes it to itself.
    """
    deadline = plan.deadlines[key]
    exempt = {plan.issuer, deadline.to}
    return [
        unit
        for unit in plan.responsible_units()
        if unit.id not in exempt and any(name == key for name, _ in plan.deadlines_of(unit.id))
    ]


def deadline_folder(plan: Plan, key: str) -> PurePosixPath:
    """The folder inside a returns folder for a deadline: 上报活动安排表（5月9日前）, or the action for a weekly one."""
    deadline = plan.deadlines[key]
    if deadline.date is None:
        return PurePosixPath(safe_stem(deadline.action))
    return PurePosixPath(safe_stem(f"{deadline.action}（{chinese.month_day(deadline.date)}前）"))


def returns_folder(plan: Plan, due: Due) -> PurePosixPath:
    """Where the returns for ``due`` are saved, relative to the returns folder.

    A dated deadline: its folder. A weekly one: one folder per week inside the deadline's,
    named ``第N周（M月D日至M月D日）``.
    """
    folder = deadline_folder(plan, due.key)
    return folder if due.week is None else folder / safe_stem(due.label)


def form_deadline(plan: Plan) -> str | None:
    """The dated deadline by which the 活动安排 form is returned: the first whose action names the form."""
    for key, deadline in plan.deadlines.items():
        if deadline.date is not None and plan.form is not None and plan.form.title in deadline.action:
            return key
    return None
