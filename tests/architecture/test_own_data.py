"""Tests own their data: none reads or writes the user's plan and templates in a checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT, SHIPPED_PLAN, SHIPPED_TEMPLATES, TEMPLATE_NAMES

PROBE = """
from pathlib import Path

def test_reads_the_plan():
    Path({plan!r}).read_text(encoding="utf-8")

def test_leaves_it_alone():
    pass
"""


def test_a_test_that_reads_the_users_plan_fails_the_run(tmp_path: Path) -> None:
    user = tmp_path / "checkout"
    (user / "data").mkdir(parents=True)
    (user / "templates").mkdir()
    plan = user / "data" / "campaign.yaml"
    plan.write_text(SHIPPED_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    probe = tmp_path / "probe" / "test_probe.py"
    probe.parent.mkdir()
    probe.write_text(PROBE.format(plan=str(plan)), encoding="utf-8")
    env = {**os.environ, "DOCGEN_TEST_USER_FILES": os.pathsep.join([str(user / "data"), str(user / "templates")])}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.support.user_files", "-p", "no:cacheprovider", str(probe)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 passed" in done.stdout  # the tests themselves pass: the guard fails the run
    assert f"test_probe.py::test_reads_the_plan: {plan}" in done.stdout, done.stdout


def test_no_test_runs_in_the_checkout_or_names_its_user_files() -> None:
    own = {Path(__file__), ROOT / "tests" / "support" / "paths.py", ROOT / "tests" / "support" / "user_files.py"}
    pattern = re.compile(r"cwd=ROOT\b|chdir\(ROOT\)|ROOT\s*/\s*\"(data|templates)\"")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "tests").rglob("*.py")
        if path not in own
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_shipped_copies_are_inside_the_package() -> None:
    assert SHIPPED_PLAN.is_relative_to(ROOT / "docgen" / "shipped")
    assert sorted(p.name for p in SHIPPED_TEMPLATES.glob("*.docx")) == TEMPLATE_NAMES
