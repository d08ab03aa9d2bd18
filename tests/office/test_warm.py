"""A LibreOffice kept running converts as convert_to_pdf does, survives its office's death, and stops when closed."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import docgen
from docgen.errors import OfficeError
from docgen.office import warm
from docgen.office.convert import convert_to_pdf
from docgen.office.pipes import PIPE_FOLDERS, profile_pipe
from docgen.office.warm import WarmConverter
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN
from tests.support.pdf_reading import page_count, pdf_text

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    require_office_tools()
    if warm.uno_python() is None and os.environ.get("CI") != "true":
        pytest.skip(f"no Python with LibreOffice's uno (apt-get install {warm.UNO_PACKAGE})")
    out = tmp_path_factory.mktemp("documents")
    written = docgen.render(SHIPPED_PLAN, out, only="notice,letter")
    return sorted(p for p in written if p.suffix == ".docx")


def test_its_pdfs_read_as_the_batch_conversions_do(documents: list[Path], tmp_path: Path) -> None:
    batch = convert_to_pdf(documents, tmp_path / "batch")
    with WarmConverter() as converter:
        assert converter.running
        pipe = converter._pipe
        assert pipe is not None and any(any(f.glob(f"OSL_PIPE_*_{pipe}")) for f in PIPE_FOLDERS)  # it listens
        kept = converter.convert(documents, tmp_path / "warm")
        again = converter.convert(documents[:1], tmp_path / "again")
    assert not converter.running
    assert not any(any(f.glob(f"OSL_PIPE_*_{pipe}")) for f in PIPE_FOLDERS)  # its socket is gone too
    assert [p.name for p in kept] == [p.name for p in batch]
    for made, reference in zip(kept, batch, strict=True):
        assert page_count(made) == page_count(reference)
        assert pdf_text(made) == pdf_text(reference)
    assert pdf_text(again[0]) == pdf_text(kept[0])


def test_an_office_that_died_is_started_again(documents: list[Path], tmp_path: Path) -> None:
    converter = WarmConverter()
    try:
        converter.convert(documents[:1], tmp_path / "one")
        process, first = converter._process, converter._work
        assert process is not None and first is not None
        assert _sockets(first / "profile0")  # the profile's, made by LibreOffice
        assert any((first / "tmp").glob("lu*.tmp"))  # its own temporary files, in the work folder
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert not converter.running
        assert _sockets(first / "profile0")  # a killed LibreOffice cannot remove it
        (pdf,) = converter.convert(documents[:1], tmp_path / "two")
        assert page_count(pdf) >= 1
        assert not _sockets(first / "profile0")  # removed with what was left of the dead one
        assert not first.exists()  # its temporary files with it
        second = converter._work
        assert second is not None and second != first
    finally:
        converter.close()
    assert converter._work is None
    assert not _sockets(second / "profile0")


def _sockets(profile: Path) -> list[Path]:
    """The sockets LibreOffice made for ``profile`` that are still there."""
    name = f"OSL_PIPE_{os.getuid()}_{profile_pipe(profile)}"
    return [folder / name for folder in PIPE_FOLDERS if (folder / name).exists()]


def test_a_file_it_cannot_open_is_reported_and_the_office_kept(documents: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a package")
    with WarmConverter() as converter:
        with pytest.raises(OfficeError) as caught:
            converter.convert([broken], tmp_path / "out")
        assert [p.code for p in caught.value.problems] == ["pdf-not-produced"]
        assert converter.running
        assert converter.convert(documents[:1], tmp_path / "out")


def test_without_uno_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    require_office_tools(("soffice",))
    monkeypatch.setattr(warm, "uno_python", lambda: None)
    with pytest.raises(OfficeError) as caught:
        WarmConverter().start()
    (problem,) = caught.value.problems
    assert problem.code == "office-uno-missing" and problem.params["packages"] == "python3-uno"


def test_the_issuing_notice_keeps_the_blank_page_before_its_banji(documents: list[Path], tmp_path: Path) -> None:
    from tests.support.plans import issuing_plan

    written = docgen.render(issuing_plan(tmp_path, "red"), tmp_path / "docs", only="issuing-notice")
    (issued,) = [p for p in written if p.suffix == ".docx"]
    (batch,) = convert_to_pdf([issued], tmp_path / "batch")
    with WarmConverter() as converter:
        (kept,) = converter.convert([issued], tmp_path / "warm")
    assert page_count(kept) == page_count(batch)
    assert pdf_text(kept) == pdf_text(batch)
