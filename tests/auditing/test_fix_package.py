"""``audit --fix`` writes anew only the parts it changed; every other part is copied as the file held it.

Issue 34 point 4: re-inflating and deflating every part made ``--fix`` of a large file slow. The
parts of each package here are read raw through the central directory's offsets (APPNOTE.TXT
4.3.12 and 4.3.7), apart from zipfile and from the code under test.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path
from typing import NamedTuple

import docx
import pytest
from docx.shared import Twips

import docgen
from docgen.auditing.package import AuditError
from tests.auditing.test_audit import DOCUMENT
from tests.auditing.test_hostile_audit import NOTICE
from tests.support.paths import SHIPPED_PLAN

STYLES = "word/styles.xml"
SCAN = "word/media/scan.bin"  # a part no rule reads: a large scan kept in the package
WIDE = ('<w:pgSz w:w="11906"', '<w:pgSz w:w="12240"')  # letter-width paper, which --fix makes A4 again


class Held(NamedTuple):
    """A member as an archive holds it: flags, method, CRC-32, size inflated, the bytes held."""

    flags: int
    method: int
    crc: int
    size: int
    data: bytes


def held(package: bytes) -> dict[str, Held]:
    """Every member of ``package`` read raw: each central directory entry, its data behind its local header."""
    end = package.rindex(b"PK\x05\x06")
    count, _, start = struct.unpack_from("<10xHII", package, end)
    members = {}
    for _ in range(count):
        fields = struct.unpack_from("<I4xHH4xIIIHHH8xI", package, start)
        signature, flags, method, crc, packed, size, name_length, extra_length, comment_length, offset = fields
        assert signature == 0x02014B50
        name = package[start + 46 : start + 46 + name_length].decode("utf-8" if flags & 0x800 else "cp437")
        local, local_name, local_extra = struct.unpack_from("<I22xHH", package, offset)
        assert local == 0x04034B50
        data_start = offset + 30 + local_name + local_extra
        members[name] = Held(flags, method, crc, size, package[data_start : data_start + packed])
        start += 46 + name_length + extra_length + comment_length
    return members


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The parts of a rendered notice on letter-width paper, with a 3 MiB scan that deflating cannot shrink."""
    out = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, out, only="notice")
    with zipfile.ZipFile(out / NOTICE) as package:
        found = {info.filename: package.read(info) for info in package.infolist()}
    assert WIDE[0] in found[DOCUMENT].decode("utf-8")
    found[DOCUMENT] = found[DOCUMENT].decode("utf-8").replace(*WIDE, 1).encode("utf-8")
    found[SCAN] = random.Random(34).randbytes(3 * 1024 * 1024)
    return found


def packaged(parts: dict[str, bytes], path: Path) -> Path:
    """``parts`` zipped at ``path``: the scan stored, the styles deflated fast, the rest as zipfile deflates."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (2019, 4, 1, 8, 30, 0))
            level = 1 if name == STYLES else 6
            method = zipfile.ZIP_STORED if name == SCAN else zipfile.ZIP_DEFLATED
            package.writestr(info, data, compress_type=method, compresslevel=level)
    return path


def assert_fixed_and_copied(source: Path, target: Path, report: docgen.FixReport) -> None:
    """The paper is fixed in the main part; every other part holds the source's bytes; the copy opens."""
    assert "paper-size" in [f.code for f in report.fixed]
    before, after = held(source.read_bytes()), held(target.read_bytes())
    assert list(after) == list(before)
    for name, part in before.items():
        if name != DOCUMENT:
            assert (after[name].method, after[name].crc, after[name].size) == (part.method, part.crc, part.size), name
            assert after[name].data == part.data, name
            assert not after[name].flags & 0x8, name  # sizes in the local header, no data descriptor behind
    assert after[DOCUMENT].data != before[DOCUMENT].data
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        assert '<w:pgSz w:w="11906"' in package.read(DOCUMENT).decode("utf-8")
    assert docx.Document(str(target)).sections[0].page_width == Twips(11906)


def test_fix_copies_the_parts_it_did_not_change_byte_for_byte(parts: dict[str, bytes], tmp_path: Path) -> None:
    source = packaged(parts, tmp_path / "letter.docx")
    assert held(source.read_bytes())[SCAN].method == zipfile.ZIP_STORED
    report = docgen.fix_document(source, tmp_path / "fixed.docx")
    assert_fixed_and_copied(source, tmp_path / "fixed.docx", report)
    assert held((tmp_path / "fixed.docx").read_bytes())[SCAN].method == zipfile.ZIP_STORED


class Unseekable(io.RawIOBase):
    """A stream written in one pass, as a program streaming its zip to a socket writes it: no seeking back."""

    def __init__(self) -> None:
        self.written = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.written += data
        return len(data)


def test_parts_written_with_data_descriptors_or_zip64_headers_are_copied_too(
    parts: dict[str, bytes], tmp_path: Path
) -> None:
    streamed = Unseekable()
    with zipfile.ZipFile(streamed, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            with package.open(name, "w", force_zip64=True) as member:  # sizes after the data, zip64 extra fields
                member.write(data)
    source = tmp_path / "streamed.docx"
    source.write_bytes(bytes(streamed.written))
    assert all(part.flags & 0x8 for part in held(source.read_bytes()).values())
    report = docgen.fix_document(source, tmp_path / "fixed.docx")
    assert_fixed_and_copied(source, tmp_path / "fixed.docx", report)


def test_a_part_compressed_another_way_is_deflated_anew(parts: dict[str, bytes], tmp_path: Path) -> None:
    source = tmp_path / "bzip2.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data, compress_type=zipfile.ZIP_BZIP2 if name == STYLES else zipfile.ZIP_DEFLATED)
    docgen.fix_document(source, tmp_path / "fixed.docx")
    styles = held((tmp_path / "fixed.docx").read_bytes())[STYLES]
    assert styles.method == zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(tmp_path / "fixed.docx") as package:
        assert package.testzip() is None
        assert package.read(STYLES) == parts[STYLES]


def test_parts_that_overlap_are_refused_not_copied_over_and_over(parts: dict[str, bytes], tmp_path: Path) -> None:
    """A second directory entry points into the scan's bytes, at a part hidden there (a nested zip bomb's shape)."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as hidden:
        hidden.writestr("word/media/inner.bin", b"x" * 1000)
    inner_local = inner.getvalue()[: inner.getvalue().index(b"PK\x01\x02")]  # its local header and data
    crafted = dict(parts)
    crafted[SCAN] = inner_local + parts[SCAN]
    source = packaged(crafted, tmp_path / "overlap.docx")
    package = bytearray(source.read_bytes())
    scan_offset = next(i.header_offset for i in zipfile.ZipFile(source).infolist() if i.filename == SCAN)
    scan_data = scan_offset + 30 + len(SCAN.encode())
    # a central directory entry for the hidden part, at the hidden header inside the scan's stored bytes
    with zipfile.ZipFile(io.BytesIO(inner.getvalue())) as hidden:
        entry = hidden.getinfo("word/media/inner.bin")
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 33, entry.CRC, 1000, 1000, len(entry.filename), 0, 0, 0,
        0, 0, scan_data,
    ) + entry.filename.encode()  # fmt: skip
    end = package.rindex(b"PK\x05\x06")
    count, size, start = struct.unpack_from("<10xHII", package, end)
    package[start + size : start + size] = central
    end += len(central)
    struct.pack_into("<HHII", package, end + 8, count + 1, count + 1, size + len(central), start)
    source.write_bytes(bytes(package))
    assert len(zipfile.ZipFile(source).infolist()) == len(crafted) + 1
    with pytest.raises(AuditError) as refused:
        docgen.fix_document(source, tmp_path / "fixed.docx")
    (problem,) = refused.value.problems
    assert problem.code == "audit-corrupt" and "overlaps" in str(problem.params["detail"])
    assert not (tmp_path / "fixed.docx").exists()
