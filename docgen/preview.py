"""Page images of the documents, for a quick look on a machine without an office suite.

The documents are rendered and converted to PDF in a temporary folder; only the PNGs reach
the output folder, one per page, named after the document and the page number, in the same
sub-folders the documents would have (``任务单/宣传部-...任务单-1.png``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import OfficeError, Problem
from docgen.plan import Plan

DEFAULT_RESOLUTION = 80
PDFTOPPM_TIMEOUT = 120.0


def preview(
    plan: Plan | str | Path,
    out_dir: str | Path,
    only: str | Sequence[str] | None = None,
    *,
    unit: str | None = None,
    templates: str | Path | None = None,
    resolution: int = DEFAULT_RESOLUTION,
) -> list[Path]:
    """Write PNG images of every page of the requested documents into ``out_dir``; return them.

    A PNG already in ``out_dir`` under the same name is replaced: previews are throw-away.
    Raises ``OfficeError`` when LibreOffice or pdftoppm is missing or fails.
    """
    from docgen.batch import render
    from docgen.office import find_tool

    pdftoppm = find_tool("pdftoppm")
    out = Path(out_dir)
    images: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as temporary:
        work = Path(temporary)
        written = render(plan, work / "documents", only, templates, unit=unit, pdf=True)
        pages = work / "pages"
        for pdf in (p for p in written if p.suffix == ".pdf"):
            relative = pdf.relative_to(work / "documents")
            drawn = pages / relative.parent
            drawn.mkdir(parents=True, exist_ok=True)
            _draw(pdftoppm, pdf, drawn / pdf.stem, resolution)
        for png in sorted(pages.rglob("*.png")):
            target = out / png.relative_to(pages)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(png, target)
            images.append(target)
    return images


def _draw(pdftoppm: str, pdf: Path, prefix: Path, resolution: int) -> None:
    """One PNG per page: ``PREFIX-1.png`` (pdftoppm pads the number when there are 10+ pages)."""
    command = [pdftoppm, "-r", str(resolution), "-png", str(pdf), str(prefix)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Problem("preview-failed", {"detail": "timed out"}, file=pdf.name)]) from None
    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        raise OfficeError([Problem("preview-failed", {"detail": detail}, file=pdf.name)])
