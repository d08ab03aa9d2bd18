"""The workbench keeps one warm LibreOffice for its previews, falls back to the cold way with a note, and stops it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from docgen.office import warm
from tests.support.office import require_office_tools
from tests.support.workbench import entered, running_workbench

pytestmark = pytest.mark.office


@pytest.fixture(autouse=True)
def tools() -> None:
    pytest.importorskip("uvicorn")
    require_office_tools()


def _preview(client: Any) -> list[str]:
    """The addresses of the notice's page images in a fresh preview (each one fetched: it is there)."""
    import re

    answer = client.get("/plan/preview", params={"document": "notice"})
    assert answer.status_code == 200, answer.text
    images = re.findall(r'src="(/preview/[^"]+)"', answer.text)
    for image in images:
        assert client.get(image).status_code == 200
    return images


def _edit(plan: Path, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]


def _offices_with(profile: Path) -> list[int]:
    """Processes whose command line names ``profile``'s folder (LibreOffice started with that profile)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if str(profile) in command and _alive(int(entry.name)):
                found.append(int(entry.name))
    return found


def test_two_previews_after_saves_use_one_warm_office_which_stops_with_the_server(tmp_path: Path) -> None:
    if warm.uno_python() is None and os.environ.get("CI") != "true":
        pytest.skip(f"no Python with LibreOffice's uno (apt-get install {warm.UNO_PACKAGE})")
    with running_workbench(tmp_path) as (server, project), entered(server) as client:
        office = server.office
        assert office is not None and server.workbench.converter is office
        first = _preview(client)
        process = office.warm._process
        work = office.warm._work
        assert process is not None and work is not None and office.warm.running
        _edit(project.plan, "issued: 2019-04-30", "issued: 2019-04-29")  # a saved change: the notice differs
        second = _preview(client)
        assert first and second and first != second
        assert office.warm._process is process and office.warm.running  # the same LibreOffice converted both
        assert (office.warm_batches, office.cold_batches) == (2, 0)
        assert _offices_with(work)
    assert not _alive(process.pid)
    assert _offices_with(work) == []
    assert not work.exists()


def test_an_office_that_died_between_previews_is_started_again(tmp_path: Path) -> None:
    if warm.uno_python() is None and os.environ.get("CI") != "true":
        pytest.skip(f"no Python with LibreOffice's uno (apt-get install {warm.UNO_PACKAGE})")
    with running_workbench(tmp_path) as (server, project), entered(server) as client:
        office = server.office
        assert office is not None
        _preview(client)
        dead = office.warm._process
        assert dead is not None
        os.killpg(dead.pid, 9)
        dead.wait()
        _edit(project.plan, "issued: 2019-04-30", "issued: 2019-04-29")
        assert _preview(client)
        assert office.warm._process is not None and office.warm._process is not dead
        assert (office.warm_batches, office.cold_batches) == (2, 0)
        assert office.notes == []


def test_without_a_warm_office_the_preview_is_drawn_the_cold_way_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm, "uno_python", lambda: None)
    with running_workbench(tmp_path) as (server, _), entered(server) as client:
        office = server.office
        assert office is not None
        answer = client.get("/plan/preview", params={"document": "notice"})
        assert answer.status_code == 200
        assert 'src="/preview/' in answer.text
        assert "预览" in answer.text and "python3-uno" in answer.text  # the note, and what to install
        assert [note.code for note in office.notes] == ["office-warm-unavailable", "office-uno-missing"]
        assert (office.warm_batches, office.cold_batches) == (0, 1)
        assert not office.warm.running
