"""``audit``: Word files checked against GB/T 9704-2012, every finding located by paragraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docgen.auditing import layout_rules, text_rules
from docgen.auditing.document import Document
from docgen.auditing.kinds import OFFICIAL, kind_of
from docgen.auditing.layout_rules import Found
from docgen.auditing.package import AuditError, open_package
from docgen.auditing.structure import find_parts
from docgen.errors import Finding

# Findings ``fix_document`` repairs by itself; any other is left to a person.
MECHANICAL = frozenset(
    {
        "document-number",
        "date-form",
        "half-width-punctuation",
        "title-punctuation",
        "heading-number-form",
        "attachment-note-colon",
        "attachment-note-punctuation",
        "attachment-label-colon",
        "copy-to-colon",
        "copy-to-stop",
        "font-slot",
        "paper-size",
        "margins",
        "page-number-form",
        "page-number-side",
        "page-number-font",
        "page-number-alternate",
    }
)


@dataclass(frozen=True)
class AuditReport:
    """What ``audit`` found: every finding, by file in the order given; ``clean`` when there are none.

    ``kinds`` says, for each file that could be read, what kind of document it was held to be
    (``docgen.auditing.kinds``: official, letter, bulletin, form).
    """

    files: list[Path]
    findings: list[Finding] = field(default_factory=list)
    kinds: dict[Path, str] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        """True when no file has a finding."""
        return not self.findings

    @property
    def unreadable(self) -> list[Finding]:
        """The findings that say a file could not be read as a Word document (``is_unreadable``)."""
        return [f for f in self.findings if is_unreadable(f)]

    @property
    def rule_findings(self) -> list[Finding]:
        """The findings on what the files' documents say and how they look: the rules they break."""
        return [f for f in self.findings if not is_unreadable(f)]


def is_unreadable(finding: Finding) -> bool:
    """Whether ``finding`` says its file could not be read as a Word document, rather than that it breaks a rule."""
    return finding.code.startswith("audit-") or finding.code == "file-unreadable"


def document_findings(document: Document, kind: str | None = None) -> Iterator[Found]:
    """Every finding on one opened document for its kind (recognised when None), in the order a reader meets them."""
    parts = find_parts(document)
    official = (kind or kind_of(document, parts)) == OFFICIAL
    yield from layout_rules.page_rules(document)
    if official:
        yield from layout_rules.grid_rules(document, parts)
        yield from layout_rules.font_rules(parts)
    yield from layout_rules.font_slot_rules(document)
    if official:
        yield from text_rules.title_rules(parts)
    yield from text_rules.number_and_date_rules(document)
    yield from text_rules.punctuation_rules(document)
    if official:
        yield from text_rules.attachment_rules(document, parts)
        yield from text_rules.signature_rules(parts)
        yield from text_rules.record_rules(document, parts)
        yield from layout_rules.page_number_rules(document)


def _order(found: Found) -> tuple[int, int]:
    params = found[2]
    return (int(params.get("n", 0)) if found[1].startswith("paragraph") else 0, int(params.get("offset", 0)))


def audit_document(path: Path, kind: str | None = None) -> tuple[str | None, list[Finding]]:
    """The kind ``path`` was held to (``kind``, or recognised) and its findings; no kind when it cannot be read."""
    try:
        document = Document(open_package(path))
    except AuditError as exc:
        return None, exc.problems
    kind = kind or kind_of(document, find_parts(document))
    found = sorted(document_findings(document, kind), key=_order)
    return kind, [Finding(code, params, file=str(path), path=where) for code, where, params in found]


def audit_file(path: Path) -> list[Finding]:
    """The findings of one Word file, held to the rules of its kind; one finding saying why when it cannot be read."""
    return audit_document(path)[1]


def audit(paths: Iterable[str | Path], kind: str | None = None) -> AuditReport:
    """Check each Word file (.docx) against GB/T 9704-2012; the report lists every finding.

    Each file is held to the rules of its kind (``kind``, else recognised from its text): a
    公文 to all of them, a letter, a 简报 or a form to those any printed document answers to
    (``docgen.auditing.kinds``). Nothing is written. A file that cannot be read (missing, not
    a .docx, damaged) gives one finding saying so, and the others are still checked. Each
    finding's ``path`` names its place (``paragraph 12``, ``section 1``, ``footer default``,
    ``document``) and its ``params`` hold the paragraph's number and an excerpt;
    ``docgen.format_audit_finding`` turns it into the line
    ``FILE: paragraph N (“excerpt”): what is wrong (clause, how to fix it)``.
    """
    files = [Path(p) for p in paths]
    findings: list[Finding] = []
    kinds: dict[Path, str] = {}
    for path in files:
        found_kind, found = audit_document(path, kind)
        findings += found
        if found_kind is not None:
            kinds[path] = found_kind
    return AuditReport(files, findings, kinds)
