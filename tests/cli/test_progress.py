"""Progress on long work: drawn on a terminal from the first moment, nothing extra anywhere else.

The terminal is a real pseudo-terminal (``pty``): docgen runs as a process whose stderr is one,
as in a person's shell. The library's side is a ``Progress`` that records the steps it hears.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

import docgen
from docgen.cli.progress import TerminalProgress
from docgen.plan.files import load_plan, resolved_plan
from docgen.progress import Progress, as_progress
from docgen.publishing.writing import write_digest
from docgen.tracking.status import track_returns
from tests.support.office import require_office_tools
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.report_samples import build_report_returns

DOCGEN = [sys.executable, "-m", "docgen"]


class Recorder(Progress):
    """The steps a library function reports, with the last count of each."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int]] = []
        self.counts: dict[str, int] = {}

    def step(self, name: str, total: int = 0) -> None:
        self.steps.append((name, total))

    def advance(self, done: int) -> None:
        self.counts[self.steps[-1][0]] = done


def on_a_terminal(args: list[str], cwd: Path) -> list[tuple[float, str]]:
    """Run docgen with stdin, stdout and stderr on a pseudo-terminal: what it wrote, and when (seconds)."""
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # the child: docgen, in the test's folder, with the project on its path
        os.chdir(cwd)
        os.environ["PYTHONPATH"] = str(ROOT)
        os.execv(sys.executable, [*DOCGEN, *args])
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 300)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append((time.monotonic() - started, data.decode("utf-8", "replace")))
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "".join(text for _, text in chunks)
    return chunks


def python_start() -> float:
    """Seconds for this machine, as loaded as it is now, to start Python and import click: the floor of any command."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import click"], check=True)
    return time.monotonic() - started


def test_render_pdf_shows_progress_from_its_first_moment(tmp_path: Path) -> None:
    require_office_tools()
    floor = python_start()
    chunks = on_a_terminal(["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--pdf"], tmp_path)
    first_at, first = chunks[0]
    assert first.startswith("\r\x1b[Kchecking the plan")
    assert first_at < max(1.0, 3 * floor), f"the first line came after {first_at:.2f} s (Python starts in {floor:.2f})"
    shown = "".join(text for _, text in chunks)
    assert "rendering the documents  [" in shown and "37/37" in shown
    assert "making PDFs with LibreOffice  [------------------------]  0/37" in shown
    counted = [text for _, text in chunks if "making PDFs with LibreOffice" in text]
    assert len(counted) > 3, "LibreOffice's files are counted as it converts them"
    assert "joining the PDFs into the print file" in shown
    after = shown.rsplit("\x1b[K", 1)[1]  # the status line cleared, then the command's own lines
    assert after.splitlines()[0] == f"wrote {tmp_path / 'out' / '2019年职业教育宣传月活动方案.docx'}"
    assert len([line for line in after.splitlines() if line.startswith("wrote ")]) == 2 * 37 + 2


def test_render_off_a_terminal_prints_its_lines_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [*DOCGEN, "render", str(SHIPPED_PLAN), "-o", str(out), "--only", "notice,letter"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"wrote {out / '2019年职业教育宣传月活动方案.docx'}",
        f"wrote {out / '致初中、高中毕业生及家长的一封信.docx'}",
    ]


def test_import_and_status_show_their_steps_on_a_terminal(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHIPPED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    notice = docgen.render(plan, tmp_path / "out", "notice")[0]
    shown = "".join(text for _, text in on_a_terminal(["import", str(notice), "-o", "imported.yaml"], tmp_path))
    assert shown.startswith("\r\x1b[Kreading the Word file …")
    assert "\r\x1b[Kchecking the plan …" in shown and "wrote imported.yaml" in shown
    (tmp_path / "回收").mkdir()
    shown = "".join(text for _, text in on_a_terminal(["status", str(plan), "--on", "2019-05-10"], tmp_path))
    assert shown.startswith("\r\x1b[Kchecking the plan …")
    assert "\r\x1b[Kreading the returns folder …" in shown and "\r\x1b[Kwriting the files …" in shown


def test_the_library_reports_its_steps(tmp_path: Path) -> None:
    steps = Recorder()
    docgen.render(SHIPPED_PLAN, tmp_path / "out", "notice,task-sheet", progress=steps)
    assert steps.steps == [("check", 0), ("render", 18), ("write", 0)]
    assert steps.counts["render"] == 18
    plan = load_plan(SHIPPED_PLAN)
    returns = build_report_returns(plan, tmp_path / "回收")
    steps = Recorder()
    track_returns(plan, returns, dt.date(2019, 5, 10), progress=steps)
    assert steps.steps == [("read-returns", 0)]
    steps = Recorder()
    write_digest(resolved_plan(SHIPPED_PLAN), returns, 2, tmp_path / "digest", day=dt.date(2019, 5, 9), progress=steps)
    assert steps.steps == [("read-reports", 0), ("write", 0)]


def test_the_callback_of_docgen_0_1_still_counts_the_documents(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    docgen.render(SHIPPED_PLAN, tmp_path, "notice,letter", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2, 2)
    assert isinstance(as_progress(None), Progress)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_status_line_is_drawn_in_place_and_cleared() -> None:
    screen = Terminal()
    with TerminalProgress(screen) as progress:
        progress.step("convert", 4)
        progress.advance(4)
    assert screen.getvalue() == (
        "\r\x1b[Kmaking PDFs with LibreOffice  [------------------------]  0/4"
        "\r\x1b[Kmaking PDFs with LibreOffice  [########################]  4/4"
        "\r\x1b[K"
    )
    plain = io.StringIO()
    with TerminalProgress(plain) as progress:
        progress.step("render", 3)
        progress.advance(3)
    assert plain.getvalue() == ""


@pytest.mark.parametrize("language", ["zh_CN"])
def test_the_steps_speak_the_language(language: str) -> None:
    from docgen.messages.language import use_language

    screen = Terminal()
    with use_language(language), TerminalProgress(screen) as progress:
        progress.step("check")
    assert screen.getvalue() == "\r\x1b[K正在检查方案 …\r\x1b[K"
