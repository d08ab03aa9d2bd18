"""The one reader of Word files: hostile files refused with their reason, parts bounded, and the walks.

Each stage that reads a .docx (forms, units' reports, the audit, the import) words a refusal with
codes of its own; the last test pins those codes for the same hostile files.
"""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from docgen.auditing.package import open_package
from docgen.collecting.docx_reading import FORM_REFUSALS, read_form
from docgen.collecting.reports import read_material
from docgen.errors import FindingsError
from docgen.importing.wordfile import read_word
from docgen.inputs.wordfiles import (
    REASONS,
    W,
    WordRefusedError,
    cell_text,
    children,
    grid_cells,
    open_word,
    paragraph_runs,
    paragraph_text,
    run_text,
)

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
W_NS = W[1:-1]
CONTENT_TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
MIB = 1024 * 1024


def document(body: str) -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def package(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(parts: dict[str, bytes | str] | None = None) -> bytes:
    """A package with its content types and an empty document, ``parts`` added or put in their place."""
    return package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document("<w:p/>"), **(parts or {})})


ODT = package(
    {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'/>",
        "META-INF/manifest.xml": "<manifest/>",
    }
)
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
ENCRYPTED = OLD_WORD + "EncryptedPackage".encode("utf-16-le")
RTF = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 SimSun;}} \f0 2019\'c4\'ea}"
HTML = b"<html xmlns:w='urn:schemas-microsoft-com:office:word'><body><p>saved as a web page</p></body></html>"
DOCTYPE = docx({"word/document.xml": '<!DOCTYPE x [<!ENTITY a "b">]><w:document/>'})
BOMB = docx({"word/document.xml": b" " * (21 * MIB)})  # a few KiB that inflate past every stage's part limit


def refusal(path: Path, max_bytes: int = 10 * MIB, max_members: int = 100) -> WordRefusedError:
    with pytest.raises(WordRefusedError) as caught, open_word(path, max_bytes, max_members=max_members) as word:
        word.xml(word.main_part(MIB), MIB)
    return caught.value


def written(tmp_path: Path, data: bytes, name: str = "file.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (ODT, "not-docx"),
        (OLD_WORD, "old-word"),
        (ENCRYPTED, "encrypted"),
        (RTF, "not-zip"),
        (HTML, "not-zip"),
        (b"", "not-zip"),
        (package({"readme.txt": "hello"}), "not-docx"),
        (DOCTYPE, "doctype"),
        (docx({"word/document.xml": "<w:document><w:body>"}), "bad-xml"),
        (docx()[:-40], "corrupt"),
    ],
    ids=["odt", "doc", "encrypted", "rtf", "html", "empty", "zip", "doctype", "bad-xml", "truncated"],
)
def test_what_is_not_a_word_document_is_refused_with_its_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    assert refusal(written(tmp_path, data)).reason == reason


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "folder.docx").mkdir()
    assert refusal(tmp_path / "folder.docx").reason == "folder"
    assert refusal(tmp_path / "missing.docx").reason == "missing"


@POSIX
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "form.docx"
    os.mkfifo(fifo)
    started = time.monotonic()
    refused = refusal(fifo)
    assert time.monotonic() - started < 5
    assert (refused.reason, refused.params) == ("not-file", {"what": "a pipe (FIFO)"})


def test_the_file_and_its_list_of_parts_are_bounded(tmp_path: Path) -> None:
    path = written(tmp_path, docx({"word/media/padding.bin": os.urandom(3 * MIB)}))
    refused = refusal(path, max_bytes=2 * MIB)
    assert (refused.reason, refused.params) == ("too-large", {"limit": 2})
    with open_word(path, 4 * MIB) as word:
        assert word.xml(word.main_part(MIB), MIB).tag == W[:-1] + "}document"
    many = written(tmp_path, docx({f"junk/{i}.xml": "<a/>" for i in range(20)}), "many.docx")
    refused = refusal(many, max_members=10)
    assert (refused.reason, refused.params) == ("corrupt", {"detail": "more than 10 parts"})


def test_a_part_that_inflates_past_its_limit_is_stopped_whatever_its_header_says(tmp_path: Path) -> None:
    data = bytearray(docx({"word/document.xml": document("<w:p/>" * 2000)}))
    size = len(document("<w:p/>" * 2000))
    # the local header and the central directory both claim the part is 100 bytes
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + 17] == b"word/document.xml":
                data[start + offset : start + offset + 4] = (100).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    path = written(tmp_path, bytes(data))
    with pytest.raises(WordRefusedError) as caught, open_word(path, MIB) as word:
        assert word.parts["word/document.xml"].file_size == 100
        word.read("word/document.xml", size // 2)
    assert caught.value.reason in ("member-too-large", "corrupt")  # stopped at the limit, or at the lie
    bomb = written(tmp_path, BOMB, "bomb.docx")
    assert bomb.stat().st_size < 100_000
    refused = refusal(bomb)
    assert (refused.reason, refused.params) == ("member-too-large", {"member": "word/document.xml", "limit": 1})


def test_the_main_part_is_where_the_package_says(tmp_path: Path) -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="/word/document2.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        '<Relationship Id="rId2" Target="http://example.com/x" TargetMode="External" Type="x"/></Relationships>'
    )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels,
        "word/document2.xml": document("<w:p/>"),
    }
    path = written(tmp_path, package(parts))
    with open_word(path, MIB) as word:
        assert word.main_part(MIB) == "word/document2.xml"
        assert list(word.relationships("", MIB)) == ["rId1"]  # the external one is never followed
    lenient = written(tmp_path, package({"word/document.xml": document("<w:p/>")}), "no-types.docx")
    assert refusal(lenient).reason == "not-docx"
    with open_word(lenient, MIB, content_types=False) as word:
        assert word.main_part(MIB) == "word/document.xml"


def test_each_stage_words_a_refusal_in_its_own_codes(tmp_path: Path) -> None:
    def report(path: Path) -> None:
        raise FindingsError(read_material([path]).problems)  # a report's problems are kept, not raised

    def code(read: Callable[[Path], object], path: Path) -> str:
        with pytest.raises(FindingsError) as caught:
            read(path)
        return caught.value.problems[0].code

    stages: dict[str, Callable[[Path], object]] = {
        "form": read_form,
        "report": report,
        "audit": open_package,
        "import": read_word,
    }
    expected = {
        "odt": ("form-not-docx", "form-not-docx", "audit-not-docx", "import-damaged"),
        "doc": ("form-old-word", "form-old-word", "audit-old-word", "import-old-format"),
        "encrypted": (
            "form-encrypted",
            "form-encrypted",
            "audit-encrypted",
            "import-encrypted",
        ),  # a password, not 97-2003
        "rtf": ("form-not-zip", "form-not-zip", "audit-not-docx", "import-damaged"),
        "html": ("form-not-zip", "form-not-zip", "audit-not-docx", "import-damaged"),
        "doctype": ("form-doctype", "form-doctype", "audit-doctype", "import-damaged"),
        "bomb": ("form-member-too-large", "form-member-too-large", "audit-part-too-large", "import-too-large"),
    }
    files = {"odt": ODT, "doc": OLD_WORD, "encrypted": ENCRYPTED, "rtf": RTF, "html": HTML, "doctype": DOCTYPE}
    files["bomb"] = BOMB
    found = {
        kind: tuple(code(read, written(tmp_path, data, f"{kind}.docx")) for read in stages.values())
        for kind, data in files.items()
    }
    assert found == expected
    if sys.platform != "win32":
        os.mkfifo(tmp_path / "fifo.docx")
        assert {code(read, tmp_path / "fifo.docx") for read in stages.values()} == {"input-not-file"}
    assert set(REASONS) - {"not-file", "unreadable"} == set(FORM_REFUSALS)


# --- the walks ---------------------------------------------------------------------------------


def parsed(xml: str) -> etree._Element:
    return etree.fromstring(document(xml)).find(W + "body")


def test_paragraph_text_reads_what_word_shows() -> None:
    body = parsed(
        "<w:p><w:r><w:t>活动</w:t><w:tab/><w:t>时间</w:t><w:br/><w:t>5</w:t><w:noBreakHyphen/><w:t>10</w:t></w:r>"
        "<w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        '<w:ins><w:r><w:t>补</w:t></w:r></w:ins><w:r><w:br w:type="page"/><w:t>下页</w:t></w:r></w:p>'
    )
    (paragraph,) = children(body, W + "p")
    assert paragraph_text(paragraph) == "活动\t时间\n5-10补\n下页"
    assert paragraph_text(paragraph, page_break="") == "活动\t时间\n5-10补下页"
    assert [run_text(r) for r in paragraph_runs(paragraph)] == ["活动\t时间\n510", "补", "\n下页"]


def test_children_look_through_content_controls() -> None:
    body = parsed(
        "<w:p><w:r><w:t>一</w:t></w:r></w:p><w:sdt><w:sdtContent><w:p><w:r><w:t>二</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt><w:tbl/><w:customXml><w:p><w:r><w:t>三</w:t></w:r></w:p></w:customXml>"
    )
    assert [paragraph_text(p) for p in children(body, W + "p")] == ["一", "二", "三"]
    assert [etree.QName(e).localname for e in children(body, W + "p", W + "tbl")] == ["p", "p", "tbl", "p"]


def test_grid_cells_stand_in_their_columns() -> None:
    def cell(text: str, props: str = "") -> str:
        paragraphs = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p><w:p><w:r><w:t>二行</w:t></w:r></w:p>"
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"

    body = parsed(
        "<w:tbl><w:tr>"
        + cell("a", '<w:gridSpan w:val="2"/>')
        + cell("b", '<w:vMerge w:val="restart"/>')
        + '</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + cell("c")
        + cell("", "<w:vMerge/>")
        + cell("d", '<w:gridSpan w:val="999"/>')
        + "</w:tr></w:tbl>"
    )
    first, second = (list(grid_cells(row)) for row in children(body.find(W + "tbl"), W + "tr"))
    assert [(c.column, c.span, c.merge) for c in first] == [(0, 2, None), (2, 1, "restart")]
    assert [(c.column, c.span, c.merge) for c in second] == [(1, 1, None), (2, 1, "continue"), (3, 64, None)]
    assert cell_text(first[0].element) == "a\n二行"
