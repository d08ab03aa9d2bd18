"""The documents as PDFs and as one file to print: ``打印/全部文件.pdf`` in the order an office prints.

Made in the render's staging folder, so the PDFs are committed with the documents, all or
nothing. A PDF is recorded under its document's kind with ``.pdf`` appended (``notice.pdf``), so
that a later run without ``--pdf`` replaces the documents and leaves the PDFs where they are
(``stale_pdfs`` then names them).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from docgen.progress import Progress, Tally
from docgen.rendering.jobs import Document

PDF_KIND = ".pdf"  # appended to a document's kind in the manifest for the PDF made from it
PRINT_KIND = "print"  # the joined file to print and its list of contents
PRINT_FILE = PurePosixPath("打印/全部文件.pdf")
PRINT_CONTENTS = PurePosixPath("打印/目录.txt")


def make_pdfs(
    stage: Path, documents: Sequence[Document], *, jobs: int | None, print_file: bool, progress: Progress | None = None
) -> dict[PurePosixPath, str]:
    """PDFs of the staged documents and the print file: path -> kind.

    A document converted before (the same bytes) takes its PDF from docgen's cache; the others
    are converted in ``jobs`` LibreOffice runs side by side (default: one per core, for four
    documents or more).
    """
    from docgen.office.pdf_cache import convert_cached
    from docgen.rendering.workers import usable_cores

    progress = progress or Progress()
    progress.step("convert", len(documents))
    convert_cached(
        [stage / d.path for d in documents], processes=jobs, cores=usable_cores(), converted=Tally(progress).add
    )
    made = {d.path.with_suffix(".pdf"): d.kind + PDF_KIND for d in documents}
    if print_file:
        progress.step("print-file")
        made |= _print_file(stage, documents)
    return made


def print_order(documents: Sequence[Document]) -> list[Document]:
    """The order an office prints in: notice, form, letter, then each unit's task sheet and its form."""
    sheets = [d for d in documents if d.kind == "task-sheet"]
    forms = [d for d in documents if d.kind == "unit-form"]
    ordered = [d for d in documents if d.kind not in ("task-sheet", "unit-form")]
    for pair in itertools.zip_longest(sheets, forms):
        ordered += [d for d in pair if d is not None]
    return ordered


def _print_file(stage: Path, documents: Sequence[Document]) -> dict[PurePosixPath, str]:
    """``打印/全部文件.pdf`` (every PDF in print order, each from an odd page) and its ``目录.txt``."""
    from docgen.office.printing import print_file

    ordered = [(d.path.with_suffix("").as_posix(), stage / d.path.with_suffix(".pdf")) for d in print_order(documents)]
    (stage / PRINT_FILE).parent.mkdir(parents=True, exist_ok=True)
    print_file(ordered, stage / PRINT_FILE, stage / PRINT_CONTENTS)
    return {PRINT_FILE: PRINT_KIND, PRINT_CONTENTS: PRINT_KIND}


def stale_pdfs(out_dir: str | Path) -> list[Path]:
    """PDFs docgen made in ``out_dir`` that are older than their document (after a run without ``--pdf``)."""
    from docgen.rendering.outputs import read_manifest

    out = Path(out_dir)
    stale = []
    for key, entry in read_manifest(out).items():
        pdf, source = out / key, (out / key).with_suffix(".docx")
        ours = entry.get("kind", "").endswith(PDF_KIND) and pdf.is_file() and source.is_file()
        if ours and source.stat().st_mtime_ns > pdf.stat().st_mtime_ns:
            stale.append(pdf)
    return sorted(stale)
