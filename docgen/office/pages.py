"""Page images of PDFs, one PNG per page (poppler's pdftoppm), drawn by several pdftoppm side by side."""

from __future__ import annotations

import concurrent.futures
import subprocess
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.convert import find_tool

PDFTOPPM_TIMEOUT = 120.0


def find_pdftoppm() -> str:
    """Pdftoppm on PATH, or ``OfficeError`` naming the package to install."""
    return find_tool("pdftoppm")


def draw_pages(pdftoppm: str, pdf: Path, prefix: Path, resolution: int, pages: tuple[int, int] | None = None) -> None:
    """One PNG per page: ``PREFIX-1.png`` (pdftoppm pads the number when the PDF has 10+ pages).

    ``pages`` (first, last) draws only those; the names are those of a whole run.
    """
    chosen = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    command = [pdftoppm, "-r", str(resolution), "-png", *chosen, str(pdf), str(prefix)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Finding("preview-failed", {"detail": "timed out"}, file=pdf.name)]) from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise OfficeError([Finding("preview-failed", {"detail": detail}, file=pdf.name)])


def draw_all(pdftoppm: str, drawings: Sequence[tuple[Path, Path]], resolution: int, *, processes: int) -> None:
    """Every page of each ``(pdf, prefix)``, in ``processes`` pdftoppm runs side by side.

    With fewer PDFs than runs, each PDF is shared out by page ranges, so that the pages of one
    document are drawn in parallel too.
    """
    runs: list[tuple[Path, Path, tuple[int, int] | None]] = [(pdf, prefix, None) for pdf, prefix in drawings]
    if processes > 1 and len(drawings) < processes:
        from docgen.office.printing import page_count

        runs = []
        for pdf, prefix in drawings:
            count = page_count(pdf)
            share = max(1, -(-count * len(drawings) // processes))
            runs += [(pdf, prefix, (first, min(first + share - 1, count))) for first in range(1, count + 1, share)]
    if processes <= 1 or len(runs) <= 1:
        for pdf, prefix, pages in runs:
            draw_pages(pdftoppm, pdf, prefix, resolution, pages)
        return
    with concurrent.futures.ThreadPoolExecutor(processes) as pool:
        for done in [pool.submit(draw_pages, pdftoppm, pdf, prefix, resolution, pages) for pdf, prefix, pages in runs]:
            done.result()
