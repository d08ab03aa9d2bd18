"""A plan's lookups, built once: units by id, and the tasks and requirements that name each unit.

Documents ask per unit, and a plan may have thousands of units: a scan per question would
make rendering grow with the square of the plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docgen.plan.model import Plan, Unit


class PlanIndex:
    """A plan's units by id (the first of a duplicated id, as a scan finds it), each unit's tasks and requirements."""

    def __init__(self, plan: Plan) -> None:
        self.source = (id(plan.units), id(plan.tasks), id(plan.requirements))  # a copy with new lists re-indexes
        self.by_id: dict[str, Unit] = {}
        for unit in plan.units:
            self.by_id.setdefault(unit.id, unit)
        self.tasks_of = _numbers_by_unit(t.units for t in plan.tasks)
        self.requirements_of = _numbers_by_unit(r.units for r in plan.requirements)


def _numbers_by_unit(unit_lists: Iterator[list[str]]) -> dict[str, list[int]]:
    """Unit id -> the 1-based numbers of the items naming it (once each, in order)."""
    numbers: dict[str, list[int]] = {}
    for number, ids in enumerate(unit_lists, 1):
        for unit_id in dict.fromkeys(ids):
            numbers.setdefault(unit_id, []).append(number)
    return numbers
