"""Every kind of output converted by LibreOffice: pages, text and fonts of the PDFs.

One conversion per session (a session fixture) keeps this file to a few seconds. The tests skip
where LibreOffice or poppler is missing, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import docgen
from docgen.documents.batch import render
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN

pytestmark = pytest.mark.office
TOOLS = ("soffice", "pdftotext", "pdffonts")
NOTICE = "2019年职业教育宣传月活动方案.pdf"
FORM = "2019年职业教育宣传月活动安排.pdf"
LETTER = "致初中、高中毕业生及家长的一封信.pdf"
PUBLICITY_SHEET = "任务单/宣传部-2019年职业教育宣传月任务单.pdf"


@pytest.fixture(scope="session", autouse=True)
def office_tools() -> None:
    require_office_tools(TOOLS)


def text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(pdf: Path) -> int:
    return text(pdf).count("\f")


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF, from pdffonts' table."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        fields = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, generation
        rows.append((fields[0], fields[-5] == "yes"))
    return rows


def test_every_docx_has_a_pdf_recorded_as_docgens_own(converted: Path) -> None:
    documents = sorted(p.relative_to(converted) for p in converted.rglob("*.docx"))
    pdfs = sorted(p.relative_to(converted) for p in converted.rglob("*.pdf") if p.parent.name != "打印")
    assert len(documents) == 37
    assert pdfs == [p.with_suffix(".pdf") for p in documents]
    manifest = (converted / ".docgen-manifest.json").read_text(encoding="utf-8")
    assert all(p.as_posix() in manifest for p in pdfs)


def test_page_counts(converted: Path) -> None:
    assert 7 <= pages(converted / NOTICE) <= 9  # about 6 pages and the landscape attachment
    assert 1 <= pages(converted / LETTER) <= 2
    assert 1 <= pages(converted / FORM) <= 2
    for sheet in (converted / "任务单").glob("*.pdf"):
        assert 1 <= pages(sheet) <= 3, sheet.name
    for form in (converted / "活动安排表").glob("*.pdf"):
        assert 1 <= pages(form) <= 2, form.name


def test_text_reads_back(converted: Path) -> None:
    notice = text(converted / NOTICE)
    assert "2019年“职业教育宣传月”活动方案" in notice.replace(" ", "")
    assert "利用各级媒体广泛宣传职业教育" in notice
    assert "18083554@qq.com" in notice
    assert "2019年4月30日" in notice.replace(" ", "")
    sheet = text(converted / PUBLICITY_SHEET).replace(" ", "")
    assert "宣传部" in sheet
    assert "18083554@qq.com" in sheet
    assert "招生就业处" in text(converted / LETTER)


def test_fonts_are_embedded_and_mapped(converted: Path) -> None:
    notice = fonts(converted / NOTICE)
    names = " ".join(name for name, _ in notice)
    assert "NotoSerifCJK" in names  # 仿宋 body, 小标宋 title
    assert "NotoSansCJK" in names  # 黑体 一、 headings
    assert "WenKai" in names or "UKai" in names  # 楷体 （一） headings
    for pdf in [converted / NOTICE, converted / LETTER, converted / FORM, converted / PUBLICITY_SHEET]:
        rows = fonts(pdf)
        assert not [n for n, _ in rows if "DejaVu" in n], pdf.name
        assert all(embedded for name, embedded in rows if "CJK" in name or "Kai" in name), pdf.name


def test_markup_characters_and_long_words_survive(tmp_path: Path) -> None:
    long_word = "abcdefghij" * 30
    plan_text = SHIPPED_PLAN.read_text(encoding="utf-8")
    plan_text = plan_text.replace(
        "title: 开展职业教育精准扶贫宣传工作", "title: 'Smith & Co <b> \"引号\" ''单引号'' 扶贫宣传'", 1
    )
    plan_text = plan_text.replace("work: |-\n", f"work: |-\n      {long_word}。a < b && c > d：", 1)
    plan_file = tmp_path / "campaign.yaml"
    plan_file.write_text(plan_text, encoding="utf-8")
    out = tmp_path / "out"
    render(docgen.load_plan(plan_file), out, "notice", pdf=True)
    read = text(out / NOTICE)
    assert "Smith & Co <b> \"引号\" '单引号' 扶贫宣传" in read
    assert "a < b && c > d" in read
    assert long_word in "".join(read.split())
