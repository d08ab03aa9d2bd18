"""``check_plan``: a plan checked as ``docgen check`` checks it, its documents' needs included.

The plan stage checks what a plan says (``docgen.plan.files.check_plan``); whether its documents
can be laid out as they should (a form's rows on one landscape page) depends on the documents'
layout numbers, which live here with the documents. A finding of either kind is located in the
plan file, and the report lists them together in file order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from docgen.documents.form_fit import ROW_HEIGHTS, TWIPS_PER_MM, crowded_forms
from docgen.errors import Finding, PlanError, Severity
from docgen.plan import files
from docgen.plan.files import CheckReport
from docgen.plan.model import Plan
from docgen.plan.sourcemap import SourceMap, Unlocated, dotted


def check_plan(path: Path | str) -> CheckReport:
    """Read, validate and cross-check a plan file, and check what its documents need; never raises for the file."""
    return _with_layout(files.check_plan(path))


def check_plan_text(text: str, path: Path | str) -> CheckReport:
    """``check_plan`` of YAML text not saved yet, as if it were the file at ``path`` (the workbench's editor)."""
    return _with_layout(files.check_plan_text(text, path))


def _with_layout(report: CheckReport) -> CheckReport:
    """The report with what the documents' layout asks of the plan added, in file order."""
    if report.plan is None or report.source is None:
        return report
    found = report.problems + list(_located(layout_findings(report.plan), report.source))
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    return dataclasses.replace(report, problems=found)


def checked_plan(path: Path | str) -> CheckReport:
    """The report on a usable plan file (warnings only); raises ``PlanError`` listing every error."""
    report = check_plan(path)
    if report.plan is None:
        raise PlanError(report.problems)
    return report


def layout_findings(plan: Plan) -> Iterator[Unlocated]:
    """What the documents' layout asks of the plan: a form should be one landscape page."""
    crowded = crowded_forms(plan)
    if crowded:
        params = {
            "rows": plan.form.blank_rows if plan.form is not None else 0,
            "forms": "、".join(crowded),
            "mm": round(ROW_HEIGHTS[-1] / TWIPS_PER_MM),
        }
        yield ("form", "blank_rows"), "form-rows-overflow", params, Severity.WARNING


def _located(findings: Iterator[Unlocated], source: SourceMap) -> Iterator[Finding]:
    for path, code, params, severity in findings:
        line, column = source.locate(path)
        yield Finding(code, params, source.file, line, column, dotted(path), severity)
