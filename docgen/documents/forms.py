"""Forms and attachment pages: the 活动安排 form (blank and prefilled per unit) and any attachment of the plan.

Each attachment page has a label (附件, 附件1), a title, an optional line for who fills it in
and the date, a table whose columns come from the plan, and remarks. The form document, each
unit's form and the notice's attachment pages are all built here, so they look alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from docgen import chinese
from docgen.documents.form_fit import HEADER_ROW, form_fit, form_weights, remark_text, unit_form_filled, unit_form_rows
from docgen.documents.tables import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, TableSpec, table_xml
from docgen.plan.model import Attachment, Plan, Unit

WIDE_FROM = 5  # columns: a table this wide is printed on a turned (landscape) page


def form_context(
    plan: Plan,
    *,
    submitter: str = "",
    filled: Sequence[Sequence[str]] = (),
    blank_rows: int | None = None,
    attachment: bool = False,
) -> dict[str, Any]:
    """The 活动安排 form: prefilled rows first, then blank rows (the plan's number by default).

    The rows' height lets them fill one landscape page (``docgen.documents.form_fit``);
    ``attachment`` counts the notice's 附件 line above the title.
    """
    form = plan.form
    assert form is not None, "only a plan with a form has form documents"
    width = len(form.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in filled]
    rows += [[""] * width for _ in range(form.blank_rows if blank_rows is None else blank_rows)]
    height = form_fit(plan, len(rows), filled=filled, attachment=attachment).row_height
    spec = TableSpec(form.columns, rows, form_weights(form), width=LANDSCAPE_WIDTH, row_height=height)
    return {
        "title": plan.form_title,
        "submitter_label": form.submitter,
        "submitter": submitter,
        "year": plan.year,
        "month_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "day_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "columns": list(form.columns),
        "rows": rows,
        "table": table_xml(dataclasses.replace(spec, header_height=HEADER_ROW)),
        "remark": form.remark or "",
        "activities": [f"{n}.{task.title}" for n, task in enumerate(plan.tasks, 1)]
        if form.remark and form.list_tasks
        else [],
        "remark_line": remark_text(plan),
        "row_height": height,
    }


def unit_form_context(plan: Plan, unit: Unit, member: Unit | None = None) -> dict[str, Any]:
    """The form prefilled for one unit (or one ``member`` of a group): a row per task, then blank rows."""
    submitter = member if member is not None else unit
    filled = unit_form_filled(plan, submitter.name, unit.id)
    blank = unit_form_rows(plan, len(filled)) - len(filled)
    return {"form": form_context(plan, submitter=submitter.name, filled=filled, blank_rows=blank)}


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
            form = form_context(plan, attachment=True)
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
        "remark_line": attachment.remark or "",
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
