"""A workbench (``docgen serve``) running in a thread of the test, over a copy of the shipped plan in tmp_path.

``running_workbench`` lays out a project (``data/campaign.yaml``, the returns folder, the
output folders) in a temporary folder, starts ``WorkbenchServer`` on a free port of 127.0.0.1,
and stops it afterwards; ``entered`` is an httpx client that has been let in with the token.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.paths import SHIPPED_PLAN

MAY_9 = dt.datetime(2019, 5, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # inside the shipped plan's month


@dataclass
class Project:
    """The folders of a workbench's project."""

    root: Path

    @property
    def plan(self) -> Path:
        return self.root / "data" / "campaign.yaml"

    @property
    def returns(self) -> Path:
        return self.root / "回收"

    @property
    def out(self) -> Path:
        return self.root / "out" / "2019"

    @property
    def reports(self) -> Path:
        return self.root / "out"


def make_project(root: Path) -> Project:
    """A copy of the shipped plan (and the pictures beside it) under ``root/data``."""
    project = Project(root)
    shutil.copytree(SHIPPED_PLAN.parent, project.plan.parent)
    return project


@contextmanager
def running_workbench(root: Path, **options: Any) -> Iterator[tuple[Any, Project]]:
    """A ``WorkbenchServer`` serving a fresh project in ``root``, stopped afterwards; (server, project)."""
    from docgen.web.server import WorkbenchServer

    project = make_project(root)
    server = WorkbenchServer(
        project.plan,
        returns_dir=project.returns,
        out_dir=project.out,
        reports_dir=project.reports,
        **options,
    )
    server.workbench.clock = lambda: MAY_9
    thread = threading.Thread(target=server.run, name="workbench", daemon=True)
    thread.start()
    try:
        yield server, project
    finally:
        server.stop()
        thread.join(30)


def base(server: Any) -> str:
    """``http://127.0.0.1:PORT``."""
    return f"http://127.0.0.1:{server.port}"


@contextmanager
def entered(server: Any) -> Iterator[Any]:
    """An httpx client that opened the token address (so it holds the cookie) and sends this server's Origin."""
    import httpx

    with httpx.Client(base_url=base(server), headers={"origin": base(server)}, timeout=60) as client:
        answer = client.get(server.url)
        assert answer.status_code == 303, answer.text
        yield client
