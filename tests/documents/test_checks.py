"""``check_project``: what ``docgen check`` reports, gathered by the library in the order it is listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import docgen
from docgen.errors import Severity
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import plan_with, replace_in_docx


def test_a_good_plan_with_the_shipped_templates_checks_no_template(tmp_path: Path) -> None:
    outcome = docgen.check_project(SHIPPED_PLAN)
    assert not outcome.failed and outcome.templates == [] and outcome.template_problems == []
    assert outcome.findings() == [p for p in outcome.report.problems if p.severity is not Severity.NOTE]
    assert outcome.findings(notes=True) == outcome.report.problems


def test_the_users_templates_are_checked_and_their_findings_come_first(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    replace_in_docx(folder / "letter.docx", "{{ letter.closing }}", "{{ letter.closin }}")
    plan = plan_with(tmp_path, ("blank_rows: 17", "blank_rows: 40"))  # one warning about the plan
    outcome = docgen.check_project(plan, folder)
    assert outcome.failed and folder / "letter.docx" in outcome.templates
    assert [p.file for p in outcome.template_problems] == [str(folder / "letter.docx")]
    assert outcome.plan_warnings_counted  # a folder was named: the plan's warning is counted, not listed
    assert outcome.findings() == outcome.template_problems
    assert [p.code for p in outcome.report.warnings] == ["form-rows-overflow"]


def test_without_a_templates_folder_the_plans_warnings_follow(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("blank_rows: 17", "blank_rows: 40"))
    outcome = docgen.check_project(plan)
    assert not outcome.failed and not outcome.plan_warnings_counted
    assert [p.code for p in outcome.findings()] == ["form-rows-overflow"]


def test_a_plan_with_errors_checks_no_template(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("year: [\n", encoding="utf-8")
    outcome = docgen.check_project(plan, SHIPPED_TEMPLATES)
    assert outcome.failed and outcome.report.plan is None and outcome.templates == []
    assert outcome.findings() == outcome.report.problems and outcome.report.errors
