"""Pictures placed by a template reach the PDF: LibreOffice shows them, and the printed QR code scans."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

import docgen
from docgen.resources import templates_dir
from tests.support.office import require_office_tools
from tests.support.pictures import WEBSITE, picture_plan, picture_template
from tests.support.plans import replace_in_docx


def _images(pdf: Path) -> list[tuple[int, str, int, int]]:
    """``pdfimages -list``: each image's page, type, width and height (soft masks left out)."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    return [(int(r[0]), r[2], int(r[3]), int(r[4])) for r in rows if r[2] == "image"]


def test_the_logo_and_the_qr_code_are_in_the_pdf_and_the_qr_code_scans_from_the_page(tmp_path: Path) -> None:
    require_office_tools(("soffice", "pdfimages", "pdftoppm"))
    plan = picture_plan(tmp_path)
    body = ['校徽：{{ image("logo", width_mm=30) }}', "扫码访问：{{ qr(letter.website, width_mm=30) }}"]
    picture_template(tmp_path / "templates" / "letter.docx", body, '{{ image("logo", height_mm=8) }}')
    written = docgen.render(plan, tmp_path / "out", only=["letter"], pdf=True, print_file=False)
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    images = _images(pdf)
    assert len(images) == 3 and {page for page, *_ in images} == {1}  # body logo, QR code, footer logo
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    (page,) = tmp_path.glob("page*.png")
    zxingcpp = pytest.importorskip("zxingcpp")
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(page))] == [WEBSITE]


def test_a_qr_code_placed_in_the_shipped_letter_scans_from_its_printed_page(tmp_path: Path) -> None:
    """The shipped template's body has GB/T 9704's exact line spacing; the picture's paragraph does not."""
    require_office_tools(("soffice", "pdfimages", "pdftoppm"))
    plan = picture_plan(tmp_path)
    template = tmp_path / "templates" / "letter.docx"
    template.parent.mkdir()
    template.write_bytes((templates_dir() / "letter.docx").read_bytes())
    replace_in_docx(
        template, "学校网址：{{ letter.website }}", "学校网址：{{ letter.website }}{{ qr(letter.website) }}"
    )
    written = docgen.render(plan, tmp_path / "out", only=["letter"], pdf=True, print_file=False)
    (pdf,) = [p for p in written if p.suffix == ".pdf"]
    assert len(_images(pdf)) == 1
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True)
    zxingcpp = pytest.importorskip("zxingcpp")
    found = [
        code.text for page in sorted(tmp_path.glob("page*.png")) for code in zxingcpp.read_barcodes(Image.open(page))
    ]
    assert found == [WEBSITE]
