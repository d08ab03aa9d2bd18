"""The files in a returns folder: which deadline (and week) each is for, which unit sent it, and which it replaces.

A file is for the deadline whose folder holds it (``dues.returns_folder``); a file directly in
a weekly deadline's folder goes to the week its arrival falls in. It belongs to a unit when the
unit's name or full name is in its name (or in a sub-folder's name below the deadline's folder),
or, for a Word file, in its first lines (上报部门：教务处). A returned 活动安排 form is recognised
by its content wherever it lies, and counts for the form's deadline. Files that name no unit,
or two, are kept with the units they name, so that the report can list them: never guessed.
When did each come is the record's business (``tracking.recording``); which of a unit's files
for one due are used is decided here (``resends``): a resend replaces the file it resends.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docgen.plan.dues import Due
from docgen.plan.model import Plan, Unit
from docgen.tracking.dues import deadline_folder, returns_folder

README_NAME = "说明.txt"
MAX_FILES = 20_000  # a month's returns are a few hundred files; a runaway folder is refused, never cut
MAX_DEPTH = 32  # deadline / week / unit / a zip's folders: a few levels; thousands are no returns folder
FIRST_LINES = 8  # a Word file's unit is looked for in this many of its first non-empty paragraphs
WORD_SUFFIXES = {".docx"}  # .doc and .wps are binary formats: matched by their names only
# what a unit writes its report in: a later one of these replaces an earlier one (原稿, then 修改稿)
DOCUMENT_SUFFIXES = {".docx", ".doc", ".wps", ".odt", ".rtf", ".pdf", ".txt"}
_SKIPPED_PREFIXES = (".", "~$")
_LABELLED = re.compile(r"(?:部门|单位|院部|处室)[^:：]{0,8}[:：](.*)")
# A date at the start of a file name: 2019-05-08, 2019.5.8, 2019年5月8日, 20190508, 0508, 5月8日, 5.8
_NAME_DATES = (
    re.compile(r"^(?P<y>\d{4})\s*[-.年/_]\s*(?P<m>\d{1,2})\s*[-.月/_]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"^(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"^(?P<m>\d{1,2})\s*[.月]\s*(?P<d>\d{1,2})(?!\d)"),
)
_COPY_MARK = re.compile(r"(?:\s*[(（]\d{1,3}[)）]|\s*-?\s*副本|\s*-?\s*copy)+$", re.IGNORECASE)


@dataclass(frozen=True)
class ReturnedFile:
    """One file in the returns folder, with what it was sent for, by whom, and when it came.

    ``units`` holds every unit the file names: exactly one means the file is that unit's; none
    or several means nobody's, and the file is listed for a person to look at. ``due`` is None
    when the file lies in no deadline's folder. ``received_at`` is when it came, as the record
    holds it; ``timed_by`` where that time comes from (``tracking.record.TIMINGS``): ``file``
    means it is known only from the file's modification time. ``record_id`` is its row in the
    record; ``name`` the name it came with.
    """

    path: Path
    relative: PurePosixPath
    due: Due | None
    units: tuple[Unit, ...]
    received_at: dt.datetime
    timed_by: str = "file"
    is_form: bool = False
    how: str = "hand"
    record_id: int = 0
    name: str = ""
    sha256: str = ""

    @property
    def shown(self) -> str:
        """Its path in the returns folder as a person sees it: bytes of a name that is no UTF-8 as �."""
        from docgen.messages import shown_name

        return shown_name(self.relative.as_posix())

    @property
    def unit(self) -> Unit | None:
        """The unit the file belongs to, when it names exactly one."""
        return self.units[0] if len(self.units) == 1 else None

    @property
    def day(self) -> dt.date:
        """The day it came, in this computer's time zone."""
        return self.received_at.astimezone().date()

    @property
    def dated_by_name(self) -> bool:
        """Whether its arrival is the date its name starts with."""
        return self.timed_by == "name"


def date_in_name(name: str, year: int) -> dt.date | None:
    """The date a file name starts with (0508 教务处….docx, 2019-05-08 …), the plan's year filling a missing one."""
    text = unicodedata.normalize("NFKC", name).strip()
    for pattern in _NAME_DATES:
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        try:
            return dt.date(int(parts.get("y") or year), int(parts["m"]), int(parts["d"]))
        except ValueError:
            return None
    return None


def units_named(plan: Plan, text: str) -> tuple[Unit, ...]:
    """The units whose name or full name appears in ``text``, in registry order.

    A name found only inside a longer name of another unit does not count (a unit 宣传部 is not
    named by 党委宣传部 when 党委宣传部 is another unit's name).
    """
    text = _squeeze(text)
    spans: list[tuple[int, int, Unit]] = []
    for unit in plan.units:
        for name in {unit.name, unit.full_name or unit.name}:
            key = _squeeze(name)
            start = text.find(key)
            while key and start >= 0:
                spans.append((start, start + len(key), unit))
                start = text.find(key, start + 1)
    kept = {
        s[2].id
        for s in spans
        if not any(o[2].id != s[2].id and o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)
    }
    return tuple(u for u in plan.units if u.id in kept)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Place:
    """What a file's place in the folder says: the due its folder stands for, and the path below that folder."""

    due: Due | None
    below: tuple[str, ...]
    weekly_key: str | None = None  # in a weekly deadline's own folder, not a week's: the week goes by arrival


@dataclass(frozen=True)
class Folders:
    """The folders of a returns folder by their parts: each due's, and each weekly deadline's own."""

    dues: dict[tuple[str, ...], Due]
    weekly: dict[tuple[str, ...], str]

    @classmethod
    def of(cls, plan: Plan, due_list: list[Due]) -> Folders:
        """The folders of every due in ``due_list``."""
        weekly = {deadline_folder(plan, due.key).parts: due.key for due in due_list if due.week is not None}
        return cls({returns_folder(plan, due).parts: due for due in due_list}, weekly)


def place_of(folders: Folders, relative: PurePosixPath) -> Place:
    """The due whose folder holds the file at ``relative``, the parts of its path below it."""
    parts = relative.parts
    for depth in range(len(parts) - 1, 0, -1):
        head = parts[:depth]
        if head in folders.dues:
            return Place(folders.dues[head], parts[depth:])
        if head in folders.weekly:
            return Place(None, parts[depth:], folders.weekly[head])
    return Place(None, parts)


def week_on(due_list: list[Due], key: str, day: dt.date) -> Due | None:
    """The week of deadline ``key`` that ``day`` falls in: before the first, the first; after the last, the last."""
    weeks = [d for d in due_list if d.key == key and d.week is not None]
    if not weeks:
        return None
    if day < weeks[0].start:
        return weeks[0]
    return next((d for d in weeks if d.start <= day <= d.last), weeks[-1])


def same_thing(later: ReturnedFile, earlier: ReturnedFile) -> bool:
    """Whether ``later`` is a resend of ``earlier``: the same content, the same name, or both the report itself.

    A unit's report is one document however often it is sent (原稿.docx, then 修改稿.docx, or a
    PDF of it): a later document replaces an earlier one, a form a form. Pictures and videos
    add up unless one comes again under the same name.
    """
    if later.sha256 and later.sha256 == earlier.sha256:
        return True
    if _name_key(later) == _name_key(earlier):
        return True
    documents = {_suffix(later), _suffix(earlier)} <= DOCUMENT_SUFFIXES
    return documents and later.is_form == earlier.is_form


def resends(files: Iterable[ReturnedFile]) -> dict[int, int]:
    """For each file that replaces an earlier one of its unit and due, the record id of the one it replaces.

    Files are taken in the order they came; each replaces the latest earlier file it is the
    same thing as (``same_thing``) and that nothing replaced yet.
    """
    groups: dict[tuple[str, str, int | None], list[ReturnedFile]] = {}
    for file in files:
        if file.unit is not None and file.due is not None:
            groups.setdefault((file.unit.id, file.due.key, file.due.week), []).append(file)
    found: dict[int, int] = {}
    for group in groups.values():
        group.sort(key=lambda f: (f.received_at, f.record_id))
        replaced: set[int] = set()
        for index, later in enumerate(group):
            for earlier in reversed(group[:index]):
                if earlier.record_id not in replaced and same_thing(later, earlier):
                    found[later.record_id] = earlier.record_id
                    replaced.add(earlier.record_id)
                    break
    return found


def _suffix(file: ReturnedFile) -> str:
    return PurePosixPath(file.name or file.relative.name).suffix.lower()


def _name_key(file: ReturnedFile) -> str:
    """A file's name as a resend keeps it: no date in front, no (2) or 副本 behind, any case."""
    name = PurePosixPath(file.name or file.relative.name)
    stem = unicodedata.normalize("NFKC", name.stem).lower()
    for pattern in _NAME_DATES:
        stem = pattern.sub("", stem, count=1)
    return _COPY_MARK.sub("", stem).strip(" _-—") + name.suffix.lower()


def folder_files(returns_dir: Path) -> list[tuple[Path, PurePosixPath]]:
    """The files below ``returns_dir`` in name order, without following symbolic links.

    A folder docgen writes into (it holds a manifest, e.g. an OUT placed inside) is not looked at:
    its dashboard and reminders are no unit's returns. The walk is bounded and says so when it
    is: more than ``MAX_FILES`` files, or folders more than ``MAX_DEPTH`` deep, raise
    ``FormError`` naming the folder, since counting only some files would show units missing
    that sent everything. Names are kept as the system gives them (bytes that are no UTF-8 as
    surrogates, ``ReturnedFile.shown`` shows them).
    """
    from docgen.errors import Finding, FormError
    from docgen.rendering.outputs import MANIFEST

    files: list[tuple[Path, PurePosixPath]] = []
    waiting = [(returns_dir, PurePosixPath(), 0)]  # a stack, not recursion: a folder may nest thousands deep
    while waiting:
        folder, relative, depth = waiting.pop()
        subfolders = []
        for entry in _entries(folder):
            if entry.name.startswith(_SKIPPED_PREFIXES):
                continue
            if entry.is_dir(follow_symlinks=False):
                if not (Path(entry.path) / MANIFEST).exists():
                    subfolders.append(entry)
            elif entry.is_file(follow_symlinks=False) and entry.name != README_NAME:
                files.append((Path(entry.path), relative / entry.name))
                if len(files) > MAX_FILES:
                    raise FormError([Finding("returns-too-many-files", {"limit": MAX_FILES}, file=str(returns_dir))])
        if subfolders and depth >= MAX_DEPTH:
            raise FormError([Finding("returns-too-deep", {"limit": MAX_DEPTH}, file=subfolders[0].path)])
        waiting += [(Path(e.path), relative / e.name, depth + 1) for e in reversed(subfolders)]
    return files


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries by name; none where it cannot be read. More than ``MAX_FILES`` are not listed all."""
    from docgen.errors import Finding, FormError

    try:
        with os.scandir(folder) as listing:
            entries = list(itertools.islice(listing, MAX_FILES + 1))
    except OSError:
        return []
    if len(entries) > MAX_FILES:
        raise FormError([Finding("returns-too-many-files", {"limit": MAX_FILES}, file=str(folder))])
    return sorted(entries, key=lambda e: e.name)


def units_in_first_lines(plan: Plan, path: Path) -> tuple[Unit, ...]:
    """The unit a Word file's first lines name: a labelled line (上报部门：教务处) first, else any of them."""
    from docgen.collecting.docx_reading import read_form
    from docgen.errors import FormError

    try:
        document = read_form(path)
    except FormError:
        return ()
    return units_in_lines(plan, [p.strip() for p in document.paragraphs if p.strip()][:FIRST_LINES])


def units_in_lines(plan: Plan, lines: list[str]) -> tuple[Unit, ...]:
    """The units first lines name: a labelled line (上报部门：教务处) first, else any of them."""
    for line in lines:
        labelled = _LABELLED.search(unicodedata.normalize("NFKC", line))
        if labelled is not None:
            units = units_named(plan, labelled.group(1))
            if units:
                return units
    return units_named(plan, "\n".join(lines))
