"""A pytest plugin that fails the run when a test touches the user's working copies.

A checkout's ``data/`` and ``templates/`` are the user's: the README and the docs invite editing them, so a
test that read them would fail after an edit, and one that wrote them would lose the user's
work. Every ``open``, listing and change of a path under them, by any test in this process, is
recorded through an audit hook (PEP 578) and reported at the end, failing the run. The folders
are ``tests.support.paths.USER_FILES``, or those named in ``DOCGEN_TEST_USER_FILES``
(``os.pathsep``-separated), which the plugin's own test uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import USER_FILES

_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "os.remove", "os.rename", "os.mkdir", "shutil.copytree"})


def _guarded() -> tuple[str, ...]:
    named = os.environ.get("DOCGEN_TEST_USER_FILES")
    folders = [Path(p) for p in named.split(os.pathsep)] if named else list(USER_FILES)
    return tuple(str(folder.resolve()) + os.sep for folder in folders)


class UserFilesGuard:
    """Records which test touched which of the user's files."""

    def __init__(self) -> None:
        self.folders = _guarded()
        self.current: str | None = "(collection)"  # None after collection and between tests: pytest's own work
        self.touched: dict[str, str] = {}

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if self.current is None or event not in _EVENTS or not args:
            return
        if not isinstance(args[0], str | bytes | os.PathLike):
            return
        try:
            path = os.path.abspath(os.fsdecode(args[0])) + os.sep  # noqa: PTH100 - no link followed inside a hook
        except (TypeError, ValueError):
            return
        if path.startswith(self.folders) and path.rstrip(os.sep) not in self.touched:
            self.touched[path.rstrip(os.sep)] = self.current

    def pytest_collection_finish(self) -> None:
        self.current = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Any:
        self.current = item.nodeid
        yield
        self.current = None

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.touched:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.touched:
            terminalreporter.section("the user's files were touched")
            for path, test in sorted(self.touched.items()):
                terminalreporter.write_line(f"{test}: {path}")
            terminalreporter.write_line("tests copy what they need from docgen/shipped (tests.support.paths)")


def pytest_configure(config: pytest.Config) -> None:
    guard = UserFilesGuard()
    sys.addaudithook(guard.audit)  # hooks cannot be removed: the guard stays for the process
    config.pluginmanager.register(guard, "user-files-guard")
