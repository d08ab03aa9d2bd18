"""render --pdf: one file to print with every document from an odd page, its contents, parallel conversion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.office.convert import convert_to_pdf
from docgen.rendering.outputs import read_manifest
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_PLAN
from tests.support.pdf_reading import page_count, pdf_text

pytestmark = pytest.mark.office


def test_one_file_to_print_every_document_from_an_odd_page(converted: Path) -> None:
    joined = converted / "打印" / "全部文件.pdf"
    contents = (converted / "打印" / "目录.txt").read_text(encoding="utf-8").splitlines()
    entries = [line for line in contents[2:] if line.strip()]
    assert len(entries) == 37
    assert "2019年职业教育宣传月活动方案" in entries[0]
    assert "2019年职业教育宣传月活动安排" in entries[1]
    assert "致初中、高中毕业生及家长的一封信" in entries[2]
    # each unit's task sheet, then its form
    assert "任务单/招生就业处" in entries[3] and "活动安排表/招生就业处" in entries[4]
    documents = [
        converted / "2019年职业教育宣传月活动方案.pdf",
        converted / "2019年职业教育宣传月活动安排.pdf",
        converted / "致初中、高中毕业生及家长的一封信.pdf",
    ]
    pages = pdf_text(joined).split("\f")
    first = 1
    for entry, pdf in zip(entries, documents, strict=False):
        assert f"第{first}" in entry, entry
        assert first % 2 == 1
        assert pages[first - 1].split()[:3] == pdf_text(pdf).split()[:3]
        count = page_count(pdf)
        first += count + count % 2
    starts = [int(m.group(1)) for e in entries if (m := re.search(r"第(\d+)", e))]
    assert len(starts) == len(entries)
    assert all(start % 2 == 1 for start in starts)
    assert page_count(joined) >= starts[-1]
    assert read_manifest(converted)["打印/全部文件.pdf"]["kind"] == "print"


def test_conversion_in_two_processes_makes_every_pdf(tmp_path: Path) -> None:
    require_office_tools()
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(SHIPPED_PLAN), "--only", "letter,form", "-o", str(out)])
    assert result.exit_code == 0, result.output
    sources = sorted(out.glob("*.docx"))
    pdfs = convert_to_pdf(sources, tmp_path / "pdf", processes=2)
    assert [p.name for p in pdfs] == [s.with_suffix(".pdf").name for s in sources]
    assert all(page_count(p) >= 1 for p in pdfs)


def test_a_plain_render_keeps_the_pdfs_and_says_they_are_old(tmp_path: Path) -> None:
    require_office_tools()
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["render", str(SHIPPED_PLAN), "--only", "letter", "-o", str(out)]
    assert runner.invoke(main, [*args, "--pdf"]).exit_code == 0
    pdf = out / "致初中、高中毕业生及家长的一封信.pdf"
    assert pdf.is_file()
    plain = runner.invoke(main, args)
    assert plain.exit_code == 0, plain.output
    assert pdf.is_file()
    assert "made from the previous documents" in plain.stderr
    assert (out / "打印" / "全部文件.pdf").is_file()


def test_pages_are_counted_from_the_page_tree_as_pdfinfo_counts_them(converted: Path, tmp_path: Path) -> None:
    from docgen.office.printing import _PAGE_TREE, page_count, pdfinfo_pages

    pdfs = sorted(converted.rglob("*.pdf"))
    assert len(pdfs) == 38
    for pdf in pdfs:
        assert len(_PAGE_TREE.findall(pdf.read_bytes())) == 1, pdf  # read, not asked of pdfinfo
        assert page_count(pdf) == pdfinfo_pages(pdf), pdf
    nested = tmp_path / "nested.pdf"  # a page tree of several nodes: pdfinfo is asked
    nested.write_bytes(pdfs[0].read_bytes() + b"\n%<</Type/Pages/Count 99>>\n")
    assert page_count(nested) == pdfinfo_pages(pdfs[0])
