"""Who owes what by a given day, who has sent it, sent it late, or not at all: counted from the record.

``track_returns`` brings the returns folder into its record (``recording``), then gives a
``StatusReport`` as of the end of a day: one column per time a deadline falls due (a weekly
one week by week), one cell per owing unit. A file counts once it has arrived by the end of
that day, so a past day can be replayed. A return is on time when its first file came by the
due day (the working day before a day off: ``dues``), late when after; on the due day itself a
unit that has sent nothing is due today, not missing. A unit's resend replaces the file it
resends (``returns.resends``): the cell holds the files used and those replaced.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Finding, FormError
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan, Unit
from docgen.progress import Progress
from docgen.tracking.dues import owing_units
from docgen.tracking.record_rows import IssueRow
from docgen.tracking.returns import ReturnedFile, resends


class Mark(enum.Enum):
    """What a unit's cell says for one due."""

    RECEIVED = "received"
    LATE = "late"
    MISSING = "missing"
    DUE_TODAY = "due-today"
    NOT_DUE = "not-due"


class Unplaced(enum.Enum):
    """Why a file in the returns folder counts for nobody."""

    NO_DEADLINE = "no-deadline"  # in no deadline's folder
    NO_UNIT = "no-unit"  # names no unit
    SEVERAL_UNITS = "several-units"  # names two units or more
    NOT_OWED = "not-owed"  # its unit does not owe this deadline


@dataclass(frozen=True)
class Cell:
    """One owing unit's state for one due: the files used (a resend's, oldest first) and those they replaced."""

    mark: Mark
    files: tuple[ReturnedFile, ...] = ()
    replaced: tuple[ReturnedFile, ...] = ()

    @property
    def first(self) -> ReturnedFile | None:
        """The unit's first file for this due, replaced since or not: when it sent."""
        every = self.files + self.replaced
        return min(every, key=lambda f: (f.received_at, f.record_id)) if every else None

    @property
    def received_at(self) -> dt.datetime | None:
        """When the unit sent it: its first file's arrival."""
        return self.first.received_at if self.first is not None else None

    @property
    def sent(self) -> dt.date | None:
        """The day the unit's return counts as sent: its first file's."""
        return self.first.day if self.first is not None else None

    @property
    def resent(self) -> int:
        """How many times a file was sent again in place of an earlier one (补报)."""
        return len(self.replaced)


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
        """Units that owe it, are past its due day, and have sent nothing."""
        return self.units_marked(Mark.MISSING)


@dataclass(frozen=True)
class StatusReport:
    """The returns as of the end of ``on``: a column per due, the files nobody could be given, with why.

    ``files`` are those arrived by then; ``issues`` the 简报 written (in the record) dated by
    then; ``notes`` the warnings about the record to show the user (it was started again, a
    file could not be read). ``folder`` is the returns folder.
    """

    plan: Plan
    on: dt.date
    columns: list[Column]
    files: list[ReturnedFile]
    unplaced: list[tuple[ReturnedFile, Unplaced]] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    folder: Path | None = None

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

    def owed_by(self, unit: Unit) -> list[Column]:
        """The overdue columns in which ``unit`` is missing: what one 催报 to it lists."""
        return [c for c in self.overdue_columns if unit in c.missing]


def contact_of(unit: Unit) -> tuple[str, str]:
    """The unit's own 联络员 and phone; empty where the plan names none (never the issuer's contact instead)."""
    if unit.contact is None:
        return "", ""
    return unit.contact.name, unit.contact.phone or ""


def track_returns(
    plan: Plan,
    returns_dir: Path | str,
    on: dt.date,
    deadline: str | None = None,
    progress: Progress | None = None,
    *,
    now: dt.datetime | None = None,
) -> StatusReport:
    """The state of the returns in ``returns_dir`` at the end of the day ``on``; ``deadline`` keeps one deadline.

    The folder is first brought into its record (files saved by hand are recorded, arriving
    at the earlier of ``now`` and their modification time); ``on`` may be any day, a file that
    came after it does not count yet. Raises ``UnknownDeadlineError`` for a ``deadline`` the
    plan does not have, ``FormError`` when ``returns_dir`` is not a folder, ``RecordError``
    when its record cannot be used. ``progress`` hears the step ``read-returns``.
    """
    from docgen.tracking.record import opened_record
    from docgen.tracking.recording import now as clock
    from docgen.tracking.recording import recorded_files

    (progress or Progress()).step("read-returns")
    folder = Path(returns_dir)
    if not folder.is_dir():
        raise FormError([Finding("status-no-returns-folder", {}, file=str(folder))])
    dues(plan, deadline)  # an unknown deadline is refused before anything is recorded
    with opened_record(folder) as record:
        files = recorded_files(plan, folder, record, now if now is not None else clock())
        issues = record.issues()
        notes = list(record.notes)
    return status_report(plan, files, on, deadline, issues=issues, notes=notes, folder=folder)


def arrived_by(files: list[ReturnedFile], on: dt.date) -> list[ReturnedFile]:
    """The files that had come by the end of the day ``on`` (in this computer's time zone)."""
    if on >= dt.date.max - dt.timedelta(days=1):
        return list(files)
    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time()).astimezone()
    return [f for f in files if f.received_at < end]


def status_report(
    plan: Plan,
    files: list[ReturnedFile],
    on: dt.date,
    deadline: str | None = None,
    *,
    issues: list[IssueRow] | None = None,
    notes: list[Finding] | None = None,
    folder: Path | None = None,
) -> StatusReport:
    """The state as of the end of ``on`` from the recorded files (``recording.recorded_files``): nothing is read."""
    due_list = dues(plan, deadline)
    # every deadline's folders are known, so that a file in another deadline's folder is not "in none"
    files = [f for f in arrived_by(files, on) if f.due is None or f.due in due_list]
    owing = {key: tuple(owing_units(plan, key)) for key in dict.fromkeys(d.key for d in due_list)}
    replaced = set(resends(files).values())
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
            sent = sorted(by_due.get((due, unit.id), []), key=lambda f: (f.received_at, str(f.relative)))
            used = tuple(f for f in sent if f.record_id not in replaced)
            cell = Cell(Mark.NOT_DUE, used, tuple(f for f in sent if f.record_id in replaced))
            cells[unit.id] = Cell(_mark(cell, due, on), cell.files, cell.replaced)
        columns.append(Column(due, due.day <= on, cells, owing[due.key]))
    written = [i for i in issues or [] if i.day <= on]
    return StatusReport(plan, on, columns, files, unplaced, written, list(notes or []), folder)


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


def _mark(cell: Cell, due: Due, on: dt.date) -> Mark:
    if cell.sent is not None:
        return Mark.LATE if cell.sent > due.day else Mark.RECEIVED
    if due.day < on:
        return Mark.MISSING
    return Mark.DUE_TODAY if due.day == on else Mark.NOT_DUE
