"""``fix_document``: a corrected copy of a Word file, where the fix is mechanical, and what is left to a person.

Mechanical fixes are those with one right answer that changes no wording: brackets and zero
padding of document numbers, full-width punctuation, Arabic dates, a title's or attachment
name's stray final mark, the East Asian font slot, A4 paper and the standard margins, and
the page numbers' form, font and side. The copy is audited again; what remains is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from docgen.auditing.audit import MECHANICAL, audit_file, is_unreadable
from docgen.auditing.document import Document
from docgen.auditing.layout_rules import A4, MARGINS, family, suggested
from docgen.auditing.package import MAX_PART_BYTES, AuditError, open_package, word_file
from docgen.auditing.structure import find_parts, heading_level
from docgen.errors import Finding
from docgen.inputs.wordfiles import W, paragraph_runs
from docgen.rendering.outputs import write_bytes_atomic
from docgen.rendering.targets import check_output_file
from docgen.rendering.wordml import set_paragraph_property
from docgen.rendering.zipwriter import Member, archive, deflate

_ROLE_FAMILY = {"title": "xiaobiaosong", "labels": "heiti"}
_HEADING_FAMILY = {1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class FixReport:
    """What ``fix_document`` repaired (findings of the original now gone) and what it ``left`` to a person."""

    source: Path
    written: Path
    fixed: list[Finding]
    left: list[Finding]


def fix_document(source: str | Path, target: str | Path, *, force: bool = False) -> FixReport:
    """Write a copy of ``source`` to ``target`` with the mechanical fixes made; report what was fixed and left.

    ``target`` is never ``source`` (by any name), never a folder, a device or a pipe, and an
    existing ``target`` is replaced only with ``force``. Raises ``AuditError`` when ``source``
    cannot be read, ``OutputExistsError`` or ``WriteError`` when ``target`` cannot be written.
    """
    source, target = Path(source), Path(target)
    check_output_file(target, [source])  # before the work: with or without force
    before = audit_file(source)
    if any(is_unreadable(f) for f in before):
        raise AuditError(before)
    document = Document(open_package(source))
    wanted = [f for f in before if f.code in MECHANICAL]
    changed = _apply(document, wanted)
    write_bytes_atomic(target, _repackaged(source, changed), force=force, inputs=[source])
    after = audit_file(target)
    remaining = {(f.code, f.path, f.params.get("found")) for f in after}
    fixed = [f for f in before if (f.code, f.path, f.params.get("found")) not in remaining]
    return FixReport(source, target, fixed, after)


def _apply(document: Document, findings: list[Finding]) -> dict[str, etree._Element]:
    """Make the fixes in the parsed parts; the parts changed, by name."""
    package = document.package
    changed: dict[str, etree._Element] = {}
    by_paragraph: dict[int, list[dict[str, Any]]] = defaultdict(list)
    codes = {f.code for f in findings}
    for finding in findings:
        if "replacement" in finding.params:
            by_paragraph[int(finding.params["n"])].append(dict(finding.params))
    for number, edits in by_paragraph.items():
        _edit_text(document.paragraphs[number - 1].element, edits)
        changed[package.main] = package.document
    if "font-slot" in codes:
        _fill_font_slots(document)
        changed[package.main] = package.document
    if codes & {"paper-size", "margins"}:
        _page_setup(document)
        changed[package.main] = package.document
    if codes & {"page-number-form", "page-number-side", "page-number-font", "page-number-alternate"}:
        changed.update(_page_numbers(document))
    return changed


def _edit_text(paragraph: etree._Element, edits: list[dict[str, Any]]) -> None:
    """Replace spans of a paragraph's text, last first, across the w:t nodes that hold them."""
    nodes = [t for r in paragraph_runs(paragraph) for t in r if t.tag in (W + "t", W + "tab", W + "br", W + "cr")]
    taken: list[tuple[int, int]] = []
    for edit in sorted(edits, key=lambda e: -int(e["offset"])):
        start, end = int(edit["offset"]), int(edit["offset"]) + int(edit["length"])
        if any((start < b and a < end) or start == a for a, b in taken):
            continue  # two findings on one span: the later audit shows what is left
        taken.append((start, end))
        position = 0
        inserted = False
        for node in nodes:
            text = (node.text or "") if node.tag == W + "t" else ("\t" if node.tag == W + "tab" else "\n")
            node_start, node_end = position, position + len(text)
            position = node_end
            if node.tag != W + "t" or node_end < start or node_start > end:
                continue
            a, b = max(start, node_start) - node_start, min(end, node_end) - node_start
            if not inserted and node_start <= start <= node_end:
                node.text = text[:a] + str(edit["replacement"]) + text[b:]
                inserted = True
            elif inserted:
                node.text = text[:a] + text[b:]
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _fill_font_slots(document: Document) -> None:
    """Name the East Asian font on every run of Chinese text that lacks one: the Latin slot's, else its part's."""
    parts = find_parts(document)
    for paragraph in document.paragraphs:
        role = parts.role(paragraph)
        level = heading_level(paragraph.text) if role == "main" else None
        want = _ROLE_FAMILY.get(role) or (_HEADING_FAMILY[level] if level else "fangsong")
        for element, run in zip(paragraph_runs(paragraph.element), paragraph.runs, strict=True):
            if run.east_asia is not None and not run.east_asia.startswith("theme:"):
                continue
            if not any("\u3400" <= c <= "\u9fff" for c in run.text):
                continue
            name = run.latin if family(run.latin) else suggested(want)
            rpr = element.find(W + "rPr")
            if rpr is None:
                rpr = etree.Element(W + "rPr")
                element.insert(0, rpr)
            fonts = rpr.find(W + "rFonts")
            if fonts is None:
                fonts = etree.Element(W + "rFonts")
                rpr.insert(0, fonts)
            fonts.set(W + "eastAsia", name)
            fonts.attrib.pop(W + "eastAsiaTheme", None)


def _page_setup(document: Document) -> None:
    """A4 and the margins of GB/T 9704-2012 on upright sections; landscape ones keep their margins."""
    for section in document.sections:
        size = section.element.find(W + "pgSz")
        if size is None:
            size = etree.SubElement(section.element, W + "pgSz")
        width, height = (A4[1], A4[0]) if section.landscape else A4
        size.set(W + "w", str(width))
        size.set(W + "h", str(height))
        if section.landscape:
            continue
        margin = section.element.find(W + "pgMar")
        if margin is None:
            margin = etree.Element(W + "pgMar")
            size.addnext(margin)
        for side, value in MARGINS.items():
            margin.set(W + side, str(value))
        for side in ("header", "footer", "gutter"):
            margin.set(W + side, margin.get(W + side) or {"header": "851", "footer": "1304", "gutter": "0"}[side])


def _page_numbers(document: Document) -> dict[str, etree._Element]:
    """Each page-number footer as "— 1 —", 四号 宋体, odd right, even left; odd and even footers turned on."""
    from docgen.auditing.layout_rules import _footer_paragraph

    changed: dict[str, etree._Element] = {}
    section = next((s for s in document.sections if not s.landscape), None)
    if section is None:
        return changed
    for kind, side in (("default", "right"), ("even", "left")):
        part = section.footers.get(kind)
        paragraph = _footer_paragraph(document, part) if part else None
        if part is None or paragraph is None:
            continue
        _rebuild_page_number(paragraph, side)
        changed[part] = document.package.parts[part]
    settings = document.package.settings
    if "even" in section.footers and settings is not None and settings.find(W + "evenAndOddHeaders") is None:
        anchor = next((c for c in settings if etree.QName(c).localname in _AFTER_EVEN_AND_ODD), None)
        flag = etree.Element(W + "evenAndOddHeaders")
        if anchor is not None:
            anchor.addprevious(flag)
        else:
            settings.append(flag)
        changed[str(document.package.settings_name)] = settings
    return changed


_AFTER_EVEN_AND_ODD = {
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
    "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
    "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "decimalSymbol", "listSeparator",
}  # fmt: skip


def _rebuild_page_number(paragraph: etree._Element, side: str) -> None:
    """The paragraph's runs become "— ", the PAGE field and " —", all 四号 宋体; aligned to ``side``."""
    ppr = paragraph.find(W + "pPr")
    if ppr is None:
        ppr = etree.Element(W + "pPr")
        paragraph.insert(0, ppr)
    set_paragraph_property(ppr, "jc", {W + "val": side})
    for child in list(paragraph):
        if child is not ppr:
            paragraph.remove(child)

    def run(*content: etree._Element) -> None:
        element = etree.SubElement(paragraph, W + "r")
        rpr = etree.SubElement(element, W + "rPr")
        fonts = etree.SubElement(rpr, W + "rFonts")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(W + slot, "宋体")
        for tag in ("sz", "szCs"):
            etree.SubElement(rpr, W + tag).set(W + "val", "28")
        for item in content:
            element.append(item)

    def text(value: str) -> etree._Element:
        node = etree.Element(W + "t")
        node.text = value
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return node

    def field(kind: str) -> etree._Element:
        node = etree.Element(W + "fldChar")
        node.set(W + "fldCharType", kind)
        return node

    instruction = etree.Element(W + "instrText")
    instruction.text = " PAGE "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run(text("— "))
    run(field("begin"))
    run(instruction)
    run(field("separate"))
    run(text("1"))
    run(field("end"))
    run(text(" —"))


def _repackaged(source: Path, changed: dict[str, etree._Element]) -> bytes:
    """The source package with the changed parts written anew, every other part copied as the file holds it.

    An unchanged part is neither inflated nor deflated again (a large picture costs a copy, no
    more); one that cannot be copied so (see ``WordFile.compressed``) is read and deflated.
    """
    members: list[Member] = []
    with word_file(source) as word:
        for name in word.parts:
            if name in changed:
                members.append(deflate(name, _XML_DECLARATION + etree.tostring(changed[name], encoding="UTF-8")))
            elif (held := word.compressed(name)) is not None:
                members.append(Member(name.encode("utf-8"), held.crc, held.size, held.data, held.method))
            else:
                members.append(deflate(name, word.read(name, MAX_PART_BYTES)))
    return archive(members)
