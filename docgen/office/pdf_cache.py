"""PDFs kept by the content of the .docx they were made from, so that nothing is converted twice.

A render's documents are the same bytes when the plan and templates are (docgen writes fixed
dates into its packages), so ``render --pdf`` after an edit converts only the documents the edit
changed, and ``preview`` after ``render --pdf`` converts nothing. The key is the .docx's SHA-256
with what else shapes the PDF: the export filter, docgen's font map, the LibreOffice installed
(its program's size and time) and the font folders and fontconfig caches (their times change
when fonts are installed); docgen's version is in every key. Entries live in ``docgen.cache``'s
folder, bounded, checked on reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.cache import Store, entry_key
from docgen.office.convert import convert_to_pdf, fontconfig_file
from docgen.office.programs import find_office

MAX_BYTES = 256 * 1024 * 1024  # a campaign's PDFs are a few megabytes; a year of editions stays
PDF_FILTER = "pdf:writer_pdf_Export"  # what convert.py asks LibreOffice for
_STORE = Store("pdf", MAX_BYTES)
_FONT_PLACES = ("/usr/share/fonts", "/usr/local/share/fonts", "/var/cache/fontconfig", "~/.local/share/fonts",
                "~/.fonts", "~/.cache/fontconfig", "/Library/Fonts", "~/Library/Fonts")  # fmt: skip


def converter_identity() -> str:
    """What, besides the .docx, makes the PDF: filter, font map, LibreOffice and the fonts installed."""
    office = Path(find_office()).resolve()
    program = office.parent / "soffice.bin" if (office.parent / "soffice.bin").exists() else office
    stamps = [PDF_FILTER, hashlib.sha256(fontconfig_file().read_bytes()).hexdigest(), _stamp(program)]
    stamps += [_stamp(Path(place).expanduser()) for place in _FONT_PLACES]
    return "\n".join(stamps)


def _stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return f"{path}:-"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def convert_cached(
    docx_paths: Sequence[Path],
    *,
    processes: int | None = None,
    cores: int = 1,
    converted: Callable[[], None] | None = None,
) -> list[Path]:
    """``convert_to_pdf`` beside each .docx, taking the PDF of a .docx converted before from the cache.

    The rest are converted in ``processes`` LibreOffice runs side by side (default: one per core
    of ``cores``, each with four documents or more) and kept for next time. ``converted`` is
    told of each PDF as it is there.
    """
    sources = [Path(p) for p in docx_paths]
    identity = converter_identity()
    keys = [entry_key(hashlib.sha256(p.read_bytes()).digest(), identity) for p in sources]
    missing: list[tuple[Path, str]] = []
    for source, key in zip(sources, keys, strict=True):
        pdf = _STORE.get(key)
        if isinstance(pdf, bytes) and pdf.startswith(b"%PDF"):
            source.with_suffix(".pdf").write_bytes(pdf)
            if converted is not None:
                converted()
        else:
            missing.append((source, key))
    if missing:
        count = processes if processes is not None else max(1, min(cores, len(missing) // 4))
        made = convert_to_pdf([source for source, _ in missing], processes=count, converted=converted)
        for (_, key), pdf in zip(missing, made, strict=True):
            _STORE.put(key, pdf.read_bytes())
    return [source.with_suffix(".pdf") for source in sources]
