"""The shipped plan's PDFs read as an office would send them: every character, the signature, pages.

Measured in the PDFs LibreOffice writes (pdftotext, pdfinfo), since that is what gets printed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from docgen.documents.batch import render
from tests.support.office import require_office_tools
from tests.support.pdf_reading import MM, Word, docx_characters, line_text, page_count, pdf_text, text_lines, widows
from tests.support.plans import plan_with

pytestmark = pytest.mark.office
NOTICE = "2019年职业教育宣传月活动方案.pdf"
LETTER = "致初中、高中毕业生及家长的一封信.pdf"
FORM = "2019年职业教育宣传月活动安排.pdf"
EM = 16.0  # one 三号 character in points
RIGHT_EDGE = (28 + 156) * MM  # the text block's right edge, 28 mm margin + 156 mm
TOLERANCE = 0.25 * EM


def missing_characters(docx: Path) -> list[str]:
    """Each run of .docx characters the PDF lacks, with a little context before it."""
    wanted = docx_characters(docx)
    printed = "".join(pdf_text(docx.with_suffix(".pdf")).split())
    matcher = difflib.SequenceMatcher(None, wanted, printed, autojunk=False)
    return [wanted[max(0, i1 - 6) : i2] for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("delete", "replace")]


def test_every_character_of_every_document_is_in_its_pdf(converted: Path) -> None:
    documents = sorted(converted.rglob("*.docx"))
    assert len(documents) > 30
    lost = {d.name: m for d in documents if (m := missing_characters(d))}
    assert lost == {}


def signature_lines(pdf: Path, issuer: str) -> tuple[list[Word], list[Word]]:
    lines = text_lines(pdf)
    at = next(i for i, line in enumerate(lines) if line_text(line) == issuer)
    return lines[at], lines[at + 1]


def test_notice_signature_without_seal_date_longer_than_issuer(converted: Path) -> None:
    issuer, date = signature_lines(converted / NOTICE, "宣传部")
    assert line_text(date) == "2019年4月30日"
    # the date stands two characters in from the right; the issuer starts two characters before it
    assert RIGHT_EDGE - date[-1].x_max == pytest.approx(2 * EM, abs=TOLERANCE)
    assert date[0].x_min - issuer[0].x_min == pytest.approx(2 * EM, abs=TOLERANCE)


def test_letter_signature_issuer_longer_than_date(converted: Path) -> None:
    institution, department = signature_lines(converted / LETTER, "长春医学高等专科学校")
    lines = text_lines(converted / LETTER)
    date = lines[lines.index(department) + 1]
    assert line_text(department) == "招生就业处"
    assert line_text(date) == "2019年4月30日"
    # the issuer stands two characters in from the right; the date starts two characters right of it
    assert RIGHT_EDGE - institution[-1].x_max == pytest.approx(2 * EM, abs=TOLERANCE)
    assert RIGHT_EDGE - department[-1].x_max == pytest.approx(2 * EM, abs=TOLERANCE)
    assert date[0].x_min - institution[0].x_min == pytest.approx(2 * EM, abs=TOLERANCE)


def test_every_form_is_one_page_remark_included(converted: Path) -> None:
    forms = [converted / FORM, *sorted((converted / "活动安排表").glob("*.pdf"))]
    assert len(forms) > 10
    assert {f.name: page_count(f) for f in forms} == {f.name: 1 for f in forms}
    # the notice's attachment: 附件, the title, the table and the remark on its last page
    last_page = pdf_text(converted / NOTICE).split("\f")[-2]
    assert last_page.startswith("附件")
    assert "活动项目" in last_page and "备注：" in last_page and "7.开设职教宣传月专栏" in last_page


def test_a_form_too_long_for_a_page_repeats_its_header(tmp_path: Path) -> None:
    require_office_tools()
    plan = plan_with(tmp_path, ("blank_rows: 17", "blank_rows: 40"))
    render(plan, tmp_path / "out", "form", pdf=True)
    pages = pdf_text(tmp_path / "out" / FORM).split("\f")[:-1]
    assert len(pages) == 2
    assert all("活动项目" in page for page in pages)
    assert "备注：" in pages[1]


def test_no_paragraph_ends_in_a_line_of_one_or_two_characters(converted: Path) -> None:
    found = {p.name: w for p in sorted(converted.rglob("*.pdf")) if (w := widows(p))}
    assert found == {}


def test_the_two_title_lines_are_one_line_pitch_apart(converted: Path) -> None:
    institution, title = text_lines(converted / NOTICE)[:2]
    assert line_text(institution) == "长春医学高等专科学校"
    assert title[0].y_min - institution[0].y_min == pytest.approx(28.95, abs=1)


def test_a_task_heading_is_never_the_last_line_of_a_page(converted: Path) -> None:
    for sheet in sorted((converted / "任务单").glob("*.pdf")):
        pages = pdf_text(sheet).split("\f")[:-1]
        for page in pages[:-1]:
            body = [line for line in page.splitlines() if line.strip() and not line.startswith("—")]
            assert not body[-1].startswith("（"), (sheet.name, body[-1])
            assert not body[-1].endswith("共同承担。"), (sheet.name, body[-1])
