"""Copies of docgen's built-in templates as a project may hold them after an upgrade of docgen.

An earlier build is made from today's template by changing one part (a comment in the styles)
and stamping the package again the way ``scripts/build_templates.py`` stamps it, so its stamp
differs from the built-in one's and its parts still hash to it: an unedited copy of an older
built-in template.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docgen.rendering.stamps import stamped

EARLIER = b"<!-- an earlier build -->"


def rewrite_part(path: Path, part: str, old: bytes, new: bytes, *, comment: bytes | None = None) -> None:
    """Replace ``old`` by ``new`` in one part of the package at ``path``, giving it ``comment`` (none by default)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == part:
                assert old in data, f"{part} of {path.name} holds no {old!r}"
                data = data.replace(old, new, 1)
            archive.writestr(info, data)
        if comment is not None:
            archive.comment = comment
    path.write_bytes(buffer.getvalue())


def make_older_build(path: Path) -> None:
    """Turn the copy of a built-in template at ``path`` into an unedited copy of an earlier build of it."""
    rewrite_part(path, "word/styles.xml", b"</w:styles>", EARLIER + b"</w:styles>")
    path.write_bytes(stamped(path.read_bytes(), path.name))


def edit_keeping_stamp(path: Path) -> None:
    """Change a part of the template at ``path`` and keep its stamp, as a tool that leaves the zip comment would."""
    with zipfile.ZipFile(path) as archive:
        comment = archive.comment
    rewrite_part(path, "word/document.xml", b"<w:body>", b"<w:body><w:p/>", comment=comment)
