"""What a PDF shows, read back with poppler: each page's lines of text and where they stand, its fonts.

LibreOffice, not an estimate, decides where a page breaks; the layout pass
(``docgen.documents.fitting``) and the print file read its decisions here. Lines come from
``pdftotext -bbox-layout`` (a table cell's lines are lines of their own), in points from the
paper's top-left corner; fonts from ``pdffonts``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.programs import find_tool

TOOL_TIMEOUT = 120.0
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word [^>]*>([^<]*)</word>")
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: its page (from 1), its box in points from the paper's top-left, its text without spaces."""

    page: int
    top: float
    bottom: float
    left: float
    right: float
    text: str


@dataclass(frozen=True)
class PrintedPage:
    """One page: its size in points and its lines in the order the PDF holds them."""

    number: int
    width: float
    height: float
    lines: tuple[PrintedLine, ...]

    def page_number(self) -> int | None:
        """The page number printed in the footer (“— 3 —” in the page's lowest fifth), None on a page without one."""
        for line in self.lines:
            match = PAGE_NUMBER.match(line.text)
            if line.top > self.height * 0.8 and match:
                return int(match.group(1))
        return None


def printed_pages(pdf: Path) -> list[PrintedPage]:
    """Every page of ``pdf`` with its lines; ``OfficeError`` when poppler is missing or cannot read it."""
    output = _poppler("pdftotext", ["-bbox-layout", str(pdf), "-"], pdf)
    pages = []
    for number, page in enumerate(_PAGE.finditer(output), 1):
        lines = tuple(
            PrintedLine(number, float(y0), float(y1), float(x0), float(x1), _text(body))
            for x0, y0, x1, y1, body in _LINE.findall(page.group(3))
        )
        pages.append(PrintedPage(number, float(page.group(1)), float(page.group(2)), lines))
    return pages


def _text(line: str) -> str:
    text = "".join(_WORD.findall(line))
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


@dataclass(frozen=True)
class PdfFont:
    """A font a PDF uses, as ``pdffonts`` lists it: the face's name (subset prefix removed), embedded or not."""

    name: str
    kind: str
    embedded: bool


def pdf_fonts(pdf: Path) -> list[PdfFont]:
    """The faces LibreOffice drew ``pdf`` with: which fonts it resolved the templates' names to.

    A font check (GB/T 9704's 仿宋, 小标宋, 楷体, 黑体) compares these with the faces it expects;
    ``AR PL UKai`` where LXGW WenKai was wanted is a fallback.
    """
    output = _poppler("pdffonts", [str(pdf)], pdf)
    fonts = []
    for line in output.splitlines()[2:]:  # a header and a rule
        fields = line.split()
        if len(fields) < 7:
            continue
        # name, type (one or two words), encoding, emb, sub, uni, object, id: read from the right
        name, embedded = fields[0], fields[-5] == "yes"
        kind = " ".join(fields[1:-6])
        fonts.append(PdfFont(name.split("+", 1)[-1], kind, embedded))
    return fonts


def _poppler(tool: str, arguments: list[str], pdf: Path) -> str:
    command = [find_tool(tool), *arguments]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Finding("pdf-unreadable", {"tool": tool, "detail": "timed out"}, file=str(pdf))]) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip() or f"exit status {result.returncode}"
        raise OfficeError([Finding("pdf-unreadable", {"tool": tool, "detail": detail}, file=str(pdf))])
    return result.stdout.decode("utf-8", "replace")
