"""docxtpl templates compiled once and rendered many times, safely.

docxtpl reopens the package and compiles Jinja again for every document. Here a template is
read, patched (docxtpl's own ``patch_xml``, which joins tags Word split across runs) and
compiled once per process; each document then costs one Jinja render per tagged part and a
zip write. Parts without tags are copied as they are. Rendering runs in Jinja's sandbox with
autoescape on and undefined names as errors, and every rendered part must be well-formed XML.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from lxml import etree

from docgen.errors import Problem, TemplateError
from docgen.rendering.sandbox import LimitExceeded, TemplateSandbox, budget
from docgen.rendering.widows import mend_widows
from docgen.rendering.zipwriter import Member, archive, deflate

MAX_PART_CHARS = 20_000_000  # a rendered part larger than this is a runaway template
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_TAGGED_PARTS = re.compile(
    r"^(word/document|word/header\d*|word/footer\d*|word/footnotes|word/endnotes|docProps/core)\.xml$"
)
_MARKUP = re.compile(r"<[^>]+>")
_HAS_TAG = re.compile(r"\{[{%#]|\{_[{%]|[}%]_\}")
_BRACE_MARKER = re.compile(r"\{_[{%]|[}%]_\}")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """Drop characters XML cannot hold, so no value can corrupt a document."""
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    return value


@lru_cache(maxsize=1)
def environment() -> TemplateSandbox:
    """The one Jinja environment for templates: sandboxed, autoescaped, strict about names."""
    return TemplateSandbox(autoescape=True, undefined=StrictUndefined, finalize=_xml_safe)


def _patch(xml: str) -> str:
    """Docxtpl's clean-up of a part's XML ({%p %}, {%tr %}, tags split across runs)."""
    from docxtpl import DocxTemplate

    # patch_xml uses nothing of its instance: it is a pure function of the XML text.
    patched: str = DocxTemplate.patch_xml(None, xml)
    # docxtpl's markers for literal braces ({_{ prints {{) belong to the template's own text;
    # docxtpl replaces them in the output, which corrupts any value holding "}_}".
    patched = _BRACE_MARKER.sub(lambda m: "{{ '" + m.group().replace("_", "") + "' }}", patched)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def _unpatch(xml: str) -> str:
    """Undo the line breaks ``_patch`` added."""
    return xml.replace("\n<w:p", "<w:p")


@dataclass(frozen=True)
class _Part:
    name: str
    member: Member | None  # deflated once when the part has no tags
    template: Template | None
    source: str


class CompiledTemplate:
    """A .docx template read and compiled once; ``render`` makes one document from a context."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self._parts = self._load(path)

    def _error(self, code: str, **params: Any) -> TemplateError:
        return TemplateError([Problem(code, {"template": str(self.path), **params}, file=str(self.path))])

    def _load(self, path: Path) -> list[_Part]:
        try:
            if path.stat().st_size > MAX_TEMPLATE_BYTES:
                raise self._error("template-too-large", limit=MAX_TEMPLATE_BYTES // (1024 * 1024))
            with zipfile.ZipFile(path) as archive:
                entries = [(info, archive.read(info)) for info in archive.infolist()]
        except FileNotFoundError:
            raise self._error("template-missing") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise self._error("template-unreadable", detail=str(exc)) from None
        parts = []
        for info, data in entries:
            if info.is_dir():
                continue
            template, source = None, ""
            if _TAGGED_PARTS.match(info.filename):
                text = data.decode("utf-8", errors="replace")
                if _HAS_TAG.search(_MARKUP.sub("", text)):
                    source = _patch(text)
                    template = self._compile(info.filename, source)
            member = deflate(info.filename, data) if template is None else None
            parts.append(_Part(info.filename, member, template, source))
        return parts

    def _compile(self, part: str, source: str) -> Template:
        try:
            return environment().from_string(source)
        except TemplateSyntaxError as exc:
            raise self._error(
                "template-syntax", part=part, detail=exc.message or str(exc), paragraph=_line(source, exc.lineno)
            ) from None
        except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
            # tags nested thousands deep, or a constant Jinja folds into a number too long to print
            raise self._error(
                "template-limit", part=part, detail=str(exc) or type(exc).__name__, paragraph=""
            ) from None

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The document's .docx bytes; raises ``TemplateError`` naming the template and paragraph."""
        members = [
            part.member if part.member is not None else deflate(part.name, self._render_part(part, context))
            for part in self._parts
        ]
        return archive(members)

    def _failure(self, code: str, part: _Part, exc: BaseException, detail: str | None = None) -> TemplateError:
        """An error at the paragraph of ``part`` where rendering failed."""
        return self._error(
            code,
            part=part.name,
            detail=detail or str(exc) or type(exc).__name__,
            paragraph=_line(part.source, _template_line(exc)),
        )

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        assert part.template is not None
        chunks: list[str] = []
        size = 0
        try:
            with budget():
                stream = part.template.generate(context)
                while block := list(islice(stream, 2048)):
                    chunks += block
                    size += sum(map(len, block))
                    if size > MAX_PART_CHARS:
                        raise self._error("template-too-big-output", part=part.name, limit=MAX_PART_CHARS)
        except UndefinedError as exc:
            raise self._failure("template-undefined", part, exc, exc.message or str(exc)) from None
        except SecurityError as exc:
            raise self._error("template-unsafe", part=part.name, detail=str(exc)) from None
        except (LimitExceeded, RecursionError, MemoryError) as exc:
            raise self._failure("template-limit", part, exc) from None
        except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise self._failure("template-failed", part, exc) from None
        xml = _unpatch("".join(chunks)).encode("utf-8")
        try:
            tree = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
        except etree.XMLSyntaxError as exc:
            raise self._error("template-bad-xml", part=part.name, detail=str(exc)) from None
        if part.name == "word/document.xml" and mend_widows(tree):
            xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        return xml


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on, from Jinja's rewritten traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _line(source: str, lineno: int | None) -> str:
    """The text of the paragraph on a line of a patched part, for error messages."""
    if not lineno:
        return ""
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    text = _MARKUP.sub("", lines[lineno - 1]).strip()
    return text if len(text) <= 80 else text[:77] + "..."


_cache: dict[tuple[Path, int, int], CompiledTemplate] = {}
_cache_lock = threading.Lock()


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template at ``path``, compiled once per process while the file is unchanged."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise TemplateError([Problem("template-missing", {"template": str(path)}, file=str(path))]) from None
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        template = _cache.get(key)
        if template is None:
            template = _cache[key] = CompiledTemplate(path)
    return template
