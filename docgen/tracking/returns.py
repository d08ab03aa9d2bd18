"""The files in a returns folder: which deadline (and week) each is for, which unit sent it, and when.

A file is for the deadline whose folder holds it (``dues.returns_folder``); a file directly in
a weekly deadline's folder goes to the week its day falls in. It belongs to a unit when the
unit's name or full name is in its name (or in a sub-folder's name below the deadline's folder),
or, for a Word file, in its first lines (上报部门：教务处). A returned 活动安排 form is recognised
by its content wherever it lies, and counts for the form's deadline. Files that name no unit,
or two, are kept with the units they name, so that the report can list them: never guessed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docgen.plan.model import Plan, Unit
from docgen.tracking.dues import Due, deadline_folder, form_deadline, returns_folder

README_NAME = "说明.txt"
MAX_FILES = 20_000  # a month's returns are a few hundred files; a runaway folder is cut here
FIRST_LINES = 8  # a Word file's unit is looked for in this many of its first non-empty paragraphs
WORD_SUFFIXES = {".docx"}  # .doc and .wps are binary formats: matched by their names only
_SKIPPED_PREFIXES = (".", "~$")
_LABELLED = re.compile(r"(?:部门|单位|院部|处室)[^:：]{0,8}[:：](.*)")
# A date at the start of a file name: 2019-05-08, 2019.5.8, 2019年5月8日, 20190508, 0508, 5月8日, 5.8
_NAME_DATES = (
    re.compile(r"^(?P<y>\d{4})\s*[-.年/_]\s*(?P<m>\d{1,2})\s*[-.月/_]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"^(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"^(?P<m>\d{1,2})\s*[.月]\s*(?P<d>\d{1,2})(?!\d)"),
)


@dataclass(frozen=True)
class ReturnedFile:
    """One file in the returns folder, with what it was sent for and by whom.

    ``units`` holds every unit the file names: exactly one means the file is that unit's; none
    or several means nobody's, and the file is listed for a person to look at. ``due`` is None
    when the file lies in no deadline's folder. ``day`` is the day it counts as sent: the date at
    the start of its name (``dated_by_name``) or else the day it was last modified.
    """

    path: Path
    relative: PurePosixPath
    due: Due | None
    units: tuple[Unit, ...]
    day: dt.date
    dated_by_name: bool
    is_form: bool = False

    @property
    def unit(self) -> Unit | None:
        """The unit the file belongs to, when it names exactly one."""
        return self.units[0] if len(self.units) == 1 else None


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


def scan_returns(plan: Plan, returns_dir: Path, due_list: list[Due]) -> list[ReturnedFile]:
    """Every file in ``returns_dir`` (hidden files, Word's ~$ lock files and 说明.txt left out), sorted by path."""
    from docgen.collecting.forms import form_unit

    folders = {returns_folder(plan, due).parts: due for due in due_list}
    weekly_parents = {deadline_folder(plan, due.key).parts: due.key for due in due_list if due.week is not None}
    form_key = form_deadline(plan)
    form_due = next((d for d in due_list if d.key == form_key), None)
    found = []
    for path, relative in _files(returns_dir):
        named_day = date_in_name(relative.name, plan.year)
        day = named_day or _modified_day(path)
        due, below = _due_of(relative, folders, weekly_parents, due_list, day)
        units = units_named(plan, "/".join(below))
        is_form = False
        if path.suffix.lower() in WORD_SUFFIXES:
            if form_due is not None:
                unit = form_unit(path, plan)
                if unit is not None:
                    due, units, is_form = form_due, (unit,), True
            if not units:
                units = _units_in_first_lines(plan, path)
        found.append(ReturnedFile(path, relative, due, units, day, named_day is not None, is_form))
    return found


def _files(returns_dir: Path) -> list[tuple[Path, PurePosixPath]]:
    """The files below ``returns_dir``, without following symbolic links, at most ``MAX_FILES``.

    A folder docgen writes into (it holds a manifest, e.g. an OUT placed inside) is not looked at:
    its dashboard and reminders are no unit's returns.
    """
    from docgen.rendering.outputs import MANIFEST

    files: list[tuple[Path, PurePosixPath]] = []
    for folder, subfolders, names in os.walk(returns_dir):
        base = Path(folder)
        subfolders[:] = sorted(
            s for s in subfolders if not s.startswith(_SKIPPED_PREFIXES) and not (base / s / MANIFEST).exists()
        )
        for name in sorted(names):
            path = base / name
            if name.startswith(_SKIPPED_PREFIXES) or name == README_NAME or not path.is_file() or path.is_symlink():
                continue
            files.append((path, PurePosixPath(path.relative_to(returns_dir).as_posix())))
            if len(files) >= MAX_FILES:
                return files
    return files


def _due_of(
    relative: PurePosixPath,
    folders: dict[tuple[str, ...], Due],
    weekly_parents: dict[tuple[str, ...], str],
    due_list: list[Due],
    day: dt.date,
) -> tuple[Due | None, tuple[str, ...]]:
    """The due a file's folder stands for, and the parts of its path below that folder."""
    parts = relative.parts
    for depth in range(len(parts) - 1, 0, -1):
        head = parts[:depth]
        if head in folders:
            return folders[head], parts[depth:]
        if head in weekly_parents:
            key = weekly_parents[head]
            week = next((d for d in due_list if d.key == key and d.start <= day <= d.day), None)
            return week, parts[depth:]
    return None, parts


def _modified_day(path: Path) -> dt.date:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, OverflowError, ValueError):
        return dt.date.min


def _units_in_first_lines(plan: Plan, path: Path) -> tuple[Unit, ...]:
    """The unit a Word file's first lines name: a labelled line (上报部门：教务处) first, else any of them."""
    from docgen.collecting.docx_reading import read_form
    from docgen.errors import FormError

    try:
        document = read_form(path)
    except FormError:
        return ()
    lines = [p.strip() for p in document.paragraphs if p.strip()][:FIRST_LINES]
    for line in lines:
        labelled = _LABELLED.search(unicodedata.normalize("NFKC", line))
        if labelled is not None:
            units = units_named(plan, labelled.group(1))
            if units:
                return units
    return units_named(plan, "\n".join(lines))
