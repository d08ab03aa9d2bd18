"""``docgen.DocxTemplate``: docxtpl's ``DocxTemplate``, rendered by docgen's compiled engine.

The same constructor and methods, the same tags, and docxtpl's own objects (``RichText``,
``RichTextParagraph``, ``Listing``, ``InlineImage``, ``Subdoc``) in the context; values print as
docxtpl prints them and undefined names print nothing unless ``render(…, strict=True)``. What
differs is the work per document: the template is read, patched and compiled once per process
(``engine``) and each render is one Jinja render per tagged part and a zip write, where docxtpl
reopens the package and compiles every part again. The python-docx ``Document`` docxtpl works on
is opened only when the caller asks for it (``docx``, ``get_docx()``, ``new_subdoc()``, or a
python-docx attribute such as ``tpl.paragraphs``); a render after the template's document was
changed that way renders that document, compiled for the one render.
"""

from __future__ import annotations

import binascii
import hashlib
import io
import os
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from jinja2 import Environment, meta

from docgen.errors import Finding, TemplateError
from docgen.inputs.bounded import read_regular
from docgen.inputs.budget import BudgetSandbox
from docgen.rendering.docxtpl_compat.engine import DocxtplTemplate
from docgen.rendering.docxtpl_compat.environments import sandbox_for
from docgen.rendering.docxtpl_compat.inline_images import RenderingPart
from docgen.rendering.docxtpl_compat.replacing import Replacements, pictures, replaced
from docgen.rendering.docxtpl_compat.subdoc import Subdoc
from docgen.rendering.patching import patch_part
from docgen.rendering.templates import MAX_TEMPLATE_BYTES, CompiledTemplate
from docgen.rendering.zipwriter import Member, archive, deflate

TemplateFile = str | os.PathLike[str] | IO[bytes]
_KEPT = 16  # compiled templates kept per process (a program renders a few templates many times)
_compiled: OrderedDict[Hashable, DocxtplTemplate] = OrderedDict()
_lock = threading.Lock()
_MAIN_RELS = "word/_rels/document.xml.rels"
# docxtpl's steps, which this engine does otherwise: asked for by name, they say so
_INTERNALS = frozenset(
    {
        "build_xml", "render_xml_part", "resolve_listing", "fix_tables", "fix_docpr_ids", "map_tree",
        "get_headers_footers", "get_part_xml", "get_headers_footers_encoding", "build_headers_footers_xml",
        "map_headers_footers_xml", "render_properties", "render_footnotes", "render_init", "get_xml", "write_xml",
        "xml_to_string", "pre_processing", "post_processing",
    }
)  # fmt: skip


def _read(file: str | os.PathLike[str] | IO[bytes]) -> bytes:
    if isinstance(file, (str, os.PathLike)):
        return Path(file).read_bytes()
    return file.read()


class DocxTemplate:
    """A .docx template rendered as docxtpl renders it: ``DocxTemplate(path).render(context)``, then ``save(path)``."""

    HEADER_URI = RELATIONSHIP_TYPE.HEADER
    FOOTER_URI = RELATIONSHIP_TYPE.FOOTER

    def __init__(self, template_file: TemplateFile) -> None:
        self.template_file = template_file
        self.is_rendered = False
        self.is_saved = False
        self.allow_missing_pics = False
        self.pic_map: dict[str, str] = {}
        self.current_rendering_part: RenderingPart | None = None
        self._replacements = Replacements()
        self._source: bytes | None = None
        self._docx: Any = None  # python-docx's Document, opened when asked for
        self._output: list[Member] | None = None
        self._links: dict[str, str] = {}  # build_url_id's hyperlinks: id -> address

    def __getattr__(self, name: str) -> Any:
        """python-docx's ``Document`` attributes (``tpl.paragraphs``, ``tpl.tables``…), as docxtpl gives them."""
        if name.startswith("_"):
            raise AttributeError(name)
        if name in _INTERNALS:
            raise AttributeError(f"docgen.DocxTemplate has no {name}: it renders with docgen's compiled engine")
        return getattr(self.docx, name)

    # the template and its document

    @property
    def _name(self) -> Path:
        file = self.template_file
        return Path(file) if isinstance(file, (str, os.PathLike)) else Path(str(getattr(file, "name", "template.docx")))

    def _template_bytes(self) -> bytes:
        if self._source is None:
            file = self.template_file
            if isinstance(file, (str, os.PathLike)):
                try:
                    self._source = read_regular(Path(file), MAX_TEMPLATE_BYTES)
                except FileNotFoundError:
                    finding = Finding("template-missing", {"template": str(file)}, file=str(file))
                    raise TemplateError([finding]) from None
            else:
                if file.seekable():
                    file.seek(0)
                self._source = file.read()
        return self._source

    def _compiled(self, sandbox: BudgetSandbox) -> DocxtplTemplate:
        """The template compiled for ``sandbox``: once per process while the file (or the bytes) stays the same."""
        file = self.template_file
        if isinstance(file, (str, os.PathLike)):
            path = Path(file)
            try:
                stat = path.stat()
            except FileNotFoundError:
                raise TemplateError([Finding("template-missing", {"template": str(path)}, file=str(path))]) from None
            key: Hashable = (path.resolve(), stat.st_mtime_ns, stat.st_size, id(sandbox))
            data = None
        else:
            data = self._template_bytes()
            key = (hashlib.sha256(data).digest(), id(sandbox))
        with _lock:
            template = _compiled.get(key)
            if template is not None:
                _compiled.move_to_end(key)
                return template
        template = DocxtplTemplate(self._name, data=data, sandbox=sandbox)
        with _lock:
            _compiled[key] = template
            while len(_compiled) > _KEPT:
                _compiled.popitem(last=False)
        return template

    @property
    def docx(self) -> Any:
        """python-docx's ``Document``: the rendered document after ``render``, else the template's."""
        if self._docx is None:
            if self.is_rendered:
                assert self._output is not None
                self._docx = Document(io.BytesIO(archive(self._output)))
            else:
                self._docx = Document(io.BytesIO(self._template_bytes()))
                for address in self._links.values():  # same ids: python-docx numbers them as build_url_id did
                    self._docx.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return self._docx

    def init_docx(self, reload: bool = True) -> None:
        """Open the template's document; after a render (with ``reload``) the template's again, as docxtpl does."""
        if self.is_rendered and reload:
            self.is_rendered, self._output, self._docx = False, None, None
        _ = self.docx

    def get_docx(self) -> Any:
        """The template's python-docx ``Document`` (reopened after a render, as docxtpl reopens it)."""
        self.init_docx()
        return self.docx

    def new_subdoc(self, docpath: TemplateFile | None = None) -> Subdoc:
        """A sub-document to fill and print with ``{{p sd }}``; read from ``docpath`` when given (needs docxcompose)."""
        self.init_docx()
        return Subdoc(self, docpath)

    def patch_xml(self, src_xml: str) -> str:
        """Docxtpl's own preparation of a part's XML for Jinja (the tags Word split joined, ``{%p`` and the like)."""
        from docxtpl.template import DocxTemplate as Docxtpl

        patched: str = Docxtpl.patch_xml(None, src_xml)
        return patched

    # rendering

    def render(
        self,
        context: Mapping[str, Any],
        jinja_env: Environment | None = None,
        autoescape: bool = False,
        *,
        strict: bool = False,
    ) -> None:
        """Render the template with ``context``; ``save`` writes the result.

        ``jinja_env``'s filters, tests, globals and options are honoured in docgen's sandbox;
        ``autoescape`` escapes values' ``&`` and ``<``; ``strict`` makes an undefined name an error.
        """
        sandbox = sandbox_for(jinja_env, autoescape, strict)
        links: Mapping[str, str] | None = self._links
        if self._docx is not None and not self.is_rendered:  # the caller changed the template's document
            stream = io.BytesIO()
            self._docx.save(stream)
            template = DocxtplTemplate(self._name, data=stream.getvalue(), sandbox=sandbox)
            links = None  # already in that document
        else:
            template = self._compiled(sandbox)
        self.is_saved = self.is_rendered = False
        self.current_rendering_part = RenderingPart()
        try:
            self._output = template.render_members(context, links=links)
        finally:
            self.current_rendering_part = None
        self._docx = None
        self.is_rendered = True

    def build_url_id(self, url: str) -> str:
        """The relationship id of an external hyperlink to ``url`` (for ``RichText(…, url_id=…)``)."""
        if self._docx is not None and not self.is_rendered:
            rid: str = self._docx.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            self._links.setdefault(rid, url)
            return rid
        known = next((rid for rid, address in self._links.items() if address == url), None)
        if known is not None:
            return known
        taken = self._compiled(sandbox_for()).package_names.relationship_ids.get(_MAIN_RELS, frozenset())
        number = next(n for n in range(1, len(taken) + len(self._links) + 2) if f"rId{n}" not in {*taken, *self._links})
        self._links[f"rId{number}"] = url
        return f"rId{number}"

    def get_undeclared_template_variables(
        self, jinja_env: Environment | None = None, context: Mapping[str, Any] | None = None
    ) -> set[str]:
        """The names the body, headers and footers use without defining them (less ``context``'s), as docxtpl says."""
        with zipfile.ZipFile(io.BytesIO(self._template_bytes())) as package:
            entries = CompiledTemplate.members(package)
        parts = {info.filename: data for info, data in entries}
        names = ["word/document.xml", *sorted(n for n in parts if n.startswith(("word/header", "word/footer")))]
        sources = [patch_part(parts[name].decode("utf-8", "replace"), None).source for name in names if name in parts]
        found = meta.find_undeclared_variables((jinja_env or Environment()).parse("".join(sources)))
        return found - set(context) if context is not None else found

    # saving

    def save(self, filename: TemplateFile) -> None:
        """Write the rendered document (the template itself before any render) to a path or a binary file."""
        if self._docx is not None and (self.is_rendered or self.is_saved):
            stream = io.BytesIO()
            self._docx.save(stream)
            members = _members(stream.getvalue())
        elif self._output is not None and self.is_rendered:
            members = self._output
        else:
            members = _members(self._template_bytes())
        if self._replacements.pictures:
            by_name = {member.name.decode("utf-8"): member for member in members}
            self.pic_map.update({name: media for media, name, _title, _descr in pictures(by_name)})
        data = archive(replaced(members, self._replacements, self.allow_missing_pics))
        if isinstance(filename, (str, os.PathLike)):
            Path(filename).write_bytes(data)
        else:
            filename.write(data)
        self.is_saved = True

    def get_pic_map(self) -> dict[str, str]:
        """The pictures ``replace_pic`` looked at in the last save: name -> media part."""
        return self.pic_map

    # replacements, made when the document is saved

    @staticmethod
    def get_file_crc(file_obj: TemplateFile) -> int:
        """The CRC-32 of a file's bytes, as a zip stores it."""
        return binascii.crc32(_read(file_obj)) & 0xFFFFFFFF

    def replace_media(self, src_file: TemplateFile, dst_file: TemplateFile) -> None:
        """Put ``dst_file``'s bytes in place of every picture whose bytes are ``src_file``'s (headers' too)."""
        self._replacements.media[self.get_file_crc(src_file)] = _read(dst_file)

    def replace_pic(self, embedded_file: str, dst_file: TemplateFile) -> None:
        """Put ``dst_file``'s bytes in place of the picture named ``embedded_file`` (its name, title or description)."""
        self._replacements.pictures[embedded_file] = _read(dst_file)

    def replace_embedded(self, src_file: TemplateFile, dst_file: TemplateFile) -> None:
        """Put ``dst_file`` in place of every embedded file whose bytes are ``src_file``'s."""
        self._replacements.embedded[self.get_file_crc(src_file)] = _read(dst_file)

    def replace_zipname(self, zipname: str, dst_file: TemplateFile) -> None:
        """Put ``dst_file`` in place of the package member ``zipname`` (``word/embeddings/…``)."""
        self._replacements.members[zipname] = _read(dst_file)

    def reset_replacements(self) -> None:
        """Forget every replacement asked for."""
        self._replacements = Replacements()

    @property
    def crc_to_new_media(self) -> dict[int, bytes]:
        """``replace_media``'s replacements, by the CRC-32 of the picture replaced."""
        return self._replacements.media

    @property
    def crc_to_new_embedded(self) -> dict[int, bytes]:
        """``replace_embedded``'s replacements, by the CRC-32 of the file replaced."""
        return self._replacements.embedded

    @property
    def zipname_to_replace(self) -> dict[str, bytes]:
        """``replace_zipname``'s replacements, by member name."""
        return self._replacements.members

    @property
    def pics_to_replace(self) -> dict[str, bytes]:
        """``replace_pic``'s replacements, by picture name."""
        return self._replacements.pictures


def _members(data: bytes) -> list[Member]:
    """A package's members as the engine's, for a package python-docx wrote or the template as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [deflate(info.filename, data) for info, data in CompiledTemplate.members(package) if not info.is_dir()]
