"""A collection's three outputs: the summary schedule (.docx), the spreadsheet (.xlsx), the calendar (.ics).

Building each output is a function returning bytes; ``write_collection`` is the one place that
touches the disk, through the same staging and manifest as ``render`` (all or nothing, never
over a file the user wrote unless forced).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from docgen import chinese
from docgen.collecting.forms import Activity, Collection, form_of
from docgen.collecting.when import When
from docgen.messages import describe_code

SCHEDULE_DOCX = PurePosixPath("活动安排汇总.docx")
SCHEDULE_XLSX = PurePosixPath("活动安排汇总.xlsx")
SCHEDULE_ICS = PurePosixPath("活动安排.ics")
KINDS = {SCHEDULE_DOCX: "collect-docx", SCHEDULE_XLSX: "collect-xlsx", SCHEDULE_ICS: "collect-ics"}
NUMBER_LABEL = "序号"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def when_text(when: When) -> str:
    """5月10日（周五）, 5月10日（周五）9:00-11:30, or 5月10日（周五）至5月12日（周日）."""
    text = f"{chinese.month_day(when.start)}（{chinese.weekday_of(when.start)}）"
    if when.end != when.start:
        text += f"至{chinese.month_day(when.end)}（{chinese.weekday_of(when.end)}）"
    if when.start_time is not None:
        text += f" {when.start_time:%H:%M}"
        if when.end_time is not None:
            text += f"-{when.end_time:%H:%M}"
    return text


def schedule_context(collection: Collection) -> dict[str, Any]:
    """The summary schedule: activities grouped by task (in the plan's order), by date within each."""
    plan = collection.plan
    groups = []
    for number, task in enumerate(plan.tasks, 1):
        activities = [a for a in collection.activities if a.task == number]
        if not activities:
            continue
        rows = [
            [str(i), a.content, when_text(a.when), a.place, a.department, a.person, a.phone]
            for i, a in enumerate(activities, 1)
        ]
        groups.append({"heading": f"{chinese.section_number(2, number)}{task.title}", "activities": rows})
    units = {a.unit.id for a in collection.activities}
    summary = f"共{len(collection.activities)}项活动，{len(units)}个部门。"
    missing = "尚未上报：" + "、".join(u.name for u in collection.missing) + "。" if collection.missing else ""
    return {
        "institution": plan.institution,
        "title": f"{plan.form_title}汇总",
        "columns": [NUMBER_LABEL, *form_of(plan).columns[1:]],
        "groups": groups,
        "summary": summary,
        "missing": missing,
    }


def _cell_text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def spreadsheet(collection: Collection) -> bytes:
    """One row per activity (frozen header, filters), and a sheet listing every problem."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    columns = form_of(collection.plan).columns
    headers = [NUMBER_LABEL, columns[0], columns[1], "开始日期", "结束日期", "开始时间", "结束时间"]
    headers += [columns[2] + "（原文）", columns[3], "上报部门", columns[4], columns[5], columns[6], "文件", "行"]
    book = Workbook()
    sheet = book.active
    sheet.title = "活动安排"
    rows: list[list[Any]] = [_activity_row(i, a) for i, a in enumerate(collection.activities, 1)]
    _fill(sheet, headers, rows, [6, 36, 36, 12, 12, 10, 10, 24, 20, 14, 14, 14, 16, 30, 6])
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "hh:mm"
    problems = book.create_sheet("问题")
    problem_headers = ["文件", "行", "问题", "代码", "严重程度", *columns]
    problem_rows: list[list[Any]] = []
    cells_by_row = {(r.file, r.row): r.cells for r in collection.rejected}
    for problem in collection.problems:
        row_number = problem.params.get("row")
        cells = cells_by_row.get((problem.file or "", row_number or 0), ())
        problem_rows.append(
            [
                problem.file or "",
                row_number,
                describe_code(problem.code, problem.params),  # the file and row have columns of their own
                problem.code,
                problem.severity.value,
                *cells,
            ]
        )
    _fill(problems, problem_headers, problem_rows, [30, 6, 60, 22, 10, 24, 24, 16, 16, 14, 14, 16])
    for sheet_ in (sheet, problems):
        for cell in sheet_[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _activity_row(number: int, a: Activity) -> list[Any]:
    return [
        number,
        a.task_title,
        a.content,
        a.when.start,
        a.when.end,
        a.when.start_time,
        a.when.end_time,
        a.time_text,
        a.place,
        a.unit.name,
        a.department,
        a.person,
        a.phone,
        a.file,
        a.row,
    ]


def _fill(sheet: Any, headers: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    """Write header and rows as values (text never becomes a formula), freeze the header, add filters."""
    from openpyxl.utils import get_column_letter

    for r, values in enumerate([headers, *rows], 1):
        for c, value in enumerate(values, 1):
            cell = sheet.cell(row=r, column=c, value=_cell_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    for c, width in enumerate(widths[: len(headers)], 1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def write_collection(
    collection: Collection,
    out_dir: Path | str,
    *,
    stamp: dt.datetime,
    templates: Path | None = None,
    plan_path: Path | None = None,
    force: bool = False,
    forms: Sequence[Path] = (),
) -> list[Path]:
    """Write the schedule, the spreadsheet and the calendar into ``out_dir``, all or nothing.

    ``schedule.docx`` comes from ``templates``, else from ``templates/`` beside ``plan_path``,
    else from the shipped templates; it is checked before anything is written. No output may be
    the plan, the template or one of the ``forms`` read, even with ``force``.
    """
    from docgen.collecting.activity_calendar import activities_calendar
    from docgen.errors import TemplateError
    from docgen.rendering.folders import template_folders, template_path
    from docgen.rendering.outputs import check_targets, commit, staging
    from docgen.rendering.template_check import check_template
    from docgen.rendering.templates import compiled

    out = Path(out_dir)
    template = template_path("schedule.docx", template_folders(plan_path, templates))
    check_targets(out, list(KINDS), force=force, inputs=[plan_path, template, *forms])
    context = schedule_context(collection)
    problems = [problem for problem in check_template(template, context) if problem.is_error]
    if problems:
        raise TemplateError(problems)
    contents = {
        SCHEDULE_DOCX: compiled(template, mend_layout=True).render(context),
        SCHEDULE_XLSX: spreadsheet(collection),
        SCHEDULE_ICS: activities_calendar(collection, stamp),
    }
    with staging(out) as stage:
        for relative, data in contents.items():
            (stage / relative).write_bytes(data)
        commit(out, stage, dict(KINDS), replaced_kinds=set(KINDS.values()), force=force)
    return [out / relative for relative in KINDS]
