"""docgen audit: a rendered notice with one planted violation each, found, and repaired where mechanical."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen import chinese
from docgen.cli import main
from tests.support.paths import SHIPPED_PLAN

NOTICE = "2019年职业教育宣传月活动方案.docx"
DOCUMENT = "word/document.xml"
# The signature as 7.3.5.2 lays it out without a seal: the date 右空二字, two characters right of the issuer.
UNSEALED = ("\u3000" * 16 + "  宣传部", "\u3000" * 18 + "  2019年4月30日")
SEALED = ("\u3000" * 18 + "   宣传部", "\u3000" * 16 + "  2019年4月30日")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, out, only="notice")
    return out / NOTICE


def planted(source: Path, target: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of ``source`` with each (part, old, new) replaced once; fails when ``old`` is not there."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, old, new in edits:
        text = parts[part].decode("utf-8")
        assert old in text, (part, old)
        parts[part] = text.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _padded(document: Path) -> tuple[str, str]:
    """The text of the signature's two lines in a rendered notice, padding and all."""
    with zipfile.ZipFile(document) as archive:
        text = archive.read(DOCUMENT).decode("utf-8")
    issuer = text.split("宣传部</w:t>")[0].rsplit(">", 1)[1] + "宣传部"
    date = text.split("2019年4月30日</w:t>")[-2].rsplit(">", 1)[1] + "2019年4月30日"
    return issuer, date


@pytest.fixture(scope="module")
def clean(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered notice with the unsealed signature of 7.3.5.2 (issue 18 renders it so)."""
    issuer, date = _padded(rendered)
    edits = [(DOCUMENT, f">{issuer}<", f">{UNSEALED[0]}<"), (DOCUMENT, f">{date}<", f">{UNSEALED[1]}<")]
    return planted(rendered, tmp_path_factory.mktemp("clean") / "clean.docx", *edits)


def codes(path: Path) -> list[str]:
    return [f.code for f in docgen.audit([path]).findings]


def test_the_rendered_notice_has_no_finding_but_its_signature(rendered: Path) -> None:
    assert set(codes(rendered)) <= {"signature-layout"}


def test_the_notice_with_either_standard_signature_is_clean(clean: Path, tmp_path: Path) -> None:
    assert codes(clean) == []
    sealed = planted(
        clean,
        tmp_path / "sealed.docx",
        (DOCUMENT, f">{UNSEALED[0]}<", f">{SEALED[0]}<"),
        (DOCUMENT, f">{UNSEALED[1]}<", f">{SEALED[1]}<"),
    )
    assert codes(sealed) == []


RED = '<w:r><w:rPr><w:rFonts w:eastAsia="{font}"/>{extra}</w:rPr><w:t xml:space="preserve">'
PLANTED = [
    # (part, old, new, code, repaired by --fix)
    ("word/document.xml", 'w:top="2098"', 'w:top="1440"', "margins", True),
    ("word/document.xml", 'w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"', "paper-size", True),
    (
        "word/document.xml",
        '<w:r><w:t xml:space="preserve">深入学习',
        RED.format(font="宋体", extra="") + "深入学习",
        "body-font",
        False,
    ),
    (
        "word/document.xml",
        '<w:r><w:t xml:space="preserve">深入学习',
        RED.format(font="仿宋_GB2312", extra='<w:sz w:val="28"/>') + "深入学习",
        "body-size",
        False,
    ),
    (
        "word/document.xml",
        '<w:r><w:t xml:space="preserve">深入学习',
        '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsiaTheme="minorEastAsia"/></w:rPr>'
        '<w:t xml:space="preserve">深入学习',
        "font-slot",
        True,
    ),
    (
        "word/document.xml",
        '<w:r><w:t xml:space="preserve">一、指导思想',
        RED.format(font="宋体", extra="") + "一、指导思想",
        "heading-font",
        False,
    ),
    (
        "word/document.xml",
        '<w:r><w:t xml:space="preserve">长春医学高等专科学校</w:t>',
        RED.format(font="黑体", extra="") + "长春医学高等专科学校</w:t>",
        "title-font",
        False,
    ),
    ("word/document.xml", "活动方案</w:t>", "活动方案。</w:t>", "title-punctuation", True),
    ("word/document.xml", "，全面展示", ",全面展示", "half-width-punctuation", True),
    ("word/document.xml", "〔2019〕9号", "〔2019〕第09号", "document-number", True),
    ("word/document.xml", "1.活动时间", "1、活动时间", "heading-number-form", True),
    ("word/document.xml", "附件：2019年", "附件:2019年", "attachment-note-colon", True),
    (
        "word/document.xml",
        "活动安排</w:t></w:r></w:p><w:p><w:pPr><w:keepNext/></w:pPr></w:p>",
        "活动安排。</w:t></w:r></w:p><w:p><w:pPr><w:keepNext/></w:pPr></w:p>",
        "attachment-note-punctuation",
        True,
    ),
    (
        "word/document.xml",
        '<w:p><w:pPr><w:keepNext/></w:pPr></w:p><w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">附件：',
        '<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">附件：',
        "attachment-note-blank",
        False,
    ),
    ("word/document.xml", ">附件</w:t>", ">附件：</w:t>", "attachment-label-colon", True),
    (
        "word/styles.xml",
        'w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200"',
        'w:line="480" w:lineRule="exact"/><w:ind w:firstLineChars="200"',
        "lines-per-page",
        False,
    ),
    ("word/styles.xml", '<w:spacing w:val="-6"/>', '<w:spacing w:val="0"/>', "chars-per-line", False),
    ("word/footer1.xml", '<w:jc w:val="right"/>', '<w:jc w:val="center"/>', "page-number-side", True),
    ("word/footer1.xml", "— ", "- ", "page-number-form", True),
    (
        "word/footer1.xml",
        '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>1</w:t>',
        '<w:sz w:val="32"/></w:rPr><w:t>1</w:t>',
        "page-number-font",
        True,
    ),
    ("word/settings.xml", "<w:evenAndOddHeaders/>", "", "page-number-alternate", True),
]


@pytest.mark.parametrize(("part", "old", "new", "code", "mechanical"), PLANTED, ids=[p[3] for p in PLANTED])
def test_a_planted_violation_is_found_and_repaired_when_mechanical(
    clean: Path, tmp_path: Path, part: str, old: str, new: str, code: str, mechanical: bool
) -> None:
    edits = [(DOCUMENT, "〔2019〕9号", "〔2019〕第09号")] if code == "document-number" else []
    if code != "document-number":
        edits.append((part, old, new))
    bad = planted(clean, tmp_path / "bad.docx", *edits)
    found = docgen.audit([bad]).findings
    assert code in [f.code for f in found]
    line = docgen.format_audit_finding(next(f for f in found if f.code == code))
    assert line.startswith(f"{bad}: ") and "GB/T" in line
    report = docgen.fix_document(bad, tmp_path / "fixed.docx")
    again = codes(tmp_path / "fixed.docx")
    if mechanical:
        assert code not in again, again
        assert code in [f.code for f in report.fixed]
        assert again == [f.code for f in report.left]
    else:
        assert code in again


def test_the_old_numbers_and_dates_are_repaired_in_the_text(clean: Path, tmp_path: Path) -> None:
    bad = planted(
        clean,
        tmp_path / "bad.docx",
        (DOCUMENT, "〔2019〕9号", "[2019]9号"),
        (DOCUMENT, f">{UNSEALED[1]}<", f">{UNSEALED[1].replace('2019年4月30日', '二〇一九年四月三十日')}<"),
    )
    assert {"document-number", "date-form"} <= set(codes(bad))
    docgen.fix_document(bad, tmp_path / "fixed.docx")
    text = "\n".join(p.text for p in __import__("docx").Document(str(tmp_path / "fixed.docx")).paragraphs)
    assert "吉教职成办函〔2019〕9号" in text and "二〇一九" not in text and "2019年4月30日" in text


def test_a_record_is_checked_when_present(clean: Path, tmp_path: Path) -> None:
    record = (
        "<w:p><w:r><w:t>抄送:省教育厅、市教育局</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>长春医学高等专科学校宣传部　　2019年04月30日印发</w:t></w:r></w:p><w:sectPr>"
    )
    with zipfile.ZipFile(clean) as archive:
        last = archive.read(DOCUMENT).decode("utf-8").rsplit("<w:sectPr>", 1)
    bad = planted(clean, tmp_path / "bad.docx", (DOCUMENT, "<w:sectPr>" + last[1], record + last[1]))
    found = set(codes(bad))
    assert {"copy-to-colon", "copy-to-stop", "date-form", "record-rules"} <= found
    report = docgen.fix_document(bad, tmp_path / "fixed.docx")
    assert {"copy-to-colon", "copy-to-stop", "date-form"}.isdisjoint(f.code for f in report.left)
    assert "record-rules" in {f.code for f in report.left}


def test_a_file_that_is_not_a_word_document_is_one_finding(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("hello", encoding="utf-8")
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(DOCUMENT, '<!DOCTYPE x [<!ENTITY a "b">]><w:document/>')
    report = docgen.audit([text, hostile, tmp_path / "missing.docx"])
    assert [f.code for f in report.findings] == ["audit-not-docx", "audit-doctype", "audit-missing"]
    assert not report.clean


def test_the_command_exits_0_when_clean_and_1_with_findings(clean: Path, rendered: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["audit", str(clean)])
    assert result.exit_code == 0, result.output
    bad = planted(clean, tmp_path / "bad.docx", (DOCUMENT, "，全面展示", ",全面展示"))
    result = runner.invoke(main, ["audit", str(bad)])
    assert result.exit_code == 1, result.output
    assert f"{bad}: paragraph 6 (“深入学习贯彻习近平新时代中国特色…”): a half-width ','" in result.output
    result = runner.invoke(main, ["audit", str(bad), "--fix", "-o", str(tmp_path / "fixed.docx")])
    assert result.exit_code == 0, result.output
    assert "fixed 1 finding" in result.output
    result = runner.invoke(main, ["audit", str(bad), "--fix", "-o", str(tmp_path / "fixed.docx")])
    assert result.exit_code == 1 and "already exists" in result.output


def test_the_command_speaks_chinese_as_a_real_process(clean: Path, tmp_path: Path) -> None:
    bad = planted(clean, tmp_path / "bad.docx", (DOCUMENT, "〔2019〕9号", "[2019]9号"))
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "--lang", "zh_CN", "audit", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"{bad}: 第 4 段（“为深入贯彻落实吉林省教育厅《关于…”）: 发文字号写作“[2019]9号”" in result.stdout


@pytest.mark.parametrize(
    ("text", "found", "corrected"),
    [
        ("吉教职成办函[2019]9号", "[2019]9号", "〔2019〕9号"),
        ("长医专宣字【2019】第3号", "【2019】第3号", "〔2019〕3号"),
        ("长医专宣字(2019)03号", "(2019)03号", "〔2019〕3号"),
    ],
)
def test_document_number_slips_give_the_standard_form(text: str, found: str, corrected: str) -> None:
    [slip] = chinese.document_number_slips(text)
    assert (slip.found, slip.corrected) == (found, corrected)
    assert chinese.document_number_slips("长医专宣字〔2019〕3号") == []


def test_date_slips_give_arabic_numerals_without_padding() -> None:
    assert [s.corrected for s in chinese.date_slips("二〇一九年十二月二十一日 2019年04月05日 2019年4月5日")] == [
        "2019年12月21日",
        "2019年4月5日",
    ]


def test_a_numbered_record_page_is_found(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.5: the 版记 on a page of its own after a blank page carries no page number."""
    from tests.support.plans import ISSUED, issuing_plan

    out = tmp_path / "out"
    docgen.render(issuing_plan(tmp_path, "red"), out, only=["issuing-notice"])
    issued = out / ISSUED
    assert "record-page-numbered" not in codes(issued)  # docgen's own: a section of its own, footers empty
    blank = (
        '<w:footerReference w:type="even" r:id="rIdFooterBlank"/>'
        '<w:footerReference w:type="default" r:id="rIdFooterBlank"/>'
    )
    numbered = planted(issued, tmp_path / "numbered.docx", (DOCUMENT, blank, ""))  # the section before's footers
    [finding] = [f for f in docgen.audit([numbered]).findings if f.code == "record-page-numbered"]
    assert "抄送" in finding.params["excerpt"]
    odd = planted(
        issued,
        tmp_path / "odd.docx",
        (DOCUMENT, blank, blank.replace('"default" r:id="rIdFooterBlank"', '"default" r:id="rIdFooterOdd"')),
    )
    assert "record-page-numbered" in codes(odd)
