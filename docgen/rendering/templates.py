"""docxtpl templates compiled once and rendered many times, safely.

docxtpl reopens the package and compiles Jinja again for every document. Here a template is
read, patched (as docxtpl's ``patch_xml`` does: tags Word split across runs joined) and
compiled once, and kept on disk (``compiled_cache``) so that the next run compiles nothing; each
document then costs one Jinja render per tagged part and a zip write. Parts without tags are
copied as they are, deflated once. Rendering runs in Jinja's sandbox with
autoescape on and undefined names as errors, and every rendered part must be well-formed XML.
``{{ image(...) }}`` and ``{{ qr(...) }}`` place pictures (``placing``); what they placed is added
to the package (media, relationships, content types) after the parts are rendered.
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
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from lxml import etree
from markupsafe import Markup

from docgen.errors import Finding, TemplateError
from docgen.inputs.bounded import InputRefusedError, read_member, read_regular
from docgen.inputs.budget import BudgetSandbox, LimitExceeded, OutputTooLarge, budget, render_bounded
from docgen.rendering import compiled_cache
from docgen.rendering.active_content import refusals
from docgen.rendering.compiled_cache import CompiledParts, TaggedPart
from docgen.rendering.package import file_format, package_format
from docgen.rendering.part_names import part_label
from docgen.rendering.pictures import CONTENT_TYPES, PicturePart, relationship_ids
from docgen.rendering.placing import PackageNames, Placement, PlacementError, fit_pictures, image, placing, qr
from docgen.rendering.values import FILTERS, finalize
from docgen.rendering.widows import mend_widows
from docgen.rendering.wordml import drop_empty_last_section, ends_with_empty_section, fit_grids, has_breaks, text_breaks
from docgen.rendering.zipwriter import Member, archive, deflate

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
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DRAWING_ID = re.compile(rb":docPr\b[^>]*?\sid=\"(\d{1,9})\"")
_SHOWS_DRAWINGS = re.compile(r"^word/.*\.xml$")  # not the media, which may be megabytes of photos


def _xml_safe(value: Any) -> Any:
    """The value as a document prints it, without characters XML cannot hold: no value can corrupt a document.

    ``Markup`` (XML a document builder made, e.g. a table for ``{{p … }}``) stays markup.
    """
    if type(value) is str:  # most values: plain text, printed as it is
        return _XML_FORBIDDEN.sub("", value) if _XML_FORBIDDEN.search(value) else value
    value = finalize(value)
    if isinstance(value, Markup):
        return Markup(_XML_FORBIDDEN.sub("", value))
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    return value


@lru_cache(maxsize=1)
def environment() -> BudgetSandbox:
    """The one Jinja environment for templates: sandboxed, autoescaped, strict about names.

    Values print as ``docgen.rendering.values`` reads them, and the filters running text has
    (``md``, ``ymd``, ``weekday``, ``cite``) work here too, with ``cn``, ``pad`` and ``number``;
    ``image()`` and ``qr()`` place pictures.
    """
    sandbox = BudgetSandbox(autoescape=True, undefined=StrictUndefined, finalize=_xml_safe, extra_filters=FILTERS)
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

    ``data`` is the template's bytes when the caller has read them already (``path`` names it).
    """

    ENVIRONMENT = "docgen"  # the Jinja settings the code is compiled for, in the disk cache's key

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        self.name = path.name
        self._raw: dict[str, bytes] = {}  # the content types and relationships, which placed pictures add to
        self._names = PackageNames({}, 1)
        self._parts = self._load(path, data)

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
        key = compiled_cache.template_key(data, self.ENVIRONMENT)
        cached = compiled_cache.load(key)
        if cached is not None:
            return self._cached(cached)
        parts = self._compile_package(path, data)
        compiled_cache.store(key, self._compiled_parts(parts))
        return parts

    def _cached(self, cached: CompiledParts) -> list[_Part]:
        """The parts as a run before compiled them."""
        self._raw = dict(cached.raw)
        self._names = PackageNames(cached.relationship_ids, cached.first_drawing_id)
        env = environment()
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
        return CompiledParts(kept, self._raw, dict(self._names.relationship_ids), self._names.first_drawing_id)

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
        self._names = PackageNames(ids, max(drawings, default=0) + 1)
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
        if TAGGED_PARTS.match(info.filename):
            text = data.decode("utf-8", errors="replace")
            if _HAS_TAG.search(_MARKUP.sub("", text)):
                from docgen.rendering.patching import patch_part
                from docgen.rendering.tags import scan_part

                try:
                    typed = scan_part(info.filename, data)
                except etree.XMLSyntaxError as exc:
                    raise self._error("template-unreadable", detail=f"{info.filename}: {exc}") from None
                lines = patch_part(text, typed)
                part = _Part(info.filename, None, None, lines.source, typed, lines)
                cell_loops = any(tag.level == "tc" for tag in typed.tags)
                code = self._compile(part)
                env = environment()
                template = env.template_class.from_code(env, code, env.make_globals(None), None)
                return _Part(info.filename, None, template, lines.source, typed, lines, cell_loops, code, data)
        return _Part(info.filename, deflate(info.filename, data), None, "")

    def _compile(self, part: _Part) -> CodeType:
        try:
            code: CodeType = environment().compile(part.source)
            return code
        except TemplateSyntaxError as exc:
            raise self._located("template-syntax", part, exc.lineno, detail=exc.message or str(exc)) from None
        except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
            # tags nested thousands deep, or a constant Jinja folds into a number too long to print
            raise self._located("template-limit", part, None, detail=str(exc) or type(exc).__name__) from None

    def _located(self, code: str, part: _Part, lineno: int | None, **params: Any) -> TemplateError:
        """An error at the tag, as typed, that Jinja's line ``lineno`` of ``part`` came from."""
        typed, lines = part.typed, part.lines
        if lines is None and part.xml:  # compiled by an earlier run: the tags are read again
            from docgen.rendering.patching import patch_part
            from docgen.rendering.tags import scan_part

            typed = scan_part(part.name, part.xml)
            lines = patch_part(part.xml.decode("utf-8", errors="replace"), typed)
        return TemplateError([located_problem(code, self.path, part.name, typed, lines, lineno, **params)])

    def render(self, context: Mapping[str, Any], pictures: Sequence[PicturePart] = ()) -> bytes:
        """The document's .docx bytes; raises ``TemplateError`` naming the template and paragraph.

        ``pictures`` are the media a value already points at (the 简报's photos in its ``{{p body }}``):
        they enter the package with what the tags place.
        """
        with placing(self._names) as placement:
            placement.attach(pictures)
            members = [
                part.member
                if part.member is not None
                else deflate(part.name, self._render_part(part, context, placement))
                for part in self._parts
            ]
        return archive(placement.package(members, self._raw))

    def _failure(self, code: str, part: _Part, exc: BaseException, detail: str | None = None) -> TemplateError:
        """An error at the tag of ``part`` where rendering failed."""
        return self._located(code, part, _template_line(exc), detail=detail or str(exc) or type(exc).__name__)

    def _render_part(self, part: _Part, context: Mapping[str, Any], placement: Placement) -> bytes:
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
            raise self._located(exc.code, part, _template_line(exc), **exc.params) from None
        except SecurityError as exc:
            raise self._error("template-unsafe", part=part.name, detail=str(exc)) from None
        except (LimitExceeded, RecursionError, MemoryError) as exc:
            raise self._failure("template-limit", part, exc) from None
        except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise self._failure("template-failed", part, exc) from None
        text = _unpatch(text)
        if has_breaks(text):
            text = text_breaks(text)
        xml = text.encode("utf-8")
        try:
            root = etree.fromstring(xml, _xml_parser())
        except etree.XMLSyntaxError as exc:
            raise self._error("template-bad-xml", part=part.name, detail=str(exc)) from None
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


_parsers = threading.local()


def _xml_parser() -> etree.XMLParser:
    """The parser for rendered parts of this thread (made once: a new one per part costs a tenth of a millisecond)."""
    parser: etree.XMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    return parser


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on, from Jinja's rewritten traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def located_problem(
    code: str,
    file: Path,
    part: str,
    typed: PartTags | None,
    lines: PatchedPart | None,
    lineno: int | None,
    **params: Any,
) -> Finding:
    """A problem at the typed tag that line ``lineno`` of a patched part came from (the part when unknown)."""
    index = lines.tag_at(lineno) if lines is not None else None
    tag = typed.tags[index] if typed is not None and index is not None else None
    place = str(tag.place) if tag is not None else part_label(part)
    shown = tag.shown if tag is not None else ""
    return Finding(code, {"template": str(file), "part": part, "tag": shown, **params}, file=str(file), path=place)


MEMORY_TEMPLATES = 32  # compiled templates a process keeps: a long-running one sees many edits of a few files
_memory: OrderedDict[tuple[Path, str], CompiledTemplate] = OrderedDict()
_memory_lock = threading.Lock()


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template at ``path``: kept by its content (the ``MEMORY_TEMPLATES`` last used), else from disk.

    Safe from several threads; two that ask for the same new template at once may both compile it.
    """
    data = CompiledTemplate.read(path)
    key = (path.resolve(), hashlib.sha256(data).hexdigest())
    with _memory_lock:
        template = _memory.get(key)
        if template is not None:
            _memory.move_to_end(key)
            return template
    template = CompiledTemplate(path, data)
    with _memory_lock:
        template = _memory.setdefault(key, template)
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_TEMPLATES:
            _memory.popitem(last=False)
    return template
