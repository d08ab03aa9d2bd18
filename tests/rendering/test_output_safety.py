"""Outputs are only ever regular files: every writer refuses a special file or its own input, even with --force.

Each hostile target is made in ``tmp_path``: a FIFO, a socket, a folder, a link to a device
(/dev/null: a link is replaced by a rename, so a regression could never touch the device
itself), the command's own input by its name, by ``./name`` and by a hard link. Folders are made
inside a chosen root without following a link out of it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from docgen.cli import main
from tests.support.import_shapes import safety_notice
from tests.support.paths import SHIPPED_PLAN

SPECIAL = ["fifo", "socket", "folder", "device-link"]


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


def make_special(path: Path, kind: str) -> Callable[[], bool]:
    """``kind`` made at ``path``; a check that it is still that, untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
        return lambda: stat.S_ISFIFO(path.lstat().st_mode)
    if kind == "socket":
        here = Path.cwd()
        os.chdir(path.parent)  # a socket's path is limited to about 100 bytes: bound by its relative name
        try:
            server = socket.socket(socket.AF_UNIX)
            server.bind(path.name)
        finally:
            os.chdir(here)
        server.close()
        return lambda: stat.S_ISSOCK(path.lstat().st_mode)
    if kind == "folder":
        path.mkdir()
        (path / "kept.txt").write_text("kept", encoding="utf-8")
        return lambda: path.is_dir() and (path / "kept.txt").read_text(encoding="utf-8") == "kept"
    path.symlink_to(os.devnull)
    return lambda: path.is_symlink() and stat.S_ISCHR(path.stat().st_mode)


def refused(result: Result, why: str) -> None:
    assert result.exit_code == 1, result.output
    assert why in result.stderr, result.stderr
    assert "Traceback" not in result.output


WHAT = {"fifo": "a pipe (FIFO)", "socket": "a socket", "folder": "a folder", "device-link": "a device"}


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / "去年的方案.docx"
    safety_notice()[0].save(str(path))
    return path


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    shutil.copyfile(SHIPPED_PLAN, path)
    return path


# ---------------------------------------------------------------------------------------------
# Commands that write one file


def _single_file_commands(word_file: Path, plan: Path) -> dict[str, Callable[[Path], list[str | Path]]]:
    return {
        "import": lambda target: ["import", word_file, "-o", target, "--force"],
        "audit --fix": lambda target: ["audit", "--fix", word_file, "-o", target, "--force"],
        "new-year": lambda target: ["new-year", plan, "--year", "2020", "-o", target, "--force"],
        "calendar": lambda target: ["calendar", plan, "-o", target, "--force"],
    }


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", ["import", "audit --fix", "new-year", "calendar"])
def test_a_single_file_is_never_written_over_a_special_file(
    tmp_path: Path, word_file: Path, plan: Path, command: str, kind: str
) -> None:
    target = tmp_path / "target" / "out.file"
    untouched = make_special(target, kind)
    result = invoke(*_single_file_commands(word_file, plan)[command](target))
    if kind == "folder" and command != "audit --fix":  # the option itself takes no folder: a usage error
        assert result.exit_code == 2 and f"'{target}' is a directory" in result.stderr, result.output
    elif command == "calendar" and kind != "device-link":  # an OUT full of docgen's files says what stands there
        refused(result, f"{target}: {WHAT[kind]} stands where docgen would write a document")
    elif command == "calendar":
        refused(result, f"{target}: a symbolic link stands where docgen would write a document")
    else:
        refused(result, f"{target}: this is {WHAT[kind]}, not a regular file; docgen writes only regular files")
    assert untouched()


def _same_file(source: Path, how: str) -> Path:
    """``source`` under another name: itself, ``./name`` from its folder, a hard link, a symbolic link."""
    if how == "itself":
        return source
    if how == "dot":
        return source.parent / "." / source.name
    other = source.with_name(f"{how}-{source.name}")
    if how == "hard-link":
        os.link(source, other)
    else:
        other.symlink_to(source)
    return other


@pytest.mark.parametrize("how", ["itself", "dot", "hard-link", "symbolic-link"])
@pytest.mark.parametrize("command", ["import", "audit --fix", "new-year"])
def test_a_command_never_writes_over_its_own_input(word_file: Path, plan: Path, command: str, how: str) -> None:
    source = plan if command == "new-year" else word_file
    before = source.read_bytes()
    target = _same_file(source, how)
    result = invoke(*_single_file_commands(word_file, plan)[command](target))
    refused(result, f"{target}: this is {source}, which the command reads; docgen never writes over its own input")
    assert source.read_bytes() == before


def test_calendar_never_writes_over_its_plan(plan: Path) -> None:
    before = plan.read_bytes()
    result = invoke("calendar", plan, "-o", plan, "--force")
    refused(result, "which the command reads; docgen never writes over its own input")
    assert plan.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Commands that write a folder of outputs


@pytest.mark.parametrize("kind", ["fifo", "socket", "device-link"])
def test_render_refuses_a_special_file_among_its_targets_even_with_force(tmp_path: Path, plan: Path, kind: str) -> None:
    out = tmp_path / "out"
    listed = invoke("render", plan, "-o", out, "--only", "form", "--dry-run")
    assert listed.exit_code == 0, listed.output
    target = Path(listed.stdout.split()[-1])
    untouched = make_special(target, kind)
    refused(invoke("render", plan, "-o", out, "--only", "form", "--force"), f"{target}: ")
    assert untouched()


def test_render_never_writes_over_its_plan_by_another_name(tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "out"
    target = Path(invoke("render", plan, "-o", out, "--only", "form", "--dry-run").stdout.split()[-1])
    target.parent.mkdir(parents=True)
    os.link(plan, target)
    before = plan.read_bytes()
    result = invoke("render", plan, "-o", out, "--only", "form", "--force")
    refused(result, f"{target}: this is {plan}, which the command reads")
    assert plan.read_bytes() == before


def test_collect_never_writes_its_schedule_over_a_form_it_reads(tmp_path: Path, plan: Path) -> None:
    from tests.support.returns_folder import filled_form

    made = invoke("render", plan, "-o", tmp_path / "forms", "--only", "unit-form", "--unit", "教务处")
    assert made.exit_code == 0, made.output
    blank = sorted((tmp_path / "forms").glob("**/*.docx"))
    out = tmp_path / "out"
    form = filled_form(blank[0], out / "活动安排汇总.docx", dt.date(2019, 5, 8))
    before = form.read_bytes()
    result = invoke("collect", form, "--plan", plan, "-o", out, "--force")
    assert "this is" in result.stderr and "which the command reads" in result.stderr, result.output
    assert form.read_bytes() == before


def test_status_never_writes_its_page_over_a_returned_file(tmp_path: Path, plan: Path) -> None:
    returns = tmp_path / "回收"
    assert invoke("status", plan, "--init", returns).exit_code == 0
    page = returns / "status.html"
    page.write_text("教务处送来的网页", encoding="utf-8")
    result = invoke("status", plan, "--returns", returns, "-o", returns, "--force")
    refused(result, f"{page}: this is {page}, which the command reads")
    assert page.read_text(encoding="utf-8") == "教务处送来的网页"


def test_init_refuses_a_special_file_and_its_own_shipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    untouched = make_special(folder / "data" / "campaign.yaml", "fifo")
    refused(invoke("init", folder, "--force"), f"{folder / 'data' / 'campaign.yaml'}: this is a pipe (FIFO)")
    assert untouched()
    shipped = SHIPPED_PLAN.parent.parent  # docgen's own data/ and templates/
    before = SHIPPED_PLAN.read_bytes()
    refused(invoke("init", shipped, "--force"), "which the command reads; docgen never writes over its own input")
    assert SHIPPED_PLAN.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Folders made inside a chosen root, never through a link out of it


def test_status_init_does_not_follow_a_linked_deadline_folder_out_of_the_returns_folder(
    tmp_path: Path, plan: Path
) -> None:
    returns, outside = tmp_path / "回收", tmp_path / "elsewhere"
    outside.mkdir()
    returns.mkdir()
    (returns / "报送本周活动开展情况").symlink_to(outside, target_is_directory=True)
    result = invoke("status", plan, "--init", returns)
    refused(
        result, f"{returns / '报送本周活动开展情况'}: this folder is a symbolic link; docgen makes folders only inside"
    )
    assert list(outside.iterdir()) == []


def test_init_does_not_write_through_a_linked_templates_folder(tmp_path: Path) -> None:
    folder, outside = tmp_path / "project", tmp_path / "shared-templates"
    outside.mkdir()
    folder.mkdir()
    (folder / "templates").symlink_to(outside, target_is_directory=True)
    refused(invoke("init", folder), f"{folder / 'templates'}: this folder is a symbolic link")
    assert list(outside.iterdir()) == []


def test_receive_does_not_follow_a_linked_deadline_folder(tmp_path: Path, plan: Path) -> None:
    returns, outside = tmp_path / "回收", tmp_path / "elsewhere"
    assert invoke("status", plan, "--init", returns).exit_code == 0
    folder = returns / "报送宣传成果总结（5月24日前）"
    shutil.rmtree(folder)
    outside.mkdir()
    folder.symlink_to(outside, target_is_directory=True)
    sent = tmp_path / "教务处-宣传成果总结.docx"
    sent.write_bytes(b"PK\x03\x04 a report")
    result = invoke("receive", sent, "--plan", plan, "--returns", returns, "--deadline", "summary")
    refused(result, f"{folder}: this folder is a symbolic link")
    assert list(outside.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Names are data


LINE_BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"]


@pytest.mark.parametrize("breaking", LINE_BREAKS, ids=lambda c: f"U+{ord(c[-1]):04X}")
def test_a_word_files_name_cannot_add_a_key_to_the_imported_plan(tmp_path: Path, breaking: str) -> None:
    plain = tmp_path / "plain.docx"
    safety_notice()[0].save(str(plain))
    hostile = tmp_path / f"x{breaking}theme: 注入的主题{breaking}#.docx"
    shutil.copyfile(plain, hostile)
    expected = invoke("import", plain, "-o", tmp_path / "plain.yaml")
    assert expected.exit_code == 0, expected.output
    result = invoke("import", hostile, "-o", tmp_path / "hostile.yaml")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "hostile.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yaml.safe_load((tmp_path / "plain.yaml").read_text(encoding="utf-8"))
    header = [line for line in text.splitlines() if "由 docgen import 从 Word 文件" in line]
    assert len(header) == 1 and header[0].startswith("# ") and "theme: 注入的主题" in header[0]
