"""Any Word file someone else made, opened under limits; the walks over its paragraphs, tables and runs.

Returned forms, units' reports, a file to audit and last year's 方案 come from anyone's computer,
so all four are read here the same way, with zipfile and lxml, and nothing in them is trusted:

- the file must be a regular file of at most so many bytes (``bounded.open_regular``: a FIFO or
  a device is refused at once, never waited on);
- an old Word 97-2003 file and a password-protected .docx (both in the compound-file container),
  anything that is not a zip (RTF, a web page saved as .doc) and a zip without a Word document
  in it (an OpenDocument .odt renamed) are refused, each with its own reason;
- only so many parts are listed, and a part is refused once more than its limit inflates,
  whatever its zip header says (``bounded.read_member``);
- XML is parsed with entities unresolved, no network, no huge trees, and no DOCTYPE at all.

A refusal is a ``WordRefusedError`` carrying a ``Reason`` and its parameters; each stage words it
with codes of its own (``form-…``, ``audit-…``, ``import-…``) through ``WordRefusedError.problem``.
"""

from __future__ import annotations

import bisect
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple, get_args

from lxml import etree

from docgen.errors import Finding
from docgen.inputs.bounded import InputRefusedError, open_regular, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELATIONSHIP = R_NS + "/"  # a relationship's type is this followed by its kind: styles, image, footer
MAX_MEMBERS = 10_000
MAX_SPAN = 64  # grid columns a cell may span or a row may skip (Word's tables have at most 63)
DOCTYPE_SCAN = 64 * 1024  # a DOCTYPE stands before the root element; later ones are caught after parsing

Reason = Literal[
    "folder",  # the path is a folder
    "missing",
    "not-file",  # a pipe, a device, a socket (params: what)
    "unreadable",  # params: reason
    "too-large",  # the file itself (params: limit, in MiB)
    "old-word",  # Word 97-2003 (.doc, .wps): the compound-file container
    "encrypted",  # a .docx protected by a password, which Word keeps in that container too
    "not-zip",  # RTF, HTML, text: anything but a zip
    "not-docx",  # a zip, but no Word document in it (an .odt, an .xlsx)
    "corrupt",  # the zip cannot be read, or lists too many parts (params: detail)
    "member-too-large",  # params: member, limit (in MiB)
    "doctype",
    "bad-xml",  # params: detail
]
REASONS: tuple[Reason, ...] = get_args(Reason)
_GENERIC: dict[Reason, str] = {"not-file": "input-not-file", "unreadable": "file-unreadable"}

_COMPOUND_FILE = b"\xd0\xcf\x11\xe0"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx is kept in
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins"}
_MIB = 1024 * 1024


class WordRefusedError(Exception):
    """A file not read as a Word document: ``reason`` says why, ``params`` fill the caller's message."""

    def __init__(self, reason: Reason, /, **params: object) -> None:
        super().__init__(reason)
        self.reason: Reason = reason
        self.params = params

    def problem(self, path: Path, codes: Mapping[Reason, str]) -> Finding:
        """The refusal as a finding about ``path``, under the caller's code for its reason.

        A pipe or a device (``input-not-file``) and an ``OSError`` (``file-unreadable``) have
        the same code for every caller, unless ``codes`` names another.
        """
        return Finding(codes.get(self.reason) or _GENERIC[self.reason], dict(self.params), file=str(path))


class Relationship(NamedTuple):
    """One relationship of a part: its type (a URI) and the name of the part it points to."""

    type: str
    target: str


@contextmanager
def open_word(
    path: Path, max_bytes: int, *, max_members: int = MAX_MEMBERS, content_types: bool = True
) -> Iterator[WordFile]:
    """The .docx at ``path``, open for its parts to be read; ``WordRefusedError`` says why it is not a Word file.

    ``max_bytes`` bounds the file and ``max_members`` the parts it may list. With
    ``content_types=False`` a zip without ``[Content_Types].xml`` (which Word always writes) is
    read too. A zip that fails while the ``with`` block reads its parts is refused as ``corrupt``.
    """
    if path.is_dir():
        raise WordRefusedError("folder")
    try:
        handle = open_regular(path, max_bytes)
    except FileNotFoundError:
        raise WordRefusedError("missing") from None
    except InputRefusedError as exc:
        if exc.code == "input-too-large":
            raise WordRefusedError("too-large", limit=max_bytes // _MIB) from None
        raise WordRefusedError("not-file", **exc.params) from None
    except OSError as exc:
        raise WordRefusedError("unreadable", reason=exc.strerror or str(exc)) from None
    with handle:
        try:
            head = handle.read(len(_COMPOUND_FILE))
            if head == _COMPOUND_FILE:
                raise WordRefusedError("encrypted" if _ENCRYPTED in handle.read(max_bytes) else "old-word")
            if not head.startswith(b"PK"):
                raise WordRefusedError("not-zip")
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                yield WordFile(archive, max_members=max_members, content_types=content_types, handle=handle)
        except _ZIP_ERRORS as exc:
            raise WordRefusedError("corrupt", detail=str(exc) or type(exc).__name__) from None


class Compressed(NamedTuple):
    """A part as the zip holds it: stored (method 0) or deflated (8), its CRC-32 and size inflated, the bytes held."""

    method: int
    crc: int
    size: int
    data: bytes


class WordFile:
    """An open .docx: its parts by name, each read under a limit and parsed safely."""

    def __init__(
        self, archive: zipfile.ZipFile, *, max_members: int, content_types: bool, handle: BinaryIO | None = None
    ) -> None:
        infos = archive.infolist()
        if len(infos) > max_members:
            raise WordRefusedError("corrupt", detail=f"more than {max_members} parts")
        self.archive = archive
        self._handle = handle
        self.parts = {info.filename: info for info in infos}
        # where each part's local header starts, and the file's end: a part's bytes end before the next one's
        ends = {os.fstat(handle.fileno()).st_size} if handle is not None else set()
        self._bounds = sorted({info.header_offset for info in infos} | ends)
        if content_types and "[Content_Types].xml" not in self.parts:
            raise WordRefusedError("not-docx")

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of the part ``name``, refused once more than ``limit`` of them inflate."""
        try:
            return read_member(self.archive, self.parts[name], limit)
        except InputRefusedError as exc:
            raise WordRefusedError("member-too-large", **exc.params) from None

    def compressed(self, name: str) -> Compressed | None:
        """The part ``name`` as the zip holds it, not inflated, for a copy of the package that leaves it as it was.

        Its place, size and CRC-32 come from the central directory, the bytes from behind its
        local header (a data descriptor after them is left behind). None where the part cannot be
        copied so: encrypted, compressed another way than stored or deflated, too large for a
        plain zip, or its local header not where the directory says; such a part is ``read``,
        which refuses what is wrong with it. A part whose bytes run into the next part's is
        refused as ``corrupt``: parts that overlap could make a copy many times the file's size.
        """
        info = self.parts[name]
        if self._handle is None or info.flag_bits & ~_COPYABLE_FLAGS or info.compress_type not in (0, 8):
            return None
        if max(info.file_size, info.compress_size, info.header_offset) >= _ZIP64_FROM:
            return None
        if info.compress_type == 0 and info.compress_size != info.file_size:
            return None
        self._handle.seek(info.header_offset)
        header = self._handle.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            return None
        signature, flags, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        name_bytes = self._handle.read(name_length)
        if signature != _LOCAL_SIGNATURE or name_bytes.decode(_name_encoding(flags), "replace") != info.orig_filename:
            return None
        start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.compress_size > self._next_start(info.header_offset):
            raise WordRefusedError("corrupt", detail=f"the part {name} overlaps the next one")
        self._handle.seek(start)
        data = self._handle.read(info.compress_size)
        if len(data) != info.compress_size:
            return None
        return Compressed(info.compress_type, info.CRC, info.file_size, data)

    def _next_start(self, offset: int) -> int:
        """Where the part after the one whose header is at ``offset`` begins: the file's end after the last."""
        following = bisect.bisect_right(self._bounds, offset)
        return self._bounds[following] if following < len(self._bounds) else offset

    def xml(self, name: str, limit: int) -> etree._Element:
        """The part ``name`` parsed (see ``parse_xml``)."""
        return parse_xml(self.read(name, limit))

    def optional_xml(self, name: str, limit: int) -> etree._Element | None:
        """The part ``name`` parsed, or None where the file has no such part."""
        return self.xml(name, limit) if name in self.parts else None

    def relationships(self, part: str, limit: int) -> dict[str, Relationship]:
        """The relationships of ``part`` ("" for the package's own) by id, but for those pointing outside the file."""
        folder, name = posixpath.split(part)
        root = self.optional_xml(posixpath.join(folder, "_rels", name + ".rels"), limit)
        found = {}
        for rel in root.iter(f"{{{REL_NS}}}Relationship") if root is not None else ():
            target = str(rel.get("Target") or "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[str(rel.get("Id"))] = Relationship(str(rel.get("Type")), posixpath.normpath(resolved))
        return found

    def main_part(self, limit: int) -> str:
        """The name of the main document part, as the package's relationships give it (``word/document.xml`` else)."""
        main = "word/document.xml"
        for rel in self.relationships("", limit).values():
            if rel.type == RELATIONSHIP + "officeDocument":
                main = rel.target
                break
        if main not in self.parts:
            raise WordRefusedError("not-docx")
        return main


# A local file header (APPNOTE.TXT 4.3.7): its signature, the version needed, the flags, then 18
# bytes of fields the central directory repeats (read from there), the lengths of the name and extra field.
_LOCAL_HEADER = struct.Struct("<I2xH18xHH")
_LOCAL_SIGNATURE = 0x04034B50
_COPYABLE_FLAGS = 0x2 | 0x4 | 0x8 | 0x800  # deflate level, data descriptor, UTF-8 name: nothing else
_ZIP64_FROM = 0xFFFFFFFF


def _name_encoding(flags: int) -> str:
    """How a header's name is written: UTF-8 where its flags say so, else code page 437 (as zipfile reads it)."""
    return "utf-8" if flags & 0x800 else "cp437"


def parse_xml(data: bytes) -> etree._Element:
    """XML parsed with entities unresolved, no network and no huge trees; a DOCTYPE is refused."""
    if _DOCTYPE.search(data[:DOCTYPE_SCAN]):
        raise WordRefusedError("doctype")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise WordRefusedError("bad-xml", detail=str(exc)) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise WordRefusedError("doctype")
    return root


# --- the walks -----------------------------------------------------------------------------


def children(element: etree._Element, *tags: str) -> list[etree._Element]:
    """The children of ``element`` with one of ``tags``, looking through content controls, custom XML and insertions."""
    found = []
    for child in element:
        if child.tag in tags:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(children(child, *tags))
    return found


def paragraph_text(paragraph: etree._Element, *, page_break: str = "\n") -> str:
    """A paragraph's visible text: runs, tabs, breaks as newlines (a page break as ``page_break``); no deletions."""
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        elif node.get(W + "type") == "page":
            parts.append(page_break)
        else:
            parts.append("\n")
    return "".join(parts)


def cell_text(cell: etree._Element, text: Callable[[etree._Element], str] = paragraph_text) -> str:
    """A table cell's paragraphs, each read by ``text``, one line each."""
    return "\n".join(text(p) for p in cell.iter(W + "p"))


def int_val(element: etree._Element | None, default: int, most: int = MAX_SPAN) -> int:
    """An element's ``w:val`` as a whole number from 0 to ``most``; ``default`` where it is absent or not a number."""
    if element is None:
        return default
    try:
        return max(0, min(int(str(element.get(W + "val"))), most))
    except ValueError:
        return default


@dataclass(frozen=True)
class GridCell:
    """A table cell where it stands in the grid: its first column, the columns it spans, its vertical merge."""

    element: etree._Element
    column: int
    span: int
    merge: Literal["restart", "continue"] | None  # "continue": the cell above runs on into this one


def grid_before(row: etree._Element) -> int:
    """The grid columns a table row leaves empty before its first cell."""
    props = row.find(W + "trPr")
    return int_val(props.find(W + "gridBefore") if props is not None else None, 0)


def grid_cells(row: etree._Element) -> Iterator[GridCell]:
    """The cells of a table row in order, each with its grid column, as Word lays them out."""
    column = grid_before(row)
    for cell in children(row, W + "tc"):
        props = cell.find(W + "tcPr")
        span = max(int_val(props.find(W + "gridSpan") if props is not None else None, 1), 1)
        found = props.find(W + "vMerge") if props is not None else None
        merge: Literal["restart", "continue"] | None = None
        if found is not None:
            merge = "continue" if found.get(W + "val") in (None, "continue") else "restart"
        yield GridCell(cell, column, span, merge)
        column += span


def paragraph_runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph in order, inside hyperlinks, insertions and content controls too; not deletions."""
    for node in paragraph.iter(W + "r"):
        if any(a.tag in (W + "del", W + "moveFrom") for a in node.iterancestors()):
            continue
        yield node


def run_text(run: etree._Element) -> str:
    """A run's own text: text, tabs, and breaks as newlines."""
    parts = []
    for node in run:
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)
