"""Receiving returns: each file put into its deadline's (and week's) folder under the unit's name, and recorded once.

``receive_file`` takes one file as bytes and the name it came with (a mail's attachment, a file
dropped on a web page); ``receive`` takes files on disk (``docgen receive``), moving a file that
is already in the returns folder (in 未识别/, say) rather than copying it. Both decide the unit,
deadline and week as ``deciding.decide`` does, never replace a file (a second file of the same
name gets a suffix: 教务处-总结（2）.docx), and record the file with when and how it came, its
SHA-256 and the source it came from, all under the returns folder's lock.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, ReceiveError
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan, Unit
from docgen.tracking.deciding import Choices, Decision, decide, folder_due, undecided_findings
from docgen.tracking.dues import returns_folder
from docgen.tracking.placing import distinct_files, filed_name, orphan, placed, received_name
from docgen.tracking.record import Record, docgen_folder, opened_record, sweep_stale
from docgen.tracking.record_rows import EARLIEST_YEAR, LATEST_YEAR, FileRow
from docgen.tracking.recording import mtime_of, plan_key, recorded_files, sha256_of
from docgen.tracking.recording import now as clock
from docgen.tracking.returns import Folders, resends

UNSORTED_FOLDER = "未识别"  # where a file whose unit or deadline is open waits (``hold``)
FILED, UNDECIDED, HELD, ALREADY = "filed", "undecided", "held", "already"
_HOW = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_SOURCE = 1000  # characters of a source (a Message-ID and a part number) that are kept


@dataclass(frozen=True)
class Filing:
    """What receiving one file did.

    ``outcome`` is ``"filed"`` (put into its deadline's folder and recorded), ``"undecided"``
    (its unit or deadline is open: nothing was done, ``choices`` says what it could be),
    ``"held"`` (the same, but saved into 未识别/ and recorded, to be filed later with
    ``docgen receive``) or ``"already"`` (a file of this ``source`` was received before: nothing
    was done, ``path`` is where that one is). ``path`` is relative to the returns folder;
    ``replaces`` the earlier file of the same unit and due this one replaces (a resend), if any.
    """

    outcome: str
    name: str
    path: PurePosixPath | None = None
    unit: Unit | None = None
    due: Due | None = None
    received_at: dt.datetime | None = None
    replaces: PurePosixPath | None = None
    choices: Choices = field(default_factory=Choices)

    @property
    def filed(self) -> bool:
        """Whether the file is now in its deadline's folder (or was, for ``already``)."""
        return self.outcome in (FILED, ALREADY)


def receive_file(
    plan: Plan,
    returns_dir: Path | str,
    data: bytes,
    name: str,
    *,
    at: dt.datetime,
    how: str = "receive",
    unit: str | None = None,
    deadline: str | None = None,
    week: int | None = None,
    source: str | None = None,
    hold: bool = False,
) -> Filing:
    """File one received file, given as its bytes and the name it came with, and record it.

    ``plan`` is the plan as loaded (``docgen.load_plan``); ``returns_dir`` the returns folder
    (made if missing). ``at`` is when the file came, timezone-aware (a mail's arrival, the
    moment it was dropped): it decides lateness and, without ``week``, the week. ``how`` says how
    it came (``"receive"``, ``"mail"``, ``"hand"``, ``"web"``; letters, digits and ``_``).
    ``unit`` (id or name), ``deadline`` (key) and ``week`` (from 1) say what it is for; each left
    out is found as ``docgen status`` finds it. ``source`` names where it came from, e.g. a
    mail's Message-ID and the attachment's number (``"<id@host>#2"``): a second call with the
    same source does nothing and answers ``"already"``. With ``hold``, a file whose unit or
    deadline is open is saved into ``未识别/`` (and recorded) instead of being left out.

    Returns a ``Filing``. Raises ``UnknownUnitError``, ``UnknownDeadlineError``, ``ReceiveError``
    (a week the deadline has not; ``at`` before 1970 or later than tomorrow), ``RecordError``,
    ``FolderBusyError``, ``WriteError``; ``ValueError`` when ``at`` has no time zone.
    """
    _check(at, how)
    root = _root(returns_dir)
    name = received_name(name) or "文件"
    source = _CONTROL.sub("", source)[:MAX_SOURCE] if source is not None else None
    with opened_record(root) as record:
        if source is not None:
            earlier = next((r for r in record.files() if r.source == source), None)
            if earlier is not None:
                return Filing(ALREADY, name, earlier.path, received_at=earlier.received_at)
        recorded_files(plan, root, record, clock())
        staged = _staged(root, name, data)
        try:
            decision = decide(plan, staged, name, at.astimezone().date(), unit=unit, deadline=deadline, week=week)
            if decision.choices and not hold:
                return Filing(UNDECIDED, name, unit=decision.unit, choices=decision.choices)
            digest, folder = sha256_of(staged), _target_folder(plan, decision)
            lost = orphan(record, digest, folder, filed_name(decision.unit, name))
            if lost is not None:  # filed by a run that ended before recording it
                return _adopted(plan, root, record, lost, name, decision, (at, how, source))
            same = _same_received(record, digest, decision)
            if same is not None:
                return same
            target = placed(root, staged, folder, filed_name(decision.unit, name))
        finally:
            staged.unlink(missing_ok=True)
        relative = PurePosixPath(target.relative_to(root).as_posix())
        _record_new(plan, record, target, relative, name, decision, at, how, source)
        return _filing(plan, root, record, relative, name, decision)


def receive_files(
    plan: Plan,
    returns_dir: Path | str,
    paths: Sequence[Path | str],
    *,
    at: dt.datetime | None = None,
    how: str = "receive",
    unit: str | None = None,
    deadline: str | None = None,
    week: int | None = None,
) -> list[Filing]:
    """File the files at ``paths`` (``docgen receive``): all of them, or none.

    A file outside the returns folder is copied in; one already inside it is moved to its
    place. ``at`` (aware) is when they came; without it, now for a file new to the record and
    the recorded arrival for one already in the folder. ``unit``, ``deadline`` and ``week``
    apply to every file, as for ``receive_file``. A file whose very content that unit already
    sent for that deadline and week is not filed again (``"already"``). Raises ``ReceiveError``
    naming every file whose unit or deadline is open, with the choices, and every file that
    cannot be read; then nothing is filed.
    """
    if at is not None:
        _check(at, how)
    root = _root(returns_dir)
    moment = clock()
    with opened_record(root) as record:
        recorded_files(plan, root, record, moment)
        rows = {r.path: r for r in record.files() if r.present}
        folders = Folders.of(plan, dues(plan))
        chosen: list[tuple[Path, FileRow | None, Decision, dt.datetime]] = []
        problems = []
        for path in distinct_files(paths):
            inside = _inside(path, root)
            row = rows.get(inside) if inside is not None else None
            arrival = at or (row.received_at if row is not None else moment)
            _readable(path)
            name = row.name if row is not None else received_name(path.name)
            key, number = folder_due(folders, inside, deadline, week)
            decision = decide(plan, path, name, arrival.astimezone().date(), unit=unit, deadline=key, week=number)
            if decision.choices:
                problems += undecided_findings(plan, name, decision, key, str(path))
            chosen.append((path, row, decision, arrival))
        if problems:
            raise ReceiveError(problems)
        return [
            _file_one(plan, root, record, path, row, decision, arrival, at, how)
            for path, row, decision, arrival in chosen
        ]


def _file_one(
    plan: Plan,
    root: Path,
    record: Record,
    path: Path,
    row: FileRow | None,
    decision: Decision,
    arrival: dt.datetime,
    at: dt.datetime | None,
    how: str,
) -> Filing:
    """One decided file put in its place: copied in and recorded, or (``row``: already in the folder) moved."""
    name = row.name if row is not None else received_name(path.name)
    digest, folder = sha256_of(path), _target_folder(plan, decision)
    lost = orphan(record, digest, folder, filed_name(decision.unit, name)) if row is None else None
    if lost is not None:  # copied by a run that ended before recording it
        return _adopted(plan, root, record, lost, name, decision, (at, how, None))
    same = _same_received(record, digest, decision, row.id if row is not None else None)
    if same is not None:
        return same
    target = placed(root, path, folder, filed_name(decision.unit, name), move=row is not None)
    relative = PurePosixPath(target.relative_to(root).as_posix())
    if row is None:
        _record_new(plan, record, target, relative, name, decision, arrival, how, None)
        return _filing(plan, root, record, relative, name, decision)
    assert decision.unit is not None and decision.due is not None
    timing = {"received_at": at.replace(microsecond=0), "timed_by": "given"} if at is not None else {}
    record.update_file(
        row.id,
        path=relative,
        units=(decision.unit.id,),
        deadline=decision.due.key,
        week=decision.due.week,
        placed_by="given",
        mtime_ns=mtime_of(target.stat()),
        **timing,
    )
    return _filing(plan, root, record, relative, name, decision)


def _same_received(record: Record, digest: str, decision: Decision, itself: int | None = None) -> Filing | None:
    """The file of this very content the same unit already sent for the same due, as an ``already`` filing."""
    if decision.unit is None or decision.due is None:
        return None
    for row in record.files():
        same_due = (row.deadline, row.week) == (decision.due.key, decision.due.week)
        if row.present and row.id != itself and row.sha256 == digest and same_due and row.units == (decision.unit.id,):
            return Filing(ALREADY, row.name, row.path, decision.unit, decision.due, row.received_at)
    return None


def _check(at: dt.datetime, how: str) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("'at' must be a timezone-aware datetime (e.g. datetime.now().astimezone())")
    if not _HOW.fullmatch(how):
        raise ValueError(f"'how' must be a word of letters, digits and '_', starting with a letter: {how!r}")
    latest = clock() + dt.timedelta(days=1)  # a clock a little ahead is no reason to refuse
    if not EARLIEST_YEAR <= at.year <= LATEST_YEAR or at > latest:
        raise _bad_time(at)


def local_time(at: dt.datetime) -> dt.datetime:
    """A time as given on the command line (this computer's zone) made aware; ``ReceiveError`` for none it can hold."""
    try:
        return at.astimezone()
    except (ValueError, OverflowError):
        raise _bad_time(at) from None


def _bad_time(at: dt.datetime) -> ReceiveError:
    latest = (clock() + dt.timedelta(days=1)).date().isoformat()
    params = {"at": at.isoformat(sep=" ", timespec="minutes"), "latest": latest}
    return ReceiveError([Finding("receive-bad-time", params)])


def _root(returns_dir: Path | str) -> Path:
    from docgen.rendering.targets import write_error

    root = Path(returns_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, root) from exc
    return root


def _readable(path: Path) -> None:
    """A regular file that can be opened: a folder, a link to nowhere or a device is refused with its name."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ReceiveError([Finding("receive-not-a-file", {}, file=str(path))])
        with path.open("rb"):
            pass
    except OSError as exc:
        raise ReceiveError([Finding("file-unreadable", {"reason": exc.strerror or str(exc)}, file=str(path))]) from None


def _inside(path: Path, root: Path) -> PurePosixPath | None:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None


def _staged(root: Path, name: str, data: bytes) -> Path:
    """The bytes written beside the record, under their own suffix, to be read and then placed.

    What a run killed while it staged left in ``incoming/`` goes first (``record.sweep_stale``).
    """
    from docgen.rendering.outputs import write_bytes_atomic

    incoming = docgen_folder(root, "incoming")
    sweep_stale(incoming)
    staged = incoming / f"{secrets.token_hex(8)}{PurePosixPath(filed_name(None, name)).suffix}"
    write_bytes_atomic(staged, data)
    return staged


def _target_folder(plan: Plan, decision: Decision) -> PurePosixPath:
    if decision.due is None:
        return PurePosixPath(UNSORTED_FOLDER)
    return returns_folder(plan, decision.due)


def _record_new(
    plan: Plan,
    record: Record,
    target: Path,
    relative: PurePosixPath,
    name: str,
    decision: Decision,
    at: dt.datetime,
    how: str,
    source: str | None,
) -> None:
    from docgen.tracking.recording import content_facts

    status = target.stat()
    digest = sha256_of(target)
    is_form, content_units = content_facts(plan, target)
    record.add_file(
        path=relative,
        present=True,
        name=name,
        sha256=digest,
        size=status.st_size,
        mtime_ns=mtime_of(status),
        received_at=at.replace(microsecond=0),
        timed_by="given",
        how=how,
        source=source,
        **_filed_for(decision),
        is_form=is_form,
        content_key=f"{digest}:{plan_key(plan)}",
        content_units=content_units,
        replaces=None,
        recorded_at=clock(),
    )


def _filed_for(decision: Decision) -> dict[str, object]:
    """The record's columns for what a file was filed for: its unit, deadline and week, given or left to be found."""
    given = decision.unit is not None and decision.due is not None and not decision.choices
    return {
        "units": (decision.unit.id,) if decision.unit is not None else (),
        "deadline": decision.due.key if decision.due is not None else None,
        "week": decision.due.week if decision.due is not None else None,
        "placed_by": "given" if given else "found",
    }


def _adopted(
    plan: Plan,
    root: Path,
    record: Record,
    row: FileRow,
    name: str,
    decision: Decision,
    came: tuple[dt.datetime | None, str, str | None],
) -> Filing:
    """A file found in its place unrecorded (a run ended between placing and recording it), recorded as received."""
    at, how, source = came  # it came when it came: an earlier arrival the folder showed is kept
    moment = at.replace(microsecond=0) if at is not None else row.received_at
    timing = {"received_at": moment, "timed_by": "given"} if moment < row.received_at else {}
    record.update_file(
        row.id,
        name=name,
        how=how,
        source=source,
        **_filed_for(decision),
        **timing,
    )
    return _filing(plan, root, record, row.path, name, decision)


def _filing(plan: Plan, root: Path, record: Record, relative: PurePosixPath, name: str, decision: Decision) -> Filing:
    """What was done, with the earlier file this one replaces (the record brought up to date first)."""
    files = recorded_files(plan, root, record, clock())
    outcome = HELD if decision.choices else FILED
    this = next((f for f in files if f.relative == relative), None)
    if this is None:  # past the files a folder's reading lists (status says so): filed, compared with none
        row = next(r for r in record.files() if r.path == relative)
        return Filing(outcome, name, relative, decision.unit, decision.due, row.received_at, None, decision.choices)
    replaced = resends(files).get(this.record_id)
    earlier = next((f.relative for f in files if f.record_id == replaced), None)
    return Filing(outcome, name, relative, decision.unit, decision.due, this.received_at, earlier, decision.choices)
