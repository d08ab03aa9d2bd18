"""What docxtpl's ``InlineImage`` asks of the template while it renders: a picture in the part rendering now.

``InlineImage(tpl, image, width=Mm(30))`` prints itself by calling
``tpl.current_rendering_part.new_pic_inline(image, width, height).xml`` and, for an ``anchor``,
``relate_to(url, …)``. docxtpl hands it python-docx's part; here it gets ``RenderingPart``, which
places the picture through docgen's engine (``docgen.rendering.placing``): the picture's bytes as
given, at the size python-docx would give it, named in the package as python-docx names pictures
(``word/media/image3.png``), each picture once however often it is shown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from docx.image.image import Image

from docgen.inputs.bounded import read_regular
from docgen.inputs.pictures import MAX_PICTURE_BYTES
from docgen.rendering.pictures import inline_picture
from docgen.rendering.placing import current_placement

_NUMBERED = re.compile(r"^word/media/image(\d+)\.\w+$")


@dataclass(frozen=True)
class InlinePicture:
    """The ``wp:inline`` element ``InlineImage`` wraps in a drawing (python-docx's ``CT_Inline`` has ``xml`` too)."""

    xml: str


def _read(image_descriptor: str | Path | IO[bytes]) -> tuple[bytes, str | None]:
    """A picture's bytes, and its file name when it is a file."""
    if isinstance(image_descriptor, (str, Path)):
        path = Path(image_descriptor)
        return read_regular(path, MAX_PICTURE_BYTES), path.name
    image_descriptor.seek(0)
    data = image_descriptor.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise ValueError(f"a picture of more than {MAX_PICTURE_BYTES // (1024 * 1024)} MB")
    return data, None


@dataclass
class RenderingPart:
    """The part rendering now, as ``InlineImage`` uses it; one for each render of a document."""

    named: dict[str, str] = field(default_factory=dict)  # SHA-1 of a picture -> its media part

    def new_pic_inline(
        self, image_descriptor: Any, width: int | None = None, height: int | None = None
    ) -> InlinePicture:
        """Place the picture ``image_descriptor`` (a path or a binary file), sized by python-docx's rules."""
        data, name = _read(image_descriptor)
        image = Image.from_blob(data)
        placement = current_placement()
        rid, number = placement.show(self._media(data, image.ext, placement.names.media), data)
        cx, cy = image.scaled_dimensions(width, height)
        shown = name or image.filename
        return InlinePicture(inline_picture(rid, number, int(cx), int(cy), shown, name=shown))

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The id of an external hyperlink to ``target`` from the part rendering now (a picture's ``anchor``)."""
        if not is_external:
            raise ValueError("docgen.DocxTemplate adds external hyperlinks only")
        return current_placement().link(target)

    def _media(self, data: bytes, extension: str, template_media: Mapping[str, str]) -> str:
        """The media part holding ``data``: the template's own or one placed already, else the next free imageN."""
        digest = hashlib.sha1(data).hexdigest()
        known = self.named.get(digest) or next((n for n, d in template_media.items() if d == digest), None)
        if known is None:
            numbers = {int(m.group(1)) for n in (*template_media, *self.named.values()) if (m := _NUMBERED.match(n))}
            number = next(n for n in range(1, len(numbers) + 2) if n not in numbers)
            known = f"word/media/image{number}.{extension}"
        self.named[digest] = known
        return known
