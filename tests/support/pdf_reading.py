"""Reading PDFs back with poppler: text in reading order, page counts, word positions, fonts."""

from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4  # points per millimetre


def pdf_text(pdf: Path) -> str:
    """The text in content-stream order (``-raw``): table cells come row by row, as in the .docx."""
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


def docx_characters(docx: Path) -> str:
    """Every character of the document body's text runs, white space removed."""
    with zipfile.ZipFile(docx) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    return re.sub(r"\s", "", "".join(t.text or "" for t in root.iter(W_NS + "t")))


@dataclasses.dataclass(frozen=True)
class Word:
    """A word as pdftotext -bbox reports it: its page (from 1) and box in points."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    page = 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append(Word(page, x0, y0, x1, y1, match.group(5)))
    return found


def text_lines(pdf: Path) -> list[list[Word]]:
    """Words grouped into printed lines (same page, same baseline), top to bottom, left to right."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in words(pdf):
        lines.setdefault((word.page, round(word.y_max)), []).append(word)
    return [sorted(ws, key=lambda w: w.x_min) for _, ws in sorted(lines.items())]


def line_text(line: list[Word]) -> str:
    return "".join(w.text for w in line)


LEFT_EDGE = 28 * MM  # portrait text block: 28 mm left margin
RIGHT_EDGE = (28 + 156) * MM


def widows(pdf: Path) -> list[str]:
    """Last lines of wrapped body paragraphs that hold one or two characters, with the line before.

    A wrapped line starts at the left margin (a paragraph's first line is indented) and follows
    a line that reaches the right margin.
    """
    found = []
    lines = text_lines(pdf)
    for before, line in itertools.pairwise(lines):
        text = line_text(line)
        starts_flush = abs(line[0].x_min - LEFT_EDGE) < 1.5
        follows_full_line = before[-1].x_max > RIGHT_EDGE - 16 and abs(before[0].x_min - LEFT_EDGE) < 40
        if starts_flush and follows_full_line and len(text) <= 2:
            found.append(line_text(before)[-6:] + "/" + text)
    return found
