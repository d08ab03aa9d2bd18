r"""docgen's compiled template engine, finishing parts as docxtpl does.

A template is read, patched and compiled once (``docgen.rendering.templates``); each render
costs one Jinja render per tagged part. What differs from docgen's own documents:

- the parts docxtpl renders: the body, headers, footers and footnotes (not endnotes), and of the
  core properties the six docxtpl renders (author, comments, identifier, language, subject and
  title), each as plain text;
- values' ``\t``, ``\n``, ``\a`` and ``\f`` become tabs, line breaks, new paragraphs and page
  breaks (``breaks``); other control characters are dropped;
- the body's table grids and drawing ids are set as docxtpl sets them (``grids``), and no layout
  is mended;
- an error in a tag is Jinja's own exception, as docxtpl raises it, with docxtpl's
  ``docx_context`` (the paragraphs around it) and docgen's ``finding`` (the tag as typed, and
  its place); docgen's limits and a malformed result raise ``docgen.TemplateError``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError
from lxml import etree

from docgen.inputs.budget import BudgetSandbox, LimitExceeded, budget, render_bounded
from docgen.rendering.docxtpl_compat.breaks import has_controls, mark_controls, split_paragraphs, xml_text
from docgen.rendering.docxtpl_compat.grids import fit_table_grids, renumber_drawings
from docgen.rendering.locating import located_problem
from docgen.rendering.patching import PatchedPart
from docgen.rendering.pictures import PicturePart
from docgen.rendering.placing import Placement
from docgen.rendering.templates import MAX_PART_CHARS, CompiledTemplate, _Part
from docgen.rendering.zipwriter import Member, deflate

_CORE = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
# the core properties docxtpl renders, by their elements
RENDERED_PROPERTIES = (
    f"{_DC}creator",
    f"{_DC}description",
    f"{_DC}identifier",
    f"{_DC}language",
    f"{_DC}subject",
    f"{_DC}title",
)
_HAS_TAG = re.compile(r"\{[{%#]")
_TAG_BREAK = re.compile(r"(\{[{%#][-+]?)\n")  # the line break patching puts after a tag's opening
_PARAGRAPH_LINE = re.compile(r"\n(?=<w:p[ >])")
_MARKUP = re.compile(r"<[^>]+>")
_CONTEXT_BEFORE, _CONTEXT_LINES = 3, 7  # docxtpl's docx_context: the faulty paragraph, three before, three after


class DocxtplTemplate(CompiledTemplate):
    """A template compiled once in ``sandbox`` and rendered as docxtpl renders it."""

    tagged_parts = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
    bad_xml = "docxtpl-bad-xml"  # docxtpl does not escape values unless asked to

    def __init__(self, path: Path, *, data: bytes | None = None, sandbox: BudgetSandbox) -> None:
        self._properties: tuple[bytes, dict[str, Template]] | None = None
        super().__init__(path, data=data, sandbox=sandbox, mend_layout=False)

    def _part(self, info: zipfile.ZipInfo, data: bytes) -> _Part:
        if info.filename == _CORE:
            self._properties = self._compile_properties(data)
        elif self.tagged_parts.match(info.filename):
            data = _as_docxtpl_reads(data)
        return super()._part(info, data)

    def _compile_properties(self, data: bytes) -> tuple[bytes, dict[str, Template]] | None:
        """The core properties' part and a template for each rendered property that holds a tag."""
        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError:
            return None  # docxtpl would fail on it; the part is copied as it is
        plain = self.sandbox.overlay(autoescape=False)  # a property is text, not XML: nothing to escape
        texts = {element.tag: element.text or "" for element in root if element.tag in RENDERED_PROPERTIES}
        templates = {tag: plain.from_string(text) for tag, text in texts.items() if _HAS_TAG.search(text)}
        return (data, templates) if templates else None

    def render_members(
        self, context: Mapping[str, Any], pictures: Sequence[PicturePart] = (), links: Mapping[str, str] | None = None
    ) -> list[Member]:
        """The document's members, its core properties rendered as docxtpl renders them."""
        members = super().render_members(context, pictures, links)
        if self._properties is None:
            return members
        core = deflate(_CORE, self._render_properties(context, *self._properties))
        return [core if member.name == core.name else member for member in members]

    @staticmethod
    def _render_properties(context: Mapping[str, Any], data: bytes, templates: dict[str, Template]) -> bytes:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
        for element in root:
            template = templates.get(element.tag)
            if template is not None:
                with budget():
                    element.text = xml_text(render_bounded(template, context, MAX_PART_CHARS))
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def _jinja_error(self, code: str, part: _Part, exc: Exception, lineno: int | None, detail: str) -> Exception:
        """Jinja's (or Python's) own exception, as docxtpl lets it through; docgen's limits stay docgen's errors."""
        if isinstance(exc, (LimitExceeded, RecursionError, MemoryError)):
            return super()._jinja_error(code, part, exc, lineno, detail)
        finding = located_problem(code, self.path, part.name, part.typed, part.lines, lineno, detail=detail)
        exc.finding = finding  # type: ignore[attr-defined]
        if isinstance(exc, TemplateSyntaxError) and lineno is not None and part.lines is not None:
            exc.docx_context = docx_context(part.lines, lineno)  # type: ignore[attr-defined]
        return exc

    def _finish(self, part: _Part, text: str, placement: Placement) -> bytes:
        """The rendered part: control characters made Word's, and in the body docxtpl's grids and drawing ids."""
        breaks = has_controls(text)
        xml = (mark_controls(text) if breaks else text).encode("utf-8")
        root = self._parsed(part, xml)
        changed = breaks and split_paragraphs(root)
        if part.name == "word/document.xml":
            changed = fit_table_grids(root) | renumber_drawings(root) | changed
        if changed:
            return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
        return xml


def _as_docxtpl_reads(data: bytes) -> bytes:
    """A part's XML written out again, as docxtpl reads it through python-docx.

    ``&quot;`` and ``&apos;`` in tags become quotes and character references the characters,
    while ``&amp;`` and ``&lt;`` stay escaped.
    """
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError:
        return data  # reported where the part is read
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def docx_context(lines: PatchedPart, lineno: int) -> list[str]:
    """The text of the paragraph holding Jinja's line ``lineno`` and of three each side, as docxtpl gives it."""
    source = lines.source.split("\n")
    paragraph = sum(1 for line in source[:lineno] if line.startswith(("<w:p ", "<w:p>")))
    paragraphs = _PARAGRAPH_LINE.split(_TAG_BREAK.sub(r"\1", lines.source))
    first = max(paragraph - _CONTEXT_BEFORE, 0)
    return [_MARKUP.sub("", text).strip("\r\n") for text in paragraphs[first : first + _CONTEXT_LINES]]
