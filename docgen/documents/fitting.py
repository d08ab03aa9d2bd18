"""The layout pass: each 公文 measured in the PDF LibreOffice made of it, and adjusted until its pages hold.

Where a page breaks depends on the text, so no template can promise what GB/T 9704-2012 asks of
a 公文's pages: the body starts on the first page, under the head (a sealed 印发通知 whose
signature block does not fit there must not carry its body away to page 2), and the page with
the signature carries body text, at least two lines of it (7.3.5.4: when the space left cannot
hold the signature, adjust line and character spacing). The PDF is the judge: the pass reads
each page's lines back (``docgen.office.printed``), finds which paragraph printed where, and
where a rule fails it adjusts (``docgen.documents.adjustments``) and converts again, a few
rounds at most. Within the latitude only: exact line spacing on the pages concerned (never
tighter than ``MIN_LINE``), paragraphs kept with the signature; never the font size.

What it settles is remembered by the document's content (``docgen.documents.fit_cache``): a
later plain ``render`` of the same content makes the same .docx without LibreOffice.
"""

from __future__ import annotations

import concurrent.futures
import difflib
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from docgen.documents.adjustments import (
    MIN_GAP,
    MIN_LINE,
    Adjustment,
    Block,
    apply_adjustments,
    blocks_of,
)
from docgen.documents.fit_cache import remember, remembered
from docgen.office.printed import PAGE_NUMBER, PrintedLine, PrintedPage, printed_pages
from docgen.rendering.jobs import Document

log = logging.getLogger(__name__)

ROUNDS = 3  # conversions after the first, at most
GRID_TWIPS = 579  # one line of the 22-line grid, 28.95 pt
BOTTOM_MARGIN_PT = 35 * 72 / 25.4  # GB/T 9704-2012: the 版心 ends 35 mm above the paper's foot
TEXT_TOP_PT = 37 * 72 / 25.4  # and starts 37 mm below its top
SIGNATURE_BODY_LINES = 2  # body lines a signature page carries (or the whole body, when shorter)
STEP = 12  # twips: how much tighter a line gets when the measured guess was not enough
SAFETY = 4  # twips below the computed line height, for the rounding of exact lines
Convert = Callable[[list[Path]], object]


@dataclass
class Layout:
    """One document as printed: its blocks, the printed lines of each, and the pages."""

    blocks: list[Block]
    pages: list[PrintedPage]
    lines: dict[int, list[PrintedLine]] = field(default_factory=dict)

    def first_page(self, index: int) -> int | None:
        """The page block ``index`` starts on (None when nothing of it was found)."""
        found = self.lines.get(index)
        return found[0].page if found else None

    def slots(self, first: int, last: int, from_page: int = 1) -> tuple[int, int]:
        """Lines of text blocks ``first`` to ``last`` print from page ``from_page`` on, and their empty paragraphs."""
        texts = blanks = 0
        for index in range(first, last + 1):
            printed = self.lines.get(index)
            if printed is not None:
                texts += sum(1 for line in printed if line.page >= from_page)
            elif not self.blocks[index].text:
                blanks += 1
        return texts, blanks


@dataclass(frozen=True)
class Parts:
    """Block numbers of what the pass looks at: title, first body block, body, signature."""

    title: int
    first_body: int
    body: list[int]
    signature: tuple[int, int] | None  # first and last block of the signature (seal room included)


def parts_of(blocks: Sequence[Block]) -> Parts | None:
    """The parts of a 公文 from its paragraphs' styles (docgen's templates name them), None without a title."""
    title = next((b.index for b in blocks if b.style == "Title"), None)
    if title is None:
        return None
    end = title
    while end + 1 < len(blocks) and blocks[end + 1].style == "Title":
        end += 1
    rest = [b for b in blocks[end + 1 :] if b.text and not (b.style == "NoIndent" and b.text.endswith("："))]
    if not rest:
        return None
    first_body = rest[0].index
    issuer = next((b.index for b in blocks[first_body:] if b.style == "Signature" and b.text), None)
    signature = None
    stop = len(blocks)
    if issuer is not None:
        start, last = issuer, issuer
        while start - 1 > first_body and blocks[start - 1].style == "Signature":
            start -= 1
        while last + 1 < len(blocks) and blocks[last + 1].style == "Signature":
            last += 1
        signature, stop = (start, last), start
    body = [b.index for b in blocks[first_body:stop] if b.text]
    note = next((i for i in body if blocks[i].text.startswith("附件")), None)
    if note is not None and signature is not None:
        body = [i for i in body if i < note]
    return Parts(title, first_body, body, signature)


def measure(docx: Path, pdf: Path, upto: int | None = None, blocks: list[Block] | None = None) -> Layout:
    """Which printed lines of ``pdf`` each block of ``docx`` (up to block ``upto``) holds, matched by their text.

    ``blocks`` are the document's blocks when the caller has read them already.
    """
    layout = Layout(blocks if blocks is not None else blocks_of(docx), printed_pages(pdf))
    wanted = [(char, b.index) for b in layout.blocks[: None if upto is None else upto + 1] for char in b.text]
    printed = [
        (char, line)
        for page in layout.pages
        for line in page.lines
        if not PAGE_NUMBER.match(line.text)
        for char in line.text
    ]
    printed = printed[: len(wanted) * 3 // 2 + 200]  # what follows belongs to no block
    matcher = difflib.SequenceMatcher(None, [c for c, _ in wanted], [c for c, _ in printed], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            lines = layout.lines.setdefault(wanted[a + k][1], [])
            line = printed[b + k][1]
            if line not in lines:
                lines.append(line)
    return layout


def problem_of(layout: Layout, parts: Parts) -> str | None:
    """``start`` (the body left the title's page), ``signature`` (too little body on the signature's page) or None."""
    title_page, body_page = layout.first_page(parts.title), layout.first_page(parts.first_body)
    if title_page is not None and body_page is not None and body_page != title_page:
        return "start"
    if parts.signature is None:
        return None
    page = layout.first_page(_issuer(layout, parts))
    if page is None:
        return None
    body_lines = [line for i in parts.body for line in layout.lines.get(i, [])]
    on_page = sum(1 for line in body_lines if line.page == page)
    return "signature" if on_page < min(SIGNATURE_BODY_LINES, len(body_lines)) else None


def _issuer(layout: Layout, parts: Parts) -> int:
    assert parts.signature is not None
    first, last = parts.signature
    return next((i for i in range(first, last + 1) if layout.blocks[i].text), first)


def propose(layout: Layout, parts: Parts, problem: str, current: list[Adjustment]) -> list[Adjustment] | None:
    """The adjustments to try next for ``problem``, on top of ``current``; None when the latitude is used up."""
    if problem == "start":
        last = parts.signature[1] if parts.signature is not None else parts.first_body
        title_top = layout.lines[parts.title][0].top
        height = layout.pages[0].height - BOTTOM_MARGIN_PT - title_top
        return _tighter(current, parts.title, last, height, layout.slots(parts.title, last))
    assert parts.signature is not None
    last = parts.signature[1]
    page = layout.first_page(_issuer(layout, parts)) or 1
    on_before = (i for i in range(len(layout.blocks)) if any(ln.page == page - 1 for ln in layout.lines.get(i, [])))
    first = max(next(on_before, parts.title), parts.title)  # the head keeps the places GB/T 9704 gives it
    pulled = any(a.kind == "line" and a.last == last for a in current)
    if not pulled and not any(b.table for b in layout.blocks[first : last + 1]):
        printed = layout.lines.get(first) if first == parts.title else None
        top = printed[0].top if printed else TEXT_TOP_PT
        height = layout.pages[0].height - BOTTOM_MARGIN_PT - top
        tighter = _tighter(current, first, last, height, layout.slots(first, last, from_page=page - 1))
        if tighter is not None:
            return tighter
    return _kept(layout, parts, current)


def _tighter(
    current: list[Adjustment], first: int, last: int, height: float, slots: tuple[int, int]
) -> list[Adjustment] | None:
    """Exact lines for blocks ``first`` to ``last`` so that their lines fill no more than ``height`` points.

    Empty lines give up twice as much as lines of text: a line of text keeps what it can.
    """
    texts, blanks = slots
    if texts + blanks == 0:
        return None
    earlier = [GRID_TWIPS - a.value for a in current if a.kind == "line" and (a.first, a.last) == (first, last)]
    give = math.ceil((GRID_TWIPS * (texts + blanks) - height * 20) / (texts + 2 * blanks)) + SAFETY
    if earlier:
        give = max(give, max(earlier) + STEP)
    elif give <= SAFETY:
        return None  # the lines fit as they are: what keeps them apart is no matter of spacing
    line, gap = GRID_TWIPS - give, GRID_TWIPS - 2 * give
    if line < MIN_LINE or (blanks and gap < MIN_GAP):
        return None
    tighter = [Adjustment("line", first, last, min(line, GRID_TWIPS))]
    if blanks:
        tighter.append(Adjustment("gap", first, last, min(gap, GRID_TWIPS)))
    return [*current, *tighter]


def _kept(layout: Layout, parts: Parts, current: list[Adjustment]) -> list[Adjustment] | None:
    """Keep the body's last paragraphs with the signature: at least two body lines go over with it."""
    assert parts.signature is not None
    kept = min((a.first for a in current if a.kind == "keep"), default=None)
    chosen, lines = None, 0
    for index in reversed(parts.body):
        chosen, lines = index, lines + len(layout.lines.get(index, []))
        if lines >= SIGNATURE_BODY_LINES and (kept is None or index < kept):
            break
    if chosen is None or (kept is not None and chosen >= kept):
        return None
    return [*current, Adjustment("keep", chosen, parts.signature[1] - 1)]


Found = tuple[Layout, Parts, str] | None
"""A 公文 as its PDF printed it: its layout, its parts and the page rule it fails; None when it fails none."""


def measure_fitted(
    stage: Path, documents: Sequence[Document], keys: dict[PurePosixPath, str]
) -> dict[PurePosixPath, Found]:
    """The first round of ``fit_pages``: each 公文 of ``documents`` (those in ``keys``) measured in its PDF.

    Apart from ``fit_pages`` so that a caller can do other work with the PDFs while they are read
    (the print file is joined meanwhile); measured side by side, a poppler process each.
    """
    fitted = [d for d in documents if d.path in keys]
    with concurrent.futures.ThreadPoolExecutor(MEASURING_THREADS) as pool:
        return dict(zip([d.path for d in fitted], pool.map(lambda d: _problem(stage / d.path), fitted), strict=True))


def fit_pages(
    stage: Path,
    documents: Sequence[Document],
    keys: dict[PurePosixPath, str],
    convert: Convert,
    measured: dict[PurePosixPath, Found] | None = None,
) -> bool:
    """Measure each 公文's PDF in ``stage``, adjust and convert again where a page rule fails; remember the result.

    ``convert`` makes the PDFs of the .docx files it is given, beside them. Documents that
    still fail after ``ROUNDS`` are left as the last round made them (logged). The documents
    of a round are measured side by side (reading a PDF back is a poppler process each);
    ``measured`` is the first round's measurement where the caller took it (``measure_fitted``).
    Whether any PDF was made again.
    """
    fitted = [d for d in documents if d.path in keys]
    applied = {d.path: remembered(keys[d.path]) for d in fitted}
    measured = measured if measured is not None else measure_fitted(stage, documents, keys)
    pending, found_now = fitted, [measured[d.path] for d in fitted]
    converted = False
    with concurrent.futures.ThreadPoolExecutor(MEASURING_THREADS) as pool:
        for round_number in range(ROUNDS + 1):
            again = []
            for document, found in zip(pending, found_now, strict=True):
                if found is None:
                    continue
                layout, parts, problem = found
                current = applied[document.path]
                proposal = propose(layout, parts, problem, current) if round_number < ROUNDS else None
                if proposal is None:
                    log.info("%s: %s still fails after %d rounds", document.path, problem, round_number)
                    continue
                apply_adjustments(stage / document.path, proposal[len(current) :])
                applied[document.path] = proposal
                again.append(document)
            if not again:
                break
            convert([stage / d.path for d in again])
            converted = True
            pending, found_now = again, list(pool.map(lambda d: _problem(stage / d.path), again))
    for document in fitted:
        if applied[document.path] != remembered(keys[document.path]):
            remember(keys[document.path], applied[document.path])
    return converted


MEASURING_THREADS = 4  # poppler processes reading PDFs back at once; they wait on their pipes, not the GIL


def _problem(docx: Path) -> Found:
    """The document's layout as printed in the PDF beside it, its parts, and the page rule it fails; None if none."""
    blocks = blocks_of(docx)
    parts = parts_of(blocks)
    if parts is None:
        return None
    last = parts.signature[1] if parts.signature is not None else parts.first_body
    layout = measure(docx, docx.with_suffix(".pdf"), upto=last, blocks=blocks)  # what the rules look at, no further
    problem = problem_of(layout, parts)
    return None if problem is None else (layout, parts, problem)
