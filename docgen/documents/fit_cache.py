"""Remembered layouts: the adjustments the layout pass measured, found again by a render without LibreOffice.

``render --pdf`` and ``preview`` measure each 公文 in LibreOffice's PDF and adjust it; a later
plain ``render`` of the same content (the same plan and templates, so the same rendered
document) finds those adjustments here by the document's content and makes the same .docx,
quickly and without LibreOffice. The memory lives in the user's cache folder, not in OUT, so
a preview (made in a temporary folder) and a render into any folder share it; one small JSON
file per document. ``DOCGEN_CACHE_DIR`` names another folder, or, set empty, turns it off.

It never breaks a render: an entry that cannot be read, or reads as nonsense, counts as none
(and an adjustment outside GB/T 9704's latitude is refused when applied); one that cannot be
written is only logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from docgen.documents.adjustments import Adjustment, apply_adjustments, content_key, from_data, to_data
from docgen.rendering.jobs import Document

log = logging.getLogger(__name__)

CACHE_ENV = "DOCGEN_CACHE_DIR"
FITTED_KINDS = frozenset({"notice", "issuing-notice", "task-sheet", "reminder"})  # the 公文 docgen writes
FOLDER = "layout"
VERSION = 1  # raised when the pass changes what its adjustments mean: older entries are then ignored
MAX_ENTRY_BYTES = 16 * 1024
MAX_ENTRIES = 2000  # documents remembered; the oldest are forgotten beyond this
_KEY = re.compile(r"^[0-9a-f]{64}$")


def cache_folder() -> Path | None:
    """Where layouts are remembered: ``$DOCGEN_CACHE_DIR/layout`` or the user's cache folder; None when off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) / FOLDER if override.strip() else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "docgen" / "Cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "docgen"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docgen"
    return base / FOLDER


def _entry(key: str) -> Path | None:
    folder = cache_folder()
    return folder / f"{key}.json" if folder is not None and _KEY.match(key) else None


def remembered(key: str) -> list[Adjustment]:
    """The adjustments remembered for the document whose content is ``key``; none when there are none."""
    entry = _entry(key)
    if entry is None:
        return []
    try:
        with entry.open("rb") as file:
            data = json.loads(file.read(MAX_ENTRY_BYTES))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        log.debug("layout memory %s unreadable: %s", entry, exc)
        return []
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return []
    return from_data(data.get("adjustments"))


def remember(key: str, adjustments: list[Adjustment]) -> None:
    """Remember ``adjustments`` for the document whose content is ``key`` (none: forget it)."""
    entry = _entry(key)
    if entry is None:
        return
    temporary: Path | None = None
    try:
        if not adjustments:
            entry.unlink(missing_ok=True)
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": VERSION, "adjustments": to_data(adjustments)})
        with tempfile.NamedTemporaryFile("w", dir=entry.parent, suffix=".tmp", delete=False, encoding="utf-8") as file:
            temporary = Path(file.name)
            file.write(text)
        temporary.replace(entry)
        _forget_oldest(entry.parent)
    except OSError as exc:
        log.warning("could not remember the layout in %s: %s", entry.parent, exc)
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _forget_oldest(folder: Path) -> None:
    """Keep at most ``MAX_ENTRIES`` entries: the ones used or written least recently go."""
    entries = list(folder.glob("*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            old.unlink()


def recall_layouts(stage: Path, documents: Sequence[Document]) -> dict[PurePosixPath, str]:
    """Apply the remembered adjustments of each 公文 rendered into ``stage``; its content key by path.

    Called on every render, with or without PDFs: a plain render makes what the last measured
    render of the same content made. Costs a digest per 公文 and a lookup in the cache folder.
    """
    keys = {}
    for document in documents:
        if document.kind in FITTED_KINDS:
            path = stage / document.path
            keys[document.path] = key = content_key(path)
            adjustments = remembered(key)
            if adjustments:
                apply_adjustments(path, adjustments)
    return keys
