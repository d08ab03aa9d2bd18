"""Reading a returned .docx safely: its body paragraphs and its tables as grids of text.

Returned forms come from anyone's computer, so they are read with zipfile and lxml under
limits, not with python-docx: the file must be a zip, the main part may not inflate past a
limit (checked in the zip header and again while reading), the XML may not carry a DOCTYPE
(no entity tricks), and only so many rows and cells are looked at. Every failure is a
``FormError`` naming the file; nothing here can hang or exhaust memory on a hostile file.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import FormError, Problem
from docgen.plan.inputs import InputRefusedError, read_regular

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_RELS_XML = 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 2_000
MAX_CELLS_PER_ROW = 64
MAX_CELLS = 50_000
MAX_CELL_CHARS = 10_000
DOCTYPE_SCAN = 64 * 1024  # a DOCTYPE stands before the root element; later ones are caught after parsing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx is kept in
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}


@dataclass(frozen=True)
class FormDocument:
    """What a returned form holds that docgen reads: body paragraphs, and tables as text grids.

    Each table is a list of rows; each row lists its cells' text by grid column, a cell of
    several paragraphs joined with newlines. A cell merged across columns gives its text to
    its first column; a cell merged down from the row above repeats the text above.
    """

    paragraphs: list[str]
    tables: list[list[list[str]]]


def _error(path: Path, code: str, **params: object) -> FormError:
    return FormError([Problem(code, dict(params), file=str(path))])


def read_form(path: Path) -> FormDocument:
    """The paragraphs and tables of the .docx at ``path``; ``FormError`` when it cannot be read safely."""
    try:
        if path.is_dir():
            raise _error(path, "file-is-directory")
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _error(path, "form-missing") from None
    except InputRefusedError as exc:
        if exc.code == "input-too-large":
            raise _error(path, "form-too-large", limit=MAX_FILE_BYTES // (1024 * 1024)) from None
        raise FormError([exc.problem(path)]) from None
    except OSError as exc:
        raise _error(path, "file-unreadable", reason=exc.strerror or str(exc)) from None
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        # Word keeps a password-protected .docx in the old compound-file container too
        raise _error(path, "form-encrypted" if _ENCRYPTED in raw else "form-old-word")
    if not raw.startswith(b"PK"):
        raise _error(path, "form-not-zip")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            xml = _document_xml(path, archive)
    except FormError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise _error(path, "form-corrupt", detail=str(exc) or type(exc).__name__) from None
    root = _parse(path, xml)
    return _extract(path, root)


def _document_xml(path: Path, archive: zipfile.ZipFile) -> bytes:
    """The main document part's bytes, found through the package relationships."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _error(path, "form-corrupt", detail=f"more than {MAX_MEMBERS} parts")
    names = {info.filename: info for info in members}
    if "[Content_Types].xml" not in names:
        raise _error(path, "form-not-docx")
    target = "word/document.xml"
    rels = names.get("_rels/.rels")
    if rels is not None:
        root = _parse(path, _read_member(path, archive, rels, MAX_RELS_XML))
        for rel in root.iter(_REL_NS + "Relationship"):
            if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("Target"):
                target = posixpath.normpath(str(rel.get("Target")).lstrip("/"))
                break
    info = names.get(target)
    if info is None:
        raise _error(path, "form-not-docx")
    return _read_member(path, archive, info, MAX_DOCUMENT_XML)


def _read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, refused when its header or its actual inflated size passes ``limit``."""
    if info.file_size > limit:
        raise _error(path, "form-member-too-large", member=info.filename, limit=limit // (1024 * 1024))
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _error(path, "form-member-too-large", member=info.filename, limit=limit // (1024 * 1024))
    return data


def _parse(path: Path, data: bytes) -> etree._Element:
    """Parse XML with entities unresolved, no network and no huge trees; a DOCTYPE is refused."""
    if _DOCTYPE.search(data[:DOCTYPE_SCAN]):
        raise _error(path, "form-doctype")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _error(path, "form-bad-xml", detail=str(exc)) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _error(path, "form-doctype")
    return root


def _extract(path: Path, root: etree._Element) -> FormDocument:
    body = root.find(W + "body")
    if body is None:
        raise _error(path, "form-not-docx")
    paragraphs = [_paragraph_text(p) for p in _children(body, W + "p")]
    budget = [MAX_CELLS]
    tables = [_table(path, t, budget) for t in body.iter(W + "tbl")]
    return FormDocument(paragraphs, tables)


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom-XML wrappers."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found


def _paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph: text runs, tabs as spaces, breaks as newlines; deletions left out."""
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: etree._Element) -> str:
    text = "\n".join(_paragraph_text(p) for p in cell.iter(W + "p"))
    return text[:MAX_CELL_CHARS]


def _int_attr(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(int(str(element.get(W + "val"))), MAX_CELLS_PER_ROW))
    except ValueError:
        return default


def _table(path: Path, table: etree._Element, budget: list[int]) -> list[list[str]]:
    """A table as rows of cell texts by grid column, merged cells resolved."""
    rows: list[list[str]] = []
    found = _children(table, W + "tr")
    if len(found) > MAX_ROWS:
        raise _error(path, "form-too-many-rows", count=len(found), limit=MAX_ROWS)
    for tr in found:
        row: list[str] = []
        props = tr.find(W + "trPr")
        row.extend([""] * _int_attr(props.find(W + "gridBefore") if props is not None else None, 0))
        for tc in _children(tr, W + "tc"):
            if len(row) >= MAX_CELLS_PER_ROW:
                break
            budget[0] -= 1
            if budget[0] < 0:
                raise _error(path, "form-too-many-cells", limit=MAX_CELLS)
            tc_props = tc.find(W + "tcPr")
            span = _int_attr(tc_props.find(W + "gridSpan") if tc_props is not None else None, 1) or 1
            merge = tc_props.find(W + "vMerge") if tc_props is not None else None
            column = len(row)
            if merge is not None and merge.get(W + "val") in (None, "continue") and rows:
                above = rows[-1]
                text = above[column] if column < len(above) else ""
            else:
                text = _cell_text(tc)
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
    return rows
