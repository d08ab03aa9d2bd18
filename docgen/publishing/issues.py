"""The 简报 of each week: which units sent what, read and grouped by task, numbered 第N期 as the record says.

A week's 简报 holds one item per unit that sent anything for that week of the digest's
deadline (``tracking.tally.digest_deadline``), made of the files used (a resend's, not those it
replaced). ``draft_issue`` makes one from the returns folder as it stands, to be written;
``written_issues`` gives back the issues written, each with the files the record says it used.
Numbers follow the record: a week written before keeps its 期号, a new one takes the next (from
``digest.first_issue``). A report goes under the task whose title or words it matches best (its
own title first, then its text), else under 其他. Nothing here writes.
"""

from __future__ import annotations

import dataclasses
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
from docgen.messages import shown_name
from docgen.plan.dues import Due
from docgen.plan.model import Plan, Task, Unit
from docgen.tracking.record_rows import IssueRow
from docgen.tracking.returns import ReturnedFile
from docgen.tracking.status import Column, Mark, StatusReport, track_returns
from docgen.tracking.tally import converted_folder, digest_deadline

CUT_MARK = "〔略〕"
OTHER_WORK = "其他"
SHARED_CHARS = 4  # a title sharing this many characters in a row with a task's own words is about it
TEXT_CHARS = 600  # how much of a report's text is compared with the tasks when its title says nothing
TITLE_CHARS = 40  # a first line up to this long, with no sentence in it, is the report's title
_DRAFT_MARK = re.compile(
    r"[\s_\-—–]*(?:[（(](?:修改稿?|修订稿?|修改版|修订版|终稿|定稿|最终版|新|\d{1,2})[)）]"
    r"|[_\-—–](?:修改稿|修订稿|终稿|定稿|最终版|[vV]\d{1,2}))$"
)
_DATE_PREFIX = re.compile(
    r"^\s*(?:\d{4}[-.年/_－．／＿]?\d{1,2}[-.月/_－．／＿]?\d{1,2}日?|\d{4}|\d{1,2}[.．月]\d{1,2}日?)[\s_\-—–－＿]*"
)
# short forms reports use for words task titles write out
_SHORT_FORMS = {"劳模": "劳动模范", "技能赛": "技能大赛"}
# words most task titles share, left out when a report is matched to a task by its words
_GENERIC = re.compile("开展|举办|利用|开设|组织|职业教育|职业院校|职教|宣传月|宣传|活动|工作|广泛|各级|及")


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
    """The items of one task (``number`` 0 for 其他: reports that match no task)."""

    number: int
    title: str
    items: list[Item]


@dataclass(frozen=True)
class Issue:
    """One week's 简报: 第``number``期, the week it covers, its items by task, the units that sent nothing.

    ``day`` is the date it was written with, for an issue the record holds; None for a draft.
    """

    number: int
    due: Due
    groups: list[TaskGroup]
    missing: list[Unit]
    day: dt.date | None = None

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
    """The 简报 of weeks 1 to ``last_week`` as they would be written from the returns folder now, each numbered.

    ``plan`` is a resolved plan (``resolve_plan``, ``resolved_plan``): task titles are printed.
    A week nobody sent anything for has none. A week already written keeps its number; the
    others are numbered after the last one written. ``on`` is the day the folder is taken
    as of (default: everything in it), which decides who sent nothing. Raises ``FormError``
    (digest-no-such-week) when the deadline has no week ``last_week``; the returns folder's
    own errors as ``track_returns``.
    """
    report = track_returns(plan, returns_dir, on or dt.date.max, digest_deadline(plan))
    columns = digest_columns(plan, report)
    if not 1 <= last_week <= len(columns):
        raise FormError([Finding("digest-no-such-week", {"week": last_week, "weeks": len(columns)})])
    issues: list[Issue] = []
    for column in columns[:last_week]:
        issue = draft_issue(plan, report, column, [*report.issues, *(_as_row(i) for i in issues)])
        if issue is not None:
            issues.append(issue)
    return issues


def digest_columns(plan: Plan, report: StatusReport) -> list[Column]:
    """The weeks of the digest's deadline, in order."""
    key = digest_deadline(plan)
    return [c for c in report.columns if c.due.key == key]


def issue_number(plan: Plan, written: list[IssueRow], due: Due) -> int:
    """The 期号 of the week ``due``: the one it was written with, else the next after every issue written."""
    for row in written:
        if row.deadline == due.key and row.week == due.week:
            return row.number
    first = plan.digest.first_issue if plan.digest is not None else 1
    return max([first - 1, *(row.number for row in written)]) + 1


def draft_issue(plan: Plan, report: StatusReport, column: Column, written: list[IssueRow]) -> Issue | None:
    """The 简报 of ``column``'s week from the files used now; None when nobody sent anything for it."""
    folder = converted_folder(report)
    items = [_item(plan, column, unit, column.cells[unit.id].files, folder) for unit in column.received]
    if not items:
        return None
    missing = [u for u in column.owing if not column.cells[u.id].files]
    return Issue(issue_number(plan, written, column.due), column.due, _grouped(plan, items), missing)


def written_issues(plan: Plan, report: StatusReport) -> list[Issue]:
    """The 简报 issues written by the report's day (the record's), each with the files it was written with.

    A file that has left the returns folder since is left out of its item; an item left with
    no file, or of a unit the plan no longer has, is left out.
    """
    columns = {(c.due.key, c.due.week): c for c in report.columns}
    by_id = {f.record_id: f for f in report.files}
    folder = converted_folder(report)
    issues = []
    for row in report.issues:
        column = columns.get((row.deadline, row.week))
        if column is None:
            continue
        owing = {u.id: u for u in column.owing}
        items = []
        for unit_id, file_ids in row.items:
            files = tuple(by_id[i] for i in file_ids if i in by_id)
            if unit_id in owing and files:
                items.append(_item(plan, column, owing[unit_id], files, folder))
        sent = {item.unit.id for item in items}
        missing = [u for u in column.owing if u.id not in sent]
        issues.append(Issue(row.number, column.due, _grouped(plan, items), missing, row.day))
    return issues


def _as_row(issue: Issue) -> IssueRow:
    """A draft as the record would hold it: for numbering the drafts after it."""
    assert issue.due.week is not None
    return IssueRow(issue.number, issue.due.key, issue.week, dt.date.min, dt.datetime.min.replace(tzinfo=dt.UTC))


def _item(plan: Plan, column: Column, unit: Unit, files: tuple[ReturnedFile, ...], folder: Path | None) -> Item:
    cell = column.cells[unit.id]
    material = read_material([f.path for f in files], converted=folder)
    title, body = _own_title(material)
    title = title or _file_title(plan, unit, files, column.due)
    paragraphs, cut = _excerpt(body, plan.digest.excerpt if plan.digest is not None else None)
    return Item(
        unit=unit,
        title=title,
        paragraphs=paragraphs,
        pictures=_captioned(plan, material.pictures, title),
        videos=material.videos,
        others=material.others,
        files=files,
        late=cell.mark is Mark.LATE,
        cut=cut,
        problems=material.problems,
    )


def _own_title(material: Material) -> tuple[str, list[Paragraph]]:
    """The report's own title and the text below it; ``""`` and all the text when it has none.

    Its title line (a title style, or centred), else a first line that reads as one: short, no
    sentence in it, with text below it.
    """
    paragraphs = material.paragraphs
    if material.titles:
        return _without_draft_mark(material.titles[0]), paragraphs
    if len(paragraphs) >= 2 and _reads_as_title(paragraphs[0].text):
        return _without_draft_mark(paragraphs[0].text.strip()), paragraphs[1:]
    return "", paragraphs


def _reads_as_title(text: str) -> bool:
    """工会第二周活动开展情况: one short line without a sentence's punctuation in it."""
    line = text.strip()
    return 2 <= len(line) <= TITLE_CHARS and not re.search(r"[。！？；，,;!?]|[:：.]$", line)


def _without_draft_mark(title: str) -> str:
    """教务处第二周（修改稿） -> 教务处第二周: what marks a version of a file, not what it is about."""
    while (shorter := _DRAFT_MARK.sub("", title)) != title and shorter:
        title = shorter
    return title


def _file_title(plan: Plan, unit: Unit, files: tuple[ReturnedFile, ...], due: Due) -> str:
    """A Word or PDF file's name without the unit, the date and a version mark; else 教务处第1周工作情况.

    The name is printed as written: full-width brackets stay full-width. A name that is no UTF-8
    is no title (it would print as replacement characters).
    """
    for file in files:
        if file.path.suffix.lower() in (".docx", ".pdf") and shown_name(file.path.stem) == file.path.stem:
            stem = _without_draft_mark(_strip_unit(plan, _DATE_PREFIX.sub("", file.path.stem)))
            if len(stem) >= 2 and not _only_unit(plan, stem):
                return stem
    return f"{unit.name}第{due.week}周工作情况"


def _only_unit(plan: Plan, text: str) -> bool:
    return any(text in (u.name, u.full_name) for u in plan.units)


def _strip_unit(plan: Plan, text: str) -> str:
    for unit in plan.units:
        for name in (unit.full_name, unit.name):
            if name and text.startswith(name):
                text = text[len(name) :]
    return text.strip(" _-—–:：\u3000")


def _captioned(plan: Plan, pictures: list[ReportPicture], title: str) -> list[ReportPicture]:
    """Every picture has a caption: its own (in the report, or its file's name less the unit), else the item's title.

    Several pictures given the title are told apart by their place: 图1 团委第2周工作情况, 图2 ….
    """
    own = [caption_of_file(_strip_unit(plan, p.caption)) if p.caption else "" for p in pictures]
    several = sum(1 for caption in own if not caption) > 1
    return [
        dataclasses.replace(p, caption=caption or (f"图{n} {title}" if several else title))
        for n, (p, caption) in enumerate(zip(pictures, own, strict=True), 1)
    ]


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


def task_of(plan: Plan, unit: Unit, title: str, text: str = "") -> tuple[int, Task] | None:
    """The task a report is about: the one its title names or shares most words with, else its text; else None (其他).

    A task's own words are its title without the words most titles share (开展, 活动, 宣传 …);
    a match needs ``SHARED_CHARS`` of them in a row (all of them, for a shorter one). On a tie
    the unit's own task wins, then the first.
    """
    tasks = list(enumerate(plan.tasks, 1))
    if not tasks:
        return None
    named = match_task(title, [t.title for _, t in tasks]) if title else None
    if named is not None and named.number is not None:
        return tasks[named.number - 1]
    own = {n for n, _ in plan.tasks_of(unit.id)}
    for words in (title, text[:TEXT_CHARS]):
        squeezed = _unabbreviated(_squeeze(words))
        scores = []
        for number, task in tasks:
            key = _task_words(task.title)
            shared = _common(squeezed, key) if key else 0
            if key and shared >= min(SHARED_CHARS, len(key)) and shared >= 2:
                scores.append((shared, number in own, -number))
        if scores:
            best = max(scores)
            return tasks[-best[2] - 1]
    return None


def _task_words(title: str) -> str:
    """A task's own words: its title without the words most titles share (开展职业教育精准扶贫宣传工作 -> 精准扶贫)."""
    return _GENERIC.sub("", _squeeze(re.sub(r"[《》“”\"'、，,。（）()]", "", title)))


def _unabbreviated(text: str) -> str:
    """Short forms written out as task titles write them (劳模 -> 劳动模范), so that they match."""
    for short, full in _SHORT_FORMS.items():
        text = text.replace(short, full)
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters two texts share (技能大赛赛场开放)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _grouped(plan: Plan, items: list[Item]) -> list[TaskGroup]:
    """The items under their tasks, in the plan's order, then those of no task under 其他."""
    by_task: dict[int, list[Item]] = {}
    for item in items:
        found = task_of(plan, item.unit, item.title, "".join(p.text for p in item.paragraphs))
        by_task.setdefault(found[0] if found else 0, []).append(item)
    groups = [TaskGroup(n, plan.tasks[n - 1].title, by_task[n]) for n in sorted(k for k in by_task if k)]
    if 0 in by_task:
        groups.append(TaskGroup(0, OTHER_WORK, by_task[0]))
    return groups


def group_heading(position: int, group: TaskGroup) -> str:
    """一、印发…, 二、其他: the groups of one issue numbered one after the other, whatever their tasks' numbers."""
    return f"{chinese.section_number(1, position)}{group.title}"


def issue_date_text(day: dt.date) -> str:
    """2019年5月9日: the date under the masthead."""
    return chinese.full_date(day)
