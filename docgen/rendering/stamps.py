"""Which of a project's templates are unedited copies of an older built-in template.

``docgen init`` copies docgen's built-in templates into a project for its user to edit, and a
project's template is used before the built-in one of its name. When docgen is upgraded, a copy
nobody edited would keep the old layout without a word. So the build (``make templates``) stamps
each built-in template with its name and the SHA-256 of its parts, in the package's zip comment:
Word, WPS and LibreOffice ignore it, and no rendered document carries it (a document is written
as a new package), so the stamp changes nothing a user prints.

A project's template whose stamp differs from the built-in one's of its name is an older copy.
It is unedited when its parts still hash to its own stamp; saved again by an office suite or
edited, its parts differ and it is the user's own. A template without a stamp is the user's too,
unless its parts are those of a built-in template docgen shipped before it stamped them
(``earlier-templates.txt``, read from docgen's history). Only a template with a built-in
template's name is looked at, and only one whose stamp differs from the built-in one's, or
that has none, is hashed: the check costs a few zip directories and small parts per run.
"""

from __future__ import annotations

import enum
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docgen.errors import Finding, Severity
from docgen.inputs.bounded import InputRefusedError, read_member
from docgen.resources import shipped, templates_dir

STAMP_PREFIX = "docgen-template"
MAX_STAMPED_PART = 4 * 1024 * 1024  # docgen's own templates' parts are a few kilobytes each
MAX_COPY_BYTES = 2 * 1024 * 1024  # all parts of a copy of one, unpacked; they are some 50 KB
EARLIER_BUILDS = shipped("earlier-templates.txt")


@dataclass(frozen=True)
class Stamp:
    """A built template's name and the SHA-256 (hex) of its parts, as the build wrote them."""

    name: str
    digest: str

    def comment(self) -> bytes:
        """The zip comment that holds the stamp: ``docgen-template NAME sha256=HEX``."""
        return f"{STAMP_PREFIX} {self.name} sha256={self.digest}".encode("ascii")


class Copy(enum.Enum):
    """What a project's template with a built-in template's name is to the built-in one."""

    CURRENT = "current"  # stamped as the built-in one is now (edited or not)
    OLDER = "older"  # an unedited copy of an earlier build
    EDITED = "edited"  # stamped by an earlier build, its parts changed since
    OWN = "own"  # no stamp: a template the user made (or a suite saved again)


def parts_digest(archive: zipfile.ZipFile) -> str:
    """The SHA-256 of every part of a package, in name order, each with its name and length."""
    digest = hashlib.sha256()
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        data = read_member(archive, info, MAX_STAMPED_PART)
        name = info.filename.encode("utf-8")
        digest.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def stamped(package: bytes, name: str) -> bytes:
    """The package with its stamp as zip comment (the build's last step); the parts stay as they are."""
    buffer = io.BytesIO(package)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = Stamp(name, parts_digest(archive)).comment()
    return buffer.getvalue()


def read_stamp(archive: zipfile.ZipFile) -> Stamp | None:
    """The stamp in a package's zip comment; None when there is none."""
    words = archive.comment.decode("ascii", errors="replace").split(" ")
    if len(words) != 3 or words[0] != STAMP_PREFIX or not words[2].startswith("sha256="):
        return None
    return Stamp(words[1], words[2].removeprefix("sha256="))


def file_stamp(path: Path) -> Stamp | None:
    """The stamp of the template at ``path``; None when it has none or is no readable package."""
    try:
        with zipfile.ZipFile(path) as archive:
            return read_stamp(archive)
    except (OSError, zipfile.BadZipFile):
        return None


def compare_copy(path: Path, builtin: Path) -> Copy:
    """What the template at ``path`` is to the built-in template ``builtin`` of the same name."""
    current = file_stamp(builtin)
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_COPY_BYTES:
                return Copy.OWN  # far larger than any template docgen built: pictures of the user's
            stamp = read_stamp(archive)
            if stamp is not None and stamp.name == builtin.name:
                if stamp == current:
                    return Copy.CURRENT
                return Copy.OLDER if parts_digest(archive) == stamp.digest else Copy.EDITED
            earlier = earlier_builds().get(builtin.name)
            if not earlier:
                return Copy.OWN
            digest = parts_digest(archive)  # a copy made before the built-in templates were stamped?
    except (OSError, zipfile.BadZipFile, InputRefusedError, EOFError, ValueError):
        return Copy.OWN  # not a package docgen built: the template check says what is wrong with it
    if current is not None and digest == current.digest:
        return Copy.CURRENT
    return Copy.OLDER if digest in earlier else Copy.OWN


@lru_cache(maxsize=1)
def earlier_builds() -> dict[str, frozenset[str]]:
    """The parts' digests of the built-in templates docgen shipped before it stamped them, by name.

    Written by ``scripts/earlier_templates.py`` from docgen's history: each line ``NAME DIGEST``.
    """
    found: dict[str, set[str]] = {}
    for line in EARLIER_BUILDS.read_text(encoding="ascii").splitlines():
        name, digest = line.split()
        found.setdefault(name, set()).add(digest)
    return {name: frozenset(digests) for name, digests in found.items()}


def project_copies(folder: Path) -> dict[Path, Copy]:
    """Each template in ``folder`` that has a built-in template's name, and what it is to that one."""
    shipped = templates_dir()
    found = {}
    for builtin in sorted(shipped.glob("*.docx")):
        path = folder / builtin.name
        if path.is_file() and path.resolve() != builtin.resolve():
            found[path] = compare_copy(path, builtin)
    return found


def older_copies(folders: Sequence[Path]) -> list[Finding]:
    """A warning for each template in ``folders`` that is an unedited copy of an older built-in template.

    Only the template that lookup would use counts (the first of ``folders`` holding the name).
    """
    shipped = templates_dir().resolve()
    seen: set[str] = set()
    warnings = []
    for folder in folders:
        if folder.resolve() == shipped or not folder.is_dir():
            continue
        for path, copy in project_copies(folder).items():
            if path.name in seen:
                continue
            seen.add(path.name)
            if copy is Copy.OLDER:
                warnings.append(older_copy_warning(path))
    return warnings


def older_copy_warning(path: Path) -> Finding:
    """The warning for ``path``, an unedited copy of an older built-in template; its hint names the fix."""
    from docgen.messages import command_word

    params = {"name": path.name, "builtin": str(templates_dir() / path.name)}
    if path.parent.name == "templates":
        params["command"] = f"docgen init {command_word(path.parent.parent)} --update-templates"
        return Finding("template-older-copy", params, str(path), severity=Severity.WARNING)
    return Finding("template-older-copy-elsewhere", params, str(path), severity=Severity.WARNING)
