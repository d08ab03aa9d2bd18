"""A plan's lookups, built once: units by id, and the tasks and requirements that name each unit.

Documents ask per unit, and a plan may have thousands of units: a scan per question would
make rendering grow with the square of the plan. The index is built from the sequences it
indexes, which the plan holds as tuples: they cannot change under it, and a copy of the plan
with other sequences is indexed anew.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar


class HasId(Protocol):
    """Anything registered under an id (a unit)."""

    @property
    def id(self) -> str: ...  # noqa: D102 - the protocol's one member


class HasUnits(Protocol):
    """Anything that names units by id (a task, a requirement)."""

    @property
    def units(self) -> Sequence[str]: ...  # noqa: D102 - the protocol's one member


Registered = TypeVar("Registered", bound=HasId)


class PlanIndex(Generic[Registered]):
    """Units by id (the first of a duplicated id, as a scan finds it), each unit's tasks and requirements."""

    def __init__(
        self, units: Sequence[Registered], tasks: Sequence[HasUnits], requirements: Sequence[HasUnits]
    ) -> None:
        self.source = (units, tasks, requirements)
        self.by_id: dict[str, Registered] = {}
        for unit in units:
            self.by_id.setdefault(unit.id, unit)
        self.tasks_of = _numbers_by_unit(t.units for t in tasks)
        self.requirements_of = _numbers_by_unit(r.units for r in requirements)

    def indexes(self, units: Sequence[object], tasks: Sequence[object], requirements: Sequence[object]) -> bool:
        """Whether this index was built from these very sequences."""
        return self.source[0] is units and self.source[1] is tasks and self.source[2] is requirements


def _numbers_by_unit(unit_lists: Iterable[Sequence[str]]) -> dict[str, list[int]]:
    """Unit id -> the 1-based numbers of the items naming it (once each, in order)."""
    numbers: dict[str, list[int]] = {}
    for number, ids in enumerate(unit_lists, 1):
        for unit_id in dict.fromkeys(ids):
            numbers.setdefault(unit_id, []).append(number)
    return numbers
