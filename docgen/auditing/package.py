"""Opening any Word file safely: the parts an audit reads, parsed under limits.

The file may come from anyone (typed by hand, written by another tool), so it is read with
zipfile and lxml under limits rather than trusted: it must be a zip holding a Word document,
no part may inflate past a limit (checked in the zip header and again while reading), XML
may carry no DOCTYPE, and only so many parts are looked at. A failure is an ``AuditError``
naming the file; nothing here can hang or exhaust memory on a hostile file.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.errors import Problem, ProblemsError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 10_000
DOCTYPE_SCAN = 64 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class AuditError(ProblemsError):
    """Raised when a Word file cannot be read safely (names the file and what is wrong with it)."""


@dataclass
class WordPackage:
    """The parts of a .docx an audit reads, parsed; ``footers`` maps a relationship id to its part name."""

    path: Path
    main: str
    document: etree._Element
    styles: etree._Element | None
    settings: etree._Element | None
    settings_name: str | None
    relationships: dict[str, tuple[str, str]]  # id -> (type, part name)
    parts: dict[str, etree._Element] = field(default_factory=dict)  # footers and other parts read, by name


def _error(path: Path, code: str, **params: object) -> AuditError:
    return AuditError([Problem(code, dict(params), file=str(path))])


def open_package(path: Path) -> WordPackage:
    """The parsed parts of the .docx at ``path``; ``AuditError`` when it cannot be read safely."""
    try:
        if path.is_dir():
            raise _error(path, "audit-is-directory")
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(4)
    except FileNotFoundError:
        raise _error(path, "audit-missing") from None
    except OSError as exc:
        raise _error(path, "file-unreadable", reason=exc.strerror or str(exc)) from None
    if size > MAX_FILE_BYTES:
        raise _error(path, "audit-too-large", limit=MAX_FILE_BYTES // (1024 * 1024))
    if magic == b"\xd0\xcf\x11\xe0":
        raise _error(path, "audit-old-word")
    if not magic.startswith(b"PK"):
        raise _error(path, "audit-not-docx")
    try:
        with zipfile.ZipFile(path) as archive:
            return _read(path, archive)
    except AuditError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise _error(path, "audit-corrupt", detail=str(exc) or type(exc).__name__) from None


def _read(path: Path, archive: zipfile.ZipFile) -> WordPackage:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _error(path, "audit-corrupt", detail=f"more than {MAX_MEMBERS} parts")
    names = {info.filename: info for info in members}
    if "[Content_Types].xml" not in names:
        raise _error(path, "audit-not-docx")
    main = "word/document.xml"
    if "_rels/.rels" in names:
        for rel_type, target in _relationships(path, archive, names["_rels/.rels"], "").values():
            if rel_type == _RT + "officeDocument":
                main = target
                break
    if main not in names:
        raise _error(path, "audit-not-docx")
    document = parse_xml(path, read_member(path, archive, names[main]))
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    relationships = (
        _relationships(path, archive, names[rels_name], posixpath.dirname(main)) if rels_name in names else {}
    )
    package = WordPackage(path, main, document, None, None, None, relationships)
    for rel_type, target in relationships.values():
        if target not in names:
            continue
        if rel_type == _RT + "styles":
            package.styles = parse_xml(path, read_member(path, archive, names[target]))
        elif rel_type == _RT + "settings":
            package.settings = parse_xml(path, read_member(path, archive, names[target]))
            package.settings_name = target
        elif rel_type == _RT + "footer":
            package.parts[target] = parse_xml(path, read_member(path, archive, names[target]))
    return package


def _relationships(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, base: str
) -> dict[str, tuple[str, str]]:
    root = parse_xml(path, read_member(path, archive, info))
    found = {}
    for rel in root.iter("{" + REL_NS + "}Relationship"):
        target = str(rel.get("Target") or "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        found[str(rel.get("Id"))] = (str(rel.get("Type")), posixpath.normpath(name))
    return found


def read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, refused when its header or its actual inflated size passes the limit."""
    limit = MAX_PART_BYTES
    if info.file_size > limit:
        raise _error(path, "audit-part-too-large", part=info.filename, limit=limit // (1024 * 1024))
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _error(path, "audit-part-too-large", part=info.filename, limit=limit // (1024 * 1024))
    return data


def parse_xml(path: Path, data: bytes) -> etree._Element:
    """XML parsed with entities unresolved, no network and no huge trees; a DOCTYPE is refused."""
    if _DOCTYPE.search(data[:DOCTYPE_SCAN]):
        raise _error(path, "audit-doctype")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _error(path, "audit-bad-xml", detail=str(exc)) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _error(path, "audit-doctype")
    return root
