"""The template engine renders what Word, WPS and LibreOffice save as the author meant it, or stops at the place."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import docgen
from docgen.errors import TemplateError
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import lines
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import replace_in_docx
from tests.support.template_docs import build, split_runs

CONTEXT: dict[str, Any] = {
    "period": "4月28日至5月28日",
    "theme": "改革创新促提升",
    "note": "第一行\n第二行\t制表",
    "rows": [["宣传部", "84825237"], ["招生就业处", "84825238"]],
    "columns": ["一", "二", "三", "四", "五"],
}
BLOCKS: list[Any] = [
    "活动时间：{{ period }}",
    "主题：{{ theme }}",
    [["部门", "电话"], ["{%tr for row in rows %}"], ["{{ row[0] }}", "{{ row[1] }}"], ["{%tr endfor %}"]],
]


def rendered(path: Path, context: dict[str, Any] = CONTEXT) -> docx.document.Document:
    return docx.Document(io.BytesIO(CompiledTemplate(path).render(context)))


def test_tags_split_over_runs_with_proofing_marks_bookmarks_and_rsids_render_as_typed(tmp_path: Path) -> None:
    plain = build(tmp_path / "plain.docx", BLOCKS)
    document = docx.Document(str(plain))
    split_runs(document.paragraphs[0], ["活动时间：{", "{ per", "iod }", "}"])
    split_runs(document.paragraphs[1], ["主题：{{ th", "eme }}"])
    split_runs(document.tables[0].rows[2].cells[0].paragraphs[0], ["{{ row[", "0] }}"])
    document.save(str(tmp_path / "saved.docx"))
    assert "<w:proofErr" in zipfile.ZipFile(tmp_path / "saved.docx").read("word/document.xml").decode()
    expected = ["活动时间：4月28日至5月28日", "主题：改革创新促提升", "部门", "电话"]
    expected += ["宣传部", "84825237", "招生就业处", "84825238"]
    assert lines(rendered(plain)) == expected
    assert lines(rendered(tmp_path / "saved.docx")) == expected


def test_newlines_become_line_breaks_and_tabs_become_tabs(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["说明：{{ note }}"])
    document = rendered(path)
    assert document.paragraphs[0].text == "说明：第一行\n第二行\t制表"  # python-docx reads w:br as \n, w:tab as \t
    xml = document.element.xml
    assert "<w:br/>" in xml and "<w:tab/>" in xml
    assert not re.search(r"<w:t(?: [^>]*)?>[^<]*[\n\t]", xml)


def test_a_cell_loop_gives_the_grid_a_column_per_cell_in_docgens_own_documents(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", [[["{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}"], ["a", "b", "c"]]])
    table = docx.Document(io.BytesIO(CompiledTemplate(path, mend_layout=True).render(CONTEXT))).tables[0]
    grid = table._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))
    assert [cell.text for cell in table.rows[0].cells] == CONTEXT["columns"]
    assert len(grid) == 5
    assert {int(col.get(docx.oxml.ns.qn("w:w"))) for col in grid} == {8640 // 5}
    # without layout mending the grid stays as the template's author made it
    kept = rendered(path).tables[0]._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))
    assert [int(col.get(docx.oxml.ns.qn("w:w"))) for col in kept] == [2880, 2880, 2880]


def test_smart_quotes_in_a_tag_render_as_straight_ones(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ theme ~ “（第一届）” }}", "{{ ‘主题’ if theme else ＂无＂ }}"])
    assert lines(rendered(path)) == ["改革创新促提升（第一届）", "主题"]


def test_an_odt_renamed_docx_is_refused_not_copied_through(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(path)
    assert [(p.code, p.params["format"]) for p in caught.value.problems] == [("template-not-word", "odt")]


def test_a_render_error_names_the_typed_tag_and_its_cell(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx", ["第一段", [["a", "b"], ["c", ["{%p if rows[5][0] %}", "d", "{%p endif %}", ""]]]]
    )
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(path).render(CONTEXT)
    (problem,) = caught.value.problems
    assert (problem.code, problem.path, problem.params["tag"]) == (
        "template-undefined",
        "body, table 1, row 2, column 2",
        "{%p if rows[5][0] %}",
    )


def test_a_dry_run_fails_where_the_render_fails(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    # a list index only the render can find out of range; the check passes it
    replace_in_docx(folder / "letter.docx", "{{ letter.title }}", "{{ letter.body[40] }}")
    with pytest.raises(TemplateError) as dry:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", templates=folder, dry_run=True)
    with pytest.raises(TemplateError) as real:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", templates=folder)
    assert dry.value.problems == real.value.problems
    (problem,) = dry.value.problems
    assert (problem.code, problem.path, problem.params["tag"]) == (
        "template-undefined",
        "body, paragraph 1",
        "{{ letter.body[40] }}",
    )
    assert not list(tmp_path.glob("out/**/*.docx"))


def test_templates_beside_the_plan_are_used_one_file_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    shutil.copy(SHIPPED_TEMPLATES / "letter.docx", tmp_path / "templates" / "letter.docx")
    replace_in_docx(tmp_path / "templates" / "letter.docx", "{{ letter.title }}", "{{ letter.title }}（校内版）")
    plan = tmp_path / "campaign.yaml"
    shutil.copy(SHIPPED_PLAN, plan)
    paths = docgen.render(plan, tmp_path / "out", only="letter,notice")
    texts = {path.name: "\n".join(lines(docx.Document(str(path)))) for path in paths}
    assert "致初中、高中毕业生及家长的一封信（校内版）" in texts["致初中、高中毕业生及家长的一封信.docx"]
    assert "（校内版）" not in texts["2019年职业教育宣传月活动方案.docx"]
