"""The 活动总结 draft: GB/T 9704 layout, figures that match the files, section 三 left for the officer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import chinese
from docgen.cli import main
from docgen.documents.batch import render
from docgen.plan.files import resolved_plan
from docgen.publishing.summary import campaign_figures
from docgen.publishing.writing import write_digest, write_summary
from tests.support.docx_text import open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with
from tests.support.report_samples import build_report_returns

END = dt.date(2019, 5, 28)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def returns_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three weeks of reports and two forms; 简报 written for weeks 1 (第1期) and 2 (第2期)."""
    plan = resolved_plan(SHIPPED_PLAN)
    forms = {p.name.split("-")[0]: p for p in render(SHIPPED_PLAN, tmp_path_factory.mktemp("forms"), only="unit-form")}
    root = build_report_returns(plan, tmp_path_factory.mktemp("reports") / "回收", forms)
    out = tmp_path_factory.mktemp("digests")
    write_digest(plan, root, 1, out, day=dt.date(2019, 5, 2))
    write_digest(plan, root, 2, out, day=dt.date(2019, 5, 10))
    return root


@pytest.fixture(scope="module")
def draft(returns_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_summary(resolved_plan(SHIPPED_PLAN), returns_dir, out, on=END)
    return out / "总结"


def test_the_figures_are_counted_from_the_files(returns_dir: Path) -> None:
    figures = campaign_figures(resolved_plan(SHIPPED_PLAN), returns_dir, END)
    assert [u.name for u in figures.units] == ["招生就业处", "学生工作处", "教务处", "工会", "团委", "图书馆"]
    assert len(figures.activities) == 2 and {a.unit.name for a in figures.activities} == {"教务处", "团委"}
    assert figures.reports == 6  # week 1: 教务处, 团委; week 2: four units (图书馆 late)
    assert (figures.pictures, figures.videos) == (6, 1)
    assert [i.number for i in figures.issues] == [1, 2] and figures.posts == 6
    files = {p.relative_to(returns_dir).as_posix() for p in returns_dir.rglob("*") if p.is_file()}
    for label, lines in figures.sources.items():
        for line in lines:  # every file the sources name is in the returns folder
            for name in re.findall(r"(?:上报|报送)[^：、（）]*?/[^、（）]+\.\w+", line):
                assert name in files, (label, name)


def test_the_draft_reads_as_a_gbt_9704_document_with_every_figure(draft: Path) -> None:
    document = open_docx(draft / "活动总结（草稿）.docx")
    lines = [p.text for p in document.paragraphs if p.text]
    # the title in lines as GB/T 9704 shapes a long one: the quoted name whole, each line within the 版心
    assert lines[:2] == ["长春医学高等专科学校", "2019年“职业教育宣传月”活动总结"]
    del lines[0]
    assert lines[1].startswith(
        "根据《关于深入开展2019年吉林省职业教育宣传月活动的通知》（吉教职成办函〔2019〕9号）要求，"
        "2019年4月28日至5月28日，我校开展了"  # the year is not written twice
    )
    assert lines[2] == "一、基本情况"
    assert lines[3] == "活动期间，共有6个部门报送了材料（招生就业处、学生工作处、教务处、工会、团委、图书馆）。"
    assert lines[4].startswith("各部门在活动安排中共上报活动2项，其中：印发")  # running text: no heading numbers
    assert not re.search(r"（[一二三四五六七八九十]+）", lines[4])
    assert lines[5] == "各部门报送每周活动开展情况6份，图片6张、视频1个；编发工作简报2期，在专栏刊发稿件6篇。"
    assert lines[6] == "二、主要做法和成效"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [h[:3] for h in headings] == [chinese.section_number(2, n) for n in range(1, len(headings) + 1)]
    assert "（四）开展职业院校技能大赛赛场开放活动" in lines  # task 5, the fourth printed
    assert "各部门报送的活动开展情况：教务处：教务处开展技能大赛赛场开放活动（工作简报第1期）。" in lines
    assert lines[-3] == "三、存在的不足和下一步打算"
    assert [line.lstrip("\u3000 ") for line in lines[-2:]] == [
        "长春医学高等专科学校",
        "2019年\u3000\u3000月\u3000\u3000日",
    ]
    styles = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert styles["一、基本情况"] == "Heading 1" and styles["（四）开展职业院校技能大赛赛场开放活动"] == "Heading 2"
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)


def test_section_three_is_one_empty_highlighted_paragraph_and_nothing_is_a_placeholder(draft: Path) -> None:
    document = open_docx(draft / "活动总结（草稿）.docx")
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "三、存在的不足和下一步打算")
    blank = paragraphs[index + 1]
    assert blank.text == ""
    assert blank._p.find(f"{W}pPr/{W}shd").get(f"{W}fill") == "FFFF00"
    assert blank._p.find(f"{W}pPr/{W}rPr/{W}highlight").get(f"{W}val") == "yellow"
    assert blank.runs == [] and paragraphs[index + 2].style.name == "Normal"  # then the signature's blank line
    text = "\n".join(p.text for p in paragraphs)
    for placeholder in ("待填", "××", "XX", "TODO", "……"):
        assert placeholder not in text


def test_the_sources_list_names_the_files_behind_each_figure(draft: Path) -> None:
    sources = (draft / "活动总结-数据来源.txt").read_text(encoding="utf-8")
    assert "【参与部门】" in sources and "【工作简报】" in sources
    assert "  教务处：上报活动安排表（5月9日前）/教务处活动安排.docx、" in sources
    assert "  上报活动安排表（5月9日前）/团委活动安排.docx：1项" in sources
    assert "  招生就业处：图片0张、视频1个（" in sources


def test_cli_summary_writes_the_draft(returns_dir: Path, tmp_path: Path) -> None:
    args = ["summary", str(SHIPPED_PLAN), "--returns", str(returns_dir), "--on", "2019-05-28", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "活动总结（草稿）.docx" in result.output and "活动总结-数据来源.txt" in result.output
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output  # docgen's own draft is replaced; an edited one would need --force


def test_a_plan_without_weekly_reports_gets_a_summary_and_a_clear_digest_error(
    returns_dir: Path, tmp_path: Path
) -> None:
    dated = plan_with(
        tmp_path,
        ("    weekday: 3\n    action: 报送本周活动开展情况", "    date: 2019-05-15\n    action: 报送本周活动开展情况"),
        (
            "    weekday: 4\n    action: 上报本周宣传活动开展情况",
            "    date: 2019-05-16\n    action: 上报本周宣传活动开展情况",
        ),
    )
    plan = resolved_plan(dated)
    figures = campaign_figures(plan, returns_dir, END)
    assert figures.issues == [] and len(figures.activities) == 2
    result = CliRunner().invoke(main, ["digest", str(dated), "--returns", str(returns_dir), "--week", "1"])
    assert result.exit_code == 1 and "the plan has no weekly deadline" in result.output
