"""Remembered layouts: the adjustments the layout pass measured, found again by a render without LibreOffice.

``render --pdf`` and ``preview`` measure each 公文 in LibreOffice's PDF and adjust it; a later
plain ``render`` of the same content (the same plan and templates, so the same rendered
document) finds those adjustments here by the document's content and makes the same .docx,
quickly and without LibreOffice. The memory is a kind of docgen's cache (``docgen.cache``:
its folder, bound, checks and switches), not a file in OUT, so a preview (made in a temporary
folder) and a render into any folder share it, and ``docgen cache clear`` forgets it.

The key is the document's content with the pass's ``VERSION``, not docgen's version: the
content key already names the rendered bytes the adjustments apply to, so what one release
measured stays good after an upgrade that renders the same document. It never breaks a render:
an entry that is not sound, or reads as nonsense, counts as none (and an adjustment outside
GB/T 9704's latitude is refused when applied); one that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from docgen.cache import Store
from docgen.documents.adjustments import Adjustment, apply_adjustments, from_data, to_data

KIND = "layout"
VERSION = 1  # raised when the pass changes what its adjustments mean: older entries are then not found
MAX_BYTES = 1024 * 1024  # an entry is ~100 bytes: thousands of documents
_STORE = Store(KIND, MAX_BYTES)
FITTED_KINDS = frozenset({"notice", "issuing-notice", "task-sheet", "reminder"})  # the 公文 docgen writes


def _entry_key(content: str) -> str:
    return hashlib.sha256(f"{KIND} {VERSION}\n{content}".encode()).hexdigest()


def remembered(key: str) -> list[Adjustment]:
    """The adjustments remembered for the document whose content is ``key``; none when there are none."""
    return _recalled(_entry_key(key))


def _recalled(entry: str) -> list[Adjustment]:
    return from_data(_STORE.get(entry))


def remember(key: str, adjustments: list[Adjustment]) -> None:
    """Remember ``adjustments`` for the document whose content is ``key`` (none: remember that there are none)."""
    _STORE.put(_entry_key(key), to_data(adjustments))


def recall_layouts(stage: Path, keys: Mapping[PurePosixPath, str]) -> set[PurePosixPath]:
    """Apply the remembered adjustments of each 公文 rendered into ``stage``, found by its content key; those changed.

    Called on every render, with or without PDFs: a plain render makes what the last measured
    render of the same content made. The keys come from the render (``render_into``'s
    ``keyed``), so this costs one listing of the cache folder and a read per 公文 remembered.
    Here, not in ``fitting``, so that a render without PDFs does not import the layout pass.
    """
    changed = set()
    entries = {path: _entry_key(key) for path, key in keys.items()}
    held = _STORE.held(entries.values())  # one listing: most 公文 have nothing remembered
    for path, entry in entries.items():
        if entry not in held:
            continue
        adjustments = _recalled(entry)
        if adjustments and apply_adjustments(stage / path, adjustments):
            changed.add(path)
    return changed
