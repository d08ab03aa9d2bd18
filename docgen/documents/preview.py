"""Page images of the documents, for a quick look on a machine without an office suite.

The documents are rendered and converted to PDF in a temporary folder (a document converted
before, the same bytes, takes its PDF from docgen's cache: ``office.pdf_cache``), the pages drawn
by as many pdftoppm runs as there are cores; only the PNGs reach the output folder, one per
page, named after the document and the page number, in the same
sub-folders the documents would have (``任务单/宣传部-...任务单-1.png``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from docgen.plan.model import Plan
from docgen.progress import Progress, Tally

if TYPE_CHECKING:
    from docgen.plan.files import CheckReport

DEFAULT_RESOLUTION = 150  # pixels per inch: an A4 page 1240 x 1754, small print still readable
PREVIEW = "preview"  # the kind the output manifest records for page images


def preview(
    plan: Plan | str | Path,
    out_dir: str | Path,
    only: str | Sequence[str] | None = None,
    *,
    unit: str | None = None,
    templates: str | Path | None = None,
    resolution: int = DEFAULT_RESOLUTION,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write PNG images of every page of the requested documents into ``out_dir``; return them.

    The images are written like documents (``docgen.rendering.outputs``): all or nothing, replacing the
    previews docgen made before and nothing else unless ``force``. ``progress`` hears the
    render's steps, then ``pages`` counting the PDFs drawn. Raises ``OfficeError`` when
    LibreOffice or pdftoppm is missing or fails.
    """
    from docgen.documents.batch import render
    from docgen.office.pages import draw_all, find_pdftoppm
    from docgen.rendering.outputs import check_targets, commit, staging
    from docgen.rendering.workers import usable_cores

    pdftoppm = find_pdftoppm()
    out = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as temporary:
        work = Path(temporary)
        progress = progress or Progress()
        written = render(
            plan, work / "documents", only, templates, unit=unit, pdf=True, print_file=False, progress=progress
        )
        pages = work / "pages"
        pdfs = [p for p in written if p.suffix == ".pdf"]
        progress.step("pages", len(pdfs))
        drawings = []
        for pdf in pdfs:
            relative = pdf.relative_to(work / "documents")
            drawn = pages / relative.parent
            drawn.mkdir(parents=True, exist_ok=True)
            drawings.append((pdf, drawn / pdf.stem))
        draw_all(pdftoppm, drawings, resolution, processes=usable_cores(), drawn=Tally(progress).add)
        progress.step("write")
        images = [PurePosixPath(png.relative_to(pages).as_posix()) for png in sorted(pages.rglob("*.png"))]
        check_targets(out, images, force=force, inputs=[plan if isinstance(plan, (str, Path)) else None])
        whole_run = only is None and unit is None  # only then are older images of other pages stale
        with staging(out) as stage:
            for image in images:
                (stage / image).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(pages / image, stage / image)
            commit(
                out,
                stage,
                dict.fromkeys(images, PREVIEW),
                replaced_kinds={PREVIEW} if whole_run else set(),
                force=force,
            )
    return [out / image for image in images]


Converter = Callable[[Sequence[Path], Path], list[Path]]
"""Converts .docx files to PDFs in a folder, in order (``office.convert.convert_to_pdf``, or a warm LibreOffice)."""
_DRAWN = ".drawn"  # in a cached document's folder once all its pages are there


def page_images(
    plan: Plan | CheckReport | str | Path,
    cache_dir: Path,
    only: str,
    *,
    unit: str | None = None,
    templates: str | Path | None = None,
    resolution: int = DEFAULT_RESOLUTION,
    converter: Converter | None = None,
) -> list[Path]:
    """Images of the pages of the documents of kind ``only`` (``unit``'s alone, if given), in order.

    The documents are rendered as ``preview`` renders them; each one's pages are kept in
    ``cache_dir`` under the SHA-256 of the document (outputs are reproducible), so a document
    seen before is not converted again: a plan edit that leaves the notice as it was costs a
    render, not a LibreOffice run. ``converter`` converts the documents not seen before (default:
    one LibreOffice run, as ``render --pdf``). Raises what ``render`` raises, ``OfficeError``.
    """
    from docgen.documents.batch import render
    from docgen.office.pages import find_pdftoppm
    from docgen.rendering.outputs import sha256

    pdftoppm = find_pdftoppm()
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as temporary:
        work = Path(temporary)
        written = render(plan, work / "documents", only, templates, unit=unit, print_file=False)
        folders = [cache_dir / f"{sha256(docx)}-{resolution}" for docx in written]
        new = [(docx, folder) for docx, folder in zip(written, folders, strict=True) if not (folder / _DRAWN).is_file()]
        if new:
            convert = converter if converter is not None else _convert_once
            pdfs = convert([docx for docx, _ in new], work / "pdf")
            for (_, folder), pdf in zip(new, pdfs, strict=True):
                _draw_into(pdftoppm, pdf, folder, resolution)
    return [page for folder in folders for page in _pages(folder)]


def _convert_once(documents: Sequence[Path], folder: Path) -> list[Path]:
    from docgen.office.convert import convert_to_pdf

    folder.mkdir(parents=True, exist_ok=True)
    return convert_to_pdf(documents, folder)


def _draw_into(pdftoppm: str, pdf: Path, folder: Path, resolution: int) -> None:
    """Draw the PDF's pages into a fresh folder beside ``folder``, then put it in place (a reader never sees half)."""
    from docgen.office.pages import draw_pages

    fresh = Path(tempfile.mkdtemp(prefix=".drawing-", dir=folder.parent))
    try:
        draw_pages(pdftoppm, pdf, fresh / "page", resolution)
        (fresh / _DRAWN).touch()
        try:
            fresh.rename(folder)
        except OSError:  # drawn meanwhile by another request: that one is as good
            if not (folder / _DRAWN).is_file():
                raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _pages(folder: Path) -> list[Path]:
    """``page-1.png`` … in page order (pdftoppm pads the numbers of long documents: ``page-01.png``)."""
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
