"""The rows of the campaign's record as docgen reads them back: every value checked before it is used.

A record is a file anyone could have written. Each value read from it must be what docgen
writes (a path inside the returns folder, a moment with its offset, a plan's key, a SHA-256);
anything else raises ``DamagedError`` and the record is set aside (``record``).

A file's name need not be valid UTF-8 (a GBK name from a Windows zip): Python holds its bytes as
surrogates, which SQLite's text cannot, so such a path or name is kept as the bytes themselves
(a BLOB) and read back to the same surrogates. Which characters a path may hold is the drive's
affair: on Linux and macOS a backslash and a colon are characters like others; only on Windows
do they lead elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

HOW = ("receive", "mail", "hand", "web")  # how a file came: the usual ways (a caller may name another)
TIMINGS = ("given", "seen", "file", "name")  # where its arrival time comes from
FILE_COLUMNS = (
    "id",
    "path",
    "present",
    "name",
    "sha256",
    "size",
    "mtime_ns",
    "received_at",
    "timed_by",
    "how",
    "source",
    "units",
    "deadline",
    "week",
    "placed_by",
    "is_form",
    "content_key",
    "content_units",
    "replaces",
    "recorded_at",
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000  # a moment outside these years is no arrival docgen writes
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}(?:/[0-9]{1,4})?")  # a plan's id or key (a group's member: colleges/1)


class DamagedError(Exception):
    """The file is not a record docgen wrote: set it aside and start again."""


@dataclass(frozen=True)
class FileRow:
    """One received file as the record holds it.

    ``path`` is where it is now, relative to the returns folder; ``present`` is false once it
    left the folder. ``received_at`` is when it came (aware), ``timed_by`` where that time comes
    from: ``given`` (by whoever filed it: ``docgen receive --at``, a mail's arrival), ``seen``
    (the moment docgen first saw it), ``file`` (its modification time, earlier than that) or
    ``name`` (the date its name starts with). ``placed_by`` is ``given`` while it lies where it
    was filed to, with the unit, deadline and week it was filed for; ``found`` when those are
    read from where it lies. ``content_*`` keep what its content said (a form, the unit on its
    first lines) for the SHA-256 and plan they were read for.
    """

    id: int
    path: PurePosixPath
    present: bool
    name: str
    sha256: str
    size: int
    mtime_ns: int
    received_at: dt.datetime
    timed_by: str
    how: str
    source: str | None
    units: tuple[str, ...]
    deadline: str | None
    week: int | None
    placed_by: str
    is_form: bool
    content_key: str
    content_units: tuple[str, ...]
    replaces: int | None
    recorded_at: dt.datetime


@dataclass(frozen=True)
class IssueRow:
    """One 简报 issue written: 第``number``期, the week of ``deadline`` it covers, its date, and its items.

    ``items`` holds, in the order printed, each unit's id and the ids of the files its item used.
    """

    number: int
    deadline: str
    week: int
    day: dt.date
    written_at: dt.datetime
    items: tuple[tuple[str, tuple[int, ...]], ...] = ()


def stored(value: Any) -> Any:
    """A value as the record keeps it: moments and days as ISO 8601 text, paths as text, lists of ids joined."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, PurePosixPath):
        value = value.as_posix()
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a name that is no UTF-8: its own bytes
            return value.encode("utf-8", "surrogateescape")
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, bool):
        return int(value)
    return value


def file_row(row: tuple[Any, ...]) -> FileRow:
    """A row read back, every value checked: anything docgen would not have written means damage."""
    values = dict(zip(FILE_COLUMNS, row, strict=True))
    sha = _text(values["sha256"])
    if not _SHA256.fullmatch(sha):
        raise DamagedError(f"a file's checksum {sha[:80]!r}")
    return FileRow(
        id=checked_int(values["id"]),
        path=_relative(values["path"]),
        present=bool(checked_int(values["present"])),
        name=_name(values["name"]),
        sha256=sha,
        size=checked_int(values["size"]),
        mtime_ns=checked_int(values["mtime_ns"]),
        received_at=checked_moment(values["received_at"]),
        timed_by=_one_of(values["timed_by"], TIMINGS),
        how=checked_key(values["how"]),
        source=None if values["source"] is None else _text(values["source"]),
        units=_keys(values["units"]),
        deadline=None if values["deadline"] is None else checked_key(values["deadline"]),
        week=None if values["week"] is None else checked_int(values["week"]),
        placed_by=_one_of(values["placed_by"], ("given", "found")),
        is_form=bool(checked_int(values["is_form"])),
        content_key=_text(values["content_key"]),
        content_units=_keys(values["content_units"]),
        replaces=None if values["replaces"] is None else checked_int(values["replaces"]),
        recorded_at=checked_moment(values["recorded_at"]),
    )


def _text(value: Any) -> str:
    if isinstance(value, bytes):  # a name that is no UTF-8 (``stored``)
        value = value.decode("utf-8", "surrogateescape")
    if not isinstance(value, str) or "\x00" in value:
        raise DamagedError(f"a text value {value!r:.80}")
    return value


def _name(value: Any) -> str:
    """A text, or a name kept as its bytes (``stored``) read back to the surrogates that hold them."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    return _text(value)


def checked_int(value: Any) -> int:
    """A whole number (not a bool, not text)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise DamagedError(f"a number {value!r:.80}")
    return value


def checked_key(value: Any) -> str:
    """A plan's id or key, or a word such as how a file came."""
    text = _text(value)
    if not _KEY.fullmatch(text):
        raise DamagedError(f"a key {text!r:.80}")
    return text


def _keys(value: Any) -> tuple[str, ...]:
    text = _text(value)
    return tuple(checked_key(part) for part in text.split(",")) if text else ()


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    text = _text(value)
    if text not in allowed:
        raise DamagedError(f"{text!r:.80} is none of {allowed}")
    return text


def checked_moment(value: Any) -> dt.datetime:
    """A moment in ISO 8601 with its UTC offset."""
    try:
        moment = dt.datetime.fromisoformat(_text(value))
    except ValueError:
        raise DamagedError(f"a moment {value!r:.80}") from None
    if moment.tzinfo is None:
        raise DamagedError(f"a moment without its offset {value!r:.80}")
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise DamagedError(f"a moment out of the years docgen writes {value!r:.80}")
    return moment


def checked_day(value: Any) -> dt.date:
    """A day in ISO 8601."""
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        raise DamagedError(f"a day {value!r:.80}") from None


def _relative(value: Any) -> PurePosixPath:
    """A path inside the returns folder: relative, without ``..``, not empty (on Windows: no backslash, no drive)."""
    path = PurePosixPath(_name(value))
    if not path.parts or path.is_absolute() or ".." in path.parts or (os.name == "nt" and _leads_out(path)):
        raise DamagedError(f"a path out of the folder {str(path)!r:.80}")
    return path


def _leads_out(path: PurePosixPath) -> bool:
    """On Windows, a backslash is a separator and a colon names a drive."""
    return "\\" in str(path) or ":" in path.parts[0]
