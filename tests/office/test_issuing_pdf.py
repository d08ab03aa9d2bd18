"""The 印发通知 as LibreOffice prints it: the red head's places and the 版记 at the foot of its page, measured.

Positions come from the PDF: text boxes from ``pdftotext -bbox``, the red mark, the red line and
the 版记's rules from the pixels of ``pdftoppm`` pages (PPM, read here without an image library).
GB/T 9704-2012: the 版心's top is 37 mm from the paper's top and its bottom 35 mm from the
paper's bottom (262 mm from the top); the mark's top 35 mm below the 版心's top; the red line 4 mm
below the 发文字号; the 版记's last rule on the 版心's last line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from plans import ISSUED, issuing_plan

from docgen.documents.batch import render
from docgen.office.convert import PACKAGES

pytestmark = pytest.mark.office
TOOLS = ("soffice", "pdftotext", "pdftoppm", "pdfinfo")
DPI = 150
MM_PER_PIXEL = 25.4 / DPI
TEXT_TOP, TEXT_BOTTOM, LINE = 37.0, 262.0, 10.21  # mm from the paper's top; one line of the grid


@pytest.fixture(scope="module", autouse=True)
def office_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install {PACKAGES})")


def _pdf(folder: Path, head: str) -> Path:
    out = folder / head
    render(issuing_plan(folder, head), out, only=["issuing-notice"], pdf=True)
    return out / ISSUED.replace(".docx", ".pdf")


@pytest.fixture(scope="module")
def red(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _pdf(tmp_path_factory.mktemp("red"), "red")


@pytest.fixture(scope="module")
def preprinted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _pdf(tmp_path_factory.mktemp("preprinted"), "preprinted")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match
    return int(match.group(1))


class Page:
    """One page as RGB pixels: rows of red and of dark pixels, in millimetres from the top."""

    def __init__(self, pdf: Path, number: int) -> None:
        data = subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), str(pdf)],
            capture_output=True,
            check=True,
        ).stdout
        magic, size, _, pixels = data.split(b"\n", 3)
        assert magic == b"P6"
        self.width, self.height = map(int, size.split())
        self.pixels = pixels

    def rows(self, kind: str) -> dict[float, int]:
        """mm from the top -> the number of ``red`` or ``dark`` pixels in that row (rows without any left out)."""
        found = {}
        for y in range(self.height):
            row = self.pixels[y * self.width * 3 : (y + 1) * self.width * 3]
            r, g, b = row[0::3], row[1::3], row[2::3]
            if kind == "red":
                n = sum(1 for i in range(self.width) if r[i] > 180 and g[i] < 100 and b[i] < 100)
            else:
                n = sum(1 for i in range(self.width) if r[i] < 100 and g[i] < 100 and b[i] < 100)
            if n:
                found[y * MM_PER_PIXEL] = n
        return found

    def rules(self, kind: str) -> list[float]:
        """Rows (mm) where ``kind`` pixels cover most of the 版心's width (156 mm): rules, one per line drawn."""
        wide = 0.9 * 156 / MM_PER_PIXEL
        rows = sorted(y for y, n in self.rows(kind).items() if n >= wide)
        return [y for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 1.0]


def test_the_red_mark_stands_35_mm_below_the_text_blocks_top(red: Path) -> None:
    page = Page(red, 1)
    red_rows = page.rows("red")
    assert min(red_rows) == pytest.approx(TEXT_TOP + 35, abs=1.0)


def test_the_red_line_lies_4_mm_below_the_number_and_spans_the_text_block(red: Path) -> None:
    page = Page(red, 1)
    (line,) = page.rules("red")
    number_ink = [y for y in page.rows("dark") if y < line]
    assert line - max(number_ink) == pytest.approx(4, abs=0.8)
    widest = max(n for y, n in page.rows("red").items() if abs(y - line) < 0.5)
    assert widest * MM_PER_PIXEL == pytest.approx(156, abs=1.5)


def test_the_title_stands_two_lines_below_the_red_line(red: Path) -> None:
    page = Page(red, 1)
    (line,) = page.rules("red")
    title_top = min(y for y in page.rows("dark") if y > line + 1)
    assert 2 * LINE <= title_top - line <= 3 * LINE  # two blank lines, then the title's line


def test_preprinted_paper_gets_no_red_and_the_number_in_the_same_place(red: Path, preprinted: Path) -> None:
    assert Page(preprinted, 1).rows("red") == {}
    words = re.compile(r'yMin="([\d.]+)"[^>]*>长医专宣字')
    boxes = [
        subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(p), "-"], capture_output=True, text=True).stdout
        for p in (red, preprinted)
    ]
    tops = [float(m.group(1)) for m in (words.search(b) for b in boxes) if m]
    assert len(tops) == 2 and tops[0] == pytest.approx(tops[1], abs=1.0)


def test_the_record_stands_at_the_foot_of_the_last_page_its_last_rule_on_the_last_line(red: Path) -> None:
    last = page_count(red)
    page = Page(red, last)
    rules = page.rules("dark")
    assert len(rules) == 3  # above 抄送, between, below 印发
    assert rules[-1] == pytest.approx(TEXT_BOTTOM, abs=1.0)
    assert rules[1] - rules[0] == pytest.approx(LINE, abs=1.0)
    box = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(last), "-l", str(last), str(red), "-"], capture_output=True, text=True
    ).stdout
    imprint = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">长春医学高等专科学校党政办公室', box)
    assert imprint is not None
    top, bottom = (float(v) / 72 * 25.4 for v in imprint.groups())
    assert top >= TEXT_BOTTOM - LINE and bottom <= TEXT_BOTTOM + 0.5  # on the 版心's last line


def test_the_record_is_on_an_even_page(red: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(red), "-"], capture_output=True, text=True, check=True).stdout
    record_page = next(p for p in text.split("\f") if "印发" in p and "抄送" in p)
    number = re.search(r"—\s*(\d+)\s*—", record_page)
    assert number is not None and int(number.group(1)) % 2 == 0
