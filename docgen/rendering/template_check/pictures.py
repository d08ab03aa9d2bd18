"""``image(...)`` and ``qr(...)`` tags the render would refuse, found before rendering.

A picture name the plan does not give (``image("lgo")``: did you mean ``logo``?), a width or a
height written as a number the text block cannot hold, and a picture in the document
properties. What only the render knows (a name held in a variable, the picture's own size) is
left to it; it fails at the tag too.
"""

from __future__ import annotations

import math
from typing import Any

from jinja2 import nodes

from docgen.plan.images import MIN_PICTURE_MM, TEXT_BLOCK_HEIGHT_MM, TEXT_BLOCK_WIDTH_MM
from docgen.rendering.placing import PICTURE_PARTS, unknown_picture
from docgen.rendering.tags import part_label
from docgen.rendering.template_check.names import ContextNames

Found = tuple[int, str, dict[str, Any]]  # Jinja's line, the code, its parameters
_LIMITS = {"width_mm": TEXT_BLOCK_WIDTH_MM, "height_mm": TEXT_BLOCK_HEIGHT_MM}


def picture_problems(tree: nodes.Template, context: ContextNames | None, part: str) -> list[Found]:
    """What is wrong with the picture tags of a parsed part, by Jinja line."""
    found: list[Found] = []
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in ("image", "qr"):
            continue
        if part_label(part) not in PICTURE_PARTS:
            found.append((call.lineno, "template-image-place", {}))
            continue
        if call.node.name == "image" and context is not None and call.args:
            found += _name(call.lineno, call.args[0], context)
        for keyword in call.kwargs:
            found += _length(call.lineno, keyword)
    return found


def _name(lineno: int, ref: nodes.Expr, context: ContextNames) -> list[Found]:
    if not isinstance(ref, nodes.Const) or not isinstance(ref.value, str):
        return []
    known = context.children("images") if "images" in context.mappings else []
    if ref.value in known:
        return []
    code, params = unknown_picture(ref.value, known)
    return [(lineno, code, params)]


def _length(lineno: int, keyword: nodes.Keyword) -> list[Found]:
    value = keyword.value.value if isinstance(keyword.value, nodes.Const) else None
    if keyword.key not in _LIMITS or value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return [(lineno, "template-image-argument", {"name": keyword.key, "value": repr(value)[:40]})]
    if value < MIN_PICTURE_MM:
        params = {"name": keyword.key, "value": f"{value:g}", "limit": f"{MIN_PICTURE_MM:g}"}
        return [(lineno, "template-image-too-small", params)]
    if keyword.key == "width_mm" and value > TEXT_BLOCK_WIDTH_MM:
        return [(lineno, "template-image-too-wide", {"width": f"{value:g}", "limit": TEXT_BLOCK_WIDTH_MM})]
    if value > TEXT_BLOCK_HEIGHT_MM:
        return [(lineno, "image-too-tall", {"height": f"{value:g}", "limit": TEXT_BLOCK_HEIGHT_MM})]
    return []
