"""What the user is told when LibreOffice is missing, hangs or skips a file (no LibreOffice needed)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from docgen.documents.batch import render
from docgen.errors import OfficeError
from docgen.office.convert import convert_to_pdf
from tests.support.paths import SHIPPED_PLAN


def fake_office(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir()
    office = folder / "soffice"
    office.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    office.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_missing_office_names_the_packages_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(OfficeError) as caught:
        render(SHIPPED_PLAN, tmp_path / "out", "letter", pdf=True)
    message = str(caught.value)
    assert "LibreOffice" in message
    assert (
        "libreoffice-writer-nogui fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-liberation2 poppler-utils"
        in message
    )
    assert not (tmp_path / "out").exists()


def test_a_hanging_office_is_killed_at_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_office(tmp_path / "bin", "exec /bin/sleep 30", monkeypatch)
    document = tmp_path / "a.docx"
    document.write_bytes(b"x")
    started = time.monotonic()
    with pytest.raises(OfficeError) as caught:
        convert_to_pdf([document], timeout=1)
    assert time.monotonic() - started < 10
    assert caught.value.problems[0].code == "office-timeout"


def test_a_file_without_pdf_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_office(tmp_path / "bin", "echo 'Error: source file could not be loaded'", monkeypatch)
    document = tmp_path / "通知.docx"
    document.write_bytes(b"x")
    with pytest.raises(OfficeError) as caught:
        convert_to_pdf([document])
    problem = caught.value.problems[0]
    assert (problem.code, problem.file) == ("pdf-not-produced", str(document))
    assert "could not be loaded" in str(caught.value)
    assert not (tmp_path / "通知.pdf").exists()


def test_a_failed_conversion_leaves_earlier_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    render(SHIPPED_PLAN, out, "letter")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    fake_office(tmp_path / "bin", "exit 0", monkeypatch)
    with pytest.raises(OfficeError):
        render(SHIPPED_PLAN, out, "letter", pdf=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
