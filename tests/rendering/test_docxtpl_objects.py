"""docxtpl's objects in a context render through docgen.DocxTemplate as docxtpl renders them.

RichText and R, RichTextParagraph and RP, Listing, InlineImage and sub-documents, each in a
template built here; docxtpl renders the same template and context where it is the measure.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import docxtpl
import pytest
from docx.document import Document as DocumentObject
from docx.shared import Mm, Pt

import docgen
from docgen.rendering.tags import W
from tests.support.docx_text import lines
from tests.support.pictures import logo_png
from tests.support.template_docs import build

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def saved(template: Any) -> DocumentObject:
    stream = io.BytesIO()
    template.save(stream)
    return docx.Document(io.BytesIO(stream.getvalue()))


def runs(document: DocumentObject) -> list[tuple[str, bool, str | None]]:
    """Each run of the body's first paragraph: its text, bold, colour."""
    paragraph = document.paragraphs[0]
    found = []
    for run in paragraph._p.iter(W + "r"):
        text = "".join(t.text or "" for t in run.iter(W + "t"))
        color = run.find(f"{W}rPr/{W}color")
        found.append((text, run.find(f"{W}rPr/{W}b") is not None, None if color is None else color.get(W + "val")))
    return [r for r in found if r[0]]


def test_docxtpls_objects_are_exported_as_they_are() -> None:
    assert docgen.RichText is docxtpl.RichText and docgen.R is docxtpl.R
    assert docgen.RichTextParagraph is docxtpl.RichTextParagraph and docgen.RP is docxtpl.RP
    assert docgen.Listing is docxtpl.Listing and docgen.InlineImage is docxtpl.InlineImage


@pytest.mark.parametrize("autoescape", [False, True])
def test_rich_text_keeps_its_runs_format(tmp_path: Path, autoescape: bool) -> None:
    path = build(tmp_path / "t.docx", ["开头{{r rich }}结尾"])
    rich = docgen.RichText("红色加粗", color="#FF0000", bold=True)
    rich.add("<普通&>")
    renders = []
    for kind in (docgen.DocxTemplate, docxtpl.DocxTemplate):
        template = kind(str(path))
        template.render({"rich": rich}, autoescape=autoescape)
        renders.append(runs(saved(template)))
    assert renders[0] == renders[1]
    assert ("红色加粗", True, "FF0000") in renders[0] and ("<普通&>", False, None) in renders[0]


def test_a_rich_paragraph_replaces_its_paragraph_with_styled_ones(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["前文", "{{p para }}", "后文"])
    para = docgen.RichTextParagraph()
    para.add("标题段", parastyle="Heading1")
    para.add(docgen.RichText("加粗段", bold=True))
    template = docgen.DocxTemplate(str(path))
    template.render({"para": para})
    out = saved(template)
    assert lines(out) == ["前文", "标题段", "加粗段", "后文"]
    assert out.paragraphs[1].style.name == "Heading 1"


def test_a_listing_keeps_its_text_and_breaks(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ listing }}"])
    listing = docgen.Listing("第一行 <a&b>\n第二行\a新段")
    template = docgen.DocxTemplate(str(path))
    template.render({"listing": listing})
    assert lines(saved(template)) == ["第一行 <a&b>\n第二行", "新段"]


def test_a_hyperlink_from_build_url_id(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["网址：{{r link }}"])
    template = docgen.DocxTemplate(str(path))
    rid = template.build_url_id("https://zs.example.edu.cn")
    assert template.build_url_id("https://zs.example.edu.cn") == rid  # one relationship for one address
    template.render({"link": docgen.RichText("招生网", url_id=rid)})
    out = saved(template)
    hyperlink = out.paragraphs[0]._p.find(f"{W}hyperlink")
    assert hyperlink is not None and "".join(t.text or "" for t in hyperlink.iter(W + "t")) == "招生网"
    relationship = out.part.rels[hyperlink.get(_R + "id")]
    assert relationship.is_external and relationship.target_ref == "https://zs.example.edu.cn"


def picture(tmp_path: Path, name: str = "logo.png", width: int = 400, height: int = 200) -> Path:
    path = tmp_path / name
    path.write_bytes(logo_png(width, height))
    return path


def test_inline_images_take_python_docx_sizes_and_each_picture_enters_once(tmp_path: Path) -> None:
    logo = picture(tmp_path)
    document = docx.Document()
    document.add_paragraph("{% for image in images %}{{ image }}{% endfor %}")
    document.paragraphs[0].paragraph_format.line_spacing = Pt(28.95)  # exact spacing, as GB/T templates have
    document.sections[0].header.paragraphs[0].text = "页眉{{ badge }}"
    document.save(tmp_path / "t.docx")
    template = docgen.DocxTemplate(str(tmp_path / "t.docx"))
    images = [docgen.InlineImage(template, str(logo), width=Mm(20)) for _ in range(3)]
    with logo.open("rb") as stream:
        badge = docgen.InlineImage(template, io.BytesIO(stream.read()), height=Mm(5))
        template.render({"images": images, "badge": badge})
    out = saved(template)
    extents = [(e.get("cx"), e.get("cy")) for e in out.element.body.iter(_WP + "extent")]
    assert extents == [("720000", "360000")] * 3  # 20 mm wide, the height following the picture's ratio
    assert [r.reltype for r in out.part.rels.values()].count(_IMAGE) == 1
    header = out.sections[0].header
    assert [(e.get("cx"), e.get("cy")) for e in header._element.iter(_WP + "extent")] == [("360000", "180000")]
    assert any(r.reltype == _IMAGE for r in header.part.rels.values())
    ids = [d.get("id") for d in out.element.body.iter(_WP + "docPr")]
    assert ids == ["1001", "1002", "1003"]  # drawings numbered anew, as docxtpl numbers them
    spacing = out.paragraphs[0]._p.find(f"{W}pPr/{W}spacing")
    assert spacing.get(W + "lineRule") == "exact"  # no layout mending: the template's spacing stays


def test_a_sub_document_built_in_code(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["前文", "{{p sub }}", "后文"])
    logo = picture(tmp_path)
    template = docgen.DocxTemplate(str(path))
    sub = template.new_subdoc()
    sub.add_paragraph("子文档标题", style="Heading 1")
    table = sub.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "甲", "乙"
    sub.add_picture(str(logo), width=Mm(30))
    template.render({"sub": sub})
    out = saved(template)
    assert lines(out) == ["前文", "子文档标题", "甲", "乙", "", "后文"]
    assert out.paragraphs[1].style.name == "Heading 1"
    blip = next(out.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    assert out.part.rels[blip.get(_R + "embed")].reltype == _IMAGE


def test_a_sub_document_from_a_file_brings_its_styles(tmp_path: Path) -> None:
    part = docx.Document()
    style = part.styles.add_style("子文档样式", 1)
    style.font.bold = True
    part.add_paragraph("来自文件的段落", style="子文档样式")
    part.save(tmp_path / "part.docx")
    path = build(tmp_path / "t.docx", ["{{p sub }}"])
    template = docgen.DocxTemplate(str(path))
    template.render({"sub": template.new_subdoc(str(tmp_path / "part.docx"))})
    out = saved(template)
    assert lines(out) == ["来自文件的段落"]
    assert out.paragraphs[0].style.name == "子文档样式"


def test_a_sub_document_from_a_file_without_docxcompose_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx.Document().save(tmp_path / "part.docx")
    template = docgen.DocxTemplate(str(build(tmp_path / "t.docx", ["{{p sub }}"])))
    monkeypatch.setitem(__import__("sys").modules, "docxtpl.subdoc", None)
    with pytest.raises(ImportError, match="pip install docxcompose"):
        template.new_subdoc(str(tmp_path / "part.docx"))
