"""Opening any Word file safely: the parts an audit reads, parsed under limits.

The file may come from anyone (typed by hand, written by another tool), so it is opened by
``docgen.inputs.wordfiles`` rather than trusted: it must be a regular file and a zip holding a
Word document, no part may inflate past a limit, XML may carry no DOCTYPE, and only so many
parts are looked at. A failure is an ``AuditError`` naming the file; nothing here can hang or
exhaust memory on a hostile file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.errors import FindingsError
from docgen.inputs.wordfiles import RELATIONSHIP, Reason, Relationship, WordFile, WordRefusedError, open_word

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024

_REFUSALS: dict[Reason, str] = {
    "folder": "audit-is-directory",
    "missing": "audit-missing",
    "too-large": "audit-too-large",
    "old-word": "audit-old-word",
    "encrypted": "audit-encrypted",
    "not-zip": "audit-not-docx",
    "not-docx": "audit-not-docx",
    "corrupt": "audit-corrupt",
    "member-too-large": "audit-part-too-large",
    "doctype": "audit-doctype",
    "bad-xml": "audit-bad-xml",
}


class AuditError(FindingsError):
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
    relationships: dict[str, Relationship]  # id -> (type, part name)
    parts: dict[str, etree._Element] = field(default_factory=dict)  # footers and other parts read, by name


@contextmanager
def word_file(path: Path) -> Iterator[WordFile]:
    """The .docx at ``path`` open under the audit's limits; ``AuditError`` when it cannot be read safely."""
    try:
        with open_word(path, MAX_FILE_BYTES) as word:
            yield word
    except WordRefusedError as exc:
        problem = exc.problem(path, _REFUSALS)
        if exc.reason == "member-too-large":  # the audit's message calls it a part
            params = dict(problem.params)
            problem = problem.replace(params={"part": params.pop("member"), **params})
        raise AuditError([problem]) from None


def open_package(path: Path) -> WordPackage:
    """The parsed parts of the .docx at ``path``; ``AuditError`` when it cannot be read safely."""
    with word_file(path) as word:
        main = word.main_part(MAX_PART_BYTES)
        relationships = word.relationships(main, MAX_PART_BYTES)
        package = WordPackage(path, main, word.xml(main, MAX_PART_BYTES), None, None, None, relationships)
        for rel_type, target in relationships.values():
            if target not in word.parts:
                continue
            if rel_type == RELATIONSHIP + "styles":
                package.styles = word.xml(target, MAX_PART_BYTES)
            elif rel_type == RELATIONSHIP + "settings":
                package.settings = word.xml(target, MAX_PART_BYTES)
                package.settings_name = target
            elif rel_type == RELATIONSHIP + "footer":
                package.parts[target] = word.xml(target, MAX_PART_BYTES)
        return package
