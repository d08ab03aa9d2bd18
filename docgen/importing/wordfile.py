"""Reading a Word file to import, safely: its paragraphs (with Word's automatic numbers) and tables.

Last year's 方案 comes from anyone's computer, so it is read with zipfile and lxml under limits,
as returned forms are: the file must be a zip holding a Word document, no part may inflate past a
limit, the XML may carry no DOCTYPE, and only so many rows and cells are looked at. A number
that Word draws (``w:numPr`` and ``numbering.xml``) is turned into the text a reader sees (一、,
（一）, 1.), so that typed and automatic numbering are read alike.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.chinese import chinese_numeral
from docgen.errors import Problem, WordFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 2_000
MAX_CELLS = 50_000
MAX_COLUMNS = 64
DOCTYPE_SCAN = 64 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins"}
_OLD_FORMATS = {".doc", ".wps", ".dot", ".wpt", ".rtf"}


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
    return WordFileError([Problem(code, dict(params), file=str(path))])


def read_word(path: Path) -> list[Block]:
    """The body of the .docx at ``path`` in order; ``WordFileError`` for a .doc, a .wps or a damaged file."""
    if path.suffix.lower() in _OLD_FORMATS:
        raise _error(path, "import-old-format", suffix=path.suffix.lower())
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(4)
    except FileNotFoundError:
        raise _error(path, "import-missing") from None
    except IsADirectoryError:
        raise _error(path, "import-is-directory") from None
    except OSError as exc:
        raise _error(path, "file-unreadable", reason=exc.strerror or str(exc)) from None
    if size > MAX_FILE_BYTES:
        raise _error(path, "import-too-large", limit=MAX_FILE_BYTES // (1024 * 1024))
    if magic == b"\xd0\xcf\x11\xe0":
        raise _error(path, "import-old-format", suffix=path.suffix.lower() or ".doc")
    if not magic.startswith(b"PK"):
        raise _error(path, "import-damaged", detail="not a zip package")
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename: info for info in archive.infolist()[: MAX_MEMBERS + 1]}
            if len(names) > MAX_MEMBERS or "word/document.xml" not in names:
                raise _error(path, "import-damaged", detail="no word/document.xml")
            document = _parse(path, _read(path, archive, names["word/document.xml"]))
            numbering = names.get("word/numbering.xml")
            styles = names.get("word/styles.xml")
            numbers = _Numbering(
                _parse(path, _read(path, archive, numbering)) if numbering is not None else None,
                _parse(path, _read(path, archive, styles)) if styles is not None else None,
            )
    except WordFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise _error(path, "import-damaged", detail=str(exc) or type(exc).__name__) from None
    body = document.find(W + "body")
    if body is None:
        raise _error(path, "import-damaged", detail="no document body")
    return _blocks(path, body, numbers)


def _read(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_PART_BYTES:
        raise _error(path, "import-too-large", limit=MAX_PART_BYTES // (1024 * 1024))
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise _error(path, "import-too-large", limit=MAX_PART_BYTES // (1024 * 1024))
    return data


def _parse(path: Path, data: bytes) -> etree._Element:
    """XML with entities unresolved, no network and no DOCTYPE."""
    if _DOCTYPE.search(data[:DOCTYPE_SCAN]):
        raise _error(path, "import-damaged", detail="DOCTYPE")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _error(path, "import-damaged", detail=str(exc)) from None
    if root.getroottree().docinfo.doctype:
        raise _error(path, "import-damaged", detail="DOCTYPE")
    return root


def _children(element: etree._Element) -> list[etree._Element]:
    """Paragraphs and tables directly inside, looking through content controls."""
    found = []
    for child in element:
        if child.tag in (W + "p", W + "tbl", W + "tr", W + "tc"):
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child))
    return found


def _text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "delText"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        elif node.tag in (W + "br", W + "cr") and node.get(W + "type") != "page":
            parts.append("\n")
    return "".join(parts)


def _breaks_page(paragraph: etree._Element) -> bool:
    if any(br.get(W + "type") == "page" for br in paragraph.iter(W + "br")):
        return True
    props = paragraph.find(W + "pPr")
    return props is not None and (props.find(W + "pageBreakBefore") is not None or props.find(W + "sectPr") is not None)


def _blocks(path: Path, body: etree._Element, numbers: _Numbering) -> list[Block]:
    blocks: list[Block] = []
    budget = [MAX_CELLS]
    for element in _children(body):
        if element.tag == W + "p":
            text = numbers.label(element) + _text(element)
            blocks.append(Block(len(blocks) + 1, text, page_break=_breaks_page(element)))
        elif element.tag == W + "tbl":
            rows = _table(path, element, budget, numbers)
            if rows:
                blocks.append(Block(len(blocks) + 1, rows=rows))
    return blocks


def _val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(int(str(element.get(W + "val"))), MAX_COLUMNS))
    except ValueError:
        return default


def _table(path: Path, table: etree._Element, budget: list[int], numbers: _Numbering) -> list[list[Cell]]:
    """Rows of cells; a cell merged down (vMerge) is counted in the first row's cell, not repeated."""
    rows: list[list[Cell]] = []
    starts: dict[int, Cell] = {}  # grid column -> the cell a vertical merge started in
    for tr in [c for c in _children(table) if c.tag == W + "tr"][:MAX_ROWS]:
        row: list[Cell] = []
        column = 0
        for tc in [c for c in _children(tr) if c.tag == W + "tc"]:
            budget[0] -= 1
            if budget[0] < 0 or column >= MAX_COLUMNS:
                raise _error(path, "import-too-large", limit=MAX_PART_BYTES // (1024 * 1024))
            props = tc.find(W + "tcPr")
            span = max(_val(props.find(W + "gridSpan") if props is not None else None, 1), 1)
            merge = props.find(W + "vMerge") if props is not None else None
            if merge is not None and merge.get(W + "val") in (None, "continue") and column in starts:
                starts[column].rows += 1
            else:
                lines = [numbers.label(p) + _text(p) for p in tc.iter(W + "p")]
                cell = Cell("\n".join(lines).strip(), span)
                row.append(cell)
                if merge is not None:
                    starts[column] = cell
                else:
                    starts.pop(column, None)
            column += span
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
                    self.style_numbers[str(style.get(W + "styleId"))] = (num_id, _val(num_pr.find(W + "ilvl"), 0))

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
                _val(lvl.find(W + "start"), 1),
            )
        return levels

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before ``paragraph`` ("" for none), counting as Word counts."""
        props = paragraph.find(W + "pPr")
        if props is None:
            return ""
        num_pr = props.find(W + "numPr")
        if num_pr is not None and num_pr.find(W + "numId") is not None:
            num_id, level = str(num_pr.find(W + "numId").get(W + "val")), _val(num_pr.find(W + "ilvl"), 0)
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
            return _FORMATS.get(lvl_fmt, str)(max(value, 1))

        return re.sub(r"%(\d)", number, text)


def _val_of(text: str | None) -> int:
    try:
        return max(0, min(int(text or 0), 9))
    except ValueError:
        return 0
