"""``new_subdoc()``: a document built in code and printed where ``{{p sd }}`` stands, as docxtpl's ``Subdoc``.

A sub-document is a python-docx ``Document`` the caller fills (``add_paragraph``,
``add_table``, ``add_picture``…). Without a file it shares the template's main part, so its
styles are the template's and its pictures enter the template's package. From a file
(``new_subdoc("part.docx")``) its styles, numbering and pictures are merged into the template by
docxcompose, as docxtpl merges them; docxcompose is docxtpl's optional extra
(``pip install docxcompose``), needed for that case only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx import Document
from lxml import etree

from docgen.rendering.tags import W

if TYPE_CHECKING:
    from os import PathLike
    from typing import IO


class Subdoc:
    """A sub-document of ``tpl`` (a ``DocxTemplate``), empty or read from ``docpath``; other attributes are its own."""

    def __init__(self, tpl: Any, docpath: str | PathLike[str] | IO[bytes] | None = None) -> None:
        self.tpl = tpl
        self.docx = tpl.get_docx()
        self.subdocx = Document(docpath)  # type: ignore[arg-type]  # python-docx opens path-likes too
        if docpath is None:
            self.subdocx._part = self.docx._part  # its styles and pictures are the template's
        else:
            _merge(self.docx, self.subdocx)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("tpl", "docx", "subdocx"):
            raise AttributeError(name)
        return getattr(self.subdocx, name)

    def __str__(self) -> str:
        """The sub-document's paragraphs and tables, without its section properties."""
        body = self.subdocx.element.body
        return "".join(
            etree.tostring(child, encoding="unicode", with_tail=False) for child in body if child.tag != W + "sectPr"
        )

    __html__ = __str__


def _merge(template: Any, part: Any) -> None:
    """Copy what the paragraphs of ``part`` refer to (styles, numbering, pictures…) into ``template``."""
    try:
        from docxtpl.subdoc import SubdocComposer
    except ImportError as exc:
        raise ModuleNotFoundError(
            "new_subdoc(file) merges a .docx with docxcompose, which is not installed: "
            "pip install docxcompose (or docgen[subdoc])",
            name=exc.name,
        ) from exc
    SubdocComposer(template).attach_parts(part)
