"""One workbench session: the plan it edits, the folders it may show, and the one task running at a time.

The folders are those the commands use when run where ``docgen serve`` was started: the output
folder ``render`` writes by default (``out/YEAR``), the returns folder ``status`` reads
(``回收``), the folder ``status`` and ``digest`` write the 催报 and 简报 into (``out``), the
templates folder ``render`` looks in first. Nothing outside them and the plan's
own folder is ever served (``docgen.web.files``). A long task (render, PDFs, 催报, 简报) runs in
a thread of its own, one at a time, and reports its progress here for the page to poll; when the
server stops, a task that is running is let finish, so its outputs are whole.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.documents.preview import Converter
from docgen.errors import DocgenError, Finding, FindingsError
from docgen.plan.files import CheckReport

Clock = Callable[[], dt.datetime]


@dataclass
class Task:
    """A long task of the page: its name, how far it is, and what it made or what went wrong."""

    name: str
    done: int = 0
    total: int = 0
    step: str = ""
    finished: bool = False
    paths: list[Path] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    @property
    def seconds(self) -> float:
        """How long it ran (or has been running)."""
        return (self.ended if self.ended is not None else time.monotonic()) - self.started

    def progress(self, done: int, total: int) -> None:
        """``render``'s progress callback: ``done`` of ``total`` documents."""
        self.done, self.total = done, total


class Workbench:
    """The state of one ``docgen serve``: paths, the task running, and a cache for page images."""

    def __init__(
        self,
        plan_path: Path,
        *,
        cache_dir: Path,
        returns_dir: Path,
        out_dir: Path | None = None,
        reports_dir: Path | None = None,
        templates: Path | None = None,
        clock: Clock | None = None,
        converter: Converter | None = None,
    ) -> None:
        self.plan_path = plan_path.absolute()
        self.cache_dir = cache_dir
        self.returns_dir = returns_dir.absolute()
        self._out_dir = out_dir.absolute() if out_dir is not None else None
        self.reports_dir = (reports_dir or Path("out")).absolute()
        self.templates = templates.absolute() if templates is not None else None
        self.clock: Clock = clock or (lambda: dt.datetime.now().astimezone())
        self.converter = converter
        self.task: Task | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.preview_lock = threading.Lock()
        """Held while pages are drawn: one LibreOffice at a time, however fast a person switches documents."""
        self._report: tuple[tuple[int, int] | None, CheckReport] | None = None

    def report(self) -> CheckReport:
        """The saved plan, checked as ``docgen check`` checks it (checked again only when the file changed)."""
        from docgen.documents.checks import check_plan

        try:
            stat = self.plan_path.stat()
            key: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        with self._lock:
            if key is None or self._report is None or self._report[0] != key:
                self._report = (key, check_plan(self.plan_path))
            return self._report[1]

    def office_notes(self) -> list[Finding]:
        """Warnings of the converter: a warm LibreOffice that could not be kept (previews are slower), and why."""
        notes: list[Finding] = getattr(self.converter, "notes", [])
        return list(notes)

    def out_dir(self) -> Path:
        """Where ``render`` writes: the folder given at start, else ``out/YEAR`` of the saved plan (or ``out``)."""
        from docgen.documents.batch import default_out

        if self._out_dir is not None:
            return self._out_dir
        plan = self.report().plan
        return default_out(plan).absolute() if plan is not None else Path("out").absolute()

    def roots(self) -> dict[str, Path]:
        """The folders whose files may be served, by the name the addresses use."""
        folders = {"plan": self.plan_path.parent, "out": self.out_dir(), "returns": self.returns_dir}
        return folders | {"reports": self.reports_dir}

    def start(self, name: str, work: Callable[[Task], list[Path]]) -> Task:
        """Run ``work`` in a thread as the page's task; ``FindingsError`` (workbench-busy) while one runs."""
        with self._lock:
            if self.task is not None and not self.task.finished:
                raise FindingsError([Finding("workbench-busy", {})])
            task = Task(name)
            self.task = task
            self._thread = threading.Thread(target=self._run, args=(task, work), name=f"docgen-{name}", daemon=True)
            self._thread.start()
        return task

    def _run(self, task: Task, work: Callable[[Task], list[Path]]) -> None:
        try:
            task.paths = work(task)
        except DocgenError as exc:
            task.problems = list(getattr(exc, "problems", [])) or [Finding("workbench-failed", {"detail": str(exc)})]
        except Exception as exc:  # shown on the page, which must not be left waiting
            task.problems = [Finding("workbench-failed", {"detail": f"{type(exc).__name__}: {exc}"})]
        finally:
            task.ended = time.monotonic()
            task.finished = True

    def close(self) -> None:
        """Wait for a running task to finish (its outputs are committed whole, or not at all)."""
        thread = self._thread
        if thread is not None:
            thread.join()
