"""PDFs are kept by the content of their .docx: a second render --pdf and a preview after it convert nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import docgen
from docgen.documents.preview import preview
from docgen.office import pdf_cache
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN
from tests.support.pdf_reading import pdf_text

pytestmark = pytest.mark.office


@pytest.fixture
def conversions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files each LibreOffice run converted, with a cache of the test's own."""
    require_office_tools(("soffice", "pdftoppm", "pdfinfo", "pdftotext"))
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    runs: list[list[str]] = []
    convert = pdf_cache.convert_to_pdf

    def counted(paths: list[Path], **options: object) -> list[Path]:
        runs.append([p.name for p in paths])
        return convert(paths, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_cache, "convert_to_pdf", counted)
    return runs


def test_a_second_render_and_a_preview_convert_nothing(tmp_path: Path, conversions: list[list[str]]) -> None:
    first = docgen.render(SHIPPED_PLAN, tmp_path / "one", only="notice,letter", pdf=True)
    assert len(conversions) == 1 and len(conversions[0]) == 2
    again = docgen.render(SHIPPED_PLAN, tmp_path / "two", only="notice,letter", pdf=True)
    assert len(conversions) == 1
    pdfs = sorted(p for p in first if p.suffix == ".pdf" and "打印" not in p.parts)
    kept = sorted(p for p in again if p.suffix == ".pdf" and "打印" not in p.parts)
    assert [p.read_bytes() for p in pdfs] == [p.read_bytes() for p in kept]
    images = preview(SHIPPED_PLAN, tmp_path / "preview", "letter", resolution=20)
    assert images and len(conversions) == 1


def test_an_edited_plan_converts_only_what_changed(tmp_path: Path, conversions: list[list[str]]) -> None:
    docgen.render(SHIPPED_PLAN, tmp_path / "one", only="notice,letter", pdf=True)
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("salutation: 亲爱的", "salutation: 尊敬的", 1)
    assert "尊敬的初中" in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    written = docgen.render(plan, tmp_path / "two", only="notice,letter", pdf=True)
    assert conversions[1] == ["致初中、高中毕业生及家长的一封信.docx"]
    letter = next(p for p in written if p.name == "致初中、高中毕业生及家长的一封信.pdf")
    assert "尊敬的初中" in pdf_text(letter)


def test_another_office_or_font_map_is_another_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    require_office_tools(("soffice",))
    before = pdf_cache.converter_identity()
    fonts = tmp_path / "fonts.conf"
    fonts.write_text("<fontconfig/>", encoding="utf-8")
    monkeypatch.setattr(pdf_cache, "fontconfig_file", lambda: fonts)
    assert pdf_cache.converter_identity() != before
