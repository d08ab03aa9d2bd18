"""Checks on the notice's shape: sections that name what the plan lacks, tables, attachments, what a reader would miss.

Like ``docgen.plan.checks`` they yield (path, code, parameters, severity); a plan that says
nothing of its shape gets the 2019 plan's and none of these findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from docgen.errors import Severity
from docgen.plan.model import Plan
from docgen.plan.sourcemap import PlanPath, Unlocated

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


def shape_findings(plan: Plan, folder: Path | None) -> Iterator[Unlocated]:
    """Everything about the notice's shape; ``folder`` is where the plan file is (attachment files)."""
    yield from _missing_parts(plan)
    yield from _sections(plan)
    yield from _widths(plan)
    yield from _attachments(plan, folder)
    yield from _tasks(plan)


def _missing_parts(plan: Plan) -> Iterator[Unlocated]:
    """What a reader would miss: a title, an opening, a signature, whom to send things to."""
    if plan.notice.title is None and not plan.notice.title_lines:
        yield ("notice",), "notice-without-title", {}, _WARNING
    if plan.notice.opening is None:
        yield ("notice",), "notice-without-opening", {}, _WARNING
    if plan.issuer is None or plan.issued is None:
        yield (), "notice-without-signature", {"missing": "issuer" if plan.issuer is None else "issued"}, _WARNING
    if plan.deadlines and plan.contact is None:
        yield ("deadlines",), "deadlines-without-contact", {}, _WARNING


_NEEDS: dict[str, Callable[[Plan], bool]] = {
    "ideology": lambda plan: plan.ideology is not None,
    "organization": lambda plan: plan.organization is not None,
    "time_and_theme": lambda plan: plan.theme is not None,
    "theme": lambda plan: plan.theme is not None,
    "time": lambda plan: True,
    "tasks": lambda plan: bool(plan.tasks),
    "requirements": lambda plan: bool(plan.requirements),
    "contact": lambda plan: plan.contact is not None,
}
_KEY_OF = {"time_and_theme": "theme", "time": "period"}


def _sections(plan: Plan) -> Iterator[Unlocated]:
    if plan.sections is None:
        return
    seen: set[str] = set()
    for i, section in enumerate(plan.sections):
        if section.use is None:
            continue
        if not _NEEDS[section.use](plan):
            yield (
                ("sections", i, "use"),
                "section-without-content",
                {"use": section.use, "key": _KEY_OF.get(section.use, section.use)},
                _ERROR,
            )
        if section.use in seen:
            yield ("sections", i, "use"), "section-repeated", {"use": section.use}, _WARNING
        seen.add(section.use)
        if section.view == "table" and section.use != "tasks":
            yield ("sections", i, "view"), "table-view-for-tasks-only", {"use": section.use}, _ERROR


def _widths(plan: Plan) -> Iterator[Unlocated]:
    if plan.form is not None and plan.form.widths is not None:
        yield from _table_widths(("form", "widths"), plan.form.widths, plan.form.columns)
    for i, attachment in enumerate(plan.attachments or []):
        table = attachment.table
        if table is None:
            continue
        if table.widths is not None:
            yield from _table_widths(("attachments", i, "table", "widths"), table.widths, table.columns)
        for j, row in enumerate(table.rows):
            if len(row) > len(table.columns):
                params = {"cells": len(row), "columns": len(table.columns)}
                yield ("attachments", i, "table", "rows", j), "row-too-long", params, _ERROR
        for j, column in enumerate(table.merge):
            if not 1 <= column <= len(table.columns):
                params = {"column": column, "columns": len(table.columns)}
                yield ("attachments", i, "table", "merge", j), "merge-out-of-range", params, _ERROR


def _table_widths(path: PlanPath, widths: list[int], columns: list[str]) -> Iterator[Unlocated]:
    """One width per column; a width of 0 prints a column too narrow to hold a character."""
    if len(widths) != len(columns):
        yield path, "widths-mismatch", {"widths": len(widths), "columns": len(columns)}, _ERROR
        return
    for i, (width, heading) in enumerate(zip(widths, columns, strict=True)):
        if width == 0:
            yield (*path, i), "width-zero", {"column": heading}, _WARNING


def _attachments(plan: Plan, folder: Path | None) -> Iterator[Unlocated]:
    for i, attachment in enumerate(plan.attachments or []):
        if attachment.use == "form" and plan.form is None:
            yield ("attachments", i), "attachment-without-form", {}, _ERROR
        if attachment.file is not None and folder is not None:
            path = folder / attachment.file
            if not path.is_file():
                yield ("attachments", i, "file"), "attachment-file-missing", {"file": attachment.file}, _WARNING


def _tasks(plan: Plan) -> Iterator[Unlocated]:
    for i, task in enumerate(plan.tasks):
        if task.end_date is not None and (task.date is None or task.end_date < task.date):
            yield ("tasks", i, "end_date"), "task-end-before-start", {"date": task.date, "end": task.end_date}, _ERROR
