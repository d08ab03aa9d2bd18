"""A draft of the campaign's 活动总结, with every figure counted from the record of the returns folder.

一、基本情况 gives the figures: the units that sent anything, the activities in the latest
returned 活动安排 by task, the weekly reports (each counted once, however often it was resent),
pictures and videos (the sums of the 宣传评比 tally), the 简报 issues written (as the record
holds them) and their items posted to the column. 二、主要做法和成效 lists, task by task, the
activities units put in their 活动安排 and the titles of their reports in the 简报. 三、存在的
不足和下一步打算 is the officer's: one empty highlighted paragraph. Nothing else is written:
no praise, no estimate. ``sources`` lists the files behind each figure, to check any number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import chinese
from docgen.collecting.forms import Activity
from docgen.documents.layout import signature
from docgen.documents.titles import title_lines
from docgen.errors import Finding
from docgen.messages import shown_name
from docgen.plan.model import Plan, Unit
from docgen.publishing import wordml
from docgen.publishing.issues import Issue, Item, task_of, written_issues
from docgen.tracking.status import StatusReport, track_returns
from docgen.tracking.tally import TallyRow, returned_activities, tally

ENUMERATION = "、"


@dataclass
class Figures:
    """The counts of 一、基本情况, and the files each was counted from (relative to the returns folder)."""

    units: list[Unit]
    activities: list[Activity]
    reports: int
    pictures: int
    videos: int
    issues: list[Issue]
    sources: dict[str, list[str]] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)
    read: list[Path] = field(default_factory=list)  # the returned files looked at: never written over

    @property
    def posts(self) -> int:
        """Reports posted to the column: the items of every 简报."""
        return sum(len(i.items) for i in self.issues)


def campaign_figures(plan: Plan, returns_dir: Path | str, on: dt.date) -> Figures:
    """Everything the summary counts, from the record of ``returns_dir`` as of the end of ``on``."""
    report = track_returns(plan, returns_dir, on)
    rows = tally(report)
    issues = written_issues(plan, report)
    sending = {u.id for c in report.columns for u in c.received}
    units = [u for u in report.units if u.id in sending]
    weekly = [c for c in report.columns if c.due.week is not None]
    figures = Figures(
        units=units,
        activities=returned_activities(report),
        reports=sum(len(c.received) for c in weekly),
        pictures=sum(r.counts["pictures"] for r in rows),
        videos=sum(r.counts["videos"] for r in rows),
        issues=issues,
        notes=report.notes,
        read=[f.path for f in report.files],
    )
    figures.sources = _sources(report, rows, figures)
    return figures


def _sources(report: StatusReport, rows: list[TallyRow], figures: Figures) -> dict[str, list[str]]:
    """For each figure, the lines that make it up, each naming its files relative to the returns folder."""
    relative = {f.path: f.shown for f in report.files}
    by_unit: dict[str, list[str]] = {}
    for column in report.columns:
        for unit_id, cell in column.cells.items():
            by_unit.setdefault(unit_id, []).extend(f.shown for f in cell.files)
    forms: dict[str, int] = {}
    for activity in figures.activities:
        name = relative.get(Path(activity.file)) or shown_name(activity.file)
        forms[name] = forms.get(name, 0) + 1
    weekly = [
        f"{c.due.title} {u.name}：" + "、".join(f.shown for f in c.cells[u.id].files)
        for c in report.columns
        if c.due.week is not None
        for u in c.received
    ]
    media = [
        f"{r.unit.name}：图片{r.counts['pictures']}张、视频{r.counts['videos']}个（"
        + "、".join(by_unit[r.unit.id])
        + "）"
        for r in rows
        if r.counts["pictures"] or r.counts["videos"]
    ]
    return {
        "参与部门": [f"{u.name}：" + "、".join(by_unit.get(u.id, [])) for u in figures.units],
        "活动安排中的活动": [f"{name}：{count}项" for name, count in forms.items()],
        "每周活动开展情况": weekly,
        "图片和视频": media,
        "工作简报": [
            f"第{i.number}期："
            + "、".join(f"{item.unit.name}（{'、'.join(f.shown for f in item.files)}）" for item in i.items)
            for i in figures.issues
        ],
    }


def _counted_by_task(plan: Plan, activities: list[Activity]) -> list[tuple[int, str, int]]:
    counts: dict[int, int] = {}
    for activity in activities:
        counts[activity.task] = counts.get(activity.task, 0) + 1
    return [(n, plan.tasks[n - 1].title, counts[n]) for n in sorted(counts) if 1 <= n <= len(plan.tasks)]


def _basics(plan: Plan, figures: Figures) -> list[str]:
    names = ENUMERATION.join(u.name for u in figures.units)
    first = f"活动期间，共有{len(figures.units)}个部门报送了材料" + (f"（{names}）" if names else "") + "。"
    by_task = _counted_by_task(plan, figures.activities)
    second = f"各部门在活动安排中共上报活动{len(figures.activities)}项"
    if by_task:
        parts = "；".join(f"{title}{count}项" for _, title, count in by_task)  # running text: no heading numbers
        second += f"，其中：{parts}"
    third = (
        f"各部门报送每周活动开展情况{figures.reports}份，图片{figures.pictures}张、视频{figures.videos}个；"
        f"编发工作简报{len(figures.issues)}期，在专栏刊发稿件{figures.posts}篇。"
    )
    return [first, second + "。", third]


def _activity_text(activity: Activity) -> str:
    """教务处：技能大赛观摩（5月12日，校园）."""
    from docgen.collecting.schedule import when_text

    where = "，".join(x for x in (when_text(activity.when), activity.place) if x)
    return f"{activity.unit.name}：{activity.content or activity.task_title}" + (f"（{where}）" if where else "")


def _practices(plan: Plan, figures: Figures) -> list[str]:
    """Per task: a heading, the activities of the returned 活动安排, the reports' titles in the 简报."""
    blocks: list[str] = []
    reported: dict[int, list[tuple[Issue, Item]]] = {}
    for issue in figures.issues:
        for item in issue.items:
            found = task_of(plan, item.unit, item.title, "".join(p.text for p in item.paragraphs))
            reported.setdefault(found[0] if found else 0, []).append((issue, item))
    position = 0  # the headings printed are numbered （一）, （二）… whatever their tasks' numbers
    for number, task in enumerate(plan.tasks, 1):
        activities = [a for a in figures.activities if a.task == number]
        items = reported.get(number, [])
        if not activities and not items:
            continue
        position += 1
        blocks.append(wordml.paragraph(f"{chinese.section_number(2, position)}{task.title}", "Heading2"))
        if activities:
            listed = "；".join(_activity_text(a) for a in activities)
            blocks.append(wordml.paragraph(f"各部门在活动安排中上报的活动：{listed}。"))
        if items:
            listed = "；".join(f"{item.unit.name}：{item.title}（工作简报第{issue.number}期）" for issue, item in items)
            blocks.append(wordml.paragraph(f"各部门报送的活动开展情况：{listed}。"))
    return blocks


def summary_context(plan: Plan, figures: Figures) -> dict[str, Any]:
    """The template's context: the title, the three sections as XML, the signature with its date left open.

    ``title_lines`` is the title in lines as GB/T 9704 shapes a long one, words and quoted names whole.
    """
    policy = plan.policies[0] if plan.policies else None
    period = chinese.date_range(plan.period.start, plan.period.end)
    opening = f"{period}，我校开展了{plan.year}年“{plan.campaign}”活动。"
    if policy is not None:
        number = f"（{policy.number}）" if policy.number else ""
        opening = f"根据《{policy.title}》{number}要求，" + opening
    blocks = [wordml.paragraph(opening + "现将活动开展情况总结如下：")]
    blocks.append(wordml.paragraph("一、基本情况", "Heading1"))
    blocks += [wordml.paragraph(text) for text in _basics(plan, figures)]
    blocks.append(wordml.paragraph("二、主要做法和成效", "Heading1"))
    blocks += _practices(plan, figures)
    blocks.append(wordml.paragraph("三、存在的不足和下一步打算", "Heading1"))
    blocks.append(wordml.highlighted_blank())
    space = chinese.IDEOGRAPHIC_SPACE * 2
    title = f"{plan.institution}{plan.year}年“{plan.campaign}”活动总结"
    return {
        "title": title,
        "title_lines": title_lines(title),
        "body": wordml.body(blocks),
        "signature": signature([plan.institution], f"{plan.year}年{space}月{space}日"),
    }


def sources_text(figures: Figures) -> str:
    """The lines behind each figure, under its name: what a person checks a number against."""
    lines = []
    for label, entries in figures.sources.items():
        lines.append(f"【{label}】")
        lines += [f"  {entry}" for entry in entries] or ["  （无）"]
    return "\n".join(lines) + "\n"
