"""Reports as units make them with an office suite: an old Word 97-2003 .doc, a PDF with a larger title.

Made by the LibreOffice on this machine from a .docx python-docx writes (tests that use them
call ``require_office_tools`` first); a private, throw-away profile keeps it from touching any
office the user has open.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def titled_docx(target: Path, title: str, paragraphs: list[str], *, title_size: int = 22) -> Path:
    """A report whose first line is a centred title set larger than its text."""
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run(title).font.size = Pt(title_size)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        document.add_paragraph(text)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def converted(source: Path, target: Path, filter_name: str) -> Path:
    """``source`` converted by LibreOffice (``doc:MS Word 97``, ``pdf``, ``odt``) and saved as ``target``."""
    with tempfile.TemporaryDirectory(prefix="docgen-test-office-") as work:
        profile = Path(work) / "profile"
        command = [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            filter_name,
            "--outdir",
            work,
            str(source),
        ]
        subprocess.run(command, capture_output=True, check=True, timeout=180, stdin=subprocess.DEVNULL)
        made = next(p for p in Path(work).iterdir() if p.is_file() and p.stem == source.stem)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(made.read_bytes())
    return target
