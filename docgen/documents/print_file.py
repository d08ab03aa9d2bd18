"""The documents as PDFs and as one file to print: ``打印/全部文件.pdf`` in the order an office prints.

Made in the render's staging folder, so the PDFs are committed with the documents, all or
nothing. A PDF is recorded under its document's kind with ``.pdf`` appended (``notice.pdf``), so
that a later run without ``--pdf`` replaces the documents and leaves the PDFs where they are
(``stale_pdfs`` then names them).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from docgen.progress import Progress, Tally
from docgen.rendering.jobs import Document

PDF_KIND = ".pdf"  # appended to a document's kind in the manifest for the PDF made from it
PRINT_KIND = "print"  # the joined file to print and its list of contents
PRINT_FILE = PurePosixPath("打印/全部文件.pdf")
PRINT_CONTENTS = PurePosixPath("打印/目录.txt")


def make_pdfs(
    stage: Path,
    documents: Sequence[Document],
    *,
    jobs: int | None,
    print_file: bool,
    layout_keys: Mapping[PurePosixPath, str] | None = None,
    progress: Progress | None = None,
) -> dict[PurePosixPath, str]:
    """PDFs of the staged documents and the print file: path -> kind.

    A document converted before (the same bytes) takes its PDF from docgen's cache; the others
    are converted in ``jobs`` LibreOffice runs side by side (default: one per core, for four
    documents or more). The 公文 among them (``layout_keys``: their content keys) then go through
    the layout pass (``documents.fitting``), converted again where their pages needed adjusting.
    The print file is joined while the 公文 are measured, and joined again only where the pass
    made a PDF again (seldom: its adjustments are remembered by content).
    """
    import concurrent.futures  # here: a render without PDFs imports this module too

    from docgen.documents.fitting import fit_pages, measure_fitted
    from docgen.office.convert import convert_to_pdf
    from docgen.office.pdf_cache import convert_cached
    from docgen.rendering.workers import usable_cores

    progress = progress or Progress()
    progress.step("convert", len(documents))
    convert_cached(
        [stage / d.path for d in documents], processes=jobs, cores=usable_cores(), converted=Tally(progress).add
    )
    keys = dict(layout_keys or {})
    made = {d.path.with_suffix(".pdf"): d.kind + PDF_KIND for d in documents}
    if print_file:
        progress.step("print-file")
    with concurrent.futures.ThreadPoolExecutor(1) as joiner:
        joined = joiner.submit(_print_file, stage, documents) if print_file else None
        measured = measure_fitted(stage, documents, keys) if keys else None
        concurrent.futures.wait([joined] if joined is not None else [])  # before any PDF is made again
    if measured is not None and fit_pages(stage, documents, keys, lambda paths: convert_to_pdf(paths), measured):
        return made | (_print_file(stage, documents) if print_file else {})  # what failed before is asked again
    return made | (joined.result() if joined is not None else {})


# Printed inside the 印发通知, as its 附件1 and 附件2: with it in the run, not printed again on their own.
ISSUED_WITH_NOTICE = ("notice", "form")


def print_order(documents: Sequence[Document]) -> list[Document]:
    """The order an office prints in: the notice, its form, the letter, then each unit's task sheet and its form.

    With an 印发通知 in the run it comes first, and the 方案 and the form, which it holds as its
    attachments, are not printed a second time.
    """
    issuing = [d for d in documents if d.kind == "issuing-notice"]
    left_out = {"task-sheet", "unit-form", "issuing-notice", *(ISSUED_WITH_NOTICE if issuing else ())}
    sheets = [d for d in documents if d.kind == "task-sheet"]
    forms = [d for d in documents if d.kind == "unit-form"]
    ordered = issuing + [d for d in documents if d.kind not in left_out]
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
