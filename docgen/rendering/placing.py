"""``{{ image(...) }}`` and ``{{ qr(...) }}``: pictures in line with a template's text, sized in millimetres.

``image(ref, width_mm=None, height_mm=None)`` places one of the plan's pictures: ``ref`` is its
name (``"logo"``) or the context's value for it (``images.logo``); ``qr(text, width_mm=None)``
places the QR code of a text. The aspect ratio is kept: given a width or a height the other
follows, given both the picture fits inside them, given neither it takes the plan's
``width_mm`` or its own size, within the text block. The value a tag prints closes the run it
stands in, holds the drawing in a run of its own and opens a run for the text after it, as
docxtpl's ``InlineImage`` does.

While a document renders, a ``Placement`` records what its tags placed: each picture's bytes
once, a relationship from each part that shows it, a drawing id unique in the document. After
the parts are rendered, ``Placement.package`` adds the media, the ``.rels`` files and the
content types, with those of the pictures ``attach`` was given (the 简报's photos, which its body
already points at). A tag that cannot place its picture raises ``PlacementError``, which the engine
reports at the tag.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import difflib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Undefined, pass_context
from jinja2.runtime import Context
from lxml import etree
from markupsafe import Markup

from docgen.inputs.bounded import InputRefusedError
from docgen.inputs.pictures import PlacedPicture, qr_picture, read_picture
from docgen.plan.image_checks import qr_too_small, refusal
from docgen.plan.images import MIN_PICTURE_MM, TEXT_BLOCK_HEIGHT_MM, TEXT_BLOCK_WIDTH_MM
from docgen.rendering.part_names import W, part_label
from docgen.rendering.pictures import (
    CONTENT_TYPES,
    EMU_PER_MM,
    PicturePart,
    inline_drawing,
    relationships_part,
    with_content_types,
    with_relationships,
)
from docgen.rendering.zipwriter import Member, deflate

RID_PREFIX = "rIdDocgenPicture"
PICTURE_PARTS = ("body", "header", "footer", "footnotes", "endnotes")
_CLOSE_RUN = "</w:t></w:r><w:r>"
_OPEN_RUN = '</w:r><w:r><w:t xml:space="preserve">'
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


class PlacementError(Exception):
    """A tag cannot place its picture; ``code`` and ``params`` say why, the engine says where."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PackageNames:
    """What a template's package already holds, so that what a render adds never collides with it."""

    relationship_ids: Mapping[str, frozenset[str]]  # by .rels file
    first_drawing_id: int  # above every drawing id the template uses
    media: Mapping[str, str] = field(default_factory=dict)  # the media parts it holds -> SHA-1 of their bytes


@dataclass
class Placement:
    """The pictures one document's tags placed, part by part."""

    names: PackageNames
    part: str = ""  # the part rendering now
    media: dict[str, bytes] = field(default_factory=dict)  # media part -> bytes, each picture once
    relationships: dict[str, dict[str, str]] = field(default_factory=dict)  # part -> media part -> id
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # part -> id -> external address
    next_id: int = field(init=False)  # the next drawing's id

    def __post_init__(self) -> None:
        self.next_id = self.names.first_drawing_id

    def place(self, picture: PlacedPicture, width_mm: float, height_mm: float, description: str) -> Markup:
        """The markup a tag prints for ``picture`` at this size, recorded for the package."""
        rid, number = self.show(f"word/media/docgen-{picture.digest}.{picture.extension}", picture.data)
        cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
        return Markup(_CLOSE_RUN + inline_drawing(rid, number, cx, cy, description) + _OPEN_RUN)

    def show(self, media: str, data: bytes) -> tuple[str, int]:
        """The relationship id by which the part rendering now shows ``media`` (holding ``data``), and a drawing id.

        Each media part enters the package once, however many parts and drawings show it.
        """
        if part_label(self.part) not in PICTURE_PARTS:
            raise PlacementError("template-image-place")
        self.media.setdefault(media, data)
        ids = self.relationships.setdefault(self.part, {})
        rid = ids.get(media)
        if rid is None:
            rid = ids[media] = self._free_id(RID_PREFIX)
        number, self.next_id = self.next_id, self.next_id + 1
        return rid, number

    def link(self, address: str, part: str | None = None) -> str:
        """The relationship id of an external hyperlink to ``address`` from ``part`` (the part rendering now)."""
        part = part or self.part
        links = self.links.setdefault(part, {})
        rid = next((rid for rid, known in links.items() if known == address), None)
        if rid is None:
            rid = self._free_id("rId", part)
            links[rid] = address
        return rid

    def _free_id(self, prefix: str, part: str | None = None) -> str:
        """The first relationship id ``prefix``N that ``part`` (the part rendering now) has not taken."""
        part = part or self.part
        taken = self.names.relationship_ids.get(relationships_part(part), frozenset())
        taken = taken | set(self.relationships.get(part, {}).values()) | set(self.links.get(part, {}))
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def attach(self, pictures: Iterable[PicturePart], part: str = "word/document.xml") -> None:
        """Add ``pictures``, which ``part`` already points at by their own relationship ids, to the package."""
        for picture in pictures:
            self.media[picture.part] = picture.data
            self.relationships.setdefault(part, {})[picture.part] = picture.rid

    def package(self, members: list[Member], raw: Mapping[str, bytes]) -> list[Member]:
        """``members`` with the media, the relationships and the content types of what was placed."""
        if not self.media and not self.links:
            return members
        changed: dict[str, bytes] = {}
        for part in {**self.relationships, **self.links}:
            rels = relationships_part(part)
            ids = self.relationships.get(part, {})
            targets = {rid: media.removeprefix("word/") for media, rid in ids.items()}
            changed[rels] = with_relationships(raw.get(rels), targets, self.links.get(part))
        if self.media:
            extensions = {media.rsplit(".", 1)[1] for media in self.media}
            changed[CONTENT_TYPES] = with_content_types(raw[CONTENT_TYPES], extensions)
        result, names = [], set()
        for member in members:
            name = member.name.decode("utf-8")
            names.add(name)
            result.append(deflate(name, changed[name]) if name in changed else member)
        result += [deflate(name, data) for name, data in changed.items() if name not in names]
        result += [deflate(name, data, level=1) for name, data in self.media.items() if name not in names]
        return result


_placement: contextvars.ContextVar[Placement | None] = contextvars.ContextVar("docgen_placement", default=None)


@contextlib.contextmanager
def placing(names: PackageNames) -> Iterator[Placement]:
    """Record the pictures placed while one document renders."""
    placement = Placement(names)
    token = _placement.set(placement)
    try:
        yield placement
    finally:
        _placement.reset(token)


def current_placement() -> Placement:
    """The placement of the document rendering now; ``PlacementError`` outside a render."""
    placement = _placement.get()
    if placement is None:
        raise PlacementError("template-image-place")
    return placement


def _length(name: str, value: Any) -> float | None:
    """A width or height in millimetres as a tag gives it: a positive number, or None."""
    if _defined(value) is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise PlacementError("template-image-argument", name=name, value=repr(value)[:40])
    if value < MIN_PICTURE_MM:
        raise PlacementError("template-image-too-small", name=name, value=f"{value:g}", limit=f"{MIN_PICTURE_MM:g}")
    return float(value)


def _size(
    picture: PlacedPicture, width: float | None, height: float | None, default: float | None
) -> tuple[float, float]:
    """Width and height in millimetres, the aspect ratio kept; refused when the text block cannot hold them."""
    aspect = picture.height / picture.width
    if width is not None and height is not None:
        width = min(width, height / aspect)
    elif width is None and height is not None:
        width = height / aspect
    elif width is None:
        width = min(default or picture.natural_width_mm, TEXT_BLOCK_WIDTH_MM, TEXT_BLOCK_HEIGHT_MM / aspect)
    if width > TEXT_BLOCK_WIDTH_MM + 1e-9:
        raise PlacementError("template-image-too-wide", width=f"{width:g}", limit=TEXT_BLOCK_WIDTH_MM)
    if width * aspect > TEXT_BLOCK_HEIGHT_MM + 1e-9:
        raise PlacementError("image-too-tall", height=f"{width * aspect:.0f}", limit=TEXT_BLOCK_HEIGHT_MM)
    return width, width * aspect


def _defined(value: Any) -> Any:
    """``value``, unless it is a name the context does not give: then Jinja's own error for it."""
    if isinstance(value, Undefined):
        str(value)  # the strict undefined raises, naming what is missing
    return value


def _entry(context: Context, ref: Any) -> Mapping[str, Any]:
    """The plan's picture ``ref`` names (its name, or the context's value for it).

    A mapping the template made itself (``image({"file": "/home/…/photo.png"})``) is no picture of
    the plan's: a template places only what the plan names.
    """
    ref = _defined(ref)
    images = context.get("images")
    images = images if isinstance(images, Mapping) else {}
    if isinstance(ref, Mapping) and ref in images.values():
        return ref
    if not isinstance(ref, str):
        raise PlacementError("template-image-argument", name="ref", value=repr(ref)[:40])
    entry = images.get(ref)
    if isinstance(entry, Mapping):
        return entry
    code, params = unknown_picture(ref, sorted(str(name) for name in images))
    raise PlacementError(code, **params)


def unknown_picture(name: str, known: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """The code and parameters for a picture ``name`` the plan does not give: the likeliest meant, or all it gives."""
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if guess:
        return "template-image-unknown-suggest", {"name": name, "suggestion": guess[0]}
    return "template-image-unknown", {"name": name, "known": ", ".join(known)}


def _qr_picture(text: Any, width: float | None) -> PlacedPicture:
    if not isinstance(_defined(text), str):
        raise PlacementError("template-image-argument", name="text", value=repr(text)[:40])
    try:
        picture = qr_picture(text)
    except InputRefusedError as exc:
        code, params = refusal(exc, "")
        raise PlacementError(code, **params) from None
    small = qr_too_small(picture.modules, width) if width is not None else None
    if small is not None:
        raise PlacementError("image-qr-too-small", **small)
    return picture


@pass_context
def image(context: Context, ref: Any, width_mm: Any = None, height_mm: Any = None) -> Markup:
    """The markup that places the plan's picture ``ref`` in line with the text, at the size asked for.

    A template writes ``{{ image("logo", width_mm=30) }}`` or ``{{ image(images.logo) }}``.
    """
    placement = current_placement()
    entry = _entry(context, ref)
    width, height = _length("width_mm", width_mm), _length("height_mm", height_mm)
    default = _length("width_mm", entry.get("width_mm"))
    text = entry.get("qr")
    if text:
        picture = _qr_picture(text, width or default)
        description = str(entry.get("description") or text)
    else:
        file = str(entry.get("file") or "")
        try:
            picture = read_picture(Path(file))
        except (InputRefusedError, OSError) as exc:
            code, params = refusal(exc, file)
            raise PlacementError(code, **params) from None
        description = str(entry.get("description") or entry.get("name") or Path(file).stem)
    shown_width, shown_height = _size(picture, width, height, default)
    return placement.place(picture, shown_width, shown_height, description)


def qr(text: Any, width_mm: Any = None) -> Markup:
    """The markup that places the QR code of ``text`` in line with the text.

    A template writes ``{{ qr(letter.website, width_mm=25) }}``.
    """
    placement = current_placement()
    width = _length("width_mm", width_mm)
    picture = _qr_picture(text, width)
    shown_width, shown_height = _size(picture, width, None, None)
    return placement.place(picture, shown_width, shown_height, str(text))


def fit_pictures(root: etree._Element) -> bool:
    """Give the runs and paragraphs of the pictures placed here what they need; True when any changed.

    The run holding a picture and the run after it take the formatting of the run the tag stood
    in, and a paragraph holding a picture gets automatic line spacing: at the templates' exact
    spacing (GB/T 9704: 28.95 pt) a picture taller than a line would be cut off.
    """
    changed = False
    for blip in root.iter(_BLIP):
        if not str(blip.get(_R + "embed", "")).startswith(RID_PREFIX):
            continue
        run = next((a for a in blip.iterancestors(W + "r")), None)
        paragraph = next((a for a in blip.iterancestors(W + "p")), None)
        if run is None or paragraph is None:
            continue
        before, after = run.getprevious(), run.getnext()
        properties = before.find(W + "rPr") if before is not None and before.tag == W + "r" else None
        if properties is not None:
            for target in (run, after):
                if target is not None and target.tag == W + "r" and target.find(W + "rPr") is None:
                    target.insert(0, copy.deepcopy(properties))
        _auto_spacing(paragraph)
        changed = True
    return changed


def _auto_spacing(paragraph: etree._Element) -> None:
    """Automatic single line spacing and no snapping to the document grid for this paragraph."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    _child(properties, "snapToGrid").set(W + "val", "0")
    spacing = _child(properties, "spacing")
    spacing.set(W + "line", "240")
    spacing.set(W + "lineRule", "auto")


# the children of w:pPr in the order the schema gives them (Word refuses a file where they are not)
_PARAGRAPH_PROPERTIES = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def _child(properties: etree._Element, name: str) -> etree._Element:
    """The paragraph property ``name``, added in its place when missing."""
    found = properties.find(W + name)
    if found is not None:
        return found
    order = _PARAGRAPH_PROPERTIES.index(name)
    element = etree.Element(W + name)
    for position, sibling in enumerate(properties):
        local = etree.QName(sibling).localname
        if local in _PARAGRAPH_PROPERTIES and _PARAGRAPH_PROPERTIES.index(local) > order:
            properties.insert(position, element)
            return element
    properties.append(element)
    return element
