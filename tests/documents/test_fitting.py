"""The layout pass without LibreOffice: adjustments made and remembered, pages judged from printed lines.

What LibreOffice prints is stood in for by ``PrintedLine``s built here; tests/office/test_page_layout.py
runs the pass on real PDFs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

import docgen
from docgen.cache import CACHE_ENV, NO_CACHE_ENV, cache_dir, clear_cache
from docgen.documents import fit_cache
from docgen.documents.adjustments import (
    MIN_LINE,
    Adjustment,
    apply_adjustments,
    blocks_of,
    body_blocks,
)
from docgen.documents.batch import documents_to_render, plan_to_render
from docgen.documents.fit_cache import recall_layouts
from docgen.documents.fitting import Layout, parts_of, problem_of, propose
from docgen.office.printed import PrintedLine, PrintedPage
from docgen.rendering.workers import render_into
from tests.support.docx_text import file_content_key
from tests.support.plans import ISSUED, issuing_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_TOP = 37 * 72 / 25.4


@pytest.fixture
def issued(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    docgen.render(issuing_plan(tmp_path, "red"), out, only=["issuing-notice"])
    return out / ISSUED


def document_xml(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_the_blocks_and_parts_of_a_sealed_issuing_notice(issued: Path) -> None:
    blocks = blocks_of(issued)
    parts = parts_of(blocks)
    assert parts is not None
    assert [blocks[i].text for i in range(parts.title, parts.title + 3)] == [
        "关于印发",
        "《2019年“职业教育宣传月”活动方案》",
        "的通知",
    ]
    assert blocks[parts.first_body].text.startswith("现将")  # the 主送 line is not the body
    assert [blocks[i].text for i in parts.body] == [blocks[parts.first_body].text]  # the 附件说明 is not body
    assert parts.signature is not None
    first, last = parts.signature
    assert [blocks[i].text for i in range(first, last + 1)] == ["", "长春医学高等专科学校", "2019年4月30日"]


def exact_lines(docx: Path) -> list[str | None]:
    """Each block's exact line height (twips), None where it has none of its own."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    found = []
    for block in body_blocks(root):
        spacing = block.find(f"{W}pPr/{W}spacing")
        exact = spacing is not None and spacing.get(f"{W}lineRule") == "exact"
        found.append(spacing.get(f"{W}line") if exact and spacing is not None else None)
    return found


def test_adjustments_set_exact_lines_keep_paragraphs_and_refuse_what_is_out_of_bounds(issued: Path) -> None:
    blocks = blocks_of(issued)
    parts = parts_of(blocks)
    assert parts is not None and parts.signature is not None
    first, last = parts.title, parts.signature[1]
    before = exact_lines(issued)
    assert not apply_adjustments(issued, [Adjustment("line", first, last, 100), Adjustment("line", 0, 10_000, 520)])
    assert apply_adjustments(
        issued,
        [Adjustment("line", first, last, 520), Adjustment("gap", first, last, 440), Adjustment("keep", 11, 11)],
    )
    after = exact_lines(issued)
    assert after[:first] == before[:first] and after[last + 1 :] == before[last + 1 :]  # the head, the annex
    assert after[first : last + 1] == ["520" if b.text else "440" for b in blocks[first : last + 1]]
    xml = document_xml(issued)
    # off the grid, in the schema's order (snapToGrid before spacing)
    assert '<w:pStyle w:val="Title"/><w:snapToGrid w:val="0"/><w:spacing w:line="520"' in xml
    assert blocks_of(issued) == blocks  # the text is untouched


def test_the_same_adjustments_give_the_same_bytes_in_one_step_or_two(issued: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    one.write_bytes(issued.read_bytes())
    two.write_bytes(issued.read_bytes())
    line, keep = Adjustment("line", 6, 18, 530), Adjustment("keep", 11, 17)
    apply_adjustments(one, [line, keep])
    apply_adjustments(two, [line])
    apply_adjustments(two, [keep])
    assert one.read_bytes() == two.read_bytes()
    assert file_content_key(one) != file_content_key(issued) and file_content_key(one) == file_content_key(two)


def _line(page: int, top: float, text: str) -> PrintedLine:
    return PrintedLine(page, top, top + 20.8, 80.0, 500.0, text)


def _layout(issued: Path, pages: dict[int, list[tuple[int, float]]]) -> Layout:
    """The notice as if printed: block index -> (page, top) of each of its lines."""
    blocks = blocks_of(issued)
    printed = {i: [_line(page, top, blocks[i].text) for page, top in where] for i, where in pages.items()}
    count = max(page for where in pages.values() for page, _ in where)
    layout = Layout(blocks, [PrintedPage(n, 595.3, 841.9, ()) for n in range(1, count + 1)])
    layout.lines.update(printed)
    return layout


def test_a_body_pushed_off_the_heads_page_is_pulled_back_by_tighter_lines(issued: Path) -> None:
    # as LibreOffice set it before the pass: the title and 主送 on page 1, the body and signature on page 2
    layout = _layout(
        issued,
        {0: [(1, 200)], 3: [(1, 306)], 6: [(1, 395)], 7: [(1, 424)], 8: [(1, 453)], 10: [(1, 515)]}
        | {11: [(2, 112), (2, 141)], 13: [(2, 198)], 14: [(2, 227)], 17: [(2, 314)], 18: [(2, 343)]},
    )
    parts = parts_of(layout.blocks)
    assert parts is not None and problem_of(layout, parts) == "start"
    adjustments = propose(layout, parts, "start", [])
    assert adjustments is not None
    line, gap = adjustments
    assert (line.kind, line.first, line.last) == ("line", 6, 18) and MIN_LINE <= line.value < 579
    assert gap.kind == "gap" and gap.value < line.value  # an empty line gives up more than a line of text
    # what the tightened lines take fits under the title: ten lines of text, four empty ones
    assert 10 * line.value + 4 * gap.value <= (841.9 - 35 * 72 / 25.4 - 395) * 20
    # measured again and still off the page: tighter, until the latitude is used up (as here)
    again = propose(layout, parts, "start", adjustments)
    assert again is None or again[-2].value < line.value
    spent = [Adjustment("line", 6, 18, MIN_LINE), Adjustment("gap", 6, 18, MIN_LINE)]
    assert propose(layout, parts, "start", spent) is None


def test_a_signature_alone_on_its_page_takes_the_last_paragraph_with_it(issued: Path) -> None:
    # a long body filling page 1 to its last line; the signature on page 2 on its own
    lines = {0: [(1, 200)], 3: [(1, 306)], 6: [(1, 395)], 7: [(1, 424)], 8: [(1, 453)], 10: [(1, 511)]}
    lines |= {11: [(1, 540 + 29 * n) for n in range(7)], 13: [(1, 685)], 14: [(1, 714)]}
    lines |= {17: [(2, 112)], 18: [(2, 141)]}
    layout = _layout(issued, lines)
    parts = parts_of(layout.blocks)
    assert parts is not None and problem_of(layout, parts) == "signature"
    adjustments = propose(layout, parts, "signature", [])
    assert adjustments is not None
    # the page before is full: pulling the signature up would take lines tighter than the latitude
    assert adjustments[-1] == Adjustment("keep", 11, 17)


def test_a_plain_render_repeats_what_was_remembered_for_the_same_content(tmp_path: Path) -> None:
    plan = issuing_plan(tmp_path, "red")
    first = tmp_path / "first"
    docgen.render(plan, first, only=["issuing-notice"])
    key = file_content_key(first / ISSUED)
    fit_cache.remember(key, [Adjustment("line", 6, 18, 531), Adjustment("gap", 6, 18, 460)])
    again, third = tmp_path / "again", tmp_path / "third"
    docgen.render(plan, again, only=["issuing-notice"])
    docgen.render(plan, third, only=["issuing-notice"])
    assert 'w:line="531" w:lineRule="exact"' in document_xml(again / ISSUED)
    assert (again / ISSUED).read_bytes() == (third / ISSUED).read_bytes()
    assert (again / ISSUED).read_bytes() != (first / ISSUED).read_bytes()
    docgen.render(plan, again, only=["issuing-notice"])  # the adjusted file is known as docgen's: no --force
    docgen.render(plan, first, only=["issuing-notice"])  # and so is one left as rendered


def test_the_render_keys_only_the_official_documents_and_as_their_files_read(tmp_path: Path) -> None:
    to_render = plan_to_render(issuing_plan(tmp_path, "red"))
    documents = documents_to_render(to_render, ["letter", "issuing-notice", "task-sheet", "form"])
    stage = tmp_path / "stage"
    rendered = render_into(stage, documents, Path(), keyed=fit_cache.FITTED_KINDS)
    official = {d.path for d in documents if d.kind in ("issuing-notice", "task-sheet")}
    assert len(official) > 2 and set(rendered.keys) == official  # neither the letter nor the form
    for path, key in rendered.keys.items():  # the key made while rendering is the written file's
        assert key == file_content_key(stage / path)
    assert set(rendered.hashes) == {d.path for d in documents}


def test_recall_applies_what_is_remembered_by_key_and_leaves_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docgen.render(issuing_plan(tmp_path, "red"), out, only=["issuing-notice"])
    (tmp_path / ISSUED).write_bytes((out / ISSUED).read_bytes())
    before = (tmp_path / ISSUED).read_bytes()
    recall_layouts(tmp_path, {PurePosixPath(ISSUED): "c" * 64})  # nothing remembered for it
    assert (tmp_path / ISSUED).read_bytes() == before
    fit_cache.remember("c" * 64, [Adjustment("line", 6, 18, 531)])
    recall_layouts(tmp_path, {PurePosixPath(ISSUED): "c" * 64})
    assert 'w:line="531" w:lineRule="exact"' in document_xml(tmp_path / ISSUED)


def _layout_entries() -> list[Path]:
    return sorted((cache_dir() / fit_cache.KIND).glob("*.entry"))


def test_the_memory_never_breaks_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "a" * 64
    fit_cache.remember(key, [Adjustment("keep", 1, 2)])
    assert fit_cache.remembered(key) == [Adjustment("keep", 1, 2)]
    (entry,) = _layout_entries()
    entry.write_bytes(entry.read_bytes()[:-3])  # cut short: not sound, as if nothing was remembered
    assert fit_cache.remembered(key) == []
    fit_cache.remember(key, [Adjustment("keep", 1, 2)])
    with monkeypatch.context() as patch:
        patch.setattr(fit_cache, "VERSION", fit_cache.VERSION + 1)
        assert fit_cache.remembered(key) == []  # what another version of the pass measured
    assert fit_cache.remembered(key) == [Adjustment("keep", 1, 2)]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    fit_cache.remember(key, [Adjustment("keep", 1, 2)])  # cannot be written: skipped, not raised
    assert fit_cache.remembered(key) == []


def test_the_memory_is_a_kind_of_docgens_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    fit_cache.remember("b" * 64, [Adjustment("keep", 0, 1)])
    assert [p.parent for p in _layout_entries()] == [tmp_path / "cache" / "layout"]
    assert clear_cache() == 1 and fit_cache.remembered("b" * 64) == []  # docgen cache clear forgets it
    monkeypatch.setenv(NO_CACHE_ENV, "1")  # --no-cache: neither read nor written
    fit_cache.remember("b" * 64, [Adjustment("keep", 0, 1)])
    assert _layout_entries() == []
    monkeypatch.delenv(NO_CACHE_ENV)
    fit_cache.remember("b" * 64, [Adjustment("keep", 0, 1)])
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert fit_cache.remembered("b" * 64) == []


def test_the_memory_forgets_the_least_recently_used_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [f"{n:064x}" for n in range(5)]
    fit_cache.remember(keys[0], [Adjustment("keep", 0, 1)])
    (entry,) = _layout_entries()
    monkeypatch.setattr(fit_cache._STORE, "max_bytes", 3 * entry.stat().st_size)
    for key in keys[1:]:
        fit_cache.remember(key, [Adjustment("keep", 0, 1)])
    assert len(_layout_entries()) == 3
    assert fit_cache.remembered(keys[-1]) == [Adjustment("keep", 0, 1)]
