"""``check`` and ``render`` warn of an unedited copy of an older built-in one; ``init --update-templates`` replaces it.

The project is made by ``docgen init``; an earlier docgen's build of a template is imitated by
changing a part and stamping it again (``tests.support.template_copies``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.support.docx_text import full_text
from tests.support.paths import SHIPPED_TEMPLATES
from tests.support.template_copies import edit_keeping_stamp, make_older_build

OLDER = (
    "warning: this is an unedited copy of an older docgen built-in template (notice.docx);"
    " the built-in one has changed since (delete this file to use the built-in one,"
    " or copy the new one over it: docgen init {project} --update-templates)"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A ``docgen init`` folder whose notice.docx an earlier docgen copied there and nobody edited."""
    folder = tmp_path / "宣传月"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    make_older_build(folder / "templates" / "notice.docx")
    return folder


def test_check_warns_of_the_older_copy_at_the_file(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(project / "data" / "campaign.yaml")])
    assert result.exit_code == 0, result.output
    notice = project / "templates" / "notice.docx"
    assert f"{notice}: {OLDER.format(project=project)}" in result.stderr.splitlines()
    assert "letter.docx" not in result.stderr  # the current copies are not warned of
    strict = CliRunner().invoke(main, ["check", str(project / "data" / "campaign.yaml"), "--strict"])
    assert strict.exit_code == 1, strict.output


def test_render_warns_and_still_renders(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = project / "data" / "campaign.yaml"
    result = CliRunner().invoke(main, ["render", str(plan), "--only", "notice", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{project / 'templates' / 'notice.docx'}: {OLDER.format(project=project)}" in result.stderr
    (notice,) = out.rglob("*.docx")
    assert "职业教育" in full_text(notice)


def test_an_edited_copy_is_not_warned_of(project: Path, tmp_path: Path) -> None:
    edit_keeping_stamp(project / "templates" / "notice.docx")
    plan = str(project / "data" / "campaign.yaml")
    checked = CliRunner().invoke(main, ["check", plan])
    rendered = CliRunner().invoke(main, ["render", plan, "--only", "notice", "-o", str(tmp_path / "out")])
    assert checked.exit_code == rendered.exit_code == 0, checked.output + rendered.output
    assert "older docgen built-in template" not in checked.stderr + rendered.stderr


def test_update_templates_replaces_the_older_copy_and_leaves_the_edited_one(project: Path) -> None:
    templates = project / "templates"
    make_older_build(templates / "letter.docx")
    edit_keeping_stamp(templates / "letter.docx")
    letter = (templates / "letter.docx").read_bytes()
    result = CliRunner().invoke(main, ["init", str(project), "--update-templates"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"replaced {templates / 'notice.docx'} with the new built-in template"]
    assert f"{templates / 'letter.docx'}: warning: this copy of an older docgen built-in template" in result.stderr
    assert (templates / "notice.docx").read_bytes() == (SHIPPED_TEMPLATES / "notice.docx").read_bytes()
    assert (templates / "letter.docx").read_bytes() == letter
    checked = CliRunner().invoke(main, ["check", str(project / "data" / "campaign.yaml")])
    assert "older docgen built-in template" not in checked.stderr
    again = CliRunner().invoke(main, ["init", str(project), "--update-templates"])
    assert again.stdout.strip() == f"no template in {templates} is an unedited copy of an older built-in one"


def test_check_in_chinese_as_a_command(project: Path) -> None:
    command = [sys.executable, "-m", "docgen", "--lang", "zh_CN", "check", str(project / "data" / "campaign.yaml")]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert result.returncode == 0, result.stderr
    expected = (
        f"{project / 'templates' / 'notice.docx'}: 警告: 这是 docgen 旧版内置模板（notice.docx）的副本，未经修改；"
        f"此后内置模板已有改动（删除此文件即改用内置模板，或运行 docgen init {project} --update-templates 换成新版）"
    )
    assert expected in result.stderr.splitlines()
