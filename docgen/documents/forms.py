"""Forms and attachment pages: the 活动安排 form (blank and prefilled per unit) and any attachment of the plan.

Each attachment page has a label (附件, 附件1), a title, an optional line for who fills it in
and the date, a table whose columns come from the plan, and remarks. The form document, each
unit's form and the notice's attachment pages are all built here, so they look alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docgen import chinese
from docgen.documents.tables import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, TableSpec, table_xml
from docgen.plan.model import Attachment, Form, Plan, Unit

WIDE_FROM = 5  # columns: a table this wide is printed on a turned (landscape) page
_WIDE_HEADINGS = ("内容", "事件", "项目", "地点")  # columns that hold phrases rather than words


def form_weights(form: Form) -> list[int]:
    """The form's relative column widths: the plan's, or wider for columns that hold phrases."""
    if form.widths is not None and len(form.widths) == len(form.columns):
        return list(form.widths)
    return [max(len(h), 4) * (2 if any(w in h for w in _WIDE_HEADINGS) else 1) for h in form.columns]


def form_context(
    plan: Plan, *, submitter: str = "", filled: Sequence[Sequence[str]] = (), blank_rows: int | None = None
) -> dict[str, Any]:
    """The 活动安排 form: prefilled rows first, then blank rows (the plan's number by default)."""
    form = plan.form
    assert form is not None, "only a plan with a form has form documents"
    width = len(form.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in filled]
    rows += [[""] * width for _ in range(form.blank_rows if blank_rows is None else blank_rows)]
    return {
        "title": plan.form_title,
        "submitter_label": form.submitter,
        "submitter": submitter,
        "year": plan.year,
        "month_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "day_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "columns": list(form.columns),
        "rows": rows,
        "table": table_xml(TableSpec(form.columns, rows, form_weights(form), width=LANDSCAPE_WIDTH)),
        "remark": form.remark or "",
        "activities": [f"{n}.{task.title}" for n, task in enumerate(plan.tasks, 1)]
        if form.remark and form.list_tasks
        else [],
    }


def _column_of(form: Form, *words: str) -> int | None:
    """The first column whose heading holds one of ``words``."""
    return next((i for i, h in enumerate(form.columns) if any(w in h for w in words)), None)


def unit_form_context(plan: Plan, unit: Unit) -> dict[str, Any]:
    """The form prefilled for one unit: one row per task it carries (title and unit), then blank rows."""
    form = plan.form
    assert form is not None, "only a plan with a form has unit forms"
    item = _column_of(form, "项目", "内容", "活动") or 0
    department = _column_of(form, "部门", "单位")
    filled = []
    for _, task in plan.tasks_of(unit.id):
        row = [""] * len(form.columns)
        row[item] = task.title
        if department is not None and department != item:
            row[department] = unit.name
        filled.append(row)
    blank = max(form.blank_rows - len(filled), 5)
    return {"form": form_context(plan, submitter=unit.name, filled=filled, blank_rows=blank)}


def blank_form_context(plan: Plan) -> dict[str, Any]:
    """The form with the plan's blank rows, as the form document receives it."""
    return {"form": form_context(plan)}


def attachment_pages(plan: Plan) -> list[dict[str, Any]]:
    """The notice's attachment pages in order (a file attachment has none: it is sent as it is)."""
    attachments = plan.notice_attachments()
    numbered = len(attachments) > 1
    pages = []
    for number, attachment in enumerate(attachments, 1):
        label = f"附件{number}" if numbered else "附件"
        if attachment.use == "form":
            form = form_context(plan)
            pages.append({"label": label, "landscape": True, **form})
        elif attachment.table is not None:
            pages.append({"label": label, **_table_page(plan, attachment)})
    return pages


def _table_page(plan: Plan, attachment: Attachment) -> dict[str, Any]:
    table = attachment.table
    assert table is not None
    landscape = attachment.landscape if attachment.landscape is not None else len(table.columns) >= WIDE_FROM
    spec = TableSpec(
        table.columns,
        table.rows,
        table.widths,
        merge=[m - 1 for m in table.merge],
        blank_rows=attachment.blank_rows,
        width=LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH,
    )
    return {
        "title": attachment.title or "",
        "submitter_label": attachment.submitter or "",
        "submitter": "",
        "year": plan.year,
        "month_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "day_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "columns": list(table.columns),
        "rows": [list(r) for r in table.rows],
        "table": table_xml(spec),
        "remark": attachment.remark or "",
        "activities": [],
        "landscape": landscape,
    }


def attachment_titles(plan: Plan) -> list[str]:
    """Every attachment's title, in order, as the 附件说明 names them."""
    titles = []
    for attachment in plan.notice_attachments():
        if attachment.use == "form":
            titles.append(plan.form_title)
        else:
            titles.append(attachment.title or "")
    return titles


def attachment_note(plan: Plan) -> list[str]:
    """The 附件说明 lines: 附件：title, or 附件：1. title with the next names aligned under the first."""
    titles = attachment_titles(plan)
    if len(titles) <= 1:
        return [f"附件：{t}" for t in titles]
    indent = chinese.IDEOGRAPHIC_SPACE * 3  # under the first name, past "附件："
    return [("附件：" if i == 1 else indent) + f"{i}. {t}" for i, t in enumerate(titles, 1)]
