"""The notice prints a plan's own forms: numbers as written, text without a heading, tasks as paragraphs, joint issuers.

These are the optional keys an imported plan uses to print what the Word file said the way it
said it; a plan that does not use them prints as before.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import docgen
from tests.support.docx_text import full_text, lines, open_docx

PLAN = """\
institution: 江川职业技术学院
year: 2023
campaign: 读书月
issuer: library
joint_issuers: [youth]
issued: 2023-04-12
notice:
  header: [江川职业技术学院文件, 江职院图〔2023〕5号]
  title_lines: ['关于举办{{ year }}年读书月活动的通知']
  opening: 读书月将于{{ period.start | md }}至{{ period.end | md }}举办。
sections:
  - untitled: true
    table:
      columns: [序号, 奖项]
      rows: [["1", 一等奖]]
  - use: time_and_theme
    numbering: ["1、"]
  - use: tasks
    heading: 活动安排
    numbering: ["1、", "（1）"]
    labels: {units: 负责部门, organisers: 承办单位, when: 时间}
  - heading: 活动形式
    use: requirements
    numbering: ["1."]
  - use: contact
period: {start: 2023-04-20, end: 2023-05-25}
theme: 书香校园
units:
  - {id: library, name: 图书馆}
  - {id: youth, name: 团委}
  - {id: chinese, name: 中文系}
tasks:
  - id: opening
    title: 读书月开幕式
    units: [library]
    organisers: [chinese]
    date: 2023-04-11
    end_date: 2023-04-20
    rough_date: 4月中旬
    items: [签到, 致辞]
requirements:
  - text: 各系部要广泛宣传。
contact: {name: 王琳, other_names: [李明], unit: library, phone: "86005678"}
"""


@pytest.fixture
def notice(tmp_path: Path) -> list[str]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    report = docgen.check_plan(plan)
    assert report.errors == [], "\n".join(map(str, report.errors))
    paths = docgen.render(plan, tmp_path / "out", only="notice")
    return [line for line in lines(open_docx(next(p for p in paths if p.suffix == ".docx"))) if line.strip()]


def test_numbers_follow_each_sections_styles_and_an_untitled_section_takes_none(notice: list[str]) -> None:
    assert notice[:3] == ["江川职业技术学院文件", "江职院图〔2023〕5号", "关于举办2023年读书月活动的通知"]
    headings = [line for line in notice if re.match(r"^[一二三四]、", line)]
    assert headings == ["一、活动时间及活动主题", "二、活动安排", "三、活动形式", "四、联系方式"]
    assert "1、活动时间：4月20日至5月25日" in notice and "2、活动主题：书香校园" in notice
    assert notice.index("一等奖") < notice.index("一、活动时间及活动主题")  # the table stands before section 一
    task = [line for line in notice if line.startswith(("1、读书", "负责", "承办", "时间", "（1）", "（2）"))]
    assert task == [
        "1、读书月开幕式",
        "负责部门：图书馆",
        "承办单位：中文系",
        "时间：4月中旬",
        "（1）签到",
        "（2）致辞",
    ]
    assert "1.各系部要广泛宣传。" in notice
    assert "联系人：图书馆王琳、李明　电话：86005678" in notice


def test_joint_issuers_sign_one_under_the_other(notice: list[str]) -> None:
    signature = [line.strip() for line in notice[-3:]]
    assert signature == ["图书馆", "团委", "2023年4月12日"]


def test_tasks_as_paragraphs_print_their_work_after_their_number(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = PLAN.replace("    labels: {units: 负责部门, organisers: 承办单位, when: 时间}\n", "    view: paragraphs\n")
    text = text.replace(
        "    items: [签到, 致辞]\n", "    work: 举办读书月开幕式。4月中旬在图书馆举行。（负责部门：图书馆）\n"
    )
    plan.write_text(text, encoding="utf-8")
    assert docgen.check_plan(plan).errors == []
    printed = full_text(next(p for p in docgen.render(plan, tmp_path / "out", only="notice") if p.suffix == ".docx"))
    assert "1、举办读书月开幕式。4月中旬在图书馆举行。（负责部门：图书馆）" in printed
    assert "负责部门：图书馆\n" not in printed


def test_an_issuer_without_a_date_still_signs_and_no_title_prints_none(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = PLAN.replace("issued: 2023-04-12\n", "").replace("joint_issuers: [youth]\n", "")
    text = text.replace("  title_lines: ['关于举办{{ year }}年读书月活动的通知']\n", "  title_lines: []\n")
    plan.write_text(text, encoding="utf-8")
    report = docgen.check_plan(plan)
    assert report.errors == []
    assert "notice-without-title" in {w.code for w in report.warnings}
    printed = [
        line.strip()
        for line in lines(open_docx(next(p for p in docgen.render(plan, tmp_path / "out", only="notice"))))
        if line.strip()
    ]
    assert printed[2] == "读书月将于4月20日至5月25日举办。"  # the header, then the opening: no title between
    assert printed[-1] == "图书馆"


def test_units_of_the_new_keys_must_be_registered(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = PLAN.replace("joint_issuers: [youth]", "joint_issuers: [yuth]").replace(
        "organisers: [chinese]", "organisers: [x]"
    )
    plan.write_text(text + "deadlines:\n  apply: {date: 2023-04-15, action: 报送, units: [nobody]}\n", encoding="utf-8")
    unknown = {e.path for e in docgen.check_plan(plan).errors if e.code.startswith("unknown-unit")}
    assert unknown == {"joint_issuers[0]", "tasks[0].organisers[0]", "deadlines.apply.units[0]"}


def test_a_deadline_for_some_units_is_on_their_sheets_only(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN + "deadlines:\n  apply: {date: 2023-04-15, action: 报送, units: [chinese]}\n", encoding="utf-8"
    )
    loaded = docgen.load_plan(plan)
    assert [k for k, _ in loaded.deadlines_of("chinese")] == ["apply"]
    assert loaded.deadlines_of("library") == []
