"""Hostile numbers and colours in a Word file: audit and --fix say which attribute, never crash.

The rendered notice gets one planted value each, as issue 34 found them: ``inf`` and ``1e999`` in
the page size, a run's size, line spacing, an indent, a border and the line pitch; a colour that is
no hex; a page number's size of ``abc``, ``28.5`` or ``14pt`` (the last two OOXML allows).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.auditing.audit import audit_file
from docgen.auditing.numbers import HALF_POINTS, TWIPS, BadNumberError, number
from docgen.cli import main
from tests.auditing.test_audit import DOCUMENT, planted
from tests.support.paths import SHIPPED_PLAN

NOTICE = "2019年职业教育宣传月活动方案.docx"
FOOTER = "word/footer1.xml"

# (where, the XML there, what it becomes with VALUE, the attribute a finding names)
PLACES = {
    "page size": (DOCUMENT, '<w:pgSz w:w="11906"', '<w:pgSz w:w="VALUE"', "w:pgSz/@w:w"),
    "margin": (DOCUMENT, 'w:top="2098"', 'w:top="VALUE"', "w:pgMar/@w:top"),
    "line pitch": (DOCUMENT, 'w:linePitch="579"', 'w:linePitch="VALUE"', "w:docGrid/@w:linePitch"),
    "run size": (DOCUMENT, "<w:rPr>", '<w:rPr><w:sz w:val="VALUE"/>', "w:sz/@w:val"),
    "character spacing": (DOCUMENT, '<w:spacing w:val="-17"/>', '<w:spacing w:val="VALUE"/>', "w:rPr/w:spacing/@w:val"),
    "line spacing": (
        DOCUMENT,
        "<w:pPr>",
        '<w:pPr><w:spacing w:line="VALUE" w:lineRule="exact"/>',
        "w:spacing/@w:line",
    ),
    "indent": (DOCUMENT, "<w:pPr>", '<w:pPr><w:ind w:firstLine="VALUE"/>', "w:ind/@w:firstLine"),
    "border": (
        DOCUMENT,
        "<w:pPr>",
        '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="VALUE"/></w:pBdr>',
        "w:pBdr/@w:sz",
    ),
    "page number size": (
        FOOTER,
        '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>1</w:t>',  # the run of the number itself
        '<w:sz w:val="VALUE"/><w:szCs w:val="28"/></w:rPr><w:t>1</w:t>',
        "w:sz/@w:val",
    ),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, out, only="notice")
    return out / NOTICE


def plant(rendered: Path, target: Path, place: str, value: str) -> Path:
    part, old, new, _ = PLACES[place]
    return planted(rendered, target, (part, old, new.replace("VALUE", value)))


@pytest.mark.parametrize("value", ["inf", "1e999", "-inf", "nan", "99999999999"])
@pytest.mark.parametrize("place", list(PLACES))
def test_a_number_no_word_file_holds_is_one_finding_naming_the_attribute(
    rendered: Path, tmp_path: Path, place: str, value: str
) -> None:
    path = plant(rendered, tmp_path / "planted.docx", place, value)
    findings = audit_file(path)
    assert [(f.code, f.params["attribute"], f.params["value"]) for f in findings] == [
        ("audit-bad-number", PLACES[place][3], value)
    ]
    result = CliRunner().invoke(main, ["audit", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f'{path}: {PLACES[place][3]} is "{value}", which is no number a Word file may hold' in result.output
    fixed = CliRunner().invoke(main, ["audit", "--fix", str(path), "-o", str(tmp_path / "fixed.docx")])
    assert fixed.exit_code == 1 and "Traceback" not in fixed.output, fixed.output
    assert "which is no number a Word file may hold" in fixed.output
    assert not (tmp_path / "fixed.docx").exists()


def test_a_page_numbers_size_of_abc_is_named_and_14pt_and_28_5_are_read(rendered: Path, tmp_path: Path) -> None:
    bad = audit_file(plant(rendered, tmp_path / "abc.docx", "page number size", "abc"))
    assert [(f.code, f.params["attribute"]) for f in bad] == [("audit-bad-number", "w:sz/@w:val")]
    clean = {f.code for f in audit_file(rendered)}
    for value in ("14pt", "28.5", "28"):
        codes = {f.code for f in audit_file(plant(rendered, tmp_path / "size.docx", "page number size", value))}
        assert codes == clean, value  # 14 points: the size GB/T 9704 asks for
    wrong = {f.code for f in audit_file(plant(rendered, tmp_path / "size.docx", "page number size", "20pt"))}
    assert "page-number-font" in wrong


def test_a_colour_that_is_no_hex_is_no_colour(rendered: Path, tmp_path: Path) -> None:
    path = planted(rendered, tmp_path / "colour.docx", (DOCUMENT, "<w:rPr>", '<w:rPr><w:color w:val="ZZZZZZ"/>'))
    assert {f.code for f in audit_file(path)} == {f.code for f in audit_file(rendered)}


@pytest.mark.parametrize(
    ("value", "per_point", "expected"),
    [
        ("240", TWIPS, 240),
        ("12pt", TWIPS, 240),
        ("1in", TWIPS, 1440),
        ("2.54cm", TWIPS, 1440),
        ("14pt", HALF_POINTS, 28),
    ],
)
def test_numbers_are_read_in_the_attributes_unit_or_with_their_own(value: str, per_point: float, expected: int) -> None:
    assert number(value, "w:x", per_point) == expected


@pytest.mark.parametrize("value", ["", "abc", "12 pt", "0x10", "1e999", "inf", "nan", "12px"])
def test_what_ooxml_does_not_allow_is_refused(value: str) -> None:
    with pytest.raises(BadNumberError) as caught:
        number(value, "w:x", TWIPS)
    assert caught.value.finding.params == {"attribute": "w:x", "value": value}


def test_a_package_without_a_styles_part_never_shows_the_catalogs_header(rendered: Path, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "no-styles.docx"
    with zipfile.ZipFile(rendered) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if info.filename != "word/styles.xml":
                target.writestr(info, source.read(info))
    for language in ("en", "zh_CN"):
        result = CliRunner().invoke(main, ["--lang", language, "audit", str(path)])
        assert result.exit_code == 1, result.output
        assert "Project-Id-Version" not in result.output and "Generated-By" not in result.output, result.output
    english = CliRunner().invoke(main, ["--lang", "en", "audit", str(path)]).output
    assert "it falls back to 'the application's default font'" in english


def test_a_paragraphs_size_is_that_of_most_of_its_characters_however_many_sizes_it_mixes() -> None:
    from docgen.auditing.document import Paragraph, Run

    runs = [Run("正文" * 5, None, None, 16.0, 0)] + [Run("字", None, None, 5.0 + i / 10, 0) for i in range(3_000)]
    runs += [Run("正文" * 5, None, None, 16.0, 0), Run("   ", None, None, 99.0, 0)]
    paragraph = Paragraph(1, None, "", tuple(runs), None, "left", 0, 0, 0, None, False, 0, False, {})  # type: ignore[arg-type]
    assert paragraph.size() == 16.0  # 20 characters of 16 pt; 3,000 sizes of one character each
