"""new-year and the issuing: block: dates roll, the 发文字号 is listed for a person to renew."""

from __future__ import annotations

from pathlib import Path

import docgen
from docgen.errors import Severity
from tests.support.plans import issuing_plan


def test_the_document_number_is_listed_at_its_line_and_the_printing_date_rolls(tmp_path: Path) -> None:
    path = issuing_plan(tmp_path, "red", extra="  printed_on: 2019-04-30\n")
    new_text, review = docgen.new_year(path.read_text(encoding="utf-8"), 2020)
    [item] = [i for i in review if i.code == "issuing-number-new-year"]
    assert item.severity is Severity.EDIT and item.path == "issuing.number"
    assert new_text.splitlines()[item.line - 1].strip().startswith("number: {prefix: 长医专宣字")
    assert "  printed_on: 2020-04-30" in new_text


def test_a_plan_without_a_document_number_has_no_such_item(tmp_path: Path) -> None:
    path = issuing_plan(tmp_path, "plain")
    text = path.read_text(encoding="utf-8").replace("  number: {prefix: 长医专宣字, number: 3}\n", "")
    _, review = docgen.new_year(text, 2020)
    assert not [i for i in review if i.code.startswith("issuing-")]
