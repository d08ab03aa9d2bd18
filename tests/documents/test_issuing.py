"""The 印发通知: a plan's issuing: block, the notice with its 版头, the 方案 attached, the 版记, each mode audited."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.documents.issuing import attachment_note_lines
from docgen.documents.kinds import plan_documents
from docgen.documents.layout import LINE_CHARS, sealed_signature
from docgen.documents.red_head import mark_size
from docgen.documents.titles import title_lines
from docgen.plan.issuing import DocumentNumber, number_text
from tests.support.docx_text import lines, open_docx
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import ISSUED, issuing_plan


def render_issued(folder: Path, head: str, *, sealed: bool = True, extra: str = "") -> Path:
    out = folder / f"out-{head}-{sealed}"
    docgen.render(issuing_plan(folder, head, sealed=sealed, extra=extra), out, only=["issuing-notice"])
    return out / ISSUED


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def texts(path: Path) -> list[str]:
    return [t for t in lines(open_docx(path)) if t.strip()]


@pytest.fixture(scope="module")
def red(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_issued(tmp_path_factory.mktemp("red"), "red")


def test_a_plan_without_the_block_has_no_issuing_notice() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    assert plan.issuing is None
    assert "issuing-notice" not in {d.kind for d in plan_documents(plan)}


def test_the_document_number_is_written_as_gbt_9704_writes_it() -> None:
    assert number_text(DocumentNumber(prefix="长医专宣字", number=3), 2019) == "长医专宣字〔2019〕3号"
    assert number_text(DocumentNumber(prefix="长医专宣字", year=2018, number=12), 2019) == "长医专宣字〔2018〕12号"


def test_a_long_title_is_a_diamond_that_keeps_the_book_title_whole() -> None:
    assert title_lines("关于印发《2019年“职业教育宣传月”活动方案》的通知") == [
        "关于印发",
        "《2019年“职业教育宣传月”活动方案》",
        "的通知",
    ]
    assert title_lines("关于印发《工作要点》的通知") == ["关于印发《工作要点》的通知"]
    assert title_lines("第一行\n第二行") == ["第一行", "第二行"]


def test_the_mark_fits_one_line_of_the_text_block() -> None:
    size = mark_size("长春医学高等专科学校文件")
    assert 12 * size / 72 * 25.4 <= 156
    assert mark_size("宣传部文件") == 42.0  # at most 15 mm a character


def test_several_attachments_are_numbered_and_placed_for_aligned_wrapping() -> None:
    assert attachment_note_lines(["方案"]) == [{"text": "附件：方案", "place": "only"}]
    assert attachment_note_lines(["方案", "活动安排"]) == [
        {"text": "附件：1. 方案", "place": "first"},
        {"text": "2. 活动安排", "place": "next"},
    ]


def test_the_sealed_signature_puts_the_date_four_characters_from_the_right_and_centres_the_issuer() -> None:
    lines_ = sealed_signature(["宣传部"], dt.date(2019, 4, 30))
    assert [line["text"] for line in lines_] == ["", "宣传部", "2019年4月30日"]
    date_pad = lines_[-1]["padding"]
    date_left = date_pad.count("\u3000") + date_pad.count(" ") / 4
    issuer_pad = lines_[1]["padding"]
    issuer_left = issuer_pad.count("\u3000") + issuer_pad.count(" ") / 4
    date_width = 7.5  # 2019年4月30日: six half-width digits, three characters, five gaps of a fifth
    assert LINE_CHARS - date_left - date_width == pytest.approx(4, abs=0.25)
    assert issuer_left + 1.5 == pytest.approx(date_left + date_width / 2, abs=0.25)


def test_the_red_head_notice_reads_in_order(red: Path) -> None:
    found = texts(red)
    assert found[:7] == [
        "长春医学高等专科学校文件",
        "长医专宣字〔2019〕3号",
        "关于印发",
        "《2019年“职业教育宣传月”活动方案》",
        "的通知",
        "各党总支、各部门、各院部：",
        "现将《2019年“职业教育宣传月”活动方案》印发给你们，请结合实际，认真组织实施。",
    ]
    assert found[7:9] == ["附件：1. 2019年“职业教育宣传月”活动方案", "2. 2019年“职业教育宣传月”活动安排"]
    assert [t.strip() for t in found[9:12]] == ["长春医学高等专科学校", "2019年4月30日", "附件1"]
    assert found[12:14] == ["长春医学高等专科学校", "2019年“职业教育宣传月”活动方案"]
    assert "附件2" in found
    assert found[-2:] == ["抄送：吉林省教育厅职成处、学校领导。", "长春医学高等专科学校党政办公室\t2019年4月30日印发"]


def test_the_red_parts_are_red_and_the_record_is_ruled_on_a_bottom_aligned_even_page(red: Path) -> None:
    xml = document_xml(red)
    assert re.search(r'<w:color w:val="FF0000"/>(?:(?!</w:r>).)*长春医学高等专科学校文件', xml)
    assert '<w:bottom w:val="single" w:sz="8" w:space="6" w:color="FF0000"/>' in xml  # the red line, 1 pt
    record = xml[xml.index("抄送：") - 1500 :]
    assert '<w:top w:val="single" w:sz="8"' in record and '<w:bottom w:val="single" w:sz="6"' in record
    assert record.count('<w:bottom w:val="single" w:sz="8"') == 1
    last_section = xml[xml.rindex("<w:sectPr") :]
    assert '<w:type w:val="evenPage"/>' in last_section and '<w:vAlign w:val="bottom"/>' in last_section


@pytest.mark.parametrize("head", ["red", "plain", "preprinted"])
def test_each_mode_passes_the_audit_in_full_when_sealed(tmp_path: Path, head: str) -> None:
    document = render_issued(tmp_path, head)
    report = docgen.audit([document])
    assert report.findings == [], [docgen.format_audit_finding(f) for f in report.findings]


def test_without_a_seal_the_issuing_notice_passes_the_audit_in_full(tmp_path: Path) -> None:
    # the unsealed layout is layout.signature's, laid out to GB/T 9704-2012 7.3.5.2 (issue 18)
    document = render_issued(tmp_path, "plain", sealed=False)
    codes = {f.code for f in docgen.audit([document]).findings}
    assert codes == set()


def _before_issuer(document: Path) -> list[str]:
    """The two paragraphs above the issuer's line."""
    paragraphs = lines(open_docx(document))
    issuer = next(i for i, t in enumerate(paragraphs) if t.strip() == "长春医学高等专科学校")
    return paragraphs[issuer - 2 : issuer]


def test_a_sealed_signature_leaves_the_seal_room_and_an_unsealed_one_does_not(tmp_path: Path) -> None:
    assert _before_issuer(render_issued(tmp_path, "plain", sealed=False)) == [
        "2. 2019年“职业教育宣传月”活动安排",
        "",
    ]
    assert _before_issuer(render_issued(tmp_path, "plain", sealed=True)) == ["", ""]


def test_the_preprinted_mode_leaves_out_the_red_parts_and_keeps_the_number(tmp_path: Path) -> None:
    document = render_issued(tmp_path, "preprinted")
    xml = document_xml(document)
    assert "FF0000" not in xml and "长春医学高等专科学校文件" not in xml
    assert texts(document)[0] == "长医专宣字〔2019〕3号"


def test_the_plain_mode_prints_the_number_above_the_title_and_no_mark(tmp_path: Path) -> None:
    document = render_issued(tmp_path, "plain")
    assert texts(document)[:2] == ["长医专宣字〔2019〕3号", "关于印发"]
    assert "FF0000" not in document_xml(document)


def test_the_plans_wording_title_and_signer_are_used(tmp_path: Path) -> None:
    extra = "  title: 关于印发活动方案的通知\n  wording: 现将方案印发，请于{{ deadlines.schedule | md }}前上报。\n"
    plan = issuing_plan(tmp_path, "red", extra=extra)
    text = plan.read_text(encoding="utf-8").replace(
        "signed_by: 长春医学高等专科学校", "signed_by: 长春医学高等专科学校党委"
    )
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    docgen.render(plan, out, only=["issuing-notice"])
    found = texts(out / "关于印发活动方案的通知.docx")
    assert "现将方案印发，请于5月9日前上报。" in found
    assert "长春医学高等专科学校党委" in [t.strip() for t in found[:12]]


def test_render_only_issuing_notice_from_the_command_line(tmp_path: Path) -> None:
    plan = issuing_plan(tmp_path, "red")
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path / "out"), "--only", "issuing-notice"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / ISSUED).exists()


def test_the_annex_starts_a_page_with_its_label_and_its_title_on_the_third_line(red: Path) -> None:
    paragraphs = open_docx(red).paragraphs
    label = next(i for i, p in enumerate(paragraphs) if p.text == "附件1")
    assert paragraphs[label].paragraph_format.page_break_before
    assert [p.text for p in paragraphs[label + 1 : label + 3]] == ["", "长春医学高等专科学校"]
