"""Documents a plan declares (``documents:``), rendered with the one context every template receives."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.documents.context import CONTEXT_NAMES, TASK_NAMES, UNIT_NAMES
from docgen.errors import PlanError, TemplateError
from docgen.rendering.values import FILTERS, Record, Records
from tests.support.docx_text import full_text
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.plans import plan_with
from tests.support.report_samples import png
from tests.support.template_docs import build

DECLARED = """
documents:
  - template: 新闻稿.docx
    output: "{{ year }}年{{ campaign }}新闻稿.docx"
  - template: 评比表.docx
    per: unit
    output: "评比表/{{ unit.name }}-评比表.docx"
  - template: 签到表.docx
    per: task
"""


def declared_plan(tmp_path: Path, documents: str = DECLARED) -> Path:
    """The shipped plan with ``documents``, and templates of the user's own beside it."""
    plan = plan_with(tmp_path, ("contact:\n", documents.lstrip("\n") + "contact:\n"))
    templates = tmp_path / "templates"
    build(
        templates / "新闻稿.docx",
        [
            "{{ institution }}{{ year }}年{{ campaign }}新闻稿",
            "活动时间：{{ period }}，自{{ period.start | md }}起。",
            "联系电话：{{ contact.phone }}；{{ contact }}",
            "{{ deadlines.schedule | md }}（{{ deadlines.schedule | weekday }}）前上报；"
            "每{{ deadlines.weekly_report | weekday }}报送。",
            "印发日期：{{ issued | ymd }}；{{ issued }}",
            "依据：{{ policies | cite }}",
            "任务数：{{ tasks | length | cn }}；"
            "第一项：{{ tasks[0].number }}{{ tasks[0] }}，由{{ tasks[0].units }}负责。",
            "{{ units.publicity.full_name }}；{{ '赵欣' | pad }}；{{ 3 | number(2) }}",
            "{{ signature[-1].indent }}{{ signature[-1].text }}",
        ],
    )
    build(
        templates / "评比表.docx",
        [
            "{{ unit }}评比表（{{ year }}）",
            "{% for t in unit.tasks %}{{ t.number }}{{ t.title }}；{% endfor %}",
            "{% for d in unit.deadlines %}{{ d }}；{% endfor %}",
        ],
    )
    build(templates / "签到表.docx", ["{{ task.number }}{{ task.title }}签到表", "责任部门：{{ task.units }}"])
    return plan


def test_declared_documents_render_once_per_unit_and_per_task(tmp_path: Path) -> None:
    plan = declared_plan(tmp_path)
    out = tmp_path / "out"
    paths = docgen.render(plan, out)
    news = out / "2019年职业教育宣传月新闻稿.docx"
    assert news in paths
    text = full_text(news)
    for expected in (
        "长春医学高等专科学校2019年职业教育宣传月新闻稿",
        "活动时间：4月28日-5月28日，自4月28日起。",
        "联系电话：84825237；宣传部李杉杉",
        "5月9日（周四）前上报；每周三报送。",
        "印发日期：2019年4月30日；2019年4月30日",
        "依据：吉林省教育厅《关于深入开展2019年吉林省职业教育宣传月活动的通知》（吉教职成办函〔2019〕9号）",
        "任务数：七；第一项：（一）印发《致初中、高中毕业生及家长的一封信》，由招生就业处、学生工作处、教务处负责。",
        "党委宣传部；赵\u3000欣；（三）",
        "2019年4月30日",
    ):
        assert expected in text, expected
    sheets = sorted((out / "评比表").iterdir())
    assert len(sheets) == len(list((out / "任务单").iterdir())) == 17  # one per unit that gets a task sheet
    jwc = full_text(out / "评比表" / "教务处-评比表.docx")
    assert "教务处评比表（2019）" in jwc
    assert "（一）印发《致初中、高中毕业生及家长的一封信》；（二）开展技能大师（名师）、劳动模范校园行活动；" in jwc
    assert "5月9日（周四）前上报活动安排表" in jwc
    signing = sorted(p.name for p in (out / "签到表").iterdir())
    assert len(signing) == 7 and signing[0].startswith("1-印发")
    assert "责任部门：招生就业处、学生工作处、教务处" in full_text(out / "签到表" / signing[0])
    manifest = json.loads((out / ".docgen-manifest.json").read_text(encoding="utf-8"))
    kinds = {entry["kind"] for entry in manifest["files"].values()} if "files" in manifest else set()
    assert not kinds or {"新闻稿", "评比表", "签到表"} <= kinds


def test_only_and_unit_choose_declared_documents(tmp_path: Path) -> None:
    plan = declared_plan(tmp_path)
    out = tmp_path / "out"
    paths = docgen.render(plan, out, only="评比表.docx", unit="academic_affairs")
    assert [p.relative_to(out).as_posix() for p in paths] == ["评比表/教务处-评比表.docx"]
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(out), "--only", "新闻搞", "--force"])
    assert result.exit_code == 1
    assert "unknown document kind '新闻搞'" in result.output and "新闻稿" in result.output


def test_list_shows_declared_documents(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["list", str(declared_plan(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "your document 评比表: 评比表.docx, one per unit, as 评比表/{{ unit.name }}-评比表.docx" in result.output
    per_task = "your document 签到表: 签到表.docx, one per task, as 签到表/{{ task.index }}-{{ task.title }}.docx"
    assert per_task in result.output


def test_check_finds_every_problem_of_declared_documents(tmp_path: Path) -> None:
    documents = """
documents:
  - template: 没有.docx
  - template: 评比表.docx
    per: unit
    output: "评比表.docx"
  - template: 签到表.docx
    output: "{{ unit.nmae }}.docx"
  - template: 新闻稿.docx
    name: notice
  - template: 新闻稿.docx
    output: "新闻稿.pdf"
    name: 新闻稿2
"""
    plan = declared_plan(tmp_path, documents)
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    text = plan.read_text(encoding="utf-8").splitlines()
    expected = {
        "没有.docx": "没有.docx is in none of the templates folders",
        "name: notice": "already called 'notice'",
        "unit.nmae": "does not work out",
        'output: "评比表.docx"': "written more than once",
        "新闻稿.pdf": "not a .docx",
    }
    for needle, message in expected.items():
        line = next(n for n, written in enumerate(text, 1) if needle in written)
        assert any(f"plan.yaml:{line}:" in shown and message in shown for shown in lines), (needle, lines)
    with pytest.raises(PlanError):
        docgen.render(plan, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_declared_template_is_checked_like_any_other(tmp_path: Path) -> None:
    plan = declared_plan(tmp_path)
    build(tmp_path / "templates" / "新闻稿.docx", ["{{ contact.phon }}", "{%p if theme %}活动{%p endif %}"])
    with pytest.raises(TemplateError) as raised:
        docgen.render(plan, tmp_path / "out")
    shown = [docgen.format_problem(p) for p in raised.value.problems]
    assert any("新闻稿.docx" in s and "contact.phone" in s for s in shown), shown
    assert len(raised.value.problems) >= 2
    assert not (tmp_path / "out").exists()


def test_context_command_prints_what_a_template_receives(tmp_path: Path) -> None:
    plan = declared_plan(tmp_path)
    result = CliRunner().invoke(main, ["context", "评比表", str(plan), "--unit", "教务处"])
    assert result.exit_code == 0, result.output
    values = yaml.safe_load(result.output)
    assert values["unit"]["text"] == "教务处" and values["unit"]["tasks"][0]["number"] == "（一）"
    assert values["year"] == 2019 and values["contact"]["phone"] == "84825237"
    assert set(CONTEXT_NAMES) - {"plan"} <= set(values)
    sheet = yaml.safe_load(CliRunner().invoke(main, ["context", "task-sheet", str(SHIPPED_PLAN)]).output)
    assert sheet["deadlines"][0]["text"].startswith("5月9日（周四）前")
    missing = CliRunner().invoke(main, ["context", "letter", str(plan_with(tmp_path, ("letter:\n", "old_letter:\n")))])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    wrong = subprocess.run(
        [sys.executable, "-m", "docgen", "context", "notise", str(SHIPPED_PLAN)], capture_output=True, text=True
    )
    assert wrong.returncode == 1
    assert "unknown document kind 'notise'" in wrong.stderr and "notice" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_the_template_guide_lists_every_context_name_and_filter() -> None:
    section = (ROOT / "docs" / "reference" / "templates.md").read_text(encoding="utf-8")
    for name in [*CONTEXT_NAMES, *UNIT_NAMES, *TASK_NAMES]:
        assert f"`{name}`" in section, name
    for name in FILTERS:
        assert f"| {name}" in section, name


def test_records_print_as_text_and_cross_processes() -> None:
    unit = Record("教务处", id="jwc", full_name="教务处", title="not str.title")
    units = Records([unit, Record("宣传部", id="xcb")], ["jwc", "xcb"])
    assert unit.title == "not str.title" and unit["id"] == "jwc" and units.xcb == "宣传部"
    again = pickle.loads(pickle.dumps(units))
    assert again == units and again.jwc.full_name == "教务处" and again.keys() == ["jwc", "xcb"]


def test_only_takes_the_template_file_of_a_document_with_a_name_of_its_own(tmp_path: Path) -> None:
    plan = declared_plan(
        tmp_path, DECLARED.replace('    output: "{{ year }}', '    name: press\n    output: "{{ year }}')
    )
    out = tmp_path / "out"
    for only in ("新闻稿.docx", "press"):
        paths = docgen.render(plan, out, only=only, force=True)
        assert [p.name for p in paths] == ["2019年职业教育宣传月新闻稿.docx"]
    with pytest.raises(docgen.DocgenError):
        docgen.render(plan, out, only="新闻稿", force=True)  # the kind is now called press


def test_context_shows_pictures_beside_the_plan_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_with(tmp_path, ("contact:\n", "images:\n  logo: images/logo.png\ncontact:\n"))
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(png(40, 20))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["context", "notice", str(plan)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.output)["images"]["logo"]["file"] == str((tmp_path / "images" / "logo.png").absolute())
