"""Hostile Word files to import: numbering past 9999, tables wider than Word makes, a password, many runs.

Each shape is generated here, as issue 34 found it: 12,000 paragraphs numbered chineseCounting,
a 100-column table and a cell spanning 64 grid columns, a .docx encrypted by Word, one paragraph
of 200,000 runs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docgen.cli import main
from docgen.errors import WordFileError
from docgen.importing.wordfile import MAX_COLUMNS, read_word
from tests.support.word_files import add_chinese_numbering, add_numbered


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


def test_chinese_numbering_past_9999_goes_on_in_digits(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = add_chinese_numbering(document)
    for _ in range(12_000):
        add_numbered(document, "条", numbering, 0)
    path = tmp_path / "一万二千条.docx"
    document.save(str(path))
    texts = [b.text for b in read_word(path) if b.text]
    assert texts[0] == "一、条" and texts[9998] == "九千九百九十九、条"
    assert texts[9999] == "10000、条" and texts[-1] == "12000、条"


def _table_document(path: Path, columns: int, span: int = 1) -> Path:
    """A document whose one table has ``columns`` cells in a row, the first spanning ``span`` grid columns."""
    document = docx.Document()
    document.add_paragraph("附件")
    table = document.add_table(rows=1, cols=columns)
    if span > 1:
        props = table.rows[0].cells[0]._tc.get_or_add_tcPr()
        grid_span = OxmlElement("w:gridSpan")
        grid_span.set(qn("w:val"), str(span))
        props.append(grid_span)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("columns", "span"), [(100, 1), (2, 64)], ids=["100-columns", "gridSpan-64"])
def test_a_table_wider_than_word_makes_is_refused_by_its_width_not_its_size(
    tmp_path: Path, columns: int, span: int
) -> None:
    path = _table_document(tmp_path / "宽表.docx", columns, span)
    assert path.stat().st_size < 50_000
    result = invoke("import", path, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 1, result.output
    assert f"{path}: table 1 is wider than {MAX_COLUMNS} columns" in result.stderr
    assert "MiB" not in result.stderr


def test_a_table_of_63_columns_is_read(tmp_path: Path) -> None:
    path = _table_document(tmp_path / "宽表.docx", 1, MAX_COLUMNS)
    tables = [b for b in read_word(path) if b.is_table]
    assert [c.span for c in tables[0].rows[0]] == [MAX_COLUMNS]


def _encrypted(path: Path) -> Path:
    """What Word saves for a .docx with a password: a compound file holding EncryptionInfo and EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in ("Root Entry", "EncryptionInfo"))
    directory += "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    path.write_bytes(header + directory + bytes(4096))
    return path


def test_an_encrypted_docx_is_said_to_have_a_password_on_import_and_audit(tmp_path: Path) -> None:
    path = _encrypted(tmp_path / "加密.docx")
    imported = invoke("import", path, "-o", tmp_path / "plan.yaml")
    assert imported.exit_code == 1, imported.output
    assert f"{path}: the .docx is protected by a password; docgen cannot read it" in imported.stderr
    audited = invoke("audit", path)
    assert f"{path}: the .docx is protected by a password" in audited.output
    assert "97-2003" not in audited.output
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    assert [p.code for p in caught.value.problems] == ["import-encrypted"]


def test_an_old_word_file_is_still_called_one(tmp_path: Path) -> None:
    path = tmp_path / "旧.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    assert [p.code for p in caught.value.problems] == ["import-old-format"]


def test_zip_with_a_table_past_the_cells_budget_is_refused_as_a_table(tmp_path: Path) -> None:
    cell = "<w:tc><w:p/></w:tc>"
    row = f"<w:tr>{cell * 50}</w:tr>"
    body = f"<w:tbl>{row * 1_500}</w:tbl>"  # 75,000 cells: past the budget, within the rows
    xml = f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    path = tmp_path / "大表.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    assert [(p.code, p.params["table"]) for p in caught.value.problems] == [("import-table-too-large", 1)]


def _one_paragraph_of_runs(path: Path, run_text: str, runs: int) -> Path:
    """A Word file of a title and one paragraph of ``runs`` runs, as a generator or a broken converter writes it."""
    run = f"<w:r><w:t>{run_text}</w:t></w:r>"
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>关于开展职业教育宣传月活动的通知</w:t></w:r></w:p>"
        f"<w:p>{run * runs}</w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return path


def test_200000_runs_in_one_paragraph_are_refused_as_too_much_text(tmp_path: Path) -> None:
    path = _one_paragraph_of_runs(tmp_path / "二十万.docx", "于5月9日前报送{", 200_000)
    assert path.stat().st_size < 100_000
    result = invoke("import", path, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 1, result.output
    assert f"{path}: the Word file holds more than 500000 characters of text" in result.stderr
    assert not (tmp_path / "plan.yaml").exists()


def test_thousands_of_dates_in_one_paragraph_import_into_one_deadline(tmp_path: Path) -> None:
    # each date once read the rest of the paragraph again: 20,000 of them took minutes (issue 34)
    path = _one_paragraph_of_runs(tmp_path / "两万.docx", "于5月9日前报送；", 20_000)
    result = invoke("import", path, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 0, result.output
    import yaml

    plan = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert list(plan["deadlines"]) == ["deadline"] and plan["deadlines"]["deadline"]["action"] == "报送"
