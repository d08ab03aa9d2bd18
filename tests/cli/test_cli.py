"""The `docgen` command: exit codes 0/1/2, the check summary, problems on stderr, schema, version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import docgen
from docgen.cli import main
from docgen.errors import Finding, PlanError
from docgen.resources import SAMPLE_PLAN
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import project_plan

SHIPPED = SHIPPED_PLAN.read_text(encoding="utf-8")
SUMMARY = "OK: 2019, 7 tasks, 17 units (17 responsible), period 2019-04-28 to 2019-05-28, 4 deadlines"


def edit(old: str, new: str, text: str = SHIPPED) -> str:
    assert old in text, f"the shipped plan no longer holds {old!r}; update this test"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def without_warnings() -> str:
    """The shipped plan with the seed's questionable dates and the letter's missing lines settled."""
    text = edit("issued: 2019-04-30", "issued: 2019-04-26")
    # the period starts on a 调休 Sunday and the first weekly reports fall in the Labour Day break
    text = edit("  start: 2019-04-28", "  start: 2019-04-29", text)
    text = edit("    weekday: 3", "    weekday: 1", text)
    text = edit("    weekday: 4", "    weekday: 2", text)
    return edit(
        "  # hotline: 招生咨询电话",
        "  hotline: 0431-00000000\n  website: https://example.edu.cn\n  address: 长春市",
        text,
    )


def test_check_shipped_plan_prints_summary_and_no_warning() -> None:
    result = invoke("check", str(SHIPPED_PLAN))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{SHIPPED_PLAN}: {SUMMARY}, 0 warnings, 8 notes (facts to know: --notes shows them)\n"
    assert result.stderr == ""


def test_check_notes_prints_the_seeds_facts() -> None:
    result = invoke("check", "--notes", str(SHIPPED_PLAN))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{SHIPPED_PLAN}: {SUMMARY}, 0 warnings\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 8
    assert (
        f"{SHIPPED_PLAN}:72:3: note: units: 16 units that owe returns name no contact (联络员): "
        "招生就业处、学生工作处、教务处、各院部、工会、社区卫生服务中心、学校办公室、团委、生命科学馆、图书馆、"
        "大学生活动中心、临床实训部、信息部、各党总支、保卫处、各教学单位; reminders show 未登记联络员 for them "
        "(add 'contact: {name: …, phone: …, email: …}' under a unit to show its own)"
    ) in lines
    assert all(line.startswith(f"{SHIPPED_PLAN}:") and ": note: " in line for line in lines)
    assert f"{SHIPPED_PLAN}:28:9: note: issued: the campaign starts (2019-04-28)" in result.stderr


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding a copy of the shipped plan where a plan is looked for, made the working folder."""
    plan = project_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    return plan


def test_check_defaults_to_the_projects_plan(in_project: Path) -> None:
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{Path(SAMPLE_PLAN)}: OK: 2019")


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    path = write(tmp_path, edit("    date: 2019-05-09", "    date: 2019-05-01"))
    assert invoke("check", str(path)).exit_code == 0
    result = invoke("check", "--strict", str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert invoke("check", "--strict", str(SHIPPED_PLAN)).exit_code == 0, "notes never fail --strict"


def test_strict_passes_a_plan_without_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, without_warnings())
    result = invoke("check", "--strict", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    summary = SUMMARY.replace("2019-04-28", "2019-04-29")
    # the one note: units owing returns without a 联络员
    assert result.stdout == f"{path}: {summary}, 0 warnings, 1 note (facts to know: --notes shows it)\n"


def test_invalid_plan_lists_every_problem_on_stderr_and_exits_1(tmp_path: Path) -> None:
    text = edit("year: 2019", "year: abc", edit("  blank_rows: 17", "  blank_rows: many"))
    path = write(tmp_path, text)
    result = invoke("check", str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    rows = line_of(text, "blank_rows: many")
    assert result.stderr.splitlines() == [
        f"{path}:{line_of(text, 'year: abc')}:7: year: expected a whole number, got 'abc'",
        f"{path}:{rows}:15: form.blank_rows: expected a whole number, got 'many'",
    ]
    assert isinstance(result.exception, SystemExit)


def test_cross_field_errors_are_printed_with_their_line(tmp_path: Path) -> None:
    text = edit("    units: [publicity, information]", "    units: [publicty, information]")
    path = write(tmp_path, text)
    result = invoke("check", str(path))
    assert result.exit_code == 1, result.output
    where = f"{path}:{line_of(text, 'publicty')}:13"
    assert f"{where}: tasks[6].units[0]: unknown unit id 'publicty' (did you mean 'publicity'?)" in (
        result.stderr.splitlines()
    )


def test_missing_plan_file_exits_1_with_one_line(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{tmp_path / 'nowhere.yaml'}: file not found (")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["check", "--bogus"], ["check", "a.yaml", "b.yaml"], ["no-such-command"], ["--bogus"]],
    ids=["unknown-option", "extra-argument", "unknown-command", "unknown-group-option"],
)
def test_what_click_rejects_exits_2(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.stderr


def test_docgen_error_inside_a_command_is_a_located_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: object) -> None:
        raise PlanError([Finding("file-unreadable", {"reason": "Permission denied"}, file="p.yaml")])

    monkeypatch.setattr("docgen.plan.files.check_plan", fail)
    result = invoke("check", "p.yaml")
    assert result.exit_code == 1, result.output
    assert result.stderr == "p.yaml: cannot read the file: Permission denied\n"
    assert isinstance(result.exception, SystemExit)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"docgen, version {docgen.__version__}\n"


def test_schema_prints_the_models_json_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == docgen.plan_schema()


def test_python_m_docgen_check_reports_the_line_without_traceback(tmp_path: Path) -> None:
    text = edit("\ndeadlines:\n", "\ndeadlnes:\n")
    path = write(tmp_path, text)
    line = line_of(text, "deadlnes:")
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert f"{path}:{line}:1: deadlnes: unknown key 'deadlnes' (did you mean 'deadlines'?)" in done.stderr
    assert "Traceback" not in done.stderr


def test_render_without_out_keeps_each_years_documents_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    next_year = tmp_path / "campaign-2020.yaml"
    next_year.write_text(SHIPPED_PLAN.read_text(encoding="utf-8").replace("year: 2019", "year: 2020", 1), "utf-8")
    runner = CliRunner()
    for plan in (SHIPPED_PLAN, next_year):
        result = runner.invoke(main, ["render", str(plan), "--only", "letter"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "2019" / "致初中、高中毕业生及家长的一封信.docx").is_file()
    assert (tmp_path / "out" / "2020" / "致初中、高中毕业生及家长的一封信.docx").is_file()
    # an explicit -o is used as it is
    result = runner.invoke(main, ["render", str(SHIPPED_PLAN), "--only", "letter", "-o", "mine"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine" / "致初中、高中毕业生及家长的一封信.docx").is_file()


def test_preview_resolution_defaults_to_a_readable_150_dpi() -> None:
    result = CliRunner().invoke(main, ["preview", "--help"])
    assert result.exit_code == 0, result.output
    assert "150" in result.output
