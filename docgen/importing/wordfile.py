"""Reading a Word file to import, safely: its paragraphs (with Word's automatic numbers) and tables.

Last year's 方案 comes from anyone's computer, so it is opened by ``docgen.inputs.wordfiles`` under
limits, as returned forms are: the file must be a regular file and a zip holding a Word document,
no part may inflate past a limit, the XML may carry no DOCTYPE, and only so many rows and cells
are looked at. A number that Word draws (``w:numPr`` and ``numbering.xml``) is turned into the
text a reader sees (一、, （一）, 1.), so that typed and automatic numbering are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.chinese import chinese_numeral
from docgen.errors import Finding, WordFileError
from docgen.inputs.wordfiles import (
    W,
    WordRefusedError,
    cell_text,
    children,
    grid_cells,
    int_val,
    open_word,
    paragraph_text,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_ROWS = 2_000
MAX_CELLS = 50_000
MAX_COLUMNS = 64

_OLD_FORMATS = {".doc", ".wps", ".dot", ".wpt", ".rtf"}
_DAMAGED = {"not-zip": "not a zip package", "not-docx": "no word/document.xml", "doctype": "DOCTYPE"}


@dataclass
class Cell:
    """A table cell: its text, and how many grid columns and rows it covers (a merged cell once)."""

    text: str
    span: int = 1
    rows: int = 1


@dataclass
class Block:
    """A paragraph (``text``, with Word's automatic number in front) or a table (``rows``)."""

    number: int
    text: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    page_break: bool = False

    @property
    def is_table(self) -> bool:
        """True for a table."""
        return bool(self.rows)


def _error(path: Path, code: str, **params: object) -> WordFileError:
    return WordFileError([Finding(code, dict(params), file=str(path))])


def read_word(path: Path) -> list[Block]:
    """The body of the .docx at ``path`` in order; ``WordFileError`` for a .doc, a .wps or a damaged file."""
    if path.suffix.lower() in _OLD_FORMATS:
        raise _error(path, "import-old-format", suffix=path.suffix.lower())
    try:
        with open_word(path, MAX_FILE_BYTES, content_types=False) as word:
            document = word.xml(word.main_part(MAX_PART_BYTES), MAX_PART_BYTES)
            numbers = _Numbering(
                word.optional_xml("word/numbering.xml", MAX_PART_BYTES),
                word.optional_xml("word/styles.xml", MAX_PART_BYTES),
            )
    except WordRefusedError as exc:
        raise _refused(path, exc) from None
    body = document.find(W + "body")
    if body is None:
        raise _error(path, "import-damaged", detail="no document body")
    return _blocks(path, body, numbers)


def _refused(path: Path, refused: WordRefusedError) -> WordFileError:
    """Why the file is not read, in the words of an import."""
    if refused.reason == "encrypted":
        return _error(path, "import-encrypted")
    if refused.reason == "old-word":
        return _error(path, "import-old-format", suffix=path.suffix.lower() or ".doc")
    if refused.reason in ("too-large", "member-too-large"):
        return _error(path, "import-too-large", limit=refused.params["limit"])
    if refused.reason in _DAMAGED or "detail" in refused.params:
        return _error(path, "import-damaged", detail=_DAMAGED.get(refused.reason) or refused.params["detail"])
    return WordFileError([refused.problem(path, {"folder": "import-is-directory", "missing": "import-missing"})])


def _text(paragraph: etree._Element) -> str:
    return paragraph_text(paragraph, page_break="")


def _breaks_page(paragraph: etree._Element) -> bool:
    if any(br.get(W + "type") == "page" for br in paragraph.iter(W + "br")):
        return True
    props = paragraph.find(W + "pPr")
    return props is not None and (props.find(W + "pageBreakBefore") is not None or props.find(W + "sectPr") is not None)


def _blocks(path: Path, body: etree._Element, numbers: _Numbering) -> list[Block]:
    blocks: list[Block] = []
    budget = [MAX_CELLS]
    for element in children(body, W + "p", W + "tbl"):
        if element.tag == W + "p":
            text = numbers.label(element) + _text(element)
            blocks.append(Block(len(blocks) + 1, text, page_break=_breaks_page(element)))
        else:
            rows = _table(path, element, budget, numbers, sum(1 for b in blocks if b.is_table) + 1)
            if rows:
                blocks.append(Block(len(blocks) + 1, rows=rows))
    return blocks


def _table(path: Path, table: etree._Element, budget: list[int], numbers: _Numbering, number: int) -> list[list[Cell]]:
    """Rows of cells; a cell merged down (vMerge) is counted in the first row's cell, not repeated.

    A table wider than Word makes one (``MAX_COLUMNS``, a cell's ``gridSpan`` counted) or past the
    file's budget of cells is refused by its ``number`` (the document's first table is 1).
    """
    rows: list[list[Cell]] = []
    starts: dict[int, Cell] = {}  # grid column -> the cell a vertical merge started in
    for tr in children(table, W + "tr")[:MAX_ROWS]:
        row: list[Cell] = []
        for found in grid_cells(tr):
            budget[0] -= 1
            if budget[0] < 0 or found.column + found.span > MAX_COLUMNS:
                raise _error(path, "import-table-too-large", table=number, columns=MAX_COLUMNS, cells=MAX_CELLS)
            if found.merge == "continue" and found.column in starts:
                starts[found.column].rows += 1
                continue
            cell = Cell(cell_text(found.element, lambda p: numbers.label(p) + _text(p)).strip(), found.span)
            row.append(cell)
            if found.merge is not None:
                starts[found.column] = cell
            else:
                starts.pop(found.column, None)
        rows.append(row)
    return rows


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_numeral,
    "chineseCountingThousand": chinese_numeral,
    "chineseLegalSimplified": chinese_numeral,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": chinese_numeral,
    "taiwaneseCounting": chinese_numeral,
    "taiwaneseCountingThousand": chinese_numeral,
    "ideographLegalTraditional": chinese_numeral,
    "japaneseLegal": chinese_numeral,
    "koreanCounting": chinese_numeral,
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
}


class _Numbering:
    """The numbers Word draws before paragraphs with ``w:numPr`` (direct or from their style)."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (format, text, start)
        self.counts: dict[str, list[int]] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            abstract = {a.get(W + "abstractNumId"): a for a in numbering.iter(W + "abstractNum")}
            for num in numbering.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                definition = abstract.get(ref.get(W + "val")) if ref is not None else None
                if definition is not None:
                    self.levels[str(num.get(W + "numId"))] = self._levels(definition)
        if styles is not None:
            for style in styles.iter(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None and num_pr.find(W + "numId") is not None:
                    num_id = str(num_pr.find(W + "numId").get(W + "val"))
                    self.style_numbers[str(style.get(W + "styleId"))] = (num_id, int_val(num_pr.find(W + "ilvl"), 0))

    @staticmethod
    def _levels(definition: etree._Element) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for lvl in definition.iter(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            text = lvl.find(W + "lvlText")
            level = _val_of(lvl.get(W + "ilvl"))
            levels[level] = (
                str(fmt.get(W + "val")) if fmt is not None else "decimal",
                str(text.get(W + "val")) if text is not None else "",
                int_val(lvl.find(W + "start"), 1),
            )
        return levels

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before ``paragraph`` ("" for none), counting as Word counts."""
        props = paragraph.find(W + "pPr")
        if props is None:
            return ""
        num_pr = props.find(W + "numPr")
        if num_pr is not None and num_pr.find(W + "numId") is not None:
            num_id, level = str(num_pr.find(W + "numId").get(W + "val")), int_val(num_pr.find(W + "ilvl"), 0)
        else:
            style = props.find(W + "pStyle")
            found = self.style_numbers.get(str(style.get(W + "val"))) if style is not None else None
            if found is None:
                return ""
            num_id, level = found
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 10)
        level = min(level, 9)
        counts[level] += 1
        for deeper in range(level + 1, 10):
            counts[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt in ("none", "bullet"):
            return ""

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            lvl_fmt, _, start = levels.get(at, ("decimal", "", 1))
            value = counts[at] + start - 1 if 0 <= at < 10 else 0
            return _number_text(lvl_fmt, value)

        return re.sub(r"%(\d)", number, text)


def _number_text(fmt: str, value: int) -> str:
    """``value`` drawn in Word's format ``fmt``; in digits where the format has no such number (一万, 0, -3)."""
    try:
        return _FORMATS.get(fmt, str)(value) if value >= 1 else str(value)
    except ValueError:  # chinese_numeral stops at 9999: Word goes on, docgen writes the digits
        return str(value)


def _val_of(text: str | None) -> int:
    try:
        return max(0, min(int(text or 0), 9))
    except ValueError:
        return 0
