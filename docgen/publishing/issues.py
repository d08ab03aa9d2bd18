"""The 简报 of each week: which units sent what, read and grouped by task, numbered 第N期.

A week's 简报 holds one item per unit that sent anything for that week of the digest's
deadline (``tracking.tally.digest_deadline``); a week in which nobody sent anything has no
简报, so the issue numbers (from ``digest.first_issue``) count only the weeks that have one and
continue across weeks. Everything here is read from the returns folder: nothing is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docgen import chinese
from docgen.collecting.cells import match_task
from docgen.collecting.reports import ListedFile, Material, Paragraph, ReportPicture, caption_of_file, read_material
from docgen.errors import Finding, FormError
from docgen.plan.model import Plan, Task, Unit
from docgen.tracking.dues import Due
from docgen.tracking.returns import ReturnedFile
from docgen.tracking.status import Column, Mark, track_returns
from docgen.tracking.tally import digest_deadline

CUT_MARK = "〔略〕"
OTHER_WORK = "其他工作"
SHARED_CHARS = 4  # a title sharing this many characters in a row with a task is about it
_DATE_PREFIX = re.compile(r"^\s*(?:\d{4}[-.年/_]?\d{1,2}[-.月/_]?\d{1,2}日?|\d{4}|\d{1,2}[.月]\d{1,2}日?)[\s_\-—–]*")


@dataclass(frozen=True)
class Item:
    """One unit's report in a 简报: its title, text (cut where the plan says), pictures and listed files."""

    unit: Unit
    title: str
    paragraphs: list[Paragraph]
    pictures: list[ReportPicture]
    videos: list[ListedFile]
    others: list[ListedFile]
    files: tuple[ReturnedFile, ...]
    late: bool
    cut: bool = False
    problems: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class TaskGroup:
    """The items of one task (``number`` 0 for units that carry no task)."""

    number: int
    title: str
    items: list[Item]


@dataclass(frozen=True)
class Issue:
    """One week's 简报: 第``number``期, the week it covers, its items by task, the units that sent nothing."""

    number: int
    due: Due
    groups: list[TaskGroup]
    missing: list[Unit]

    @property
    def items(self) -> list[Item]:
        """Every item, in the order printed."""
        return [item for group in self.groups for item in group.items]

    @property
    def week(self) -> int:
        """The week's number (第N周)."""
        assert self.due.week is not None
        return self.due.week


def masthead(plan: Plan) -> str:
    """The 简报's name: the plan's ``digest.title``, or 职业教育宣传月工作简报."""
    if plan.digest is not None and plan.digest.title:
        return plan.digest.title
    return f"{plan.campaign}工作简报"


def gather_issues(plan: Plan, returns_dir: Path | str, last_week: int, on: dt.date | None = None) -> list[Issue]:
    """The 简报 of weeks 1 to ``last_week`` that have any report, each numbered, in order.

    ``plan`` is a resolved plan (``resolve_plan``, ``resolved_plan``): task titles are printed.

    ``on`` is the day the status is taken (default: the last week's due day), which decides
    which units count as having sent nothing. Raises ``FormError`` (digest-no-such-week) when
    the deadline has no week ``last_week``; the returns folder's own errors as ``track_returns``.
    """
    key = digest_deadline(plan)
    columns = [c for c in track_returns(plan, returns_dir, on or dt.date.max, key).columns]
    if not 1 <= last_week <= len(columns):
        raise FormError([Finding("digest-no-such-week", {"week": last_week, "weeks": len(columns)})])
    first = plan.digest.first_issue if plan.digest is not None else 1
    issues: list[Issue] = []
    for column in columns[:last_week]:
        items = [_item(plan, column, unit) for unit in column.received]
        if not items:
            continue
        missing = [u for u in column.owing if not column.cells[u.id].files]
        issues.append(Issue(first + len(issues), column.due, _grouped(plan, items), missing))
    return issues


def _item(plan: Plan, column: Column, unit: Unit) -> Item:
    cell = column.cells[unit.id]
    material = read_material([f.path for f in cell.files])
    paragraphs, cut = _excerpt(material.paragraphs, plan.digest.excerpt if plan.digest is not None else None)
    return Item(
        unit=unit,
        title=_title(plan, unit, material, cell.files, column.due),
        paragraphs=paragraphs,
        pictures=[_without_unit(plan, p) for p in material.pictures],
        videos=material.videos,
        others=material.others,
        files=cell.files,
        late=cell.mark is Mark.LATE,
        cut=cut,
        problems=material.problems,
    )


def _title(plan: Plan, unit: Unit, material: Material, files: tuple[ReturnedFile, ...], due: Due) -> str:
    """The report's own title; else its Word file's name without the unit and date; else 教务处第1周工作情况."""
    if material.titles:
        return material.titles[0]
    for file in files:
        if file.path.suffix.lower() in (".docx", ".pdf"):
            stem = _strip_unit(plan, _DATE_PREFIX.sub("", unicodedata.normalize("NFKC", file.path.stem)))
            if len(stem) >= 2:
                return stem
    return f"{unit.name}第{due.week}周工作情况"


def _strip_unit(plan: Plan, text: str) -> str:
    for unit in plan.units:
        for name in (unit.full_name, unit.name):
            if name and text.startswith(name):
                text = text[len(name) :]
    return text.strip(" _-—–:：")


def _without_unit(plan: Plan, picture: ReportPicture) -> ReportPicture:
    """A picture's caption taken from its file name loses the unit's name (教务处-开放日 -> 开放日)."""
    if not picture.caption:
        return picture
    return ReportPicture(picture.name, picture.data, caption_of_file(_strip_unit(plan, picture.caption)))


def _excerpt(paragraphs: list[Paragraph], limit: int | None) -> tuple[list[Paragraph], bool]:
    """The paragraphs up to ``limit`` characters, the last cut one ending in 〔略〕."""
    if limit is None:
        return paragraphs, False
    kept: list[Paragraph] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph.text) > limit:
            rest = paragraph.text[: max(0, limit - used)]
            kept.append(Paragraph(rest + CUT_MARK, paragraph.heading))
            return kept, True
        kept.append(paragraph)
        used += len(paragraph.text)
    return kept, False


def task_of(plan: Plan, unit: Unit, title: str) -> tuple[int, Task] | None:
    """The task an item is about: of the unit's tasks, the one its title names, else the unit's first."""
    carried = plan.tasks_of(unit.id)
    if not carried:
        return None
    match = match_task(title, [t.title for _, t in carried])
    if match.number is not None and 1 <= match.number <= len(carried):
        return carried[match.number - 1]
    shared = [_common(title, t.title) for _, t in carried]
    best = max(range(len(carried)), key=shared.__getitem__)
    return carried[best] if shared[best] >= SHARED_CHARS else carried[0]


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters two titles share (技能大赛赛场开放)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _grouped(plan: Plan, items: list[Item]) -> list[TaskGroup]:
    by_task: dict[int, list[Item]] = {}
    for item in items:
        found = task_of(plan, item.unit, item.title)
        by_task.setdefault(found[0] if found else 0, []).append(item)
    groups = [TaskGroup(n, plan.tasks[n - 1].title, by_task[n]) for n in sorted(k for k in by_task if k)]
    if 0 in by_task:
        groups.append(TaskGroup(0, OTHER_WORK, by_task[0]))
    return groups


def issue_date_text(day: dt.date) -> str:
    """2019年5月9日: the date under the masthead."""
    return chinese.full_date(day)
