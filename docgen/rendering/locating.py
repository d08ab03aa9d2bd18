"""Where in a template an error is: the tag as its author typed it, found from the line of Jinja's source it became."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import Finding
from docgen.rendering.part_names import part_label

if TYPE_CHECKING:
    from docgen.rendering.patching import PatchedPart
    from docgen.rendering.tags import PartTags


def template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on, from Jinja's rewritten traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def tags_again(name: str, xml: bytes) -> tuple[PartTags, PatchedPart]:
    """A part's typed tags and the lines Jinja saw, read again from its XML (a part an earlier run compiled)."""
    from docgen.rendering.patching import patch_part
    from docgen.rendering.tags import scan_part

    typed = scan_part(name, xml)
    return typed, patch_part(xml.decode("utf-8", errors="replace"), typed)


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
