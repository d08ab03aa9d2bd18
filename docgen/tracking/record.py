"""The campaign's record: docgen's memory of a returns folder, one SQLite file inside it.

``DIR/.docgen/record.sqlite`` for the returns folder DIR, opened only under the folder's lock
(``rendering.lock``), in WAL mode, its schema versioned by SQLite's ``user_version``. It holds
every file received (where it is now, the name it came with, when it came and how, its SHA-256,
the unit, deadline and week it counts for, the earlier file it replaces) and every 简报 issue
written (期号, week, date, and the files each of its items used). The folder stays the place
where the officer saves files; the record is what docgen remembers of them, so deleting it
loses history and nothing else.

Nothing in the file is trusted. One that is no SQLite database, fails SQLite's own check, holds
objects docgen never makes (a trigger, a view, another table) or values docgen never writes (a
path out of the folder, a date without its offset) is set aside as damaged, kept under another
name, and the record is started again from the folder, with a warning saying so. One written by
a newer docgen, one another program keeps locked, one that is a link or cannot be written is an
error naming it. Only the standard library's ``sqlite3`` is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import Finding, RecordError, Severity
from docgen.tracking.record_rows import (
    FILE_COLUMNS,
    DamagedError,
    FileRow,
    IssueRow,
    checked_day,
    checked_int,
    checked_key,
    checked_moment,
    file_row,
    stored,
)

RECORD_FOLDER = ".docgen"
RECORD_FILE = "record.sqlite"
SCHEMA_VERSION = 1
BUSY_SECONDS = 10.0  # how long SQLite waits for another program holding the file
MAX_RECORD_BYTES = 512 * 1024 * 1024
MAX_VALUE_BYTES = 1024 * 1024  # no text docgen writes is longer; a longer one is refused by SQLite itself
STALE = 24 * 3600  # seconds after which a file left in docgen's ``incoming`` folder is a killed run's
MAX_SWEPT = 1000  # entries of that folder looked at in one call
_JOURNALS = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside the record

# Each entry brings a record from the version before it to its own number.
_MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    present INTEGER NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    timed_by TEXT NOT NULL,
    how TEXT NOT NULL,
    source TEXT UNIQUE,
    units TEXT NOT NULL,
    deadline TEXT,
    week INTEGER,
    placed_by TEXT NOT NULL,
    is_form INTEGER NOT NULL,
    content_key TEXT NOT NULL,
    content_units TEXT NOT NULL,
    replaces INTEGER,
    recorded_at TEXT NOT NULL
);
CREATE INDEX files_by_path ON files (path);
CREATE TABLE issues (
    number INTEGER PRIMARY KEY,
    deadline TEXT NOT NULL,
    week INTEGER NOT NULL,
    day TEXT NOT NULL,
    written_at TEXT NOT NULL,
    UNIQUE (deadline, week)
);
CREATE TABLE issue_items (
    issue INTEGER NOT NULL,
    position INTEGER NOT NULL,
    unit TEXT NOT NULL,
    file INTEGER NOT NULL,
    PRIMARY KEY (issue, position, file)
);
""",
}


@dataclass
class Record:
    """An open record (inside ``opened_record``): its rows, and the writes that change them.

    ``fresh`` is true when the record was started by this run (there was none, or it was
    damaged); ``notes`` holds the warnings about it to show the user.
    """

    path: Path
    connection: sqlite3.Connection
    fresh: bool
    notes: list[Finding] = field(default_factory=list)

    def files(self) -> list[FileRow]:
        """Every file ever recorded, present or not, in the order recorded."""
        # every row was checked when the record was opened: only a change since then fails here
        try:
            rows = self.connection.execute(f"SELECT {', '.join(FILE_COLUMNS)} FROM files ORDER BY id").fetchall()
            return [file_row(row) for row in rows]
        except (DamagedError, sqlite3.DatabaseError) as exc:
            raise self._error("record-damaged-now", detail=str(exc)) from None

    def add_file(self, **values: Any) -> int:
        """Record a file (every column but ``id``); its new id."""
        names = [name for name in FILE_COLUMNS if name != "id"]
        cursor = self._write(
            f"INSERT INTO files ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [stored(values[name]) for name in names],
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update_file(self, file_id: int, **values: Any) -> None:
        """Change some columns of a recorded file."""
        unknown = set(values) - set(FILE_COLUMNS)
        assert not unknown, f"no such column: {unknown}"
        if values:
            assignments = ", ".join(f"{name} = ?" for name in values)
            self._write(f"UPDATE files SET {assignments} WHERE id = ?", [*map(stored, values.values()), file_id])

    def issues(self) -> list[IssueRow]:
        """Every 简报 issue written, by number, with its items."""
        try:
            items: dict[int, dict[tuple[int, str], list[int]]] = {}
            for issue, position, unit, file_id in self.connection.execute(
                "SELECT issue, position, unit, file FROM issue_items ORDER BY issue, position, file"
            ):
                items.setdefault(checked_int(issue), {}).setdefault(
                    (checked_int(position), checked_key(unit)), []
                ).append(checked_int(file_id))
            found = []
            for number, deadline, week, day, written_at in self.connection.execute(
                "SELECT number, deadline, week, day, written_at FROM issues ORDER BY number"
            ):
                listed = tuple((unit, tuple(ids)) for (_, unit), ids in sorted(items.get(number, {}).items()))
                found.append(
                    IssueRow(
                        checked_int(number),
                        checked_key(deadline),
                        checked_int(week),
                        checked_day(day),
                        checked_moment(written_at),
                        listed,
                    )
                )
            return found
        except (DamagedError, sqlite3.DatabaseError) as exc:
            raise self._error("record-damaged-now", detail=str(exc)) from None

    def save_issue(self, issue: IssueRow) -> None:
        """Record a 简报 issue written, in place of the record of the same week's issue (or of that number)."""
        same = "SELECT number FROM issues WHERE number = ? OR (deadline = ? AND week = ?)"
        key = [issue.number, issue.deadline, issue.week]
        with self.transaction():
            self._write(f"DELETE FROM issue_items WHERE issue IN ({same})", key)
            self._write(f"DELETE FROM issues WHERE number IN ({same})", key)
            self._write(
                "INSERT INTO issues (number, deadline, week, day, written_at) VALUES (?, ?, ?, ?, ?)",
                [*key, stored(issue.day), stored(issue.written_at)],
            )
            for position, (unit, file_ids) in enumerate(issue.items):
                for file_id in file_ids:
                    self._write(
                        "INSERT INTO issue_items (issue, position, unit, file) VALUES (?, ?, ?, ?)",
                        [issue.number, position, unit, file_id],
                    )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the block's writes all or nothing (nested blocks join the outer one)."""
        if self.connection.in_transaction:
            yield
            return
        self._write("BEGIN IMMEDIATE", [])
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
            raise
        self._write("COMMIT", [])

    def _write(self, sql: str, values: list[Any]) -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, values)
        except sqlite3.Error as exc:
            raise _refusal(exc, self.path) from None

    def _error(self, code: str, **params: Any) -> RecordError:
        return RecordError([Finding(code, params, file=str(self.path))])


@contextlib.contextmanager
def opened_record(returns_dir: Path | str) -> Iterator[Record]:
    """The record of ``returns_dir``, held under the folder's lock for the block: made, brought up to date, checked.

    Raises ``RecordError`` when it cannot be used (see the module's docstring) and
    ``FolderBusyError`` when another docgen run keeps the folder.
    """
    from docgen.rendering.lock import folder_locked

    folder = Path(returns_dir)
    with folder_locked(folder):
        record = _open(folder / RECORD_FOLDER / RECORD_FILE)
        try:
            yield record
        finally:
            record.connection.close()


def record_path(returns_dir: Path | str) -> Path:
    """Where the record of a returns folder is: ``DIR/.docgen/record.sqlite``."""
    return Path(returns_dir) / RECORD_FOLDER / RECORD_FILE


def docgen_folder(returns_dir: Path | str, name: str) -> Path:
    """A folder of docgen's beside the record (``incoming``, ``converted``), made; never through a link."""
    folder = Path(returns_dir) / RECORD_FOLDER / name
    for place in (folder.parent, folder):
        if place.is_symlink() or (place.exists() and not place.is_dir()):
            raise RecordError([Finding("record-not-folder", {}, file=str(place))])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RecordError(
            [Finding("record-unwritable", {"reason": exc.strerror or str(exc)}, file=str(folder))]
        ) from None
    return folder


def sweep_stale(folder: Path) -> None:
    """Remove the files in one of docgen's folders last written over ``STALE`` ago, looking at ``MAX_SWEPT`` at most.

    A file is staged in ``incoming`` and removed within one call, under the returns folder's
    lock, so one left there is a killed run's. The age keeps this safe where the file system
    cannot lock (another run may be staging now) and against a file server's clock a little ahead.
    """
    oldest = time.time() - STALE
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in itertools.islice(entries, MAX_SWEPT):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < oldest:
                    Path(entry.path).unlink()


def _open(path: Path) -> Record:
    home = path.parent
    if home.is_symlink() or (home.exists() and not home.is_dir()):
        raise RecordError([Finding("record-not-folder", {}, file=str(home))])
    try:
        home.mkdir(exist_ok=True)
    except OSError as exc:
        raise RecordError(
            [Finding("record-unwritable", {"reason": exc.strerror or str(exc)}, file=str(home))]
        ) from None
    for companion in (path, *(path.with_name(path.name + s) for s in _JOURNALS)):
        if companion.is_symlink() or (companion.exists() and not companion.is_file()):  # SQLite would follow a link
            raise RecordError([Finding("record-not-file", {}, file=str(companion))])
    if path.exists() and path.stat().st_size > MAX_RECORD_BYTES:
        raise RecordError([Finding("record-too-large", {"limit": MAX_RECORD_BYTES // (1024 * 1024)}, file=str(path))])
    notes: list[Finding] = []
    fresh = not path.exists()
    for _ in range(2):
        connection = None
        try:
            connection = _connect(path)
            _prepare(connection, path)
            return Record(path, connection, fresh, notes)
        except (DamagedError, sqlite3.DatabaseError) as exc:
            if connection is not None:
                connection.close()
            if isinstance(exc, sqlite3.OperationalError) and not _means_damage(exc):
                raise _refusal(exc, path) from None
            aside = _set_aside(path)
            params = {"aside": aside.name, "detail": str(exc) or type(exc).__name__}
            notes.append(Finding("record-damaged", params, file=str(path), severity=Severity.WARNING))
            fresh = True
    raise RecordError([Finding("record-damaged-now", {"detail": "set aside twice"}, file=str(path))])


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    connection.execute("PRAGMA trusted_schema = OFF")
    return connection


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """Check the record's version and objects, bring it up to date, and switch it to WAL."""
    version = checked_int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise RecordError([Finding("record-newer", {"version": version, "known": SCHEMA_VERSION}, file=str(path))])
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DamagedError("tables of another program")
    if (result := connection.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
        raise DamagedError(str(result))
    if _objects(connection) != _expected_objects(version):
        raise DamagedError("tables or indexes docgen does not make")
    if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":  # a drive without shared memory
        connection.execute("PRAGMA journal_mode = DELETE")
    if version < SCHEMA_VERSION:
        steps = "".join(_MIGRATIONS[number] for number in range(version + 1, SCHEMA_VERSION + 1))
        try:
            connection.executescript(f"BEGIN IMMEDIATE;{steps}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise _refusal(exc, path) from None
    rows = connection.execute(f"SELECT {', '.join(FILE_COLUMNS)} FROM files").fetchall()
    for row in rows:
        file_row(row)
    for row in connection.execute("SELECT number, deadline, week, day, written_at FROM issues"):
        checked_int(row[0]), checked_key(row[1]), checked_int(row[2]), checked_day(row[3]), checked_moment(row[4])


def _objects(connection: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {(str(t), str(n), str(s)) for t, n, s in connection.execute("SELECT type, name, sql FROM sqlite_master")}


def _expected_objects(version: int) -> set[tuple[str, str, str]]:
    """The tables and indexes a record of ``version`` holds, as SQLite writes them down."""
    memory = sqlite3.connect(":memory:")
    try:
        for number in range(1, version + 1):
            memory.executescript(_MIGRATIONS[number])
        return _objects(memory)
    finally:
        memory.close()


def _means_damage(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite's operational error says the file is broken rather than busy or read-only."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "no such" in text or "could not decode" in text


def _refusal(exc: sqlite3.Error, path: Path) -> RecordError:
    text = str(exc)
    code = "record-busy" if "locked" in text.lower() or "busy" in text.lower() else "record-unwritable"
    return RecordError([Finding(code, {"reason": text, "seconds": int(BUSY_SECONDS)}, file=str(path))])


def _set_aside(path: Path) -> Path:
    """Keep a damaged record under another name (with its journal files), so that nothing is lost."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        for suffix in ("", *_JOURNALS):
            source = path.with_name(path.name + suffix)
            if source.exists() and not source.is_symlink():
                source.replace(aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise RecordError(
            [Finding("record-unwritable", {"reason": exc.strerror or str(exc)}, file=str(path))]
        ) from None
    return aside
