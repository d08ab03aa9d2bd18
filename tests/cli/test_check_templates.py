"""``docgen check --templates DIR``: every mistake of every template, each with its place, and exit 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import plan_with, replace_in_docx
from tests.support.template_docs import build


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the shipped templates with one or two mistakes in each of three of them."""
    folder = tmp_path / "mine"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    replace_in_docx(folder / "notice.docx", "{{ salutation }}", "{{ salutation }}{%p if theme %}")
    replace_in_docx(folder / "notice.docx", "{{ line }}", "{{ lnie }}")
    replace_in_docx(folder / "letter.docx", "{{ letter.salutation }}", "｛｛ letter.salutation ｝｝")
    replace_in_docx(folder / "task-sheet.docx", "{%p endfor %}", "{% endfor %}")
    (folder / "form.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))  # a .doc renamed
    return folder


EXPECTED = [
    ("notice.docx", "body, paragraph 2", "{{ lnie }} uses 'lnie'"),
    ("notice.docx", "body, paragraph 6", "{%p if theme %} shares its paragraph with '{{ salutation }}'"),
    ("notice.docx", "body, paragraph 5", "is never closed (add {%p endif %} where the block ends)"),
    ("letter.docx", "body, paragraph", "｛｛ letter.salutation ｝｝ is typed with full-width braces"),
    (
        "task-sheet.docx",
        "body, paragraph 3",
        "{% endfor %} belongs to {%p for line in title_lines %} (body, paragraph 1)",
    ),
    ("form.docx", "", "this is an old Word or WPS file (.doc, .wps), not a Word document"),
]


def assert_every_mistake(stderr: str, folder: Path) -> None:
    lines = stderr.splitlines()
    for name, place, text in EXPECTED:
        assert any(line.startswith(f"{folder / name}: {place}") and text in line for line in lines), (name, stderr)


def test_check_lists_every_mistake_of_every_template_and_exits_1(broken: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SHIPPED_PLAN), "--templates", str(broken)])
    assert result.exit_code == 1, result.output
    assert_every_mistake(result.stderr, broken)
    assert "Traceback" not in result.output


def check_in_chinese(templates: Path) -> subprocess.CompletedProcess[str]:
    """``docgen --lang zh_CN check PLAN --templates DIR`` as a real process."""
    command = [
        sys.executable,
        "-m",
        "docgen",
        "--lang",
        "zh_CN",
        "check",
        str(SHIPPED_PLAN),
        "--templates",
        str(templates),
    ]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)


def test_check_as_a_command_in_chinese(broken: Path) -> None:
    result = check_in_chinese(broken)
    assert result.returncode == 1, result.stderr
    assert f"{broken / 'notice.docx'}: 正文第2段：{{{{ lnie }}}} 用到的“lnie”" in result.stderr
    assert "这是一个旧版 Word 或 WPS 文件（.doc、.wps），不是 Word 文档" in result.stderr
    assert "Traceback" not in result.stderr


def test_render_reports_the_same_mistakes_and_writes_nothing(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "--templates", str(broken), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert_every_mistake(result.stderr, broken)
    assert not out.exists()


def test_good_templates_are_named_as_checked(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    result = CliRunner().invoke(main, ["check", str(SHIPPED_PLAN), "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"templates OK: {folder / 'notice.docx'}" in result.stdout


def test_a_templates_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SHIPPED_PLAN), "--templates", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'}: the templates folder does not exist" in result.stderr


def test_the_templates_findings_come_first_and_the_plans_warnings_are_counted(broken: Path, tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("blank_rows: 17", "blank_rows: 40"))  # a form that cannot fit: one warning
    result = CliRunner().invoke(main, ["check", str(plan), "--templates", str(broken)])
    lines = result.stderr.splitlines()
    assert lines[0].startswith(str(broken)), lines
    assert not any(line.startswith(str(plan)) for line in lines), lines  # the plan's warning: not listed
    assert lines[-1] == "1 warning about the plan: 'docgen check' without --templates shows it"


def test_without_templates_the_plans_warnings_follow_the_templates_findings(tmp_path: Path) -> None:
    project = tmp_path / "project"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    replace_in_docx(project / "templates" / "letter.docx", "{{ letter.closing }}", "{{ letter.closin }}")
    plan = project / "data" / "campaign.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("blank_rows: 17", "blank_rows: 40"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert "letter.closin" in lines[0] and lines[0].startswith(str(project / "templates" / "letter.docx"))
    assert len(lines) == 2 and ": warning: form.blank_rows: " in lines[1]


FOUR_MISTAKES = [
    "{% if show && year %}活动当年{% endif %}",  # a syntax error first: the check reads on
    "{%p for task in tasks %}",
    "{{ task.title }}",
    "{%p endfor %}",
    "负责：{{ task.title }}",  # the loop's variable after the loop
    "领导小组：{{ organization.leaders }}",  # a list printed as text
    "{{ theme | uper }}",  # a filter that does not exist
]


def test_four_mistakes_give_four_located_findings_from_one_check_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    build(folder / "letter.docx", FOUR_MISTAKES)
    result = check_in_chinese(folder)
    assert result.returncode == 1, result.stderr
    found = [line for line in result.stderr.splitlines() if line.startswith(str(folder))]
    prefix = f"{folder / 'letter.docx'}: "
    assert [line[len(prefix) :].split("：")[0] for line in found] == [
        "正文第1段",
        "正文第5段",
        "正文第6段",
        "正文第7段",
    ]
    assert "标签里的“并且”不写成 &&（请写成 {% if show and year %}）" in found[0]
    assert "“task”只在循环 {%p for task in tasks %}（正文第2段）里面才有" in found[1]
    assert '{{ organization.leaders | join("、") }}' in found[2]
    assert "过滤器“uper”不存在（是不是想写“upper”？）" in found[3]
    for line in found:  # Chinese end to end: Jinja's words and English places are gone
        words = line[len(prefix) :]
        for english in ("body", "paragraph", "unexpected", "undefined", "expected", "has no text", "Jinja"):
            assert english not in words, line
