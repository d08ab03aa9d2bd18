"""A PDF report's title and paragraphs, from where poppler places its words (``pdftotext -bbox-layout``).

Plain ``pdftotext`` runs a title into the text below it and puts a space wherever a PDF starts a
new run of glyphs (5 月 7 日). Here each line is rebuilt from its words, with a space only between
two Latin words or numbers, and the title is the first lines set larger than the body's lines,
else the first line where more text follows. Blocks poppler finds are the paragraphs.
"""

from __future__ import annotations

import re
import statistics
import subprocess
from dataclasses import dataclass, field

from lxml import etree

LARGER = 1.15  # a line this much taller than the body's usual line is set in a larger size: a title
TITLE_CHARS = 60  # a first line longer than this is text, not a title
MAX_OUTPUT = 64 * 1024 * 1024  # pdftotext's XHTML for 50 pages of text is a few MiB
_XHTML = "{http://www.w3.org/1999/xhtml}"
_LATIN = re.compile(r"[0-9A-Za-z%.,:;!?)\]'\"-]$")
_LATIN_START = re.compile(r"^[0-9A-Za-z(\['\"]")


@dataclass
class PdfText:
    """The title (empty when there is none) and the paragraphs of a PDF's text layer."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)


def read_pdf_text(tool: str, path: str, timeout: float, pages: int = 50) -> PdfText:
    """Run ``pdftotext -bbox-layout`` on the PDF at ``path`` and rebuild its text.

    Raises ``OSError`` and ``subprocess.TimeoutExpired`` as ``subprocess.run`` does, ``ValueError`` when poppler fails.
    """
    result = subprocess.run(
        [tool, "-bbox-layout", "-l", str(pages), path, "-"],
        capture_output=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise ValueError(result.stderr.decode("utf-8", "replace")[:200].strip())
    return pdf_text(result.stdout[:MAX_OUTPUT])


def pdf_text(xhtml: bytes) -> PdfText:
    """The title and paragraphs from pdftotext's XHTML (read without its DTD, entities or the network)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(xhtml, parser) if xhtml.strip() else None
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return PdfText()
    blocks: list[list[tuple[str, float]]] = []
    for block in root.iter(_XHTML + "block", "block"):
        lines = []
        for line in block.iter(_XHTML + "line", "line"):
            words = [w.text or "" for w in line.iter(_XHTML + "word", "word")]
            text = joined(words)
            if text:
                lines.append((text, _height(line)))
        if lines:
            blocks.append(lines)
    return _titled(blocks)


def joined(parts: list[str]) -> str:
    """Words or lines as one text: a space only where a Latin word or number meets another."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and _LATIN.search(text) and _LATIN_START.match(part):
            text += " "
        text += part
    return text


def _titled(blocks: list[list[tuple[str, float]]]) -> PdfText:
    lines = [line for block in blocks for line in block]
    if not lines:
        return PdfText()
    usual = statistics.median(height for _, height in lines)
    large = 0
    while large < len(lines) and lines[large][1] > usual * LARGER:
        large += 1
    if 0 < large < len(lines):
        title_lines = large
    elif len(lines) > 1 and len(lines[0][0]) <= TITLE_CHARS:
        title_lines = 1
    else:
        title_lines = 0
    title = joined([text for text, _ in lines[:title_lines]])
    paragraphs = []
    skipped = 0
    for block in blocks:
        kept = block[max(0, title_lines - skipped) :]
        skipped += len(block)
        text = joined([t for t, _ in kept])
        if text:
            paragraphs.append(text)
    return PdfText(title, paragraphs)


def _height(line: etree._Element) -> float:
    try:
        return float(line.get("yMax", "0")) - float(line.get("yMin", "0"))
    except ValueError:
        return 0.0
