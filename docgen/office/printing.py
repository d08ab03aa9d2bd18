"""One file to print: every PDF of a run in order, each starting on an odd page, and its contents.

An office prints the whole campaign at once, often on both sides of the paper: a blank page
after a document with an odd number of pages lets the next one start on a front side. The
PDFs are joined with poppler's pdfunite; the blank page is a minimal A4 PDF written here.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.programs import find_tool

TOOL_TIMEOUT = 120.0
_A4_POINTS = (595, 842)


# The page tree's root as LibreOffice writes it: one uncompressed /Pages dictionary with the count.
_PAGE_TREE = re.compile(rb"<<\s*/Type\s*/Pages\b(?:(?!>>|<<).)*?/Count\s+(\d+)", re.S)


def page_count(pdf: Path) -> int:
    """Pages of ``pdf``: read from its one page tree, else asked of pdfinfo (a process for each PDF)."""
    found = _PAGE_TREE.findall(pdf.read_bytes())
    if len(found) == 1:
        return int(found[0])
    return pdfinfo_pages(pdf)


def pdfinfo_pages(pdf: Path) -> int:
    """Pages of ``pdf``, as pdfinfo counts them."""
    output = _run([find_tool("pdfinfo"), str(pdf)], pdf.name)
    match = re.search(r"^Pages:\s+(\d+)", output, re.MULTILINE)
    if match is None:
        raise OfficeError([Finding("print-file-failed", {"detail": "pdfinfo gave no page count"}, file=pdf.name)])
    return int(match.group(1))


def blank_page_pdf() -> bytes:
    """A one-page A4 PDF with nothing on it, with a correct cross-reference table."""
    width, height = _A4_POINTS
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << >> >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def print_file(pdfs: Sequence[tuple[str, Path]], target: Path, contents: Path) -> None:
    """Join ``pdfs`` (title, file) into ``target``, each starting on an odd page; list them in ``contents``.

    ``contents`` (UTF-8 text) names each document with the pages it takes in the joined file,
    and the blank pages put in so that the next document starts on the front of a sheet.
    """
    blank = target.with_name(".blank-page.pdf")
    blank.write_bytes(blank_page_pdf())
    parts: list[str] = []
    lines = []
    page = 1
    blanks = 0
    try:
        for number, (title, pdf) in enumerate(pdfs, 1):
            count = page_count(pdf)
            pages = f"第{page}页" if count == 1 else f"第{page}-{page + count - 1}页（共{count}页）"
            parts.append(str(pdf))
            page += count
            if count % 2 and number < len(pdfs):
                parts.append(str(blank))  # the next document starts on a front side
                pages += f"，第{page}页空白"
                page += 1
                blanks += 1
            lines.append(f"{number:>3}. {title}  {pages}")
        _run([find_tool("pdfunite"), *parts, str(target)], target.name)
    finally:
        blank.unlink(missing_ok=True)
    header = (
        f"全部文件.pdf：{len(pdfs)}个文件，共{page - 1}页，其中空白页{blanks}页（双面打印时每个文件从正面开始）\n\n"
    )
    contents.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def _run(command: list[str], name: str) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TOOL_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Finding("print-file-failed", {"detail": "timed out"}, file=name)]) from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise OfficeError([Finding("print-file-failed", {"detail": detail}, file=name)])
    return result.stdout
