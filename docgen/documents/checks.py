"""``check_plan`` and ``check_project``: a plan checked as ``docgen check`` checks it, its documents included.

The plan stage checks what a plan says (``docgen.plan.files.check_plan``); whether its documents
can be laid out as they should (a form's rows on one landscape page) depends on the documents'
layout numbers, which live here with the documents. A finding of either kind is located in the
plan file, and the report lists them together in file order. ``check_project`` adds what
``docgen check`` says of the documents the plan declares and of the user's own templates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from docgen.documents.form_fit import ROW_HEIGHTS, TWIPS_PER_MM, crowded_forms
from docgen.documents.template_files import check_plan_documents, check_plan_templates, has_own_templates
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


@dataclasses.dataclass(frozen=True)
class ProjectCheck:
    """What ``check_project`` found: the plan's report, then its documents' and templates' problems."""

    report: CheckReport
    template_problems: list[Finding]
    """The declared documents' problems, then the user's templates' (none checked while the former has errors)."""
    templates: list[Path]
    """The user's template files that were checked (none when the shipped ones are used)."""
    templates_asked: bool = False
    """Whether a templates folder was named: the plan's warnings are then counted, not listed."""

    @property
    def failed(self) -> bool:
        """Whether anything stops rendering: an error in the plan, its documents or its templates."""
        return self.report.plan is None or any(p.is_error for p in self.template_problems)

    @property
    def plan_warnings_counted(self) -> bool:
        """Whether the plan's warnings are counted, not listed in ``findings``: they would bury the templates'."""
        return self.templates_asked and self.report.plan is not None and bool(self.report.warnings)

    def findings(self, notes: bool = False) -> list[Finding]:
        """What to list, in order: the documents' and templates' problems, then the plan's (notes when ``notes``)."""
        shown = [p for p in self.report.problems if notes or p.severity is not Severity.NOTE]
        return self.template_problems + ([] if self.plan_warnings_counted else shown)


def check_project(path: Path | str, templates: Path | str | None = None) -> ProjectCheck:
    """Check a plan file as ``docgen check`` does: the plan, the documents it declares, the templates it would use.

    The templates checked are the user's own (``templates``, else ``templates/`` beside the plan),
    each with its documents' context; the shipped ones are checked by docgen's tests. Never
    raises for problems in the files: they are in the answer.
    """
    report = check_plan(path)
    if report.resolved is None:
        return ProjectCheck(report, [], [], templates is not None)
    declared = check_plan_documents(report, templates)
    files: list[Path] = []
    problems: list[Finding] = []
    if not any(p.is_error for p in declared) and has_own_templates(path, templates):
        files, problems = check_plan_templates(report.resolved, path, templates)
    return ProjectCheck(report, declared + problems, files, templates is not None)


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
