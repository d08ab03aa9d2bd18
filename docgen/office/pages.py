"""Page images of PDFs, one PNG per page (poppler's pdftoppm)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.programs import find_tool

PDFTOPPM_TIMEOUT = 120.0


def find_pdftoppm() -> str:
    """Pdftoppm on PATH, or ``OfficeError`` naming the package to install."""
    return find_tool("pdftoppm")


def draw_pages(pdftoppm: str, pdf: Path, prefix: Path, resolution: int) -> None:
    """One PNG per page: ``PREFIX-1.png`` (pdftoppm pads the number when there are 10+ pages)."""
    command = [pdftoppm, "-r", str(resolution), "-png", str(pdf), str(prefix)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Finding("preview-failed", {"detail": "timed out"}, file=pdf.name)]) from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise OfficeError([Finding("preview-failed", {"detail": detail}, file=pdf.name)])
