"""What an attachment's bytes really are: a program under any name, an archive and what it unpacks to.

A unit's report comes as a Word file, a PDF, photos, a video, now and then a zip of photos. A
mail may also carry what no report is: a program (``.exe``, or a program named ``报告.docx``,
or ``报告.docx.exe``), or an archive that unpacks to gigabytes (a zip bomb). Such a file is
never saved among the returns; ``refusal`` says why, as a code and its parameters that the
stage above words.

A zip is opened and every member inflated, discarding what comes out, under a budget of bytes
and of the ratio to the zip's size: a member's stated size is not trusted. Archives docgen
cannot look into (RAR, 7z, gzip, …) are refused as unchecked: the officer saves them from the
mailbox when the sender is known.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from docgen.inputs.bounded import mebibytes

# Programs and scripts Windows or a phone runs when they are opened.
EXECUTABLE_SUFFIXES = frozenset(
    {
        *(".exe", ".com", ".scr", ".pif", ".bat", ".cmd", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".ps1"),
        *(".psm1", ".msi", ".msp", ".cpl", ".jar", ".lnk", ".hta", ".reg", ".dll", ".sys", ".apk", ".app", ".sh"),
        *(".run", ".elf", ".dmg", ".ade", ".adp", ".chm", ".gadget", ".inf", ".ins", ".mst", ".scf", ".sct", ".url"),
    }
)
ARCHIVE_SUFFIXES = frozenset(
    {".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab", ".iso", ".arj", ".lzh", ".z", ".zst", ".zipx"}
)
# Office packages are zips too; each reader docgen has for them bounds them itself.
PACKAGE_SUFFIXES = frozenset(
    {".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".ppsx", ".odt", ".ods", ".odp", ".ofd", ".epub", ".wps"}
)
_EXECUTABLE_MAGIC = (
    (b"MZ", "Windows"),
    (b"\x7fELF", "Linux"),
    (b"\xcf\xfa\xed\xfe", "macOS"),
    (b"\xce\xfa\xed\xfe", "macOS"),
    (b"\xca\xfe\xba\xbe", "macOS"),
    (b"#!", "script"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", "Windows"),  # a shortcut (.lnk)
    (b"dex\n", "Android"),
)
_ARCHIVE_MAGIC = (
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"MSCF", "CAB"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_END = b"PK\x05\x06"
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
_CHUNK = 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class ArchiveLimits:
    """How much a zip may unpack to: members, bytes in all, and bytes per byte of the zip."""

    members: int = 1000
    inflated_bytes: int = 1024 * 1024 * 1024
    ratio: int = 100  # photos and Word files pack to about their size, text to a fifth; bombs to 1/1000
    floor_bytes: int = 16 * 1024 * 1024  # a small zip may unpack to this much whatever its ratio


def refusal(name: str, data: bytes, limits: ArchiveLimits | None = None) -> tuple[str, dict[str, object]] | None:
    """Why the attachment ``name`` holding ``data`` is not saved, as (code, params); None when it may be.

    Codes: ``mail-executable`` (kind), ``mail-archive-unchecked`` (format),
    ``mail-archive-bomb`` (limit), ``mail-archive-inside`` (member), ``mail-archive-encrypted``,
    ``mail-archive-damaged``, ``mail-archive-too-many`` (count, limit).
    """
    suffix = _suffix(name)
    kind = executable_kind(suffix, data)
    if kind is not None:
        return "mail-executable", {"kind": kind}
    if data.startswith(_ZIP_MAGIC) and suffix not in PACKAGE_SUFFIXES:
        return check_zip(data, limits or ArchiveLimits())
    if suffix == ".zip":
        return "mail-archive-damaged", {}
    archive = next((label for magic, label in _ARCHIVE_MAGIC if data.startswith(magic)), None)
    if archive is None and suffix in ARCHIVE_SUFFIXES:
        archive = suffix.lstrip(".").upper()
    if archive is None and len(data) > 262 and data[257:262] == b"ustar":
        archive = "tar"
    return ("mail-archive-unchecked", {"format": archive}) if archive is not None else None


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower().strip() if dot > 0 else ""


def executable_kind(suffix: str, data: bytes) -> str | None:
    """The kind of program a file is, by its suffix or its first bytes, whatever its name says; None for none."""
    for magic, kind in _EXECUTABLE_MAGIC:
        if data.startswith(magic):
            return kind
    if suffix in EXECUTABLE_SUFFIXES:
        return suffix
    return None


def check_zip(data: bytes, limits: ArchiveLimits) -> tuple[str, dict[str, object]] | None:
    """Why a zip is refused, or None: too many members, programs or archives inside, a bomb, damage."""
    count = _member_count(data)
    if count is None:
        return "mail-archive-damaged", {}
    if count > limits.members:
        return "mail-archive-too-many", {"count": count, "limit": limits.members}
    budget = min(limits.inflated_bytes, max(len(data) * limits.ratio, limits.floor_bytes))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.members:
                return "mail-archive-too-many", {"count": len(members), "limit": limits.members}
            for info in members:
                if info.is_dir():
                    continue
                if info.flag_bits & 0x1:
                    return "mail-archive-encrypted", {}
                found = _member_refusal(archive, info, budget)
                if isinstance(found, tuple):
                    return found
                budget -= found
    except _ZIP_ERRORS:
        return "mail-archive-damaged", {}
    return None


def _member_refusal(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
) -> tuple[str, dict[str, object]] | int:
    """A member inflated and thrown away: its size, or why it makes the zip refused."""
    inner = info.filename.rsplit("/", 1)[-1]
    suffix = _suffix(inner)
    if suffix in EXECUTABLE_SUFFIXES:
        return "mail-executable", {"kind": f"{suffix} ({inner})"}
    if suffix in ARCHIVE_SUFFIXES:
        return "mail-archive-inside", {"member": inner}
    if info.file_size > budget:
        return "mail-archive-bomb", {"limit": mebibytes(budget)}
    size = 0
    with archive.open(info) as stream:
        head = stream.read(512)
        size = len(head)
        kind = executable_kind("", head)
        if kind is not None:
            return "mail-executable", {"kind": f"{kind} ({inner})"}
        if head.startswith(_ZIP_MAGIC) and suffix not in PACKAGE_SUFFIXES:
            return "mail-archive-inside", {"member": inner}
        while size <= budget:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return size
            size += len(chunk)
    return "mail-archive-bomb", {"limit": mebibytes(budget)}


def _member_count(data: bytes) -> int | None:
    """The members a zip's end record states, read before zipfile lists them (it would build each)."""
    start = data.rfind(_END, max(0, len(data) - 65536 - _END_SIZE))
    if start < 0 or len(data) < start + _END_SIZE:
        return None
    (count,) = struct.unpack_from("<H", data, start + 10)
    if count != 0xFFFF or start < 20 or data[start - 20 : start - 16] != _ZIP64_LOCATOR:
        return int(count)
    (offset,) = struct.unpack_from("<Q", data, start - 12)
    if offset + 56 > len(data) or data[offset : offset + 4] != _ZIP64_END:
        return None
    (count64,) = struct.unpack_from("<Q", data, offset + 32)
    return int(count64)
