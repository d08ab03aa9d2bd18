"""Plans of other shapes: the smallest plan, roles, sections that name what is missing, attachments."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docgen
from tests.support.paths import SHIPPED_PLAN

MINIMAL = """\
institution: 某某学院
year: 2023
campaign: 安全宣传月
period:
  start: 2023-06-01
  end: 2023-06-30
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _codes(report: docgen.CheckReport) -> dict[str, str]:
    return {p.code: p.severity.value for p in report.problems}


def test_the_smallest_plan_is_valid_with_warnings_and_renders_one_page_section(tmp_path: Path) -> None:
    report = docgen.check_plan(_write(tmp_path, MINIMAL))
    assert report.plan is not None
    codes = _codes(report)
    assert codes["notice-without-title"] == "warning"
    assert codes["notice-without-opening"] == "warning"
    assert codes["notice-without-signature"] == "warning"
    assert not [p for p in report.problems if p.is_error]
    [notice] = docgen.render(report, tmp_path / "out")
    xml = zipfile.ZipFile(notice).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:sectPr") == 1, "no section is left empty"
    assert "一、活动时间" in xml and "6月1日至6月30日" in xml
    assert "附件" not in xml and "组　长" not in xml


def test_roles_with_labels_of_the_plans_own(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + """\
organization:
  roles:
    - label: 活动领导
      text: 主管院领导
    - label: 成员
      names: [王明, 李晓红]
"""
    )
    report = docgen.check_plan(_write(tmp_path, text))
    [notice] = docgen.render(report, tmp_path / "out")
    xml = zipfile.ZipFile(notice).read("word/document.xml").decode("utf-8")
    assert "一、组织机构" in xml and "活动领导：主管院领导" in xml and "成员：王　明、李晓红" in xml
    assert xml.index("一、组织机构") < xml.index("二、活动时间")


def test_a_section_naming_what_the_plan_lacks_is_a_located_error(tmp_path: Path) -> None:
    text = MINIMAL + "sections:\n  - use: time\n  - use: requirements\n  - heading: 其他\n"
    report = docgen.check_plan(_write(tmp_path, text))
    [problem] = [p for p in report.problems if p.code == "section-without-content"]
    assert problem.is_error and problem.path == "sections[1].use" and problem.line == 9
    assert "this section uses 'requirements', but the plan has no 'requirements'" in str(problem)


def test_an_own_section_needs_a_heading_and_an_attachment_one_kind(tmp_path: Path) -> None:
    text = MINIMAL + "sections:\n  - text: 无标题\nattachments:\n  - title: 表\n    file: a.docx\n    use: form\n"
    report = docgen.check_plan(_write(tmp_path, text))
    codes = _codes(report)
    assert codes["section-without-heading"] == "error"
    assert codes["attachment-kind"] == "error"
    assert report.plan is None


def test_a_missing_attachment_file_is_a_warning_and_the_note_numbers_the_attachments(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + """\
attachments:
  - title: 报名表
    file: 报名表.docx
  - title: 日程
    table:
      columns: [日期, 内容]
      rows: [[6月1日, 启动仪式]]
"""
    )
    report = docgen.check_plan(_write(tmp_path, text))
    [missing] = [p for p in report.problems if p.code == "attachment-file-missing"]
    assert missing.path == "attachments[0].file" and not missing.is_error
    [notice] = docgen.render(report, tmp_path / "out")
    xml = zipfile.ZipFile(notice).read("word/document.xml").decode("utf-8")
    assert "附件：1. 报名表" in xml and "2. 日程" in xml and ">附件2<" in xml and ">附件1<" not in xml


def test_the_shipped_plan_keeps_its_shape() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    assert [s.use for s in plan.notice_sections()] == [
        "ideology",
        "organization",
        "time_and_theme",
        "tasks",
        "requirements",
    ]
    assert [a.use for a in plan.notice_attachments()] == ["form"]


NESTED = """\
sections:
  - heading: 工作安排
    items:
      - title: 第一阶段
        items:
          - title: 动员
            items:
              - 于{{ period.start | md }}前完成{{ year }}年动员
"""


def test_running_text_in_items_within_items_is_filled_in_and_checked(tmp_path: Path) -> None:
    report = docgen.check_plan(_write(tmp_path, MINIMAL + NESTED))
    assert report.resolved is not None
    deepest = report.resolved.notice_sections()[0].items[0].items[0].items[0]
    assert deepest.text == "于6月1日前完成2023年动员"
    [notice] = docgen.render(report, tmp_path / "out")
    xml = zipfile.ZipFile(notice).read("word/document.xml").decode("utf-8")
    assert "于6月1日前完成2023年动员" in xml and "{{" not in xml

    report = docgen.check_plan(_write(tmp_path, MINIMAL + NESTED.replace("{{ year }}", "{{ yaer }}")))
    [wrong] = [p for p in report.problems if p.is_error]
    assert (wrong.code, wrong.line, wrong.path) == (
        "unknown-placeholder-suggest",
        14,
        "sections[0].items[0].items[0].items[0].text",
    )


def test_an_attachment_tables_widths_are_one_per_column_and_none_zero(tmp_path: Path) -> None:
    table = (
        "attachments:\n  - title: 日程\n    table:\n"
        "      columns: [日期, 内容, 地点]\n      rows: [[6月1日, 启动仪式, 礼堂]]\n"
    )
    zero = docgen.check_plan(_write(tmp_path, MINIMAL + table + "      widths: [2, 0, 3]\n"))
    assert [(p.path, p.code, p.is_error) for p in zero.problems if "widths" in p.path] == [
        ("attachments[0].table.widths[1]", "width-zero", False)
    ]
    assert zero.plan is not None
    fewer = docgen.check_plan(_write(tmp_path, MINIMAL + table + "      widths: [2, 3]\n"))
    assert [(p.code, p.is_error) for p in fewer.problems if "widths" in p.path] == [("widths-mismatch", True)]
    below = docgen.check_plan(_write(tmp_path, MINIMAL + table + "      widths: [2, -3, 3]\n"))
    assert below.plan is None and [p.path for p in below.problems if p.is_error] == ["attachments[0].table.widths[1]"]
