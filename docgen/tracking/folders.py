"""The two places status touches the disk: the returns folders it lays out, and OUT.

``init_returns`` makes a folder per deadline (per week for a weekly one) with a 说明.txt
saying what goes in it, and never replaces a file already there. ``write_status`` writes the
dashboard, its spreadsheet and the reminders through ``docgen.rendering.outputs``: staged,
committed all or nothing, recorded in OUT's manifest, a user's file replaced only with ``force``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from docgen import chinese
from docgen.plan.model import Plan
from docgen.tracking.dues import Due, dues, owing_units, returns_folder
from docgen.tracking.reminders import CHAT_TEXT, chat_text, reminder_context, reminder_file
from docgen.tracking.returns import README_NAME
from docgen.tracking.status import StatusReport

STATUS_HTML = PurePosixPath("status.html")
STATUS_XLSX = PurePosixPath("status.xlsx")
KIND_HTML, KIND_XLSX, KIND_CHAT = "status-html", "status-xlsx", "status-chat"


def reminder_kind(key: str) -> str:
    """The manifest kind of a deadline's reminders: a run limited to one deadline replaces only its own."""
    return f"status-reminder-{key}"


def readme_text(plan: Plan, due: Due) -> str:
    """What a returns folder's 说明.txt says: what goes in, by when, from whom, and how files are named."""
    deadline = due.deadline
    owing = "、".join(u.name for u in owing_units(plan, due.key))
    when = f"{chinese.month_day(due.day)}（{chinese.weekday_of(due.day)}）前"
    lines = [f"本文件夹存放：{due.title}", f"截止：{when}"]
    if due.week is not None:
        lines.append(f"本周：{chinese.month_day(due.start)}至{chinese.month_day(due.day)}")
    if deadline.how:
        lines.append(f"报送方式：{deadline.how}")
    lines += [
        f"应报部门：{owing}",
        "",
        "各部门发来的文件（Word、WPS、PDF、图片、视频、压缩包均可）收到后原样存入本文件夹。",
        "文件名中请保留部门名称，例如“教务处-活动情况.docx”；一个部门的多个文件也可放在以部门命名的子文件夹中。",
        "若文件是后来补存的，可在文件名开头写上收到的日期，例如“0508 教务处.docx”，统计时以此日期判断是否逾期。",
        "运行 docgen status --returns 本文件夹的上级文件夹 即可查看谁已报送、谁未报送。",
    ]
    return "\n".join(lines) + "\n"


def init_returns(plan: Plan, returns_dir: Path | str, deadline: str | None = None) -> list[Path]:
    """Make the returns folders in ``returns_dir``; the 说明.txt files written (existing ones are kept)."""
    from docgen.rendering.outputs import write_error, write_text_atomic

    root = Path(returns_dir)
    written = []
    for due in dues(plan, deadline):
        folder = root / returns_folder(plan, due)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(exc, folder) from exc
        readme = folder / README_NAME
        if not readme.exists():
            write_text_atomic(readme, readme_text(plan, due))
            written.append(readme)
    return written


def status_outputs(report: StatusReport, templates: Path | None = None) -> dict[PurePosixPath, tuple[str, bytes]]:
    """Each output's path in OUT, kind and bytes: page, spreadsheet, a notice per overdue due, chat text."""
    from docgen.rendering.templates import compiled
    from docgen.resources import templates_dir
    from docgen.tracking.dashboard import dashboard_context, dashboard_html, dashboard_xlsx

    context = dashboard_context(report)  # reads the reports once for the page and the workbook
    outputs = {
        STATUS_HTML: (KIND_HTML, dashboard_html(report, context).encode("utf-8")),
        STATUS_XLSX: (KIND_XLSX, dashboard_xlsx(report, context)),
    }
    overdue = report.overdue_columns
    if overdue:
        template = compiled(
            (templates if templates is not None else templates_dir()) / "reminder.docx", mend_layout=True
        )
        for column in overdue:
            outputs[reminder_file(column)] = (
                reminder_kind(column.due.key),
                template.render(reminder_context(report, column)),
            )
        outputs[CHAT_TEXT] = (KIND_CHAT, chat_text(report).encode("utf-8"))
    return outputs


def write_status(
    report: StatusReport, out_dir: Path | str, *, templates: Path | None = None, force: bool = False
) -> list[Path]:
    """Write the dashboard, its spreadsheet and the reminders into ``out_dir``, all or nothing.

    Reminders of an earlier run that are no longer due (everyone has sent) are removed, unless
    someone edited them since.
    """
    from docgen.rendering.outputs import write_files

    outputs = status_outputs(report, templates)
    replaced = {KIND_HTML, KIND_XLSX, KIND_CHAT} | {reminder_kind(c.due.key) for c in report.columns}
    return write_files(Path(out_dir), outputs, replaced_kinds=replaced, force=force)
