"""The shipped templates: built reproducibly, editable, and inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.support.docx_text import open_docx
from tests.support.paths import ROOT, SHIPPED_PLAN, SHIPPED_TEMPLATES, TEMPLATE_NAMES
from tests.support.plans import load_script


def test_committed_templates_equal_the_builder_output() -> None:
    built = load_script("build_templates").build_all()  # type: ignore[attr-defined]
    committed = {p.name for p in (SHIPPED_TEMPLATES).glob("*.docx")}
    assert committed == set(built)
    for name, data in built.items():
        assert (SHIPPED_TEMPLATES / name).read_bytes() == data, f"run: python scripts/build_templates.py ({name})"


def test_builder_is_deterministic() -> None:
    builder = load_script("build_templates")
    assert builder.build_all() == builder.build_all()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["notice.docx", "form.docx", "letter.docx", "task-sheet.docx", "schedule.docx"])
def test_templates_are_small_docx_files_python_docx_opens(name: str) -> None:
    path = SHIPPED_TEMPLATES / name
    document = open_docx(path)
    assert any("{{" in p.text for p in document.paragraphs)
    with zipfile.ZipFile(path) as archive:
        styles = archive.getinfo("word/styles.xml")
        assert styles.file_size < 20_000, "the styles part should hold only the styles used"
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_init_copies_plan_schema_and_templates(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    new = tmp_path / "new"
    assert (new / "data" / "campaign.yaml").read_bytes() == SHIPPED_PLAN.read_bytes()
    assert (new / "schema" / "plan.schema.json").exists()
    assert sorted(p.name for p in (new / "templates").iterdir()) == TEMPLATE_NAMES
    (new / "data" / "campaign.yaml").write_text("# mine\n", encoding="utf-8")
    again = runner.invoke(main, ["init", str(new)])
    assert again.exit_code == 1
    assert "the file already exists (use --force to overwrite it)" in again.output
    assert (new / "data" / "campaign.yaml").read_text(encoding="utf-8") == "# mine\n"
    forced = runner.invoke(main, ["init", str(new), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (new / "data" / "campaign.yaml").read_bytes() == SHIPPED_PLAN.read_bytes()


@pytest.mark.slow
def test_wheel_ships_templates_and_renders_from_any_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("docgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "docgen/shipped/templates/notice.docx" in names
    assert "docgen/shipped/data/campaign.yaml" in names
    # a fresh venv with the wheel; its dependencies come from this environment's site-packages
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "host-deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": ""}
    init = subprocess.run(
        [str(python), "-m", "docgen", "init", "."], cwd=work, capture_output=True, text=True, env=env, check=False
    )
    assert init.returncode == 0, init.stderr
    done = subprocess.run(
        [str(python), "-m", "docgen", "render", "--only", "notice,letter"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (work / "out" / "2019" / "2019年职业教育宣传月活动方案.docx").exists()  # out/YEAR by default
    where = subprocess.run(
        [str(python), "-c", "import docgen; print(docgen.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert where.startswith(site), where


@pytest.mark.parametrize("name", ["notice.docx", "task-sheet.docx"])
def test_headings_keep_with_the_paragraph_after_them(name: str) -> None:
    document = open_docx(SHIPPED_TEMPLATES / name)
    for style in ("Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[style].paragraph_format.keep_with_next, style
    if name == "task-sheet.docx":
        # a task's heading, its partners line and its work stay together at a page foot
        partners = next(p for p in document.paragraphs if p.text == "{{ task.partners }}")
        assert partners.paragraph_format.keep_with_next
