"""Who owes what by a given day, who has sent it, sent it late, or not at all.

``track_returns`` reads the returns folder once and gives a ``StatusReport``: one column per
time a deadline falls due (a weekly one week by week), one cell per owing unit. Every file
present counts as received whatever the day; the day only decides which deadlines are due.
A return is late when the day it counts as sent (``ReturnedFile.day``) is after the due day.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Finding, FormError
from docgen.plan.model import Plan, Unit
from docgen.progress import Progress
from docgen.tracking.dues import Due, dues, owing_units
from docgen.tracking.returns import ReturnedFile, scan_returns


class Mark(enum.Enum):
    """What a unit's cell says for one due."""

    RECEIVED = "received"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not-due"


class Unplaced(enum.Enum):
    """Why a file in the returns folder counts for nobody."""

    NO_DEADLINE = "no-deadline"  # in no deadline's folder (or, in a weekly one's, on a day of no week)
    NO_UNIT = "no-unit"  # names no unit
    SEVERAL_UNITS = "several-units"  # names two units or more
    NOT_OWED = "not-owed"  # its unit does not owe this deadline


@dataclass(frozen=True)
class Cell:
    """One owing unit's state for one due, and the files that count for it (earliest first)."""

    mark: Mark
    files: tuple[ReturnedFile, ...] = ()

    @property
    def sent(self) -> dt.date | None:
        """The day the unit's return counts as sent: its earliest file's."""
        return self.files[0].day if self.files else None


@dataclass(frozen=True)
class Column:
    """One time a deadline falls due, and every owing unit's cell."""

    due: Due
    is_due: bool
    cells: dict[str, Cell]
    owing: tuple[Unit, ...]

    def units_marked(self, *marks: Mark) -> list[Unit]:
        """The owing units whose cell holds one of ``marks``, in registry order."""
        return [u for u in self.owing if self.cells[u.id].mark in marks]

    @property
    def received(self) -> list[Unit]:
        """Units that sent it, on time or late."""
        return self.units_marked(Mark.RECEIVED, Mark.LATE)

    @property
    def late(self) -> list[Unit]:
        """Units that sent it after the due day."""
        return self.units_marked(Mark.LATE)

    @property
    def missing(self) -> list[Unit]:
        """Units that owe it, are due, and have sent nothing."""
        return self.units_marked(Mark.MISSING)


@dataclass(frozen=True)
class StatusReport:
    """The returns as of ``on``: a column per due, the files nobody could be given, with why."""

    plan: Plan
    on: dt.date
    columns: list[Column]
    files: list[ReturnedFile]
    unplaced: list[tuple[ReturnedFile, Unplaced]] = field(default_factory=list)

    @property
    def due_columns(self) -> list[Column]:
        """The columns due by ``on``: what the printed table and the reminders are about."""
        return [c for c in self.columns if c.is_due]

    @property
    def overdue_columns(self) -> list[Column]:
        """Columns whose due day is before ``on`` and that still have units missing."""
        return [c for c in self.columns if c.due.day < self.on and c.missing]

    @property
    def units(self) -> list[Unit]:
        """Every unit that owes something shown, in registry order: the dashboard's rows."""
        owing = {u.id for c in self.columns for u in c.owing}
        return [u for u in self.plan.units if u.id in owing]


def contact_of(plan: Plan, unit: Unit) -> tuple[str, str]:
    """The person to call about ``unit``'s returns, and the phone: its own contact, else the plan's."""
    if unit.contact is not None:
        return unit.contact.name, unit.contact.phone
    if plan.contact is None:
        return "", ""
    return plan.contact.name, plan.contact.phone or ""


def track_returns(
    plan: Plan, returns_dir: Path | str, on: dt.date, deadline: str | None = None, progress: Progress | None = None
) -> StatusReport:
    """The state of the returns in ``returns_dir`` on the day ``on``; ``deadline`` keeps one deadline.

    Raises ``UnknownDeadlineError`` for a ``deadline`` the plan does not have, ``FormError`` when
    ``returns_dir`` is not a folder. Nothing is written. ``progress`` hears the step ``read-returns``.
    """
    (progress or Progress()).step("read-returns")
    folder = Path(returns_dir)
    if not folder.is_dir():
        raise FormError([Finding("status-no-returns-folder", {}, file=str(folder))])
    due_list = dues(plan, deadline)
    # every deadline's folders are known, so that a file in another deadline's folder is not "in none"
    files = [f for f in scan_returns(plan, folder, dues(plan)) if f.due is None or f.due in due_list]
    owing = {key: tuple(owing_units(plan, key)) for key in dict.fromkeys(d.key for d in due_list)}
    by_due: dict[tuple[Due, str], list[ReturnedFile]] = {}
    unplaced: list[tuple[ReturnedFile, Unplaced]] = []
    for file in files:
        reason = _unplaced(file, owing)
        if reason is not None:
            unplaced.append((file, reason))
            continue
        assert file.due is not None and file.unit is not None
        by_due.setdefault((file.due, file.unit.id), []).append(file)
    columns = []
    for due in due_list:
        cells = {}
        for unit in owing[due.key]:
            sent = tuple(sorted(by_due.get((due, unit.id), []), key=lambda f: (f.day, str(f.relative))))
            cells[unit.id] = Cell(_mark(sent, due, on), sent)
        columns.append(Column(due, due.day <= on, cells, owing[due.key]))
    return StatusReport(plan, on, columns, files, unplaced)


def _unplaced(file: ReturnedFile, owing: dict[str, tuple[Unit, ...]]) -> Unplaced | None:
    if file.due is None:
        return Unplaced.NO_DEADLINE
    if not file.units:
        return Unplaced.NO_UNIT
    if file.unit is None:
        return Unplaced.SEVERAL_UNITS
    if file.unit not in owing[file.due.key]:
        return Unplaced.NOT_OWED
    return None


def _mark(sent: tuple[ReturnedFile, ...], due: Due, on: dt.date) -> Mark:
    if sent:
        return Mark.LATE if sent[0].day > due.day else Mark.RECEIVED
    return Mark.MISSING if due.day <= on else Mark.NOT_DUE
