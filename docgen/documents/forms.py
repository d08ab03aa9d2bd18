"""The 活动安排 form: blank (the notice's attachment and the form on its own) and prefilled per unit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docgen import chinese
from docgen.plan.form_fit import form_fit, remark_text, unit_form_filled, unit_form_rows
from docgen.plan.model import Plan, Unit


def form_context(
    plan: Plan,
    *,
    submitter: str = "",
    filled: Sequence[Sequence[str]] = (),
    blank_rows: int | None = None,
    attachment: bool = False,
) -> dict[str, Any]:
    """The 活动安排 form: prefilled rows first, then blank rows (the plan's number by default).

    ``row_height`` (twips) lets the rows fill one landscape page; ``attachment`` counts the
    notice's 附件 line above the title.
    """
    width = len(plan.form.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in filled]
    rows += [[""] * width for _ in range(plan.form.blank_rows if blank_rows is None else blank_rows)]
    return {
        "title": plan.form_title,
        "submitter_label": plan.form.submitter,
        "submitter": submitter,
        "year": plan.year,
        "month_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "day_blank": chinese.IDEOGRAPHIC_SPACE * 2,
        "columns": list(plan.form.columns),
        "rows": rows,
        "remark": plan.form.remark,
        "activities": [f"{n}.{task.title}" for n, task in enumerate(plan.tasks, 1)],
        "remark_line": remark_text(plan),
        "row_height": form_fit(plan, len(rows), filled=filled, attachment=attachment).row_height,
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
