"""Where a received file goes in the returns folder: the name it is filed under, never over another file.

Part of receiving (``receiving``). The name a file came with is anyone's: a mail's attachment,
a file dropped on the workbench, a file on a drive whose name is not UTF-8 (a GBK name from a
Windows zip, held by Python as surrogates). It is read as text first (``received_name``: bytes
that are no UTF-8 are read as GB18030, control characters dropped, at most ``MAX_NAME``
characters with its suffix kept), then made safe to file under (``filed_name``).

A run killed between putting a file in its place and recording it leaves the file there
unrecorded; the next run records it as saved by hand. ``orphan`` finds such a file again when
the same bytes are received for the same folder, so that the next run records it as received
(when, how, from where) instead of filing a second copy.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, ReceiveError
from docgen.inputs.mail_text import decode_text
from docgen.plan.model import Unit
from docgen.rendering.filenames import safe_stem
from docgen.tracking.record import Record
from docgen.tracking.record_rows import FileRow
from docgen.tracking.returns import README_NAME

MAX_COPIES = 999  # 教务处-总结（2）.docx … （999）
MAX_NAME = 255  # characters of the name a file came with that are kept
MAX_SUFFIX = 10
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def received_name(name: str) -> str:
    """The name a file came with as text to keep and show, at most ``MAX_NAME`` characters.

    Bytes that are no UTF-8 are read as GB18030; control characters are dropped; a longer name
    is cut before its suffix, which is kept.
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = name.encode("utf-8", "replace")
    text = _CONTROL.sub("", decode_text(raw, None))
    if len(text) <= MAX_NAME:
        return text
    stem, dot, suffix = text.rpartition(".")
    if dot and stem and 0 < len(suffix) <= MAX_SUFFIX:
        return stem[: MAX_NAME - len(suffix) - 1] + "." + suffix
    return text[:MAX_NAME]


def filed_name(unit: Unit | None, name: str) -> str:
    """The name a received file is filed under: its own, made safe, starting with the unit's name.

    Folders in the name are dropped, unsafe characters replaced, the suffix kept when it is
    a plain one (letters and digits); 总结.docx from 教务处 becomes 教务处-总结.docx. A name the
    folder's reading passes over (``~$``, ``.``, the folder's 说明.txt) is changed so that it is read.
    """
    base = PurePosixPath(received_name(name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem or not suffix.isascii() or not suffix.isalnum() or len(suffix) > MAX_SUFFIX:
        stem, suffix = base, ""
    stem = safe_stem(stem, fallback="文件")
    while stem.startswith("~$"):  # how Word's lock files start, which the folder's reading passes over
        stem = safe_stem(stem[2:], fallback="文件")
    if unit is not None and not stem.startswith(tuple(n for n in (unit.name, unit.full_name) if n)):
        stem = safe_stem(f"{unit.name}-{stem}")
    filed = stem + (f".{suffix.lower()}" if suffix else "")
    return f"文件-{filed}" if filed == README_NAME else filed  # the folder's own 说明.txt is no return


def copy_names(name: str) -> list[str]:
    """``name``, then ``name（2）`` … ``name（MAX_COPIES）``: the names a file may be filed under, in turn."""
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    return [name, *(f"{stem}（{number}）{suffix}" for number in range(2, MAX_COPIES + 1))]


def distinct_files(paths: Sequence[Path | str]) -> list[Path]:
    """The files named, each once: a file named twice (or by two links) would be moved away before its second turn."""
    seen: set[Path] = set()
    distinct = []
    for raw in paths:
        path = Path(raw)
        if path.resolve() not in seen:
            seen.add(path.resolve())
            distinct.append(path)
    return distinct


def orphan(record: Record, digest: str, folder: PurePosixPath, name: str) -> FileRow | None:
    """A file of these bytes in ``folder`` under ``name`` (or a copy's name) the record knows only from the folder."""
    names = set(copy_names(name))
    for row in record.files():
        if (
            row.present
            and row.how == "hand"
            and row.source is None
            and row.sha256 == digest
            and row.path.parent == folder
            and row.path.name in names
        ):
            return row
    return None


def placed(root: Path, source: Path, folder: PurePosixPath, name: str, *, move: bool = False) -> Path:
    """``source`` put into ``root/folder`` under ``name``, or ``name（2）``… where that is taken; never over a file."""
    from docgen.rendering.targets import make_folders, write_error

    target_folder = make_folders(root, folder)  # never through a link out of the returns folder
    for candidate in copy_names(name):
        target = target_folder / candidate
        if move and source.resolve() == target.resolve():
            return target
        if target.exists() or target.is_symlink():
            continue
        try:
            _put(source, target, move)
        except FileExistsError:
            continue  # it appeared meanwhile: the next name
        except OSError as exc:
            raise write_error(exc, target) from exc
        return target
    raise ReceiveError([Finding("receive-too-many-copies", {"name": name, "limit": MAX_COPIES}, file=str(folder))])


def _put(source: Path, target: Path, move: bool) -> None:
    """Copy, or move by a link and an unlink (a drive that cannot link: a rename), never over a file."""
    if not move:
        with source.open("rb") as reading, target.open("xb") as writing:
            shutil.copyfileobj(reading, writing)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        source.rename(target)  # FAT, some network drives; the name was checked free just before
        return
    source.unlink()
