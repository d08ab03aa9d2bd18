"""The public entry points for plan files: load one (errors raise) or check one (report all)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Finding, PlanError, Severity
from docgen.plan.checks import check, located_texts
from docgen.plan.holidays import holiday_review
from docgen.plan.model import Plan
from docgen.plan.placeholders import check_texts
from docgen.plan.reading import MAX_FILE_BYTES, LoadedYaml, compose, load_yaml
from docgen.plan.sourcemap import PlanPath, SourceMap
from docgen.plan.text_fields import with_replaced
from docgen.plan.validation import validate


@dataclass(frozen=True)
class CheckReport:
    """What ``check_plan`` found: the plan (None when it has errors) and every problem."""

    path: Path
    plan: Plan | None
    problems: list[Finding]
    resolved: Plan | None = None
    """The plan with its running text rendered (what the templates receive); None when it has errors."""
    source: SourceMap | None = None
    """Where each value stands in the file, to locate problems found later (a declared document's name)."""

    @property
    def errors(self) -> list[Finding]:
        """Problems that make the plan unusable."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Finding]:
        """Problems a person should look at, which do not stop rendering."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Finding]:
        """Facts of the plan worth knowing that ask nothing of anyone (``docgen check --notes``)."""
        return [p for p in self.problems if p.severity is Severity.NOTE]


def check_plan(path: Path | str) -> CheckReport:
    """Read, validate and cross-check a plan file; never raises for problems in the file."""
    path = Path(path)
    with _collector_paused():
        try:
            loaded = load_yaml(path)
        except PlanError as exc:
            return CheckReport(path, None, exc.problems)
        return check_loaded(loaded, path)


def check_plan_text(text: str, path: Path | str) -> CheckReport:
    """Check YAML text as the file at ``path`` would be checked holding it (an editor's unsaved text).

    Pictures and templates are looked for beside ``path``, as for the saved file.
    """
    path = Path(path)
    if len(text) > MAX_FILE_BYTES // 4 and len(text.encode("utf-8")) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return CheckReport(path, None, [Finding("file-too-large", {"limit": limit}, file=str(path))])
    with _collector_paused():
        try:
            loaded = compose(text, str(path))
        except PlanError as exc:
            return CheckReport(path, None, exc.problems)
        return check_loaded(loaded, path)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold back Python's cycle collector while a plan is read.

    Reading builds tens of thousands of objects that all stay alive, so a collection frees
    nothing; yet each full one walks every object in the process, which in a long-running
    script (or a benchmark) holding earlier batches took a third of the loading time.

    The generations are left as they were: moving the read's objects to the oldest one
    (``gc.freeze``, ``gc.unfreeze``) would save the next young collection its walk of them, but
    it takes every young object of the process along, garbage included, and starts the counts
    that bring older collections again, so a server reading plans every few seconds never frees
    that garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_loaded(loaded: LoadedYaml, path: Path | str) -> CheckReport:
    """Validate and cross-check YAML composed from the file at ``path``; every problem, in file order."""
    path = Path(path)
    plan, problems = validate(loaded)
    problems = loaded.problems + problems
    rendered: dict[PlanPath, str] = {}
    if plan is not None and not any(p.is_error for p in problems):
        problems += check(plan, loaded.source, loaded.strings)
        texts = check_texts(plan)
        problems += located_texts(texts.problems, loaded.source)
        problems += holiday_review(plan, loaded.source)
        rendered = texts.rendered
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if plan is None or any(p.is_error for p in problems):
        return CheckReport(path, None, problems)
    # the plan was made from its data just now, every part of it checked: only what a text changes is made again
    return CheckReport(path, plan, problems, with_replaced(plan, rendered), loaded.source)


def checked_plan(path: Path | str) -> CheckReport:
    """The report on a usable plan file (warnings only); raises ``PlanError`` listing every error."""
    report = check_plan(path)
    if report.plan is None:
        raise PlanError(report.problems)
    return report


def resolved_plan(path: Path | str) -> Plan:
    """The plan in a YAML file with its running text filled in; raises ``PlanError`` listing every error."""
    resolved = checked_plan(path).resolved
    assert resolved is not None, "checked_plan raises for a plan with errors"
    return resolved


def load_plan(path: Path | str) -> Plan:
    """The plan in a YAML file, fully validated; raises ``PlanError`` listing every error."""
    plan = checked_plan(path).plan
    assert plan is not None, "checked_plan raises for a plan with errors"
    return plan
