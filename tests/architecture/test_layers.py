"""The package's layers and its public API: the contracts hold, can fail, and no module imports in a circle."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import docgen
from tests.support.paths import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PUBLIC = [
    "template_context",
    "kind_template",
    "Activity",
    "AuditReport",
    "CheckReport",
    "Collection",
    "Contact",
    "Deadline",
    "DocgenError",
    "DocxTemplate",
    "Due",
    "Finding",
    "FixReport",
    "Form",
    "FormError",
    "InlineImage",
    "Letter",
    "Listing",
    "MachineReport",
    "OfficeError",
    "OutputExistsError",
    "Plan",
    "PlanError",
    "ProjectCheck",
    "R",
    "RP",
    "RejectedRow",
    "Requirement",
    "RichText",
    "RichTextParagraph",
    "Severity",
    "StatusReport",
    "Subdoc",
    "Task",
    "TemplateError",
    "Unit",
    "UnknownDeadlineError",
    "UnknownUnitError",
    "WarmConverter",
    "WordFileError",
    "WriteError",
    "__version__",
    "activities_calendar",
    "audit",
    "check_plan",
    "check_project",
    "check_template",
    "clear_cache",
    "collect",
    "deadlines_calendar",
    "doctor",
    "fix_document",
    "format_audit_finding",
    "dues",
    "format_problem",
    "format_review_item",
    "gather_issues",
    "import_plan",
    "init_project",
    "init_returns",
    "load_plan",
    "new_year",
    "owing_units",
    "plan_schema",
    "render",
    "resolve_plan",
    "returns_folder",
    "tally",
    "track_returns",
    "write_collection",
    "write_digest",
    "write_status",
    "write_summary",
    "receive_file",
    "receive_files",
    "Filing",
    "Choices",
    "returns_state",
    "status_data",
    "dashboard_html",
    "RecordError",
    "ReceiveError",
    "fetch_mail",
    "mail_account",
    "MailReport",
    "MailError",
]


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_the_layer_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("plan/model.py", "import docgen.documents.kinds"),  # the plan reaching up to a stage
        ("documents/layout.py", "import docgen.collecting.cells"),  # two stages that must stay apart
        ("rendering/outputs.py", "\ndef _late() -> None:\n    import docgen.cli.group\n"),  # inside a function
        ("errors.py", "import docgen.chinese"),  # the base importing anything
        ("tracking/status.py", "\ndef _late() -> None:\n    import docgen.web.files\n"),  # a stage using the workbench
    ],
)
def test_a_planted_import_breaks_a_contract(tmp_path: Path, module: str, planted: str) -> None:
    shutil.copytree(ROOT / "docgen", tmp_path / "docgen", ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "docgen" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n" + planted + "\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert re.search(r"Contracts: \d+ kept, [1-9]\d* broken", result.stdout), result.stdout


def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


def test_no_module_imports_in_a_circle() -> None:
    graph = grimp.build_graph("docgen", exclude_type_checking_imports=False)  # TYPE_CHECKING imports count too
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    graph = grimp.build_graph("docgen", exclude_type_checking_imports=True)
    graph.add_import(importer="docgen.errors", imported="docgen.messages")
    assert {"docgen.errors", "docgen.messages"} in _cycles(graph)


def test_no_module_is_longer_than_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "docgen").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_at_most_eight_modules_stay_at_the_top() -> None:
    top = sorted(p.name for p in (ROOT / "docgen").glob("*.py"))
    assert len(top) <= 8, top


def test_every_subpackage_says_what_it_owns_and_may_use() -> None:
    for info in pkgutil.iter_modules(docgen.__path__):
        if info.ispkg:
            doc = importlib.import_module(f"docgen.{info.name}").__doc__ or ""
            assert "May use" in doc or "may use" in doc or "Part of the shared base" in doc, info.name


def test_no_subpackage_hides_a_public_function() -> None:
    packages = {info.name for info in pkgutil.iter_modules(docgen.__path__) if info.ispkg}
    assert packages.isdisjoint(docgen.__all__)


def test_the_public_api_is_pinned_and_callable_after_everything_is_imported() -> None:
    assert sorted(docgen.__all__) == sorted(PUBLIC)
    for info in pkgutil.walk_packages(docgen.__path__, "docgen."):
        if info.name != "docgen.__main__":
            importlib.import_module(info.name)
    for name in docgen.__all__:
        value = getattr(docgen, name)
        assert value is not None
        if name[0].islower() and name != "__version__":
            assert callable(value), name
    assert callable(docgen.render) and docgen.render.__module__ == "docgen.documents.batch"
    assert callable(docgen.collect) and docgen.collect.__module__ == "docgen.collecting.forms"
