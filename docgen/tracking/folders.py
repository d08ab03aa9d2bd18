"""The two places status touches the disk besides the record: the returns folders it lays out, and OUT.

``init_returns`` makes a folder per deadline (per week for a weekly one) with a 说明.txt
saying what goes in it and the exact commands to run from beside the returns folder, and never
replaces a file already there. ``write_status`` writes the dashboard, its spreadsheet and a
reminder per unit owing anything through ``docgen.rendering.outputs``: staged, committed all or
nothing, recorded in OUT's manifest, a user's file replaced only with ``force``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from docgen import chinese
from docgen.calendar.ics import holiday_label
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan
from docgen.tracking.dues import form_deadline, owing_units, returns_folder
from docgen.tracking.reminders import CHAT_TEXT, chat_text, owed_units, reminder_context, reminder_file
from docgen.tracking.returns import README_NAME
from docgen.tracking.status import StatusReport

STATUS_HTML = PurePosixPath("status.html")
STATUS_XLSX = PurePosixPath("status.xlsx")
KIND_HTML, KIND_XLSX, KIND_CHAT, KIND_REMINDER = "status-html", "status-xlsx", "status-chat", "status-reminder"


def earlier_reminder_kind(key: str) -> str:
    """The manifest kind of docgen 0.1's reminders, one per deadline: removed by the next run."""
    return f"status-reminder-{key}"


def readme_text(plan: Plan, due: Due, command: tuple[str, str] = ("", "回收")) -> str:
    """What a returns folder's 说明.txt says: what goes in, by when, from whom, how files are named, what to run.

    ``command`` is the plan's path as typed beside the returns folder ("" for the default) and
    the returns folder's name there: the commands it gives run from that folder's parent.
    """
    from docgen.messages import command_word

    command = (command_word(command[0]) if command[0] else "", command_word(command[1]))
    deadline = due.deadline
    owing = "、".join(u.name for u in owing_units(plan, due.key))
    when = f"{chinese.month_day(due.day)}（{chinese.weekday_of(due.day)}）前"
    plan_argument = f"{command[0]} " if command[0] else ""
    plan_option = f"--plan {command[0]} " if command[0] else ""
    lines = [f"本文件夹存放：{due.title}", f"截止：{when}"]
    if due.week is not None:
        lines.append(f"本周：{chinese.month_day(due.start)}至{chinese.month_day(due.last)}")
        lines += _week_note(due)
    if deadline.how:
        lines.append(f"报送方式：{deadline.how}")
    lines += [
        f"应报部门：{owing}",
        "",
        "各部门发来的文件（Word、WPS、PDF、图片、视频、压缩包均可）收到后原样存入本文件夹。",
        "文件名中请保留部门名称，例如“教务处-活动情况.docx”；一个部门的多个文件也可放在以部门命名的子文件夹中。",
        "直接存入的文件，以docgen第一次看到它的时间与文件的修改时间中较早者为收到时间，此后再打开修改也不变；"
        "若文件是后来补存的，可在文件名开头写上收到的日期，例如“0508 教务处.docx”，统计时以此日期判断是否逾期。",
        "",
        f"以下命令都在“{command[1]}”文件夹所在的文件夹中运行：",
        "（docgen 装在 .venv 中时，Windows 上把 docgen 写作 .venv\\Scripts\\docgen，"
        "Linux 和 macOS 上写作 .venv/bin/docgen）",
        f"登记收到的文件（记下收到时间，自动存入对应文件夹）：docgen receive 文件 {plan_option}--returns {command[1]}",
        f"查看谁已报送、谁未报送：docgen status {plan_argument}--returns {command[1]}",
    ]
    if due.key == form_deadline(plan):
        lines.append(f"汇总各部门的活动安排表：docgen collect {plan_option}--returns {command[1]} -o out")
    return "\n".join(lines) + "\n"


def _week_note(due: Due) -> list[str]:
    """Why a week's due day is not its last day: moved before a day off, or after the period's end."""
    day, last = chinese.month_day(due.day), chinese.month_day(due.last)
    if due.day < due.last:
        label = holiday_label(due.last)
        off = f"在{label}假期内" if label else "休息"
        return [
            f"{last}（{chinese.weekday_of(due.last)}）{off}，截止提前至{day}；{day}以后的活动情况随下一周一并报送。"
        ]
    if due.day > due.last:
        return [f"活动到{last}结束，最后这几天的活动情况于{day}（{chinese.weekday_of(due.day)}）前报送。"]
    return []


def init_returns(
    plan: Plan, returns_dir: Path | str, deadline: str | None = None, *, plan_path: Path | str | None = None
) -> list[Path]:
    """Make the returns folders in ``returns_dir``; the 说明.txt files written (existing ones are kept).

    Nothing is written outside ``returns_dir``: a folder in it that is a link is refused.

    ``plan_path`` is the plan's file, which the commands in each 说明.txt name (as seen from the
    returns folder's parent); without it they use the default plan.
    """
    from docgen.rendering.outputs import write_text_atomic
    from docgen.rendering.targets import make_folders

    root = Path(returns_dir)
    command = (_plan_as_typed(plan_path, root), root.name or str(root))
    written = []
    for due in dues(plan, deadline):
        folder = make_folders(root, returns_folder(plan, due))  # a linked deadline folder is refused, not followed
        readme = folder / README_NAME
        if not readme.exists():
            write_text_atomic(readme, readme_text(plan, due, command))
            written.append(readme)
    return written


def _plan_as_typed(plan_path: Path | str | None, root: Path) -> str:
    """The plan's path relative to the returns folder's parent, as a command there names it ("" for none)."""
    if plan_path is None:
        return ""
    try:
        relative = os.path.relpath(Path(plan_path).resolve(), root.resolve().parent)
    except ValueError:  # another drive (Windows)
        relative = str(Path(plan_path).resolve())
    return Path(relative).as_posix()


def status_outputs(
    report: StatusReport, templates: Path | None = None, plan_path: Path | None = None
) -> dict[PurePosixPath, tuple[str, bytes]]:
    """Each output's path in OUT, kind and bytes: page, spreadsheet, a notice per unit owing anything, chat text.

    reminder.docx is looked up as ``render`` looks up templates (``templates``, the project of ``plan_path``, docgen's).
    """
    from docgen.rendering.folders import template_folders, template_path
    from docgen.rendering.templates import compiled
    from docgen.tracking.dashboard import dashboard_context, dashboard_html, dashboard_xlsx

    context = dashboard_context(report)  # reads the reports once for the page and the workbook
    outputs = {
        STATUS_HTML: (KIND_HTML, dashboard_html(report, context).encode("utf-8")),
        STATUS_XLSX: (KIND_XLSX, dashboard_xlsx(report, context)),
    }
    units = owed_units(report)
    if units:
        template = compiled(template_path("reminder.docx", template_folders(plan_path, templates)), mend_layout=True)
        for unit in units:
            outputs[reminder_file(unit)] = (KIND_REMINDER, template.render(reminder_context(report, unit)))
        outputs[CHAT_TEXT] = (KIND_CHAT, chat_text(report).encode("utf-8"))
    return outputs


def write_status(
    report: StatusReport,
    out_dir: Path | str,
    *,
    templates: Path | None = None,
    plan_path: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the dashboard, its spreadsheet and the reminders into ``out_dir``, all or nothing.

    Reminders of an earlier run that are no longer needed (the unit has sent everything) are
    removed, unless someone edited them since.
    """
    from docgen.rendering.outputs import write_files

    outputs = status_outputs(report, templates, plan_path)
    earlier = {earlier_reminder_kind(key) for key in report.plan.deadlines}
    replaced = {KIND_HTML, KIND_XLSX, KIND_CHAT, KIND_REMINDER} | earlier
    read = [plan_path, *(f.path for f in report.files)]
    return write_files(Path(out_dir), outputs, replaced_kinds=replaced, force=force, inputs=read)


def is_returns_folder(plan: Plan, folder: Path) -> bool:
    """Whether ``folder`` is a returns folder: it holds docgen's record, or the 活动安排 deadline's folder."""
    from docgen.tracking.dues import deadline_folder
    from docgen.tracking.record import record_path

    key = form_deadline(plan)
    return record_path(folder).is_file() or (key is not None and (folder / deadline_folder(plan, key)).is_dir())


def returned_form_files(plan: Plan, returns_dir: Path | str) -> list[Path]:
    """The latest 活动安排 form each unit returned into ``returns_dir``, wherever it lies.

    An earlier form a unit replaced is left out. The folder's record is brought up to date first,
    as ``track_returns`` does.
    """
    import datetime as dt

    from docgen.tracking.status import track_returns
    from docgen.tracking.tally import returned_forms

    return [f.path for f in returned_forms(track_returns(plan, returns_dir, dt.date.max))]


def form_files(plan: Plan, paths: Iterable[Path], returns_dir: Path | None = None) -> list[Path]:
    """The 活动安排 forms ``docgen collect`` reads: the files named, a folder standing for the files in it.

    A returns folder (``is_returns_folder``), named among ``paths`` or as ``returns_dir``, stands
    for the latest form each unit returned into it; any other folder for its files, not hidden
    ones, Word's ``~$`` lock files or the folder's 说明.txt.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and is_returns_folder(plan, path):
            files += returned_form_files(plan, path)
        elif path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith((".", "~$")) and p.name != README_NAME
            )
        else:
            files.append(path)
    if returns_dir is not None:
        files += returned_form_files(plan, returns_dir)
    return files
