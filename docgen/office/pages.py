"""Page images of PDFs, one PNG per page, drawn by several pdftoppm side by side.

pdftoppm draws a page in a fiftieth of a second but takes a quarter of a second more to write
it as PNG; it writes the page as a plain bitmap (PPM) instead, and Pillow writes the PNG, at
zlib's fastest level, in a tenth of the time (``PNG_LEVEL``).
"""

from __future__ import annotations

import concurrent.futures
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.programs import find_tool

PDFTOPPM_TIMEOUT = 120.0
# zlib's fastest level: 0.033 s an A4 page at 150 dpi against 0.06 s at level 6 (pdftoppm's), and
# with the zlib-ng that Pillow's wheels carry no larger (8 % smaller over the notice and a task
# sheet, measured with Pillow 13); a preview is looked at once, not archived.
PNG_LEVEL = 1


def find_pdftoppm() -> str:
    """Pdftoppm on PATH, or ``OfficeError`` naming the package to install."""
    return find_tool("pdftoppm")


def draw_pages(pdftoppm: str, pdf: Path, prefix: Path, resolution: int, pages: tuple[int, int] | None = None) -> None:
    """One PNG per page: ``PREFIX-1.png`` (pdftoppm pads the number when the PDF has 10+ pages).

    ``pages`` (first, last) draws only those; the names are those of a whole run.
    """
    chosen = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    drawn = prefix.with_name(f".{prefix.name}-{pages[0] if pages else 0}")  # a run's own bitmaps
    command = [pdftoppm, "-r", str(resolution), *chosen, str(pdf), str(drawn)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeError([Finding("preview-failed", {"detail": "timed out"}, file=pdf.name)]) from None
    bitmaps = sorted(drawn.parent.glob(f"{drawn.name}-*.ppm"))
    try:
        if result.returncode != 0:
            detail = result.stderr.strip() or f"exit status {result.returncode}"
            raise OfficeError([Finding("preview-failed", {"detail": detail}, file=pdf.name)])
        for bitmap in bitmaps:
            _as_png(bitmap, prefix.with_name(prefix.name + bitmap.stem.removeprefix(drawn.name) + ".png"))
    finally:
        for bitmap in bitmaps:
            bitmap.unlink(missing_ok=True)


def _as_png(bitmap: Path, png: Path) -> None:
    """The page's bitmap written as PNG (the same pixels as pdftoppm's own PNG)."""
    from PIL import Image

    with Image.open(bitmap) as image:
        image.save(png, "PNG", compress_level=PNG_LEVEL)


def draw_all(
    pdftoppm: str,
    drawings: Sequence[tuple[Path, Path]],
    resolution: int,
    *,
    processes: int,
    drawn: Callable[[], None] | None = None,
) -> None:
    """Every page of each ``(pdf, prefix)``, in ``processes`` pdftoppm runs side by side.

    With fewer PDFs than runs, each PDF is shared out by page ranges, so that the pages of one
    document are drawn in parallel too. ``drawn`` is told of each PDF whose pages are all drawn.
    """
    runs: list[tuple[Path, Path, tuple[int, int] | None]] = [(pdf, prefix, None) for pdf, prefix in drawings]
    if processes > 1 and len(drawings) < processes:
        from docgen.office.printing import page_count

        runs = []
        for pdf, prefix in drawings:
            count = page_count(pdf)
            share = max(1, -(-count * len(drawings) // processes))
            runs += [(pdf, prefix, (first, min(first + share - 1, count))) for first in range(1, count + 1, share)]
    left = Counter(prefix for _, prefix, _ in runs)
    lock = threading.Lock()

    def draw(pdf: Path, prefix: Path, pages: tuple[int, int] | None) -> None:
        draw_pages(pdftoppm, pdf, prefix, resolution, pages)
        with lock:
            left[prefix] -= 1
            finished = left[prefix] == 0
        if finished and drawn is not None:
            drawn()

    if processes <= 1 or len(runs) <= 1:
        for run in runs:
            draw(*run)
        return
    with concurrent.futures.ThreadPoolExecutor(processes) as pool:
        for done in [pool.submit(draw, *run) for run in runs]:
            done.result()
