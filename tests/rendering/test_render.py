"""docgen render: the command, its safety rules, and all-or-nothing runs."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.rendering.outputs import MANIFEST
from tests.support.docx_text import full_text
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import plan_with, replace_in_docx

NOTICE = "2019年职业教育宣传月活动方案.docx"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_render_prints_each_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path), "--only", "notice,form"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {tmp_path / NOTICE}",
        f"wrote {tmp_path / '2019年职业教育宣传月活动安排.docx'}",
    ]
    assert docgen.check_plan(SHIPPED_PLAN).warnings == []
    assert result.stderr == "", "the shipped plan's notes are not warnings"


def test_cli_render_counts_the_plans_warnings(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("    date: 2019-05-09", "    date: 2019-05-01"))  # due in the Labour Day break
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path / "out"), "--only", "notice"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "1 warning about the plan: 'docgen check' shows it\n"


def test_cli_render_says_nothing_more_for_a_plan_without_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.documents import checks

    checked = checks.checked_plan
    monkeypatch.setattr(checks, "checked_plan", lambda path: dataclasses.replace(checked(path), problems=[]))
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path), "--only", "notice"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / NOTICE}\n"
    assert result.stderr == ""


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"would write {out / NOTICE}" in result.output
    assert len(result.stdout.splitlines()) == 3 + 2 * 17
    assert not out.exists()


def test_unknown_kind_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path), "--only", "notise"])
    assert result.exit_code == 1
    assert "unknown document kind 'notise' (did you mean 'notice'?)" in result.output
    assert list(tmp_path.iterdir()) == []


def test_invalid_plan_fails_with_located_message(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("units: [admissions, student_affairs", "units: [admisions, student_affairs"))
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{plan}:" in result.output
    assert "unknown unit id 'admisions' (did you mean 'admissions'?)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_render_as_a_real_subprocess(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(SHIPPED_PLAN), "-o", str(tmp_path), "--only", "notice"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / NOTICE).exists()
    assert "一、指导思想" in full_text(tmp_path / NOTICE)


def test_values_with_markup_characters_render_literally(tmp_path: Path) -> None:
    plan = plan_with(
        tmp_path,
        ("title: 开设职教宣传月专栏", "title: \"开设 A&B <b>专栏</b> \\\"引号\\\" '单' {{ '{{' }}x}}\""),
        ("name: 信息部", "name: 信息部 & <网络中心>"),
    )
    docgen.render(plan, tmp_path / "out", only="notice")
    text = full_text(tmp_path / "out" / NOTICE)
    assert "（七）开设 A&B <b>专栏</b> \"引号\" '单' {{x}}" in text
    assert "责任部门：宣传部、信息部 & <网络中心>" in text


def test_undefined_name_in_template_names_template_and_paragraph(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, templates)
    replace_in_docx(templates / "form.docx", "{{ form.title }}", "{{ form.titel }}")
    result = CliRunner().invoke(
        main,
        ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--only", "form", "--templates", str(templates)],
    )
    assert result.exit_code == 1
    assert str(templates / "form.docx") in result.output
    assert "titel" in result.output
    assert "form.docx: body, paragraph 1: {{ form.titel }} uses 'form.titel'" in result.output
    assert "did you mean 'form.title'?" in result.output
    assert "Traceback" not in result.output


def test_failed_run_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out)
    before = {p: digest(p) for p in out.rglob("*.docx")}
    assert len(before) == 3 + 2 * 17
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, templates)
    # the unit forms render after the task sheets: break the last kind, so many documents render first
    replace_in_docx(templates / "form.docx", "{{ form.submitter }}", "{{ form.submitter.nope }}")
    plan = plan_with(tmp_path, ("theme: 改革创新促提升，助力职教创发展", "theme: 新的主题"))
    with pytest.raises(docgen.TemplateError):
        docgen.render(plan, out, templates=templates)
    assert {p: digest(p) for p in out.rglob("*.docx")} == before
    assert not list(out.glob(".docgen-staging-*"))


def test_rerender_replaces_own_files_but_not_users(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out, only="notice")
    docgen.render(SHIPPED_PLAN, out, only="notice")  # its own file: replaced without --force
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / NOTICE).write_bytes(b"edited by a person")
    with pytest.raises(docgen.OutputExistsError) as error:
        docgen.render(SHIPPED_PLAN, out, only="notice")
    assert error.value.problems[0].file == str(out / NOTICE)
    assert (out / NOTICE).read_bytes() == b"edited by a person"
    docgen.render(SHIPPED_PLAN, out, only="notice", force=True)
    assert zipfile.is_zipfile(out / NOTICE)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / MANIFEST).exists()


def test_units_removed_from_plan_lose_their_stale_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out, only="task-sheet")
    assert (out / "任务单" / "保卫处-2019年职业教育宣传月任务单.docx").exists()
    plan = plan_with(tmp_path, ("units: [security, teaching_units]", "units: [teaching_units]"))
    docgen.render(plan, out, only="task-sheet")
    assert not (out / "任务单" / "保卫处-2019年职业教育宣传月任务单.docx").exists()
    assert (out / "任务单" / "各教学单位-2019年职业教育宣传月任务单.docx").exists()


def test_symlinked_subfolder_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "任务单").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(docgen.OutputExistsError):
        docgen.render(SHIPPED_PLAN, out, only="task-sheet")
    assert list(elsewhere.iterdir()) == []


def test_output_names_are_safe(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("name: 保卫处", 'name: "../保卫/处:*?CON"'))
    paths = docgen.render(plan, tmp_path / "out", only="task-sheet")
    for path in paths:
        assert path.resolve().is_relative_to((tmp_path / "out").resolve())
        assert not set(path.name) & set('/\\:*?"<>|')
    assert tmp_path / "out" / "任务单" / "保卫_处___CON-2019年职业教育宣传月任务单.docx" in paths


def test_an_output_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(out), "--only", "form"])
    assert result.exit_code == 1
    assert f"{out}: this is a file, not a folder for the outputs (give a folder with -o)" in result.output
    assert out.read_text(encoding="utf-8") == "mine"


def test_render_takes_a_check_report(tmp_path: Path) -> None:
    report = docgen.check_plan(SHIPPED_PLAN)
    (path,) = docgen.render(report, tmp_path / "a", only="notice")
    assert path.read_bytes() == docgen.render(SHIPPED_PLAN, tmp_path / "b", only="notice")[0].read_bytes()
    broken = docgen.check_plan(plan_with(tmp_path, ("year: 2019", "year: 二〇一九")))
    with pytest.raises(docgen.PlanError) as caught:
        docgen.render(broken, tmp_path / "c")
    assert caught.value.problems == broken.problems
    assert not (tmp_path / "c").exists()


def test_a_template_that_is_not_a_docx_is_named_with_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    (folder / "letter.docx").write_bytes(b"{\\rtf1 saved as RTF with a .docx name}")
    result = CliRunner().invoke(
        main, ["render", str(SHIPPED_PLAN), "--templates", str(folder), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()[:1]
    assert line == (
        f"{folder / 'letter.docx'}: this is an RTF file, not a Word document (.docx), though its name ends in .docx"
        " (open it in Word, WPS or LibreOffice and save it as 'Word document (*.docx)')"
    )
    assert not (tmp_path / "out").exists()


def test_a_huge_template_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.rendering import templates as rendering

    monkeypatch.setattr(rendering, "MAX_TEMPLATE_BYTES", 1024 * 1024)
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    with (folder / "notice.docx").open("ab") as handle:
        handle.write(b"\0" * (1024 * 1024))
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    assert [p.code for p in caught.value.problems] == ["template-too-large"]


def test_a_dry_run_checks_the_templates_too(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    replace_in_docx(folder / "notice.docx", "{{ line }}", "{{ line }")
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", templates=folder, dry_run=True)
    found = [(p.code, p.path, p.params["tag"]) for p in caught.value.problems]
    # the broken tag, and the loop around it that can no longer be read as closed
    assert ("tag-split-paragraphs", "body, paragraph 2", "{{ line }") in found
    assert {code for code, _, _ in found} <= {"tag-split-paragraphs", "block-unclosed", "block-unopened"}
    assert not (tmp_path / "out").exists()
