"""Warm offices for render --pdf: the PDFs convert_to_pdf makes, the cold way without uno, nothing left running."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import docgen
from docgen.errors import OfficeError
from docgen.office import warm, warm_pool
from docgen.office.convert import convert_to_pdf
from docgen.office.warm import WarmConverter
from docgen.office.warm_pool import OfficePool
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN
from tests.support.pdf_reading import page_count, pdf_text

pytestmark = pytest.mark.office


def _needs_uno() -> None:
    if warm.uno_python() is None and os.environ.get("CI") != "true":
        pytest.skip(f"no Python with LibreOffice's uno (apt-get install {warm.UNO_PACKAGE})")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    require_office_tools()
    out = tmp_path_factory.mktemp("documents")
    written = docgen.render(SHIPPED_PLAN, out, only="notice,letter,task-sheet")
    return sorted(p for p in written if p.suffix == ".docx")[:6]


def _copies(documents: list[Path], folder: Path) -> list[Path]:
    folder.mkdir()
    copies = [folder / f"{n}-{p.name}" for n, p in enumerate(documents)]
    for source, copy in zip(documents, copies, strict=True):
        copy.write_bytes(source.read_bytes())
    return copies


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] != "Z"


def test_two_offices_make_the_pdfs_convert_to_pdf_makes(documents: list[Path], tmp_path: Path) -> None:
    _needs_uno()
    reference = convert_to_pdf(documents, tmp_path / "cold")
    copies = _copies(documents, tmp_path / "warm")
    told: list[None] = []
    pool = OfficePool()
    try:
        pool.grow(2)
        made = pool.convert(copies, converted=lambda: told.append(None))
        assert pool.warm and sum(office.running for office in pool.offices) == 2
    finally:
        pool.close()
    assert made == [copy.with_suffix(".pdf") for copy in copies]
    assert len(told) == len(copies)
    for pdf, cold in zip(made, reference, strict=True):
        assert page_count(pdf) == page_count(cold)
        assert pdf_text(pdf) == pdf_text(cold)
    assert all(office._process is None and office._work is None for office in pool.offices)


def test_without_uno_it_converts_the_cold_way(
    documents: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_pool, "uno_python", lambda: None)
    copies = _copies(documents[:2], tmp_path / "cold")
    pool = OfficePool()
    try:
        pool.grow(2)
        made = pool.convert(copies)
        assert not pool.warm and not any(office.running for office in pool.offices)
    finally:
        pool.close()
    assert [page_count(pdf) >= 1 for pdf in made] == [True, True]


def test_a_file_no_office_can_open_is_named(documents: list[Path], tmp_path: Path) -> None:
    _needs_uno()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a package")
    pool = OfficePool()
    try:
        with pytest.raises(OfficeError) as caught:
            pool.convert([broken])
    finally:
        pool.close()
    assert [(p.code, p.file) for p in caught.value.problems] == [("pdf-not-produced", str(broken.resolve()))]


def test_closed_while_starting_it_leaves_nothing_running(monkeypatch: pytest.MonkeyPatch) -> None:
    require_office_tools()
    _needs_uno()
    started: list[WarmConverter] = []
    original = WarmConverter.start

    def start(self: WarmConverter) -> None:
        started.append(self)
        original(self)

    monkeypatch.setattr(WarmConverter, "start", start)
    pool = OfficePool()
    pool.grow(1)
    while not (started and started[0]._process is not None) and pool._starts[0].is_alive():
        time.sleep(0.01)  # until LibreOffice's process exists
    process = started[0]._process
    assert process is not None
    pool.close()
    assert not _alive(process.pid)
    assert started[0]._process is None and started[0]._work is None


def test_render_pdf_stops_its_offices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_office_tools()
    _needs_uno()
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))  # nothing converted before
    pools: list[OfficePool] = []
    original = OfficePool.__init__

    def made(self: OfficePool) -> None:
        original(self)
        pools.append(self)

    monkeypatch.setattr(OfficePool, "__init__", made)
    written = docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice,letter", pdf=True)
    assert sum(p.suffix == ".pdf" for p in written) >= 2
    (pool,) = pools
    assert pool.offices and all(office._process is None and office._work is None for office in pool.offices)
