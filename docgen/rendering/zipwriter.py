"""A minimal ZIP writer that can store already-deflated members as they are.

``zipfile`` always compresses what it is given. A template's untouched parts (styles, fonts,
settings, footers without tags) are the same in every document, so they are deflated once when
the template is loaded and their bytes copied into each package; a Word file repaired by
``audit --fix`` keeps every part it did not change as the file held it, stored or deflated.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the fixed date that keeps outputs reproducible
_DOS_TIME = 0
_VERSION = 20
DEFLATED = 8
_UTF8_NAMES = 0x800  # general-purpose flag: names are UTF-8
_MADE_BY_UNIX = 3 << 8  # "version made by" says Unix, so the file mode below counts
_REGULAR_FILE_644 = 0o100644


@dataclass(frozen=True)
class Member:
    """One compressed member, ready to be written into any number of archives (``data`` as ``method`` left it)."""

    name: bytes
    crc: int
    size: int
    data: bytes
    method: int = DEFLATED


def deflate(name: str, payload: bytes, level: int = 6) -> Member:
    """Compress ``payload`` as raw deflate, the way ZIP stores it."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(payload) + compressor.flush()
    return Member(name.encode("utf-8"), zlib.crc32(payload), len(payload), data)


def payload_digest(member: Member) -> bytes:
    """The SHA-256 of what the member holds, inflated (what a ZIP reader gets back)."""
    data = zlib.decompress(member.data, -15) if member.method == DEFLATED else member.data
    return hashlib.sha256(data).digest()


def content_digest(members: Sequence[Member], known: Mapping[int, bytes]) -> str:
    """A digest of the package's parts by name and content, not of how they are packed.

    The same as digesting the written file's members in order (name, NUL, SHA-256 of the
    bytes), without writing or reading it. ``known`` holds the payload digests of members that
    stay alive and unchanged (a template's static parts), by ``id``: they are not inflated again.
    """
    digest = hashlib.sha256()
    for member in members:
        payload = known.get(id(member))
        digest.update(member.name + b"\0" + (payload if payload is not None else payload_digest(member)))
    return digest.hexdigest()


def archive(members: list[Member]) -> bytes:
    """A ZIP archive of the members, in order, with fixed dates and no extra fields."""
    out = bytearray()
    central = bytearray()
    for member in members:
        # the fields the local header and the central directory share, in the order both hold them
        common = (_VERSION, _UTF8_NAMES, member.method, _DOS_TIME, _DOS_DATE, member.crc, len(member.data), member.size)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, len(member.name), 0)
        out += member.name + member.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, _MADE_BY_UNIX | _VERSION, *common, len(member.name), 0, 0, 0, 0,
            _REGULAR_FILE_644 << 16, offset,
        )  # fmt: skip
        central += member.name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)
