"""Every report read: .doc, .wps, .odt through LibreOffice (or listed, saying what to install); a PDF's title apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.collecting.pdf_text import joined, pdf_text
from docgen.collecting.reports import read_material
from tests.support.office import require_office_tools
from tests.support.office_files import converted, titled_docx
from tests.support.report_samples import word_report

TEXT = ["5月7日，工会组织教职工走进社区，开展精准扶贫宣传活动，发放宣传材料200余份。", "活动共有30名教职工参加。"]


def bbox(lines: list[tuple[list[str], float]]) -> bytes:
    """pdftotext -bbox-layout's XHTML for one block of lines, each its words and height."""
    body, y = "", 72.0
    for words, height in lines:
        cells = "".join(f'<word xMin="90" yMin="{y}" xMax="120" yMax="{y + height}">{w}</word>' for w in words)
        body += f'<line xMin="90" yMin="{y}" xMax="500" yMax="{y + height}">{cells}</line>'
        y += height + 2
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><doc><page><flow>'
        f"<block>{body}</block></flow></page></doc></body></html>"
    ).encode()


def test_words_are_joined_with_a_space_only_between_latin_words() -> None:
    assert joined(["5", "月", "7", "日，发放材料", "200", "余份。"]) == "5月7日，发放材料200余份。"
    assert joined(["Admissions", "open", "day:", "320", "visitors"]) == "Admissions open day: 320 visitors"


def test_a_larger_first_line_is_the_title_and_the_text_follows_apart() -> None:
    text = pdf_text(
        bbox([(["工会开展精准扶贫宣传活动"], 28.6), (["5", "月", "7", "日，工会组织"], 14.3), (["活动。"], 14.3)])
    )
    assert text.title == "工会开展精准扶贫宣传活动"
    assert text.paragraphs == ["5月7日，工会组织活动。"]
    same_size = pdf_text(bbox([(["开放日简报"], 14.3), (["320", "人参加"], 14.3)]))
    assert (same_size.title, same_size.paragraphs) == ("开放日简报", ["320人参加"])  # else the first line
    one_line = pdf_text(bbox([(["Admissions", "open", "day"], 14.3)]))
    assert (one_line.title, one_line.paragraphs) == ("", ["Admissions open day"])  # a lone line is text
    assert pdf_text(b"<html><body><doc><page></page></doc></body></html>").paragraphs == []
    assert pdf_text(b"\x00 not xml at all").paragraphs == []


@pytest.mark.office
def test_a_pdf_from_word_gives_its_title_and_text(tmp_path: Path) -> None:
    require_office_tools(("soffice", "pdftotext"))
    source = titled_docx(tmp_path / "工会.docx", "工会开展精准扶贫宣传活动", TEXT)
    material = read_material([converted(source, tmp_path / "工会.pdf", "pdf")])
    assert material.titles == ["工会开展精准扶贫宣传活动"]
    assert [p.text for p in material.paragraphs] == TEXT  # no spaced digits, not glued to the title


@pytest.mark.office
@pytest.mark.parametrize(("suffix", "filter_name"), [(".doc", "doc:MS Word 97"), (".odt", "odt")])
def test_an_older_word_report_is_converted_once_and_read_like_a_docx(
    tmp_path: Path, suffix: str, filter_name: str
) -> None:
    require_office_tools(("soffice",))
    source = word_report(tmp_path / "in.docx", dt.date(2019, 5, 7), "图书馆", "图书馆举办读书分享会", TEXT, [])
    old = converted(source, tmp_path / f"图书馆{suffix}", filter_name)
    kept = tmp_path / "converted"
    material = read_material([old], converted=kept)
    assert material.problems == [] and material.others == []
    assert material.titles == ["图书馆举办读书分享会"] and [p.text for p in material.paragraphs][:2] == TEXT
    assert len(list(kept.glob("*.docx"))) == 1
    again = read_material([old], converted=kept, counting=True)  # from the kept copy: LibreOffice is not run
    assert again.word_reports == 1


@pytest.mark.office
def test_one_damaged_report_does_not_keep_the_others_from_being_read(tmp_path: Path) -> None:
    require_office_tools(("soffice",))
    source = word_report(tmp_path / "in.docx", dt.date(2019, 5, 7), "图书馆", "图书馆举办读书分享会", TEXT, [])
    old = converted(source, tmp_path / "图书馆.doc", "doc:MS Word 97")
    twin = tmp_path / "图书馆（再交一次）.doc"  # the same file handed in twice: one conversion for both
    twin.write_bytes(old.read_bytes())
    damaged = tmp_path / "工会.doc"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    kept = tmp_path / "converted"
    material = read_material([old, twin, damaged], converted=kept)
    assert [(p.code, p.file) for p in material.problems] == [("report-not-converted", str(damaged))]
    assert material.titles == ["图书馆举办读书分享会"] * 2
    assert len(list(kept.glob("*.docx"))) == 1


def test_without_libreoffice_an_old_report_is_listed_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "图书馆.wps"  # WPS saves .wps as a compound file, as Word 97 saves .doc
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    material = read_material([old])
    assert [o.name for o in material.others] == ["图书馆.wps"]
    assert [(p.code, p.file) for p in material.problems] == [("report-needs-office", str(old))]
    assert "libreoffice-writer-nogui" in str(material.problems[0]) and "apt-get install" in str(material.problems[0])


def test_a_file_that_is_not_what_its_name_says_is_never_handed_to_libreoffice(tmp_path: Path) -> None:
    text = tmp_path / "说明.doc"
    text.write_text("只是一段文字", encoding="utf-8")
    renamed = word_report(tmp_path / "x.docx", dt.date(2019, 5, 7), "工会", "工会周报", TEXT, []).rename(
        tmp_path / "工会周报.doc"
    )
    material = read_material([text, renamed])
    assert [p.code for p in material.problems] == ["report-not-its-format"]  # the text
    assert material.titles == ["工会周报"]  # a .docx saved under an older name is read as it is
