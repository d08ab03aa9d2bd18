"""The returns folder brought into the record: each file's arrival known once, and kept.

Every command that reads a returns folder runs ``recorded_files`` first, under the folder's
lock. A file the record does not know yet was saved by hand: it is recorded with the earlier
of this moment and its modification time as its arrival (a date its name starts with wins),
so that opening and saving it again later changes nothing. A recorded file whose content
changed keeps its arrival; one that moved inside the folder (same content at a new path)
keeps it too; one that left the folder stays in the record, no longer present. Then each
present file is given its deadline, week and unit (``returns``), and the files that replace
earlier ones are noted (``returns.resends``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, Severity
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan, Unit
from docgen.tracking.dues import form_deadline
from docgen.tracking.record import Record
from docgen.tracking.record_rows import EARLIEST_YEAR, FileRow
from docgen.tracking.returns import (
    WORD_SUFFIXES,
    Folders,
    ReturnedFile,
    date_in_name,
    folder_files,
    place_of,
    resends,
    units_in_first_lines,
    units_named,
    week_on,
)

_CHUNK = 1024 * 1024
_NS_RANGE = (-(2**63), 2**63 - 1)  # what SQLite's integer holds: nanoseconds up to the year 2262


def mtime_of(status: os.stat_result) -> int:
    """A file's modification time in nanoseconds, as the record can hold it (a later one is kept as 2262)."""
    return min(max(status.st_mtime_ns, _NS_RANGE[0]), _NS_RANGE[1])


def now() -> dt.datetime:
    """The present moment, in this computer's time zone: the clock read at the edge, once per run."""
    return dt.datetime.now().astimezone()


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's content, read in pieces (a video may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def hand_arrival(name: str, mtime_ns: int, seen: dt.datetime, year: int) -> tuple[dt.datetime, str]:
    """When a file saved by hand came, and how that is known.

    The date its name starts with wins (at the modification time when that is on the same day,
    else at the start of that day), unless it is later than ``seen`` or before 1970; otherwise
    the earlier of its modification time and ``seen``.
    """
    try:  # a clock set to the year 3000, or a drive that lies: no arrival, the moment it was seen
        modified = dt.datetime.fromtimestamp(mtime_ns / 1e9).astimezone() if mtime_ns > 0 else seen
    except (ValueError, OverflowError, OSError):
        modified = seen
    earliest, timed_by = (modified, "file") if modified <= seen else (seen, "seen")
    named = date_in_name(name, year)
    if named is None or not dt.date(EARLIEST_YEAR, 1, 1) <= named <= seen.date():  # 0001-01-01, 2099-05-08
        return earliest.replace(microsecond=0), timed_by
    if earliest.date() == named:
        return earliest.replace(microsecond=0), "name"
    return dt.datetime.combine(named, dt.time()).astimezone(), "name"


def plan_key(plan: Plan) -> str:
    """What reading a file's content depends on in the plan (units, form): a short digest of it."""
    facts = [(u.id, u.name, u.full_name, tuple(u.members)) for u in plan.units]
    form = (plan.form.title, tuple(plan.form.columns), plan.form.submitter) if plan.form is not None else None
    return hashlib.sha256(repr((facts, form)).encode("utf-8")).hexdigest()[:16]


def content_facts(plan: Plan, path: Path) -> tuple[bool, tuple[str, ...]]:
    """Whether a .docx is a returned 活动安排 form, and the units its content names (as a form, or first lines)."""
    from docgen.collecting.forms import form_unit

    if path.suffix.lower() not in WORD_SUFFIXES:
        return False, ()
    unit = form_unit(path, plan) if plan.form is not None else None
    if unit is not None:
        return True, (unit.id,)
    return False, tuple(u.id for u in units_in_first_lines(plan, path))


def unit_by_id(plan: Plan, unit_id: str) -> Unit | None:
    """The unit (or a group's member, ``colleges/1``) with this id; None when the plan no longer has it."""
    for unit in plan.units:
        for candidate in [unit, *unit.returners()] if unit.members else [unit]:
            if candidate.id == unit_id:
                return candidate
    return None


def recorded_files(plan: Plan, returns_dir: Path, record: Record, seen: dt.datetime) -> list[ReturnedFile]:
    """Record what the folder holds (as of ``seen``), then every present file as the record knows it, by path."""
    with record.transaction():
        _take_in(plan, returns_dir, record, seen)
        files = _placed(plan, returns_dir, record)
        replaced = resends(files)
        stored = {row.id: row.replaces for row in record.files() if row.present}
        for file in files:
            if stored.get(file.record_id) != replaced.get(file.record_id):
                record.update_file(file.record_id, replaces=replaced.get(file.record_id))
    return sorted(files, key=lambda f: str(f.relative))


def _take_in(plan: Plan, returns_dir: Path, record: Record, seen: dt.datetime) -> None:
    """Note edits, moves and departures of recorded files, and record the new ones with their arrival."""
    rows = record.files()
    present = {row.path: row for row in rows if row.present}
    unmet = dict(present)
    new: list[tuple[Path, PurePosixPath, os.stat_result]] = []
    for path, relative in folder_files(returns_dir):
        try:
            status = path.stat()
        except OSError:
            continue
        row = present.get(relative)
        if row is None:
            new.append((path, relative, status))
            continue
        del unmet[relative]
        if (status.st_size, mtime_of(status)) != (row.size, row.mtime_ns):
            digest = _digest(path, record)
            if digest is not None:  # an edit: the file keeps the arrival it had
                record.update_file(row.id, sha256=digest, size=status.st_size, mtime_ns=mtime_of(status))
    left: dict[str, list[FileRow]] = {}  # by content: the files no longer where they were, latest gone last
    for row in [*(r for r in rows if not r.present), *unmet.values()]:
        left.setdefault(row.sha256, []).insert(0, row)
    found = 0
    for path, relative, status in new:
        digest = _digest(path, record)
        if digest is None:
            continue
        if left.get(digest):
            row = left[digest].pop(0)  # moved within the folder, or back into it: it came when it came
            record.update_file(
                row.id,
                path=relative,
                present=True,
                size=status.st_size,
                mtime_ns=mtime_of(status),
                placed_by="found",
            )
            if row.present:
                del unmet[row.path]
            continue
        arrival, timed_by = hand_arrival(relative.name, mtime_of(status), seen, plan.year)
        record.add_file(
            path=relative,
            present=True,
            name=relative.name,
            sha256=digest,
            size=status.st_size,
            mtime_ns=mtime_of(status),
            received_at=arrival,
            timed_by=timed_by,
            how="hand",
            source=None,
            units=(),
            deadline=None,
            week=None,
            placed_by="found",
            is_form=False,
            content_key="",
            content_units=(),
            replaces=None,
            recorded_at=seen,
        )
        found += 1
    for row in unmet.values():
        record.update_file(row.id, present=False)
    if record.fresh and found and not any(n.code == "record-damaged" for n in record.notes):
        params = {"count": found}
        record.notes.append(Finding("record-started", params, file=str(record.path), severity=Severity.WARNING))


def _digest(path: Path, record: Record) -> str | None:
    try:
        return sha256_of(path)
    except OSError as exc:
        problem = Finding("file-unreadable", {"reason": exc.strerror or str(exc)}, file=str(path))
        record.notes.append(problem.replace(severity=Severity.WARNING))
        return None


def _placed(plan: Plan, returns_dir: Path, record: Record) -> list[ReturnedFile]:
    """Every present file with its due and units: as filed where it was filed, else as its place and content say."""
    due_list = dues(plan)
    form_key = form_deadline(plan)
    form_due = next((d for d in due_list if d.key == form_key), None)
    key = plan_key(plan)
    folders = Folders.of(plan, due_list)
    files = []
    for row in record.files():
        if not row.present:
            continue
        path = returns_dir / row.path
        content_key = f"{row.sha256}:{key}"
        if row.content_key == content_key:
            is_form, content_units = row.is_form, row.content_units
        else:
            is_form, content_units = content_facts(plan, path)
            record.update_file(row.id, content_key=content_key, is_form=is_form, content_units=content_units)
        due, units = _given(plan, row, due_list) if row.placed_by == "given" else (None, None)
        if units is None:
            due, units = _found(plan, row, folders, due_list, form_due, is_form, content_units)
        ids = tuple(u.id for u in units)
        week = due.week if due is not None else None
        deadline = due.key if due is not None else None
        if (ids, deadline, week) != (row.units, row.deadline, row.week):
            record.update_file(row.id, units=ids, deadline=deadline, week=week)
        files.append(
            ReturnedFile(
                path,
                row.path,
                due,
                units,
                row.received_at,
                row.timed_by,
                is_form,
                row.how,
                row.id,
                row.name,
                row.sha256,
            )
        )
    return files


def _given(plan: Plan, row: FileRow, due_list: list[Due]) -> tuple[Due | None, tuple[Unit, ...] | None]:
    """The due and unit a file was filed for; (None, None) when the plan no longer has them."""
    due = next((d for d in due_list if d.key == row.deadline and d.week == row.week), None)
    units = tuple(u for u in (unit_by_id(plan, i) for i in row.units) if u is not None)
    if due is None or len(units) != len(row.units) or not units:
        return None, None
    return due, units


def _found(
    plan: Plan,
    row: FileRow,
    folders: Folders,
    due_list: list[Due],
    form_due: Due | None,
    is_form: bool,
    content_units: tuple[str, ...],
) -> tuple[Due | None, tuple[Unit, ...]]:
    """The due and units a file's place, name and content say (a form counts for the form's deadline anywhere)."""
    place = place_of(folders, row.path)
    due = place.due
    if place.weekly_key is not None:
        due = week_on(due_list, place.weekly_key, row.received_at.astimezone().date())
    units = units_named(plan, "/".join(place.below))
    by_content = tuple(u for u in (unit_by_id(plan, i) for i in content_units) if u is not None)
    if is_form and form_due is not None and by_content:
        return form_due, by_content
    return due, units or by_content
