"""The form's rows share one landscape page with its remark; too many rows are warned about."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

import docgen
from docgen.chinese import cjk_width
from docgen.documents.batch import render
from docgen.documents.checks import check_plan
from docgen.documents.form_fit import ROW_HEIGHTS, TWIPS_PER_MM, form_fit, remark_text
from tests.support.docx_text import open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with


def row_heights(path: Path) -> list[int]:
    (table,) = open_docx(path).tables
    return [int(r._tr.trPr.find(qn("w:trHeight")).get(qn("w:val"))) for r in table.rows]


def test_the_shipped_plans_forms_fit_with_rows_of_six_mm_or_more() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    assert plan.form.blank_rows == 17
    for attachment in (True, False):
        fit = form_fit(plan, 17, attachment=attachment)
        assert fit.fits
        assert fit.row_height >= round(6 * TWIPS_PER_MM)
    assert "form-rows-overflow" not in {p.code for p in check_plan(SHIPPED_PLAN).problems}


def test_rows_are_as_high_as_the_page_allows(tmp_path: Path) -> None:
    render(SHIPPED_PLAN, tmp_path, "form,notice")
    blank = row_heights(tmp_path / "2019年职业教育宣传月活动安排.docx")
    attached = row_heights(tmp_path / "2019年职业教育宣传月活动方案.docx")
    assert len(blank) == len(attached) == 1 + 17
    # the notice's attachment has the 附件 line above its title, so its rows are no higher
    assert set(blank[1:]) <= set(ROW_HEIGHTS) and len(set(blank[1:])) == 1
    assert ROW_HEIGHTS[-1] <= attached[1] <= blank[1]


def test_too_many_rows_are_a_warning_and_the_form_keeps_them(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("blank_rows: 17", "blank_rows: 40"))
    warnings = [p for p in check_plan(plan).problems if p.code == "form-rows-overflow"]
    assert len(warnings) == 1
    assert warnings[0].path == "form.blank_rows"
    assert warnings[0].params["rows"] == 40
    render(plan, tmp_path / "out", "form")
    heights = row_heights(tmp_path / "out" / "2019年职业教育宣传月活动安排.docx")
    assert len(heights) == 1 + 40
    assert set(heights[1:]) == {ROW_HEIGHTS[-1]}


def test_widths_of_nothing_but_zeros_are_checked_and_rendered_as_before(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("  blank_rows: 17", "  widths: [0, 0, 0, 0, 0, 0, 0]\n  blank_rows: 17"))
    report = check_plan(plan)  # the form's page was measured with the widths' sum as divisor
    assert report.plan is not None and report.plan.form.widths == [0] * 7
    assert not [p for p in report.problems if p.is_error]
    zero = [p for p in report.problems if p.code == "width-zero"]
    assert [p.path for p in zero] == [f"form.widths[{i}]" for i in range(7)]
    assert {p.severity.value for p in zero} == {"warning"} and zero[0].params["column"] == "活动项目"
    [form] = render(plan, tmp_path / "out", "form")
    assert len(row_heights(form)) == 1 + 17


def test_a_width_below_zero_is_a_located_error_and_nothing_is_written(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("  blank_rows: 17", "  widths: [3, -1, 2, 2, 2, 2, 2]\n  blank_rows: 17"))
    report = check_plan(plan)
    [error] = [p for p in report.problems if p.is_error]
    assert error.path == "form.widths[1]" and error.line is not None and error.column == 15
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(plan), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "form.widths[1]" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_remark_lists_each_plans_own_tasks_however_plans_alternate() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    fewer = plan.model_copy(update={"tasks": plan.tasks[:2]})
    listed = f"1.{plan.tasks[0].title}　2.{plan.tasks[1].title}"
    for _ in range(2):  # the task list is remembered by the plan's content: never for another plan
        assert remark_text(plan).startswith("活动项目包括：" + listed + "　3.")
        assert remark_text(fewer) == "活动项目包括：" + listed


@given(st.text(max_size=60) | st.text(alphabet=st.characters(min_codepoint=0x2E00, max_codepoint=0x2F00)))
def test_the_width_measure_counts_everything_before_the_cjk_blocks_half(text: str) -> None:
    assert cjk_width(text) == sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def test_the_width_measure_at_its_edges() -> None:
    assert cjk_width("\u2e7f\u2e80") == 1.5 and cjk_width("") == 0 and cjk_width("2019年") == 3.0
