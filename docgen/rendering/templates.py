"""docxtpl templates compiled once and rendered many times, safely.

docxtpl reopens the package and compiles Jinja again for every document. Here a template is
read, patched (as docxtpl's ``patch_xml`` does: tags Word split across runs joined) and
compiled once, and kept on disk (``compiled_cache``) so that the next run compiles nothing; each
document then costs one Jinja render per tagged part and a zip write. Parts without tags are
copied as they are, deflated once. Rendering runs in Jinja's sandbox with
autoescape on and undefined names as errors, and every rendered part must be well-formed XML.
``{{ image(...) }}`` and ``{{ qr(...) }}`` place pictures (``placing``); what they placed is added
to the package (media, relationships, content types) after the parts are rendered.

Layout mending (widows, equal table columns after ``{%tc`` loops, line spacing around placed
pictures, an empty last section dropped) is for docgen's own GB/T 9704 documents, which ask for
it with ``mend_layout``; a template rendered for someone else (``docgen.DocxTemplate``) keeps
the layout its author gave it.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, ClassVar

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from lxml import etree

from docgen.errors import Finding, TemplateError
from docgen.inputs.bounded import InputRefusedError, read_member, read_regular
from docgen.inputs.budget import BudgetSandbox, LimitExceeded, OutputTooLarge, budget, render_bounded
from docgen.rendering import compiled_cache, wordml
from docgen.rendering.active_content import refusals
from docgen.rendering.compiled_cache import CompiledParts, TaggedPart
from docgen.rendering.locating import located_problem, tags_again, template_line
from docgen.rendering.package import file_format, package_format
from docgen.rendering.pictures import CONTENT_TYPES, PicturePart, relationship_ids
from docgen.rendering.placing import PackageNames, Placement, PlacementError, fit_pictures, image, placing, qr
from docgen.rendering.values import FILTERS, NotTextError, xml_safe
from docgen.rendering.widows import mend_widows
from docgen.rendering.wordml import drop_empty_last_section, ends_with_empty_section, fit_grids, text_breaks, xml_parser
from docgen.rendering.zipwriter import Member, archive, content_digest, deflate, payload_digest

if TYPE_CHECKING:
    from docgen.rendering.patching import PatchedPart
    from docgen.rendering.tags import PartTags

MAX_PART_CHARS = 20_000_000  # a rendered part larger than this is a runaway template
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 30 * 1024 * 1024  # one part once inflated: a document's text is far smaller
MAX_UNPACKED_BYTES = 120 * 1024 * 1024  # all parts together, images and fonts included
TAGGED_PARTS = re.compile(
    r"^(word/document|word/header\d*|word/footer\d*|word/footnotes|word/endnotes|docProps/core)\.xml$"
)
_MARKUP = re.compile(r"<[^>]+>")
_HAS_TAG = re.compile(r"\{[{%#]|\{_[{%]|[}%]_\}")
_DRAWING_ID = re.compile(rb":docPr\b[^>]*?\sid=\"(\d{1,9})\"")
_SHOWS_DRAWINGS = re.compile(r"^word/.*\.xml$")  # not the media, which may be megabytes of photos


@lru_cache(maxsize=1)
def environment() -> BudgetSandbox:
    """The one Jinja environment for templates: sandboxed, autoescaped, strict about names.

    Values print as ``docgen.rendering.values`` reads them, and the filters running text has
    (``md``, ``ymd``, ``weekday``, ``cite``) work here too, with ``cn``, ``pad`` and ``number``;
    ``image()`` and ``qr()`` place pictures.
    """
    sandbox = BudgetSandbox(autoescape=True, undefined=StrictUndefined, finalize=xml_safe, extra_filters=FILTERS)
    sandbox.globals.update(image=image, qr=qr)
    return sandbox


def _unpatch(xml: str) -> str:
    """Undo the line breaks ``patch_part`` added before paragraphs."""
    return xml.replace("\n<w:p", "<w:p")


@dataclass(frozen=True)
class _Part:
    name: str
    member: Member | None  # deflated once when the part has no tags
    template: Template | None
    source: str
    typed: PartTags | None = None  # the tags as the author typed them, with their places
    lines: PatchedPart | None = None
    cell_loops: bool = False  # a {%tc tag: the table grids are fitted after rendering
    code: CodeType | None = None  # the template's code, as the disk cache keeps it
    xml: bytes = b""  # the part as the template holds it: its tags are found again from it on an error


class CompiledTemplate:
    """A .docx template read and compiled once; ``render`` makes one document from a context.

    ``data`` is the template's bytes when it is not read from ``path`` (which then only names it);
    ``sandbox`` the Jinja environment its tags compile in (docgen's own by default);
    ``mend_layout`` asks for the layout mending of docgen's own documents. Compiled in docgen's
    own environment, the template is kept on disk by its content (``compiled_cache``).
    """

    tagged_parts: ClassVar[re.Pattern[str]] = TAGGED_PARTS  # the parts whose tags are rendered
    bad_xml: ClassVar[str] = "template-bad-xml"  # the finding for a rendered part that is no XML

    def __init__(
        self,
        path: Path,
        *,
        data: bytes | None = None,
        sandbox: BudgetSandbox | None = None,
        mend_layout: bool = False,
    ) -> None:
        self.path = path
        self.name = path.name
        self.sandbox = sandbox if sandbox is not None else environment()
        self.mend_layout = mend_layout
        self._raw: dict[str, bytes] = {}  # the content types and relationships, which placed pictures add to
        self._names = PackageNames({}, 1)
        self._parts = self._load(path, data)
        self._static_digests: dict[int, bytes] | None = None

    @property
    def package_names(self) -> PackageNames:
        """The relationship ids, drawing ids and media the template's package already holds."""
        return self._names

    def _error(self, code: str, **params: Any) -> TemplateError:
        return TemplateError([Finding(code, {"template": str(self.path), **params}, file=str(self.path))])

    @classmethod
    def read(cls, path: Path) -> bytes:
        """The template's bytes; ``TemplateError`` when it is missing, too large or no regular file."""
        try:
            return read_regular(path, MAX_TEMPLATE_BYTES)  # a FIFO or a link to /dev/zero is refused, not read
        except FileNotFoundError:
            raise TemplateError([Finding("template-missing", {"template": str(path)}, file=str(path))]) from None
        except InputRefusedError as exc:
            if exc.code == "input-too-large":
                limit = MAX_TEMPLATE_BYTES // (1024 * 1024)
                problem = Finding("template-too-large", {"template": str(path), "limit": limit}, file=str(path))
                raise TemplateError([problem]) from None
            raise TemplateError([exc.problem(path)]) from None
        except OSError as exc:
            problem = Finding("template-unreadable", {"template": str(path), "detail": str(exc)}, file=str(path))
            raise TemplateError([problem]) from None

    def _load(self, path: Path, data: bytes | None) -> list[_Part]:
        if data is None:
            data = self.read(path)
        elif len(data) > MAX_TEMPLATE_BYTES:
            raise self._error("template-too-large", limit=MAX_TEMPLATE_BYTES // (1024 * 1024))
        if self.sandbox is not environment():  # another environment's code (docgen.DocxTemplate's) is not kept
            return self._compile_package(path, data)
        environment_name = f"{type(self).__qualname__} {self.tagged_parts.pattern}"
        key = compiled_cache.template_key(data, environment_name)
        cached = compiled_cache.load(key)
        if cached is not None:
            return self._cached(cached)
        parts = self._compile_package(path, data)
        compiled_cache.store(key, self._compiled_parts(parts))
        return parts

    def _cached(self, cached: CompiledParts) -> list[_Part]:
        """The parts as a run before compiled them."""
        self._raw = dict(cached.raw)
        self._names = PackageNames(cached.relationship_ids, cached.first_drawing_id, cached.media)
        env = self.sandbox
        return [
            _Part(p.name, None, env.template_class.from_code(env, p.code, env.make_globals(None), None), "",
                  cell_loops=p.cell_loops, code=p.code, xml=p.xml)
            if isinstance(p, TaggedPart)
            else _Part(p.name.decode("utf-8"), p, None, "")
            for p in cached.parts
        ]  # fmt: skip

    def _compiled_parts(self, parts: list[_Part]) -> CompiledParts:
        """The parts as the disk cache keeps them."""
        kept: list[Member | TaggedPart] = []
        for part in parts:
            if part.member is not None:
                kept.append(part.member)
            else:
                assert part.code is not None
                kept.append(TaggedPart(part.name, part.code, part.xml, part.cell_loops))
        names = self._names
        return CompiledParts(kept, self._raw, dict(names.relationship_ids), names.first_drawing_id, dict(names.media))

    def _compile_package(self, path: Path, data: bytes) -> list[_Part]:
        try:
            kind = file_format(data[:16])
            if kind is not None:
                raise self._error("template-not-word", format=kind)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                entries = self.members(archive)
        except InputRefusedError as exc:
            raise TemplateError([exc.problem(path)]) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise self._error("template-unreadable", detail=str(exc)) from None
        mimetype = next((data for info, data in entries if info.filename == "mimetype"), None)
        kind = package_format({info.filename for info, _ in entries}, mimetype)
        if kind is not None:
            raise self._error("template-not-word", format=kind)
        refused = refusals(entries)
        if refused:
            raise TemplateError(
                [Finding(code, {"template": str(path), **params}, file=str(path)) for code, params in refused]
            )
        self._raw = {i.filename: d for i, d in entries if i.filename == CONTENT_TYPES or i.filename.endswith(".rels")}
        try:
            ids = {name: frozenset(relationship_ids(data)) for name, data in self._raw.items() if name != CONTENT_TYPES}
        except etree.XMLSyntaxError as exc:
            raise self._error("template-unreadable", detail=str(exc)) from None
        drawings = [int(n) for i, d in entries if _SHOWS_DRAWINGS.match(i.filename) for n in _DRAWING_ID.findall(d)]
        media = {i.filename: hashlib.sha1(d).hexdigest() for i, d in entries if i.filename.startswith("word/media/")}
        self._names = PackageNames(ids, max(drawings, default=0) + 1, media)
        return [self._part(info, data) for info, data in entries if not info.is_dir()]

    @staticmethod
    def members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, bytes]]:
        """Every member's bytes, each and all together bounded as they inflate (a bomb stops early)."""
        entries = []
        left = MAX_UNPACKED_BYTES
        for info in archive.infolist():
            data = read_member(archive, info, min(MAX_MEMBER_BYTES, left))
            left -= len(data)
            entries.append((info, data))
        return entries

    def _part(self, info: zipfile.ZipInfo, data: bytes) -> _Part:
        """One part of the package: compiled when it holds tags, else deflated once."""
        if self.tagged_parts.match(info.filename):
            text = data.decode("utf-8", errors="replace")
            if _HAS_TAG.search(_MARKUP.sub("", text)):
                from docgen.rendering.patching import patch_part
                from docgen.rendering.tags import scan_part

                try:
                    typed = scan_part(info.filename, data)
                except etree.XMLSyntaxError as exc:
                    raise self._error("template-unreadable", detail=f"{info.filename}: {exc}") from None
                # docgen's own environment keeps the breaks a suite saved in a {%p paragraph; a caller's
                # (docgen.DocxTemplate) reads tags as docxtpl does, literals escaped where it escapes nothing
                escapes = callable(self.sandbox.autoescape) or bool(self.sandbox.autoescape)
                lines = patch_part(text, typed, autoescape=escapes, keep_breaks=self.sandbox is environment())
                part = _Part(info.filename, None, None, lines.source, typed, lines)
                cell_loops = any(tag.level == "tc" for tag in typed.tags)
                code = self._compile(part)
                env = self.sandbox
                template = env.template_class.from_code(env, code, env.make_globals(None), None)
                return _Part(info.filename, None, template, lines.source, typed, lines, cell_loops, code, data)
        return _Part(info.filename, deflate(info.filename, data), None, "")

    def _compile(self, part: _Part) -> CodeType:
        try:
            code: CodeType = self.sandbox.compile(part.source)
            return code
        except TemplateSyntaxError as exc:
            raise self._jinja_error("template-syntax", part, exc, exc.lineno, exc.message or str(exc)) from None
        except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
            # tags nested thousands deep, or a constant Jinja folds into a number too long to print
            raise self._located("template-limit", part, None, detail=str(exc) or type(exc).__name__) from None

    def _located(self, code: str, part: _Part, lineno: int | None, **params: Any) -> TemplateError:
        """An error at the tag, as typed, that Jinja's line ``lineno`` of ``part`` came from."""
        typed, lines = part.typed, part.lines
        if lines is None and part.xml:  # compiled by an earlier run: the tags are read again
            typed, lines = tags_again(part.name, part.xml)
        return TemplateError([located_problem(code, self.path, part.name, typed, lines, lineno, **params)])

    def _jinja_error(self, code: str, part: _Part, exc: Exception, lineno: int | None, detail: str) -> Exception:
        """The error to raise for Jinja's ``exc`` at line ``lineno`` of ``part``: a ``TemplateError`` at the tag."""
        return self._located(code, part, lineno, detail=detail)

    def render(self, context: Mapping[str, Any], pictures: Sequence[PicturePart] = ()) -> bytes:
        """The document's .docx bytes; raises ``TemplateError`` naming the template and paragraph.

        ``pictures`` are the media a value already points at (the 简报's photos in its ``{{p body }}``):
        they enter the package with what the tags place.
        """
        return archive(self.render_members(context, pictures))

    def content_key(self, members: Sequence[Member]) -> str:
        """A rendered document's content key (``content_digest``); the unchanged parts digested once per template."""
        known = self._static_digests
        if known is None:  # the members stay alive in self._parts: their ids are not reused
            known = self._static_digests = {id(p.member): payload_digest(p.member) for p in self._parts if p.member}
        return content_digest(members, known)

    def render_members(
        self, context: Mapping[str, Any], pictures: Sequence[PicturePart] = (), links: Mapping[str, str] | None = None
    ) -> list[Member]:
        """The document's package members, in the template's order, before they are archived.

        ``links`` are external hyperlinks (id -> address) the main part's values already point at.
        """
        with placing(self._names) as placement:
            placement.attach(pictures)
            if links:  # a package with no placed picture and no link keeps the template's relationships as they are
                placement.links["word/document.xml"] = dict(links)
            members = [
                part.member
                if part.member is not None
                else deflate(part.name, self._render_part(part, context, placement))
                for part in self._parts
            ]
        return placement.package(members, self._raw)

    def _failure(self, code: str, part: _Part, exc: Exception, detail: str | None = None) -> Exception:
        """An error at the tag of ``part`` where rendering failed."""
        return self._jinja_error(code, part, exc, template_line(exc), detail or str(exc) or type(exc).__name__)

    def _render_part(self, part: _Part, context: Mapping[str, Any], placement: Placement) -> bytes:
        return self._finish(part, self._render_text(part, context, placement), placement)

    def _render_text(self, part: _Part, context: Mapping[str, Any], placement: Placement) -> str:
        """The part's Jinja output, before it is read as XML."""
        assert part.template is not None
        placement.part = part.name
        try:
            with budget():
                text = render_bounded(part.template, context, MAX_PART_CHARS)
        except OutputTooLarge:
            raise self._error("template-too-big-output", part=part.name, limit=MAX_PART_CHARS) from None
        except UndefinedError as exc:
            raise self._failure("template-undefined", part, exc, exc.message or str(exc)) from None
        except PlacementError as exc:
            raise self._located(exc.code, part, template_line(exc), **exc.params) from None
        except SecurityError as exc:
            raise self._error("template-unsafe", part=part.name, detail=str(exc)) from None
        except (LimitExceeded, RecursionError, MemoryError) as exc:
            raise self._failure("template-limit", part, exc) from None
        except NotTextError as exc:
            raise self._located(f"template-not-text-{exc.kind}-printed", part, template_line(exc)) from None
        except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise self._failure("template-failed", part, exc) from None
        return _unpatch(text)

    def _parsed(self, part: _Part, xml: bytes) -> etree._Element:
        """The rendered part read as XML; ``TemplateError`` when the render made it malformed."""
        try:
            return etree.fromstring(xml, xml_parser())
        except etree.XMLSyntaxError as exc:
            raise self._error(self.bad_xml, part=part.name, detail=str(exc)) from None

    def _finish(self, part: _Part, text: str, placement: Placement) -> bytes:
        """The rendered part's XML: breaks and tabs made Word's, and the layout mended when asked for."""
        text = text_breaks(text)
        xml = text.encode("utf-8")
        if not self.mend_layout:
            if not wordml.surely_well_formed(xml):
                self._parsed(part, xml)  # lxml's judgement, and its words for the error
            return xml
        root = self._parsed(part, xml)
        changed = bool(part.cell_loops and fit_grids(root))
        if part.name in placement.relationships:
            changed = fit_pictures(root) or changed
        if part.name == "word/document.xml":
            changed = mend_widows(root) > 0 or changed
            if ends_with_empty_section(xml):
                return drop_empty_last_section(root)
        if changed:
            xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return xml


MEMORY_TEMPLATES = 32  # compiled templates a process keeps: a long-running one sees many edits of a few files
_memory: OrderedDict[tuple[Path, str, bool], CompiledTemplate] = OrderedDict()
_memory_lock = threading.Lock()


def compiled(path: Path, *, mend_layout: bool = False) -> CompiledTemplate:
    """The compiled template at ``path``: kept by its content (the ``MEMORY_TEMPLATES`` last used), else from disk.

    docgen's own documents pass ``mend_layout=True`` (see ``CompiledTemplate``). Safe from several
    threads; two that ask for the same new template at once may both compile it.
    """
    data = CompiledTemplate.read(path)
    key = (path.resolve(), hashlib.sha256(data).hexdigest(), mend_layout)
    with _memory_lock:
        template = _memory.get(key)
        if template is not None:
            _memory.move_to_end(key)
            return template
    template = CompiledTemplate(path, data=data, mend_layout=mend_layout)
    with _memory_lock:
        template = _memory.setdefault(key, template)
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_TEMPLATES:
            _memory.popitem(last=False)
    return template
