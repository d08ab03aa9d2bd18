"""Every 公文 page as GB/T 9704-2012 lays it out, read back from the PDFs LibreOffice made.

With the sample ``issuing:`` block, sealed (7.3.5.1) and unsealed (7.3.5.2): the 印发通知's first
page holds its body; no signature page is without body text; the 版记 stands on an even page after
an unnumbered blank one; page numbers never skip; the print file begins with the 印发通知 and holds
the 方案 once. One conversion per scenario: the shipped plan (the session's ``converted``), a whole
run with the sealed notice, the unsealed notice with its attachments, the month's 催报.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

import docgen
from docgen.cache import CACHE_ENV
from docgen.office.convert import convert_to_pdf
from docgen.office.printed import PrintedLine, PrintedPage, printed_pages
from docgen.plan.files import resolved_plan
from docgen.tracking.folders import write_status
from docgen.tracking.status import track_returns
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN
from tests.support.pdf_reading import MM, page_count
from tests.support.plans import ISSUED, issuing_plan
from tests.support.returns_folder import build_returns

pytestmark = pytest.mark.office
ISSUED_PDF = ISSUED.replace(".docx", ".pdf")
NOTICE_PDF = "2019年职业教育宣传月活动方案.pdf"
TEXT_BOTTOM = 842 - 35 * MM  # the 版心's foot, points from the paper's top
FIRST_SENTENCE = "现将《2019年“职业教育宣传月”活动方案》印发给你们，"
DATE = "2019年4月30日"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole run with the sample block as it stands (red head, sealed): PDFs, the print file."""
    require_office_tools()
    folder = tmp_path_factory.mktemp("sealed")
    with pytest.MonkeyPatch.context() as patch:  # what the pass settles is remembered in the run's own folder
        patch.setenv(CACHE_ENV, str(folder / "cache"))
        docgen.render(issuing_plan(folder, "red", sealed=True), folder / "out", pdf=True)
    return folder / "out"


@pytest.fixture(scope="module")
def unsealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_office_tools()
    folder = tmp_path_factory.mktemp("unsealed")
    plan = issuing_plan(folder, "plain", sealed=False)
    docgen.render(plan, folder / "out", only=["issuing-notice", "notice", "form"], pdf=True, print_file=False)
    return folder / "out"


def body_lines(page: PrintedPage) -> list[str]:
    """A page's lines of text inside the 版心 (its page number left out)."""
    return [line.text for line in sorted(page.lines, key=lambda ln: ln.top) if line.top < TEXT_BOTTOM]


@pytest.mark.parametrize("run", ["sealed", "unsealed"])
def test_the_first_page_holds_the_body_under_the_head(run: str, request: pytest.FixtureRequest) -> None:
    pages = printed_pages(request.getfixturevalue(run) / ISSUED_PDF)
    first = "".join(body_lines(pages[0]))
    assert FIRST_SENTENCE in first
    assert first.index("关于印发") < first.index("各党总支、各部门、各院部：") < first.index(FIRST_SENTENCE)


def signature_page_body(pdf: Path) -> list[str]:
    """The lines above the signature on the page that holds it, the 附件说明 left out."""
    pages = printed_pages(pdf)
    page = next(p for p in pages if any(line.text == DATE for line in p.lines))
    lines = body_lines(page)
    above = lines[: next(i for i, text in enumerate(lines) if text == DATE) - 1]  # before the issuer
    note = next((i for i, text in enumerate(above) if text.startswith("附件：")), len(above))
    return [text for text in above[:note] if not re.fullmatch(r"\d\..*", text)]


@pytest.mark.parametrize(("run", "pdf"), [("sealed", ISSUED_PDF), ("unsealed", ISSUED_PDF), ("sealed", NOTICE_PDF)])
def test_no_signature_stands_on_a_page_without_body_text(run: str, pdf: str, request: pytest.FixtureRequest) -> None:
    text = signature_page_body(request.getfixturevalue(run) / pdf)
    assert len(text) >= 2, text


def test_the_notices_last_page_carries_its_last_paragraph_with_the_signature(converted: Path) -> None:
    text = signature_page_body(converted / NOTICE_PDF)
    assert len(text) >= 2 and text[-1].endswith("确保活动安全。"), text


@pytest.mark.parametrize("run", ["sealed", "unsealed"])
def test_the_record_is_on_an_even_page_after_an_unnumbered_blank_one(run: str, request: pytest.FixtureRequest) -> None:
    pages = printed_pages(request.getfixturevalue(run) / ISSUED_PDF)
    record = pages[-1]
    assert any(line.text.startswith("抄送：") for line in record.lines)
    assert len(pages) % 2 == 0  # the 版记 on the back of the last sheet
    assert record.page_number() is None
    before = pages[-2]
    if before.lines:  # the text ended on an odd page
        assert before.page_number() == len(pages) - 1
    else:  # it ended on an even page: the blank page LibreOffice put in is in the PDF, unnumbered
        assert pages[-3].page_number() == len(pages) - 2


def test_page_numbers_never_skip_in_any_pdf(sealed: Path, unsealed: Path, converted: Path) -> None:
    pdfs = [p for folder in (sealed, unsealed, converted) for p in folder.rglob("*.pdf") if p.parent.name != "打印"]
    assert len(pdfs) > 40
    for pdf in pdfs:
        numbers = [page.page_number() for page in printed_pages(pdf)]
        numbered = [(n, shown) for n, shown in enumerate(numbers, 1) if shown is not None]
        assert all(n == shown for n, shown in numbered), (pdf.name, numbers)
        # only the 版记 and the blank page before it go without a number, at the end
        unnumbered = [n for n, shown in enumerate(numbers, 1) if shown is None]
        assert unnumbered == list(range(len(numbers) - len(unnumbered) + 1, len(numbers) + 1)), (pdf.name, numbers)
        assert len(unnumbered) <= 2, (pdf.name, numbers)


def test_the_print_file_begins_with_the_issuing_notice_and_holds_the_plan_once(sealed: Path) -> None:
    contents = (sealed / "打印" / "目录.txt").read_text(encoding="utf-8").splitlines()
    entries = [line for line in contents[2:] if line.strip()]
    assert "关于印发《2019年职业教育宣传月活动方案》的通知  第1-10页（共10页）" in entries[0]
    assert "致初中、高中毕业生及家长的一封信" in entries[1]
    assert "任务单/招生就业处" in entries[2] and "活动安排表/招生就业处" in entries[3]
    # the 方案 and the form are the notice's 附件1 and 附件2: not printed again on their own
    assert not [e for e in entries if e.split(". ", 1)[1].startswith("2019年")]
    joined = sealed / "打印" / "全部文件.pdf"
    total = int(re.search(r"共(\d+)页", contents[0]).group(1))  # type: ignore[union-attr]
    blanks = int(re.search(r"空白页(\d+)页", contents[0]).group(1))  # type: ignore[union-attr]
    assert page_count(joined) == total
    pages = printed_pages(joined)
    inside = sum(1 for page in printed_pages(sealed / ISSUED_PDF) if not page.lines)  # before its 版记
    assert sum(1 for page in pages if not page.lines) == blanks + inside
    assert sum(1 for page in pages if any("为深入贯彻落实吉林省教育厅" in line.text for line in page.lines)) == 1
    assert FIRST_SENTENCE in "".join(body_lines(pages[0]))
    # each document from a front side: a blank page only after one that ends on a front side
    for entry in entries:
        start = int(re.search(r"第(\d+)", entry).group(1))  # type: ignore[union-attr]
        assert start % 2 == 1, entry
        if "空白" in entry:
            blank = int(re.search(r"第(\d+)页空白", entry).group(1))  # type: ignore[union-attr]
            assert blank % 2 == 0 and not pages[blank - 1].lines, entry


def test_what_the_pass_settled_passes_the_audit_and_a_plain_render_repeats_it(sealed: Path, tmp_path: Path) -> None:
    official = [
        sealed / ISSUED,
        sealed / "2019年职业教育宣传月活动方案.docx",
        *sorted((sealed / "任务单").glob("*.docx")),
    ]
    report = docgen.audit(official)
    assert report.findings == [], [docgen.format_audit_finding(f) for f in report.findings]
    assert 'w:lineRule="exact"' in _document_xml(sealed / ISSUED)
    again = tmp_path / "again"
    plan = next(sealed.parent.glob("plan-*.yaml"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(sealed.parent / "cache"))
        docgen.render(plan, again)  # no LibreOffice: the layout comes from what the measured run remembered
    for document in official:
        assert (again / document.relative_to(sealed)).read_bytes() == document.read_bytes(), document.name


def test_the_print_file_holds_the_official_documents_as_the_pass_left_them(sealed: Path) -> None:
    """The print file is joined while the 公文 are measured; a PDF the pass made again is joined again."""
    assert 'w:lineRule="exact"' in _document_xml(sealed / ISSUED)  # the pass adjusted this run's 印发通知
    own = printed_pages(sealed / ISSUED_PDF)
    joined = printed_pages(sealed / "打印" / "全部文件.pdf")[: len(own)]  # the print file begins with it
    assert _placed(joined) == _placed(own)


def _placed(pages: list[PrintedPage]) -> list[list[tuple[str, float]]]:
    return [[(line.text, round(line.top, 1)) for line in page.lines] for page in pages]


def _document_xml(docx: Path) -> str:
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_task_sheets_fill_their_first_page_leave_no_character_alone_and_no_line_orphaned(converted: Path) -> None:
    sheets = sorted((converted / "任务单").glob("*.pdf"))
    assert len(sheets) == 17
    for sheet in sheets:
        pages = printed_pages(sheet)
        first = [line for line in pages[0].lines if line.top < TEXT_BOTTOM]
        used = max(line.bottom for line in first) - 37 * MM
        assert used > (TEXT_BOTTOM - 37 * MM) / 2, sheet.name  # page 1 at least half full
        for page in pages:
            lone = [ln.text for ln in page.lines if len(ln.text) == 1 and ln.text not in "休班一二三四五六日"]
            assert not [t for t in lone if not t.isdigit()], (sheet.name, lone)
        for page in pages[1:]:  # the 联络员 line stays with the contact and its heading above it
            top = min(page.lines, key=lambda ln: ln.top)
            assert not top.text.replace(" ", "").startswith("本部门联络员"), (sheet.name, page.number)


PHRASES = re.compile(r"[＿]+月[＿]+日|\d{1,2}月\d{1,2}日|（[^（）]{1,12}）")


def test_reminders_keep_blanks_dates_and_brackets_whole_and_stretch_no_line(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    require_office_tools()
    plan = resolved_plan(SHIPPED_PLAN)
    out = tmp_path_factory.mktemp("reminders")
    write_status(track_returns(plan, build_returns(plan, tmp_path_factory), dt.date(2019, 5, 28)), out)
    reminders = sorted((out / "催报").glob("*.docx"))
    assert len(reminders) >= 8
    for pdf in convert_to_pdf(reminders):
        pages = printed_pages(pdf)
        assert len(pages) <= 2, pdf.name  # a unit owing ten things gets a second page
        # the body's lines, 三号 (the title's are 二号, the page number's 四号), page after page
        lines = [
            ln for page in pages for ln in sorted(page.lines, key=lambda ln: ln.top) if 20 < ln.bottom - ln.top < 22
        ]
        for before, after in itertools.pairwise(lines):
            joined = before.text + after.text
            cut = [m.group() for m in PHRASES.finditer(joined) if m.start() < len(before.text) < m.end()]
            assert not cut, (pdf.name, before.text, after.text)
            full = before.right > (28 + 156) * MM - 16
            if full and after.left < 28 * MM + 8:  # a wrapped line: is the one before it spread out?
                assert before.right - before.left - natural_width(before.text) < 16, (pdf.name, before.text)


def natural_width(text: str) -> float:
    """A line of 三号 text unstretched: 15.7 pt a character (half for Latin), 3.2 pt between Han and Latin."""
    kinds = ["latin" if c.isascii() and c.isalnum() else "han" if "\u3400" <= c <= "\u9fff" else "" for c in text]
    gaps = sum(1 for a, b in itertools.pairwise(kinds) if {a, b} == {"han", "latin"})
    return sum(7.85 if c.isascii() else 15.7 for c in text) + 3.2 * gaps


def signature(pdf: Path) -> tuple[PrintedLine, PrintedLine]:
    """The issuer's line and the date's, as printed."""
    for page in printed_pages(pdf):
        lines = sorted(page.lines, key=lambda line: line.top)
        for issuer, date in itertools.pairwise(lines):
            if date.text == DATE:
                return issuer, date
    raise AssertionError(f"no signature in {pdf.name}")


EM = 16.0
RIGHT_EDGE = (28 + 156) * MM


def test_both_signature_layouts_hold_in_print(sealed: Path, unsealed: Path) -> None:
    # sealed (7.3.5.1): the date 右空四字, the issuer centred over it
    issuer, date = signature(sealed / ISSUED_PDF)
    assert issuer.text == "长春医学高等专科学校"
    assert RIGHT_EDGE - date.right == pytest.approx(4 * EM, abs=0.3 * EM)
    assert (issuer.left + issuer.right) / 2 == pytest.approx((date.left + date.right) / 2, abs=0.3 * EM)
    # unsealed (7.3.5.2), the issuer longer than the date: the issuer 右空二字, the date two characters in from it
    issuer, date = signature(unsealed / ISSUED_PDF)
    assert RIGHT_EDGE - issuer.right == pytest.approx(2 * EM, abs=0.3 * EM)
    assert date.left - issuer.left == pytest.approx(2 * EM, abs=0.3 * EM)
