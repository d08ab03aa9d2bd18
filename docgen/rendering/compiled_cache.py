"""Compiled templates kept on disk, so that a run after the first compiles nothing (``docgen.cache``).

What a template compiles to, per part: Jinja's code for a part with tags (with the part's XML,
from which an error's place is found again when one happens), or the part deflated once for the
rest; and the names the package already uses. The key is the template's SHA-256 with docgen's,
Jinja's and Python's versions (``docgen.cache.entry_key`` adds docgen's), the environment the
code was compiled for, and a fingerprint of docgen's modules that shape the compiled form, so
that an edited docgen in a checkout does not read what an older one wrote. An entry of any other
shape is not used: the template is compiled again and the entry replaced.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from docgen.cache import Store, code_stamp, entry_key
from docgen.rendering.zipwriter import Member

MAX_BYTES = 64 * 1024 * 1024  # a template compiles to a few dozen kilobytes; photos in one add their size
_STORE = Store("templates", MAX_BYTES)
_SHAPING = (
    "templates.py",
    "patching.py",
    "docx_patch.py",
    "breaks.py",
    "tags.py",
    "zipwriter.py",
    "compiled_cache.py",
)


@dataclass(frozen=True)
class TaggedPart:
    """A part with tags: its compiled Jinja code, its XML as the template holds it, and whether it has {%tc."""

    name: str
    code: CodeType
    xml: bytes
    cell_loops: bool


@dataclass(frozen=True)
class CompiledParts:
    """What a template compiles to, in package order, and what its package already names."""

    parts: Sequence[Member | TaggedPart]
    raw: dict[str, bytes]  # the content types and relationships
    relationship_ids: dict[str, frozenset[str]]
    first_drawing_id: int
    media: dict[str, str]  # the media parts the template holds -> SHA-1 of their bytes


def template_key(data: bytes, environment: str) -> str:
    """The cache key of a template's bytes compiled for ``environment`` (a name for the Jinja settings)."""
    return entry_key(
        data,
        environment,
        jinja2.__version__,
        importlib.util.MAGIC_NUMBER,  # marshalled code is only good for the Python that wrote it
        sys.implementation.cache_tag or "",
        _fingerprint(),
    )


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The modules that make the compiled form, by size and time: changed when docgen is."""
    folder = Path(__file__).parent
    return code_stamp(*(folder / name for name in _SHAPING), folder.parent / "inputs" / "budget.py")


def load(key: str) -> CompiledParts | None:
    """The compiled template stored under ``key``; None when there is none or it has another shape."""
    entry = _STORE.get(key)
    if entry is None:
        return None
    try:
        return _decoded(entry)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def store(key: str, compiled: CompiledParts) -> None:
    """Keep ``compiled`` under ``key`` for the next run."""
    parts = [
        ("tagged", p.name, p.code, p.xml, p.cell_loops)
        if isinstance(p, TaggedPart)
        else ("static", p.name, p.crc, p.size, p.data)
        for p in compiled.parts
    ]
    ids = {name: tuple(sorted(found)) for name, found in compiled.relationship_ids.items()}
    _STORE.put(key, (parts, compiled.raw, ids, compiled.first_drawing_id, compiled.media))


def _decoded(entry: Any) -> CompiledParts:
    """An entry read back, every field checked for its type (an entry of another shape raises)."""
    parts_data, raw, ids, first, media = entry
    parts: list[Member | TaggedPart] = []
    for part in parts_data:
        kind, name, *rest = part
        if kind == "tagged":
            code, xml, cell_loops = rest
            _check(name, str, code, CodeType, xml, bytes, cell_loops, bool)
            parts.append(TaggedPart(name, code, xml, cell_loops))
        elif kind == "static":
            crc, size, data = rest
            _check(name, bytes, crc, int, size, int, data, bytes)
            parts.append(Member(name, crc, size, data))
        else:
            raise ValueError(kind)
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, bytes) for k, v in raw.items()):
        raise TypeError("raw")
    _check(first, int, media, dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in media.items()):
        raise TypeError("media")
    relationship_ids = {str(name): frozenset(map(str, found)) for name, found in ids.items()}
    return CompiledParts(parts, raw, relationship_ids, first, media)


def _check(*pairs: Any) -> None:
    for value, kind in zip(pairs[::2], pairs[1::2], strict=True):
        if not isinstance(value, kind):
            raise TypeError(type(value).__name__)
