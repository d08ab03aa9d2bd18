"""check on the issuing: block: every problem located at its line, an error where the 印发通知 would come out wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import Severity
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import issuing_plan, sample_issuing_plan


def edited(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    path = issuing_plan(tmp_path, "red")
    text = path.read_text(encoding="utf-8")
    start = text.rindex("\nissuing:")  # the block itself, not the shipped plan's commented example
    head, block = text[:start], text[start:]
    for old, new in edits:
        if old in block:
            block = block.replace(old, new, 1)
        else:
            assert old in head, old
            head = head.replace(old, new, 1)
    path.write_text(head + block, encoding="utf-8")
    return path


def issuing_problems(path: Path) -> dict[str, docgen.Finding]:
    return {p.code: p for p in docgen.check_plan(path).problems if p.code.startswith("issuing-")}


def line_of(path: Path, needle: str) -> int:
    """The line holding ``needle`` outside comments."""
    found = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(found, 1) if needle in line and not line.lstrip().startswith("#"))


def test_a_well_formed_block_has_no_findings(tmp_path: Path) -> None:
    assert issuing_problems(issuing_plan(tmp_path, "red")) == {}


def test_a_prefix_holding_the_year_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = edited(tmp_path, ("prefix: 长医专宣字,", "prefix: 长医专宣字〔2019〕,"))
    problem = issuing_problems(path)["issuing-prefix-form"]
    assert problem.severity is Severity.ERROR
    assert (problem.path, problem.line) == ("issuing.number.prefix", line_of(path, "prefix:"))
    assert problem.params["found"] == "〔"
    assert docgen.check_plan(path).resolved is None  # an error: the plan does not render


def test_warnings_on_year_recipients_names_and_dates(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        ("number: 3}", "number: 3, year: 2018}"),
        ("to: [各党总支, 各部门, 各院部]", "to: []"),
        (
            "copy_to: [吉林省教育厅职成处, 学校领导]",
            "copy_to: [吉林省教育厅职成处、学校领导]\n  printed_on: 2019-04-29",
        ),
    )
    found = issuing_problems(path)
    assert set(found) == {
        "issuing-year-differs",
        "issuing-without-recipients",
        "issuing-name-punctuation",
        "issuing-printed-before-issued",
    }
    assert all(p.severity is Severity.WARNING for p in found.values())
    assert found["issuing-name-punctuation"].path == "issuing.copy_to[0]"
    assert found["issuing-printed-before-issued"].line == line_of(path, "printed_on:")


def test_a_red_head_without_a_number_and_a_long_mark_are_warnings(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        ("  number: {prefix: 长医专宣字, number: 3}\n", ""),
        ("mark: 长春医学高等专科学校文件", "mark: 中共长春医学高等专科学校委员会宣传部办公室文件"),
    )
    assert {"issuing-head-without-number", "issuing-mark-long"} <= set(issuing_problems(path))


def test_a_seal_without_an_issuer_is_an_error(tmp_path: Path) -> None:
    path = edited(tmp_path, ("issuer: publicity\n", ""), ("  signed_by: 长春医学高等专科学校\n", ""))
    assert issuing_problems(path)["issuing-seal-without-signature"].severity is Severity.ERROR


def test_a_signer_other_than_the_organ_the_head_names_is_a_warning_with_both_fixes(tmp_path: Path) -> None:
    path = edited(tmp_path, ("  signed_by: 长春医学高等专科学校\n", ""))
    problem = issuing_problems(path)["issuing-signer-not-head"]
    assert problem.severity is Severity.WARNING
    assert (problem.path, problem.line) == ("issuing.mark", line_of(path, "mark: 长春医学高等专科学校文件"))
    assert problem.params["signer"] == "宣传部" and problem.params["organ"] == "长春医学高等专科学校"
    words = str(problem)
    assert "signed_by: 长春医学高等专科学校" in words  # sign as the organ the head names
    assert "mark: 长春医学高等专科学校党委宣传部文件" in words  # or give the signer's own head
    # either fix silences it
    assert "issuing-signer-not-head" not in issuing_problems(issuing_plan(tmp_path, "red"))
    own_head = edited(
        tmp_path,
        ("  signed_by: 长春医学高等专科学校\n", ""),
        ("mark: 长春医学高等专科学校文件", "mark: 长春医学高等专科学校党委宣传部文件"),
    )
    assert "issuing-signer-not-head" not in issuing_problems(own_head)


def test_the_shipped_plans_sample_block_is_consistent(tmp_path: Path) -> None:
    """The commented 'issuing:' example at the end of the shipped plan, taken in as it stands, checks clean."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    sample = text[text.index("# issuing:") :].split("\n\n")[0]
    block = "\n".join(line.removeprefix("# ") for line in sample.splitlines() if not line.lstrip("# ").startswith("#"))
    path = tmp_path / "plan.yaml"
    path.write_text(text + "\n" + block + "\n", encoding="utf-8")
    assert "signed_by:" in block and issuing_problems(path) == {}


@pytest.mark.parametrize("sealed", [True, False])
def test_the_shipped_plan_with_its_sample_uncommented_in_place_has_no_warning(tmp_path: Path, sealed: bool) -> None:
    """README step 4: take the sample issuing: block in where it stands; check says nothing but notes."""
    report = docgen.check_plan(sample_issuing_plan(tmp_path, sealed=sealed))
    assert report.plan is not None and report.plan.issuing is not None
    assert report.plan.issuing.sealed is sealed
    assert [p for p in report.problems if p.severity is not Severity.NOTE] == []


def test_an_unknown_head_mode_is_a_schema_error_at_its_line(tmp_path: Path) -> None:
    path = edited(tmp_path, ("head: red", "head: blue"))
    [problem] = [p for p in docgen.check_plan(path).problems if p.path == "issuing.head"]
    assert problem.line == line_of(path, "head: blue")


def test_check_words_the_findings_in_chinese(tmp_path: Path) -> None:
    path = edited(tmp_path, ("prefix: 长医专宣字,", "prefix: 长医专宣字〔2019〕,"))
    result = CliRunner().invoke(main, ["--lang", "zh_CN", "check", str(path)])
    assert result.exit_code == 1, result.output
    assert "issuing.number.prefix: 机关代字“长医专宣字〔2019〕”含有“〔”" in result.output
