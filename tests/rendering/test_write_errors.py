"""A place docgen cannot write to is a one-line error naming it, never a traceback, and nothing is lost."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import WriteError
from tests.support.paths import SHIPPED_PLAN


def _refuse(monkeypatch: pytest.MonkeyPatch, number: int, *, inside: str) -> None:
    """Make every file written under a path holding ``inside`` fail with the OS error ``number``."""
    write_bytes = Path.write_bytes

    def refusing(self: Path, data: bytes) -> int:
        if inside in str(self):
            raise OSError(number, "simulated", str(self))
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", refusing)


def test_a_full_disk_fails_the_run_and_keeps_the_earlier_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _refuse(monkeypatch, errno.ENOSPC, inside="任务单")
    with pytest.raises(WriteError) as caught:
        docgen.render(SHIPPED_PLAN, out, force=True)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file) == ("write-disk-full", str(out))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".docgen-staging-*"))


def test_the_cli_says_it_in_one_line_in_either_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse(monkeypatch, errno.EACCES, inside=str(tmp_path))
    result = CliRunner().invoke(main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--only", "notice"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 'out'}: no permission to write here "
        "(choose a folder you may write to (-o), or ask for the right to write to this one)\n"
    )
    chinese = CliRunner().invoke(
        main, ["--lang", "zh_CN", "render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--only", "notice"]
    )
    assert chinese.stderr.startswith(f"{tmp_path / 'out'}: 没有在这里写入的权限（")


def test_init_and_new_year_name_the_file_the_user_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refusing(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "simulated", str(target))

    monkeypatch.setattr(shutil, "copyfile", refusing)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "project")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'project' / 'data' / 'campaign.yaml'}: no permission to write here")
    monkeypatch.undo()

    plan = tmp_path / "campaign.yaml"
    shutil.copyfile(SHIPPED_PLAN, plan)
    target = tmp_path / "campaign-2020.yaml"
    _refuse_open(monkeypatch)
    result = CliRunner().invoke(main, ["new-year", str(plan), "--year", "2020", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{target}: no permission to write here")
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["campaign.yaml", "project"]


def _refuse_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse to create new files (``open`` with mode ``xb``), as a read-only folder does."""
    open_path = Path.open

    def refusing(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "x" in mode:
            raise PermissionError(errno.EACCES, "simulated", str(self))
        return open_path(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc to find a folder nobody can make")
def test_a_real_process_reports_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    out = "/proc/self/docgen-out"
    command = [sys.executable, "-m", "docgen", "render", str(SHIPPED_PLAN), "-o", out, "--only", "notice"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{out}: the folder to write into does not exist and cannot be made (check the path given with -o)"
    )
    assert "Traceback" not in result.stderr
