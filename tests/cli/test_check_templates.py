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
from tests.support.plans import replace_in_docx


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


def test_check_as_a_command_in_chinese(broken: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "docgen",
        "--lang",
        "zh_CN",
        "check",
        str(SHIPPED_PLAN),
        "--templates",
        str(broken),
    ]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert result.returncode == 1, result.stderr
    assert f"{broken / 'notice.docx'}: body, paragraph 2: 正文第 2 段：{{{{ lnie }}}} 用到的“lnie”" in result.stderr
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
