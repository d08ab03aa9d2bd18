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

from docgen.documents.batch import render
from docgen.office.programs import PACKAGES
from tests.support.plans import ISSUED, issuing_plan, sample_issuing_plan

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


def test_the_record_is_on_an_even_page_without_a_number(red: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(red), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    record = next(n for n, p in enumerate(pages, 1) if "印发" in p and "抄送" in p)
    assert record == len(pages) and record % 2 == 0
    assert re.search(r"—\s*\d+\s*—", pages[-1]) is None  # GB/T 9704-2012 7.5: the 版记's page is not numbered


def test_the_number_stands_two_lines_below_the_mark(red: Path) -> None:
    page = Page(red, 1)
    (line,) = page.rules("red")
    mark_bottom = max(y for y in page.rows("red") if y < line - 1)
    number_top = min(y for y in page.rows("dark") if mark_bottom < y < line)
    assert 2 * LINE <= number_top - mark_bottom <= 3 * LINE  # two blank lines, then the number's line


LONG_TITLE = "关于各部门各院部报送职业教育宣传月期间开展的全部宣传活动的图片视频和文字材料的具体格式要求"
ATTACHMENTS = f"""
attachments:
  - form
  - title: {LONG_TITLE}
    table:
      columns: [材料, 格式]
      rows: [[图片, JPG]]
"""


def test_a_wrapped_attachment_name_lines_up_under_its_first_character(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render(issuing_plan(tmp_path, "red", extra=ATTACHMENTS), out, only=["issuing-notice"], pdf=True)
    pdf = out / ISSUED.replace(".docx", ".pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = next(p for p in boxes.split("<page ") if "附件：1." in p)
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', page):
        rows.setdefault(float(y), []).append((float(x), text))
    note = [
        sorted(words)
        for y, words in sorted(rows.items())
        if y >= min(y for y, w in rows.items() if "附件：1." in w[0][1])
    ]
    numbered = [words for words in note if re.fullmatch(r"(附件：)?\d\.", words[0][1])]
    assert [w[0][1] for w in numbered] == ["附件：1.", "2.", "3."]
    starts = [w[1][0] for w in numbered]  # each name's first character
    assert max(starts) - min(starts) < 2.0  # names line up under one another
    third = note.index(numbered[2])
    wrapped = note[third + 1 : third + 3]
    assert "".join(w[1] for w in numbered[2][1:]) + "".join(w[0][1] for w in wrapped) == LONG_TITLE
    assert all(abs(w[0][0] - starts[2]) < 2.0 for w in wrapped)  # wrapped lines under the name's first character


LONG_COPY_TO = "[" + ", ".join(f"吉林省教育厅职业教育与成人教育处第{n}科" for n in "一二三") + "]"


@pytest.mark.parametrize(("copy_to", "rules"), [("[]", 2), (LONG_COPY_TO, 3)])
def test_the_last_rule_stays_on_the_last_line_whatever_the_copy_to_lines(
    tmp_path: Path, copy_to: str, rules: int
) -> None:
    out = tmp_path / "out"
    render(issuing_plan(tmp_path, "red", copy_to=copy_to), out, only=["issuing-notice"], pdf=True)
    pdf = out / ISSUED.replace(".docx", ".pdf")
    page = Page(pdf, page_count(pdf))
    found = page.rules("dark")
    assert len(found) == rules
    assert found[-1] == pytest.approx(TEXT_BOTTOM, abs=1.0)
    if copy_to != "[]":
        assert found[1] - found[0] == pytest.approx(3 * LINE, abs=1.0)  # 60 characters of 抄送: three lines


@pytest.mark.parametrize("sealed", [True, False])
def test_the_shipped_samples_record_follows_a_blank_page_and_the_numbers_never_skip(
    tmp_path: Path, sealed: bool
) -> None:
    """README step 4's sample block as printed: pages 1..n-2 numbered in turn, n-1 blank, the 版记 alone on n (even)."""
    out = tmp_path / "out"
    render(sample_issuing_plan(tmp_path, sealed=sealed), out, only=["issuing-notice"], pdf=True)
    pdf = out / ISSUED.replace(".docx", ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == page_count(pdf) and len(pages) % 2 == 0
    assert "抄送" in pages[-1] and "印发" in pages[-1]
    assert pages[-2].strip() == ""  # the blank page before the 版记: no text, no number
    numbers = [[int(n) for n in re.findall(r"—\s*(\d+)\s*—", page)] for page in pages]
    assert numbers == [[n] for n in range(1, len(pages) - 1)] + [[], []]
