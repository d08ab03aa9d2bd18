"""check knows GB/T 9704's conventions: document numbers in 〔〕 without padding, dates in Arabic numerals."""

from __future__ import annotations

from pathlib import Path

import docgen
from tests.support.docx_text import full_text
from tests.support.plans import plan_with


def test_a_square_bracketed_number_is_a_warning_with_the_right_form(tmp_path: Path) -> None:
    path = plan_with(tmp_path, ("吉教职成办函〔2019〕9号", "吉教职成办函[2019]09号"))
    report = docgen.check_plan(path)
    [warning] = [p for p in report.problems if p.code == "document-number-form"]
    assert not warning.is_error and warning.path == "policies[0].number"
    assert "'〔2019〕9号'" in str(warning)


def test_the_shipped_plan_writes_its_numbers_as_the_standard_does() -> None:
    from tests.support.paths import SHIPPED_PLAN

    codes = {p.code for p in docgen.check_plan(SHIPPED_PLAN).problems}
    assert "document-number-form" not in codes and "date-chinese-numerals" not in codes


def test_a_date_in_chinese_numerals_is_a_warning(tmp_path: Path) -> None:
    path = plan_with(tmp_path, ("特制定活动方案如下：", "特制定活动方案如下（二〇一九年四月三十日）："))
    [warning] = [p for p in docgen.check_plan(path).problems if p.code == "date-chinese-numerals"]
    assert warning.path == "notice.opening" and "'2019年4月30日'" in str(warning)


def test_a_plan_that_keeps_brackets_renders_them_as_written(tmp_path: Path) -> None:
    path = plan_with(tmp_path, ("吉教职成办函〔2019〕9号", "吉教职成办函[2019]9号"))
    [written] = docgen.render(path, tmp_path / "out", only="notice")
    assert "吉教职成办函[2019]9号" in full_text(written)
