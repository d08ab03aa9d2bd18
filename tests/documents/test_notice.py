"""The notice reads like the seed and is laid out to GB/T 9704-2012."""

from __future__ import annotations

import difflib
import itertools
import re
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

import docgen
from tests.support.docx_text import east_asian_font, lines, open_docx
from tests.support.paths import SHIPPED_PLAN

NOTICE = "2019年职业教育宣传月活动方案.docx"
FORM = "2019年职业教育宣传月活动安排.docx"

# Where the rendered notice departs from the seed on purpose, as (seed text, rendered text).
DELIBERATE_DEVIATIONS = [
    # the seed numbers two sections "三"; numbers now come from counting
    ("三、工作要求", "五、工作要求"),
    # GB/T 9704: third-level numbers are "1." with a half-width full stop, not "1、"
    ("1、活动时间", "1.活动时间"),
    ("2、活动主题", "2.活动主题"),
    # the seed names the letter two ways; the plan holds its title once
    ("《致初中毕业生及家长的一封信》", "《致初中、高中毕业生及家长的一封信》"),
    # GB/T 9704: the attachment page starts with the label 附件 at the top left
    ("[bookmark: _GoBack]2019年“职业教育宣传月”活动安排", "附件2019年“职业教育宣传月”活动安排"),
    # GB/T 9704-2012 7.2.4: document numbers take 六角括号 〔〕, not the seed's []
    ("吉教职成办函[2019]9号", "吉教职成办函〔2019〕9号"),
    ("吉教职成字[2015]11号", "吉教职成字〔2015〕11号"),
]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, out, only="notice,form")
    return out


def test_render_writes_notice_and_form(rendered: Path) -> None:
    assert sorted(p.name for p in rendered.iterdir() if not p.name.startswith(".")) == sorted([NOTICE, FORM])


def test_notice_text_matches_seed(rendered: Path, seed_text: str) -> None:
    expected = seed_text
    for old, new in DELIBERATE_DEVIATIONS:
        assert old in expected, f"deviation no longer applies: {old}"
        expected = expected.replace(old, new)
    expected, actual = squeeze(expected), squeeze("\n".join(lines(open_docx(rendered / NOTICE))))
    if expected != actual:
        diff = difflib.ndiff(
            [expected[i : i + 40] for i in range(0, len(expected), 40)],
            [actual[i : i + 40] for i in range(0, len(actual), 40)],
        )
        pytest.fail("notice differs from the seed:\n" + "\n".join(d for d in diff if d[0] in "+-?"))


def test_section_numbers_count_up(rendered: Path) -> None:
    document = open_docx(rendered / NOTICE)
    first = [p.text[:2] for p in document.paragraphs if p.style.name == "Heading 1"]
    assert first == ["一、", "二、", "三、", "四、", "五、"]
    second = [re.match(r"（.）", p.text).group() for p in document.paragraphs if p.style.name == "Heading 2"]
    tasks = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    assert second == [*tasks, *tasks[:5]]


def test_names_are_padded_with_ideographic_space(rendered: Path) -> None:
    text = "\n".join(p.text for p in open_docx(rendered / NOTICE).paragraphs)
    assert "组\u3000长：姜元生、薛春志" in text
    assert "副组长：陈贵锋、赵\u3000欣、李银山、袁兆新" in text
    assert "组\u3000员：各部门、院部负责人" in text


def test_page_setup_follows_gbt_9704(rendered: Path) -> None:
    document = open_docx(rendered / NOTICE)
    body, attachment = document.sections
    assert (round(body.page_width.mm), round(body.page_height.mm)) == (210, 297)
    assert round(body.top_margin.mm) == 37
    assert round(body.bottom_margin.mm) == 35
    assert round(body.left_margin.mm) == 28
    assert round(body.right_margin.mm) == 26
    grid = body._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert attachment.orientation == WD_ORIENT.LANDSCAPE
    assert attachment.page_width > attachment.page_height


def test_fonts_and_sizes(rendered: Path) -> None:
    styles = open_docx(rendered / NOTICE).styles
    normal, title = styles["Normal"], styles["Title"]
    assert east_asian_font(normal) == "仿宋_GB2312"
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert normal.paragraph_format.first_line_indent == Pt(32)
    assert east_asian_font(title) == "方正小标宋简体"
    assert title.font.size == Pt(22)
    assert east_asian_font(styles["Heading 1"]) == "黑体"
    assert east_asian_font(styles["Heading 2"]) == "楷体_GB2312"
    for style in styles:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:
            assert rpr.rFonts.get(qn("w:eastAsia")), f"{style.name} names a font without w:eastAsia"


def test_no_theme_fonts_or_english_east_asian_language(rendered: Path) -> None:
    styles_xml = open_docx(rendered / NOTICE).styles.element.xml
    assert "eastAsiaTheme" not in styles_xml
    assert 'w:eastAsia="zh-CN"' in styles_xml


def test_title_and_headings(rendered: Path) -> None:
    paragraphs = open_docx(rendered / NOTICE).paragraphs
    assert [p.text for p in paragraphs[:2]] == ["长春医学高等专科学校", "2019年“职业教育宣传月”活动方案"]
    assert all(p.style.name == "Title" for p in paragraphs[:2])
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[3] == "四、主要工作任务及责任部门"


def test_footer_page_numbers_odd_right_even_left(rendered: Path) -> None:
    document = open_docx(rendered / NOTICE)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, side in ((odd, "right"), (even, "left")):
        xml = paragraph._p.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.paragraph_format.alignment is not None
        assert paragraph.paragraph_format.alignment.name == side.upper()
        assert east_asian_font(document.styles["Footer"]) == "宋体"
        assert document.styles["Footer"].font.size == Pt(14)


def padded_width(text: str) -> float:
    """Width in 三号 characters: ideographic spaces and CJK 1, digits 0.5, a Times space 0.25,
    and the fifth of a character office suites put between a digit and a Chinese character."""
    width = sum(0.25 if c == " " else 0.5 if ord(c) < 0x2E80 else 1.0 for c in text)
    gaps = sum(1 for a, b in itertools.pairwise(text) if a.isdigit() != b.isdigit() and " " not in a + b)
    return round(width + 0.2 * gaps, 2)


def test_signature_without_seal_issuer_two_characters_left_of_the_date(rendered: Path) -> None:
    paragraphs = open_docx(rendered / NOTICE).paragraphs
    texts = [p.text.strip() for p in paragraphs]
    date_at = texts.index("2019年4月30日")
    issuer, date = paragraphs[date_at - 1].text, paragraphs[date_at].text
    assert issuer.strip() == "宣传部"
    # the date (7.5 characters with its gaps) is longer than 宣传部: it ends about two characters
    # before the right margin of 28, and the issuer starts two characters before it (GB/T 9704 7.3.5.2)
    assert padded_width(date) == pytest.approx(28 - 2, abs=0.4)
    date_padding = padded_width(date) - padded_width(date.strip())
    issuer_padding = padded_width(issuer) - padded_width(issuer.strip())
    assert date_padding - issuer_padding == pytest.approx(2, abs=0.3)
    assert texts[date_at - 3] == "附件：2019年“职业教育宣传月”活动安排"


def test_attachment_table(rendered: Path) -> None:
    document = open_docx(rendered / NOTICE)
    (table,) = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["活动项目", "具体内容", "活动时间", "活动地点", "负责部门", "负责人或联络人", "联系电话"]
    assert len(table.rows) == 1 + 17
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(c.text == "" for row in table.rows[1:] for c in row.cells)
    size = document.styles["Table Text"].font.size
    assert Pt(10.5) <= size <= Pt(12)
    label = next(p for p in document.paragraphs if p.text == "附件")
    assert label.style.name == "Attachment Label"
    assert east_asian_font(document.styles["Attachment Label"]) == "黑体"


def test_remark_lists_the_tasks_in_one_paragraph(rendered: Path) -> None:
    texts = [p.text for p in open_docx(rendered / NOTICE).paragraphs]
    (remark,) = [t for t in texts if t.startswith("备注：")]
    assert remark.startswith("备注：活动项目包括：1.印发《致初中、高中毕业生及家长的一封信》　2.开展")
    assert remark.endswith("　7.开设职教宣传月专栏")


def test_blank_form_is_its_own_file(rendered: Path) -> None:
    document = open_docx(rendered / FORM)
    assert document.paragraphs[0].text == "2019年“职业教育宣传月”活动安排"
    assert document.paragraphs[1].text.startswith("上报部门（院部）：\t2019年")
    assert len(document.tables[0].rows) == 18
    assert document.core_properties.title == "2019年“职业教育宣传月”活动安排"
    assert round(document.sections[0].page_width.mm) == 297
