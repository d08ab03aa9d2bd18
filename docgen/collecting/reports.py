"""A unit's weekly report, as it arrives: a Word file (new or old), pictures beside it, a PDF, a video.

Read safely and bounded, like the returned forms (``docgen.inputs.wordfiles``): the .docx is a zip
read with size limits per part and in all, its XML parsed without entities or DOCTYPE; a .doc,
.wps, .odt or .rtf is converted to .docx by LibreOffice first (``conversion``) and read the same
way; pictures are only decoded by ``pictures.scale_picture`` later, under a pixel limit; a PDF's
title and text come from ``pdftotext`` with a timeout (``pdf_text``; the PDF is only listed where
poppler is absent); a video is listed with its size and never opened. A file that cannot be read
becomes a ``Finding`` of the material, not an exception: one bad file must not stop a week's 简报.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.collecting.docx_reading import FORM_REFUSALS
from docgen.errors import Finding, FormError, Severity
from docgen.inputs.pictures import MAX_PICTURE_BYTES, PICTURE_SUFFIXES
from docgen.inputs.wordfiles import R_NS, RELATIONSHIP, Reason, W, WordFile, WordRefusedError, open_word
from docgen.messages import shown_name

MAX_REPORT_BYTES = 100 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_SMALL_XML = 2 * 1024 * 1024  # relationships and styles
MAX_PICTURES = 60  # per Word file
MAX_MEDIA_BYTES = 150 * 1024 * 1024  # all pictures of one Word file, inflated
MAX_PARAGRAPHS = 5_000
MAX_TEXT_CHARS = 200_000
MAX_PDF_BYTES = 100 * 1024 * 1024
PDF_TIMEOUT = 30  # seconds
CAPTION_CHARS = 60  # a caption is one short line
LABEL_LINES = 3  # a title or a 上报部门 line is looked for among the first text lines
VIDEO_SUFFIXES = {".mp4", ".mov", ".avi", ".wmv", ".flv", ".mkv", ".m4v", ".3gp", ".mpg", ".mpeg", ".webm"}
WORD_SUFFIXES = {".docx"}

_R = "{" + R_NS + "}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_TEXT_BOX = W + "txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_IMAGE = RELATIONSHIP + "image"
_REFUSALS: dict[Reason, str] = {**FORM_REFUSALS, "too-large": "report-too-large"}
_CAPTION_START = re.compile(r"^(?:图|图片|照片|附图)\s*[0-9０-９一二三四五六七八九十]*\s*[:：.．、\s]")
_UNIT_LABEL = re.compile(r"^(?:上报|报送|填报)?(?:部门|单位|院部|处室)[^:：]{0,8}[:：]")
_CAMERA_NAME = re.compile(r"^(?:IMG|DSC|DSCN|DCIM|PXL|MVIMG|WX|MMEXPORT|微信图片|IMAGE|PHOTO|P)[\s_\-0-9A-Z]*$", re.I)
_GENERIC_NAME = re.compile(r"^(?:活动)?(?:照片|图片|相片|截图|新建)?\s*[0-9()（）\s_-]*$")
_DATE_PREFIX = re.compile(r"^\s*(?:\d{4}[-.年/_]?\d{1,2}[-.月/_]?\d{1,2}日?|\d{4}|\d{1,2}[.月]\d{1,2}日?)[\s_\-—–]*")


@dataclass(frozen=True)
class ReportPicture:
    """A picture of a report: its bytes as sent (decoded only when placed), and its caption, if any."""

    name: str
    data: bytes
    caption: str = ""
    within: str = ""  # the report a picture inside a Word file came in, as shown

    @property
    def place(self) -> str:
        """What a warning about it names: the report and the picture in it, or the picture's own file."""
        return f"{self.within} ({self.name})" if self.within else self.name


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a report's text; ``heading`` when the sender styled it as one."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class ListedFile:
    """A file named in the 简报 but not read (a video, an archive, a PDF without poppler), with its size."""

    name: str
    size: int


@dataclass
class Material:
    """Everything one unit sent for one week: read from its files in order of their names."""

    titles: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    pictures: list[ReportPicture] = field(default_factory=list)
    videos: list[ListedFile] = field(default_factory=list)
    others: list[ListedFile] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    word_reports: int = 0
    pdfs: int = 0
    counting: bool = False  # pictures found and counted, their bytes not read; PDFs not converted


def read_material(paths: list[Path], *, counting: bool = False, converted: Path | None = None) -> Material:
    """What the files at ``paths`` hold, each read by its kind; unreadable ones become problems.

    ``counting`` is for a tally: the pictures are found but their bytes are left on disk (each
    ``ReportPicture.data`` is empty) and PDFs are not converted to text. ``converted`` is where
    older Word formats converted to .docx are kept (each converted once); without it they are
    converted for this process only.
    """
    from docgen.collecting.conversion import converted_copies, needs_conversion

    material = Material(counting=counting)
    docx_of, material.problems = converted_copies([p for p in paths if needs_conversion(p)], converted)
    for path in sorted(paths, key=lambda p: p.name):
        suffix = path.suffix.lower()
        try:
            if path in docx_of:
                _read_word(docx_of[path], material, shown=path)
            elif needs_conversion(path):
                material.others.append(ListedFile(shown_name(path.name), _size(path)))
            elif suffix in WORD_SUFFIXES:
                _read_word(path, material)
            elif suffix in PICTURE_SUFFIXES:
                data = b"" if counting else _bounded_bytes(path, MAX_PICTURE_BYTES, "picture-too-large")
                material.pictures.append(ReportPicture(shown_name(path.name), data, caption_of_file(path.stem)))
            elif suffix == ".pdf":
                _read_pdf(path, material)
            elif suffix in VIDEO_SUFFIXES:
                material.videos.append(ListedFile(shown_name(path.name), _size(path)))
            else:
                material.others.append(ListedFile(shown_name(path.name), _size(path)))
        except FormError as exc:
            material.problems += [p.replace(severity=Severity.WARNING) for p in exc.problems]
            material.others.append(ListedFile(shown_name(path.name), _size(path)))
    return material


def caption_of_file(stem: str) -> str:
    """A picture file's name as its caption (开放日现场), unless a camera named it (IMG_2034).

    A name that is no UTF-8 (its bytes kept as surrogates) gives no caption: replacement
    characters are no caption for a printed 简报.
    """
    if shown_name(stem) != stem:
        return ""
    text = _DATE_PREFIX.sub("", stem).strip(" _-—\u3000")
    folded = unicodedata.normalize("NFKC", text)  # for the camera's names only: the caption keeps its ，（）
    return "" if not text or _CAMERA_NAME.match(folded) or _GENERIC_NAME.match(folded) else text


def _error(path: Path, code: str, **params: object) -> FormError:
    return FormError([Finding(code, dict(params), file=str(path))])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _bounded_bytes(path: Path, limit: int, code: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _error(path, "file-unreadable", reason=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise _error(path, code, limit=limit // (1024 * 1024))
    return data


def _read_pdf(path: Path, material: Material) -> None:
    """A PDF's title and text through pdftotext, where poppler is installed; else the PDF is listed."""
    from docgen.collecting.pdf_text import read_pdf_text

    material.pdfs += 1
    tool = shutil.which("pdftotext")
    size = _size(path)
    if tool is None or size > MAX_PDF_BYTES or material.counting:
        material.others.append(ListedFile(shown_name(path.name), size))
        return
    try:
        text = read_pdf_text(tool, str(path), PDF_TIMEOUT)
    except (subprocess.TimeoutExpired, OSError) as exc:
        raise _error(path, "report-pdf-unreadable", detail=type(exc).__name__) from None
    except ValueError as exc:
        raise _error(path, "report-pdf-unreadable", detail=str(exc)) from None
    if text.title:
        material.titles.append(text.title[:200])
    kept, chars = [], 0
    for index, paragraph in enumerate(text.paragraphs):
        chars += len(paragraph)
        if index >= MAX_PARAGRAPHS or chars > MAX_TEXT_CHARS:
            material.problems.append(_text_cut(path))
            break
        kept.append(Paragraph(paragraph))
    material.paragraphs += kept
    if not text.title and not kept:  # a scan: no text layer
        material.others.append(ListedFile(shown_name(path.name), size))


def _read_word(path: Path, material: Material, shown: Path | None = None) -> None:
    """A .docx read into ``material``; ``shown`` is the file the user knows (a .doc this one was converted from)."""
    try:
        with open_word(path, MAX_REPORT_BYTES, content_types=False) as word:
            _read_package(shown or path, word, material)
    except WordRefusedError as exc:
        raise FormError([exc.problem(shown or path, _REFUSALS)]) from None
    material.word_reports += 1


def _read_package(path: Path, word: WordFile, material: Material) -> None:
    main = word.main_part(MAX_SMALL_XML)
    root = word.xml(main, MAX_DOCUMENT_XML)
    images = {rid: rel.target for rid, rel in word.relationships(main, MAX_SMALL_XML).items() if rel.type == _IMAGE}
    styles = _style_names(word)
    body = root.find(W + "body")
    if body is None:
        raise _error(path, "form-not-docx")
    budget = [MAX_MEDIA_BYTES]
    pending: list[int] = []  # pictures of the paragraph before, waiting for a caption below them
    title = ""
    chars = seen = left_out = 0
    for index, p in enumerate(q for q in body.iter(W + "p") if not _in_fallback(q)):
        if index >= MAX_PARAGRAPHS or chars > MAX_TEXT_CHARS:
            material.problems.append(_text_cut(path))
            break
        text = "".join(t.text or "" for t in _own(p, W + "t")).strip()
        style = styles.get(_style_id(p), "")
        embedded = [rid for rid in _embedded(p) if rid in images]
        if embedded:
            pending = []
            room = len(embedded) if material.counting else max(0, MAX_PICTURES - len(material.pictures))
            left_out += len(embedded) - min(room, len(embedded))  # a tally counts every one: it reads no bytes
            for rid in embedded[:room]:
                data = _media(path, word, images[rid], budget, material.counting)
                if data is not None:
                    name = posixpath.basename(images[rid])
                    material.pictures.append(ReportPicture(name, data, "", shown_name(str(path))))
                    pending.append(len(material.pictures) - 1)
            if text and pending:  # text beside the picture in its paragraph is its caption
                _caption(material, pending, text)
                pending = []
            continue
        if not text:
            continue
        if pending and _is_caption(text, style, p):
            _caption(material, pending, text)
            pending = []
            continue
        pending = []
        seen += 1
        labelled = _UNIT_LABEL.match(unicodedata.normalize("NFKC", text))
        if seen <= LABEL_LINES and len(text) <= CAPTION_CHARS and labelled:
            continue  # 上报部门：教务处 (the 简报 names the unit anyway)
        if not title and seen <= LABEL_LINES and _is_title(text, style, p):
            title = text
            continue
        chars += len(text)
        material.paragraphs.append(Paragraph(text, heading=style.startswith(("heading", "标题"))))
    if title:
        material.titles.append(title)
    if left_out:
        params = {"count": left_out, "limit": MAX_PICTURES}
        material.problems.append(
            Finding("report-pictures-cut", params, file=shown_name(str(path)), severity=Severity.WARNING)
        )


def _text_cut(path: Path) -> Finding:
    """The warning that a report's text goes on past what docgen reads: the rest is left out, and said so."""
    params = {"paragraphs": MAX_PARAGRAPHS, "chars": MAX_TEXT_CHARS}
    return Finding("report-text-cut", params, file=shown_name(str(path)), severity=Severity.WARNING)


def _is_title(text: str, style: str, paragraph: etree._Element) -> bool:
    """A title: Word's 标题 or 标题 1 style, or a short centred first line (how most reports start)."""
    if style in ("title", "标题") or style.startswith(("heading 1", "标题 1")):
        return True
    jc = paragraph.find(f"{W}pPr/{W}jc")
    return len(text) <= CAPTION_CHARS and jc is not None and jc.get(W + "val") == "center"


def _caption(material: Material, indexes: list[int], text: str) -> None:
    for i in indexes:
        old = material.pictures[i]
        material.pictures[i] = dataclasses.replace(old, caption=text[:200])


def _is_caption(text: str, style: str, paragraph: etree._Element) -> bool:
    """A caption: Word's 题注 style, 图1：… , or a short centred line right below a picture."""
    if style in ("caption", "题注") or _CAPTION_START.match(text):
        return True
    jc = paragraph.find(f"{W}pPr/{W}jc")
    return len(text) <= CAPTION_CHARS and jc is not None and jc.get(W + "val") == "center"


def _style_id(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return str(style.get(W + "val")) if style is not None else ""


def _own(paragraph: etree._Element, tag: str) -> list[etree._Element]:
    """Descendants of a paragraph that are not inside a text box of it (whose paragraphs are read on their own)."""
    found = []
    for node in paragraph.iter(tag):
        parent = node.getparent()
        while parent is not None and parent is not paragraph and parent.tag != _TEXT_BOX:
            parent = parent.getparent()
        if parent is paragraph:
            found.append(node)
    return found


def _in_fallback(paragraph: etree._Element) -> bool:
    """Whether a paragraph is the VML copy Word keeps of a text box for old readers (read once, not twice)."""
    return any(True for _ in paragraph.iterancestors(_MC_FALLBACK))


def _embedded(paragraph: etree._Element) -> list[str]:
    """The relationship ids of the pictures in a paragraph: DrawingML (Word) and VML (older WPS)."""
    found = [str(b.get(_R + "embed")) for b in _own(paragraph, _A + "blip") if b.get(_R + "embed")]
    found += [str(v.get(_R + "id")) for v in _own(paragraph, _V + "imagedata") if v.get(_R + "id")]
    return list(dict.fromkeys(found))


def _style_names(word: WordFile) -> dict[str, str]:
    """Style id -> its name in lower case (Chinese Word saves 题注 as id ``a3`` named ``caption``)."""
    styles = word.optional_xml("word/styles.xml", MAX_SMALL_XML)
    found = {}
    for style in styles.iter(W + "style") if styles is not None else ():
        name = style.find(W + "name")
        if name is not None:
            found[str(style.get(W + "styleId"))] = str(name.get(W + "val") or "").lower()
    return found


def _media(path: Path, word: WordFile, part: str, budget: list[int], counting: bool) -> bytes | None:
    """A picture part's bytes, within its own and the file's limit; None where the part is absent or not a picture."""
    if part not in word.parts or posixpath.splitext(part)[1].lower() not in PICTURE_SUFFIXES:
        return None
    if counting:
        return b""
    data = word.read(part, MAX_PICTURE_BYTES)
    budget[0] -= len(data)
    if budget[0] < 0:
        raise _error(path, "report-too-large", limit=MAX_MEDIA_BYTES // (1024 * 1024))
    return data
