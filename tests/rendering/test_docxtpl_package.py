"""docgen.DocxTemplate's tables, replacements, saving and reuse: docxtpl's methods, docgen's compiled engine."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import docxtpl
import jinja2
import pytest
from docx.document import Document as DocumentObject
from lxml import etree

import docgen
from docgen.rendering.docxtpl_compat import engine
from docgen.rendering.tags import W
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import lines
from tests.support.pictures import logo_png
from tests.support.template_docs import build


def saved_bytes(template: Any) -> bytes:
    stream = io.BytesIO()
    template.save(stream)
    return stream.getvalue()


def saved(template: Any) -> DocumentObject:
    return docx.Document(io.BytesIO(saved_bytes(template)))


def table_shape(document: DocumentObject) -> list[Any]:
    """Each table's grid widths and each cell's text, span, vertical merge and fill."""
    shape: list[Any] = []
    for table in document.element.body.iter(W + "tbl"):
        shape.append([column.get(W + "w") for column in table.iter(W + "gridCol")])
        for cell in table.iter(W + "tc"):
            marks = [cell.find(f"{W}tcPr/{W}{name}") for name in ("gridSpan", "vMerge", "shd")]
            values = [None if mark is None else (mark.get(W + "val") or mark.get(W + "fill")) for mark in marks]
            shd = marks[2]
            values[2] = None if shd is None else shd.get(W + "fill")
            shape.append(("".join(t.text or "" for t in cell.iter(W + "t")), *values))
    return shape


def rendered_both(path: Path, context: dict[str, Any]) -> tuple[DocumentObject, DocumentObject]:
    documents = []
    for kind in (docgen.DocxTemplate, docxtpl.DocxTemplate):
        template = kind(str(path))
        template.render(context)
        documents.append(saved(template))
    return documents[0], documents[1]


def test_table_tags_give_docxtpls_rows_cells_merges_and_grid_widths(tmp_path: Path) -> None:
    rows = [
        ["{%tr for row in rows %}"],
        ["{% vm %}{{ row.group }}", "{% cellbg row.color %}{{ row.name }}", "{% colspan 1 %}{{ row.n }}"],
        ["{%tr endfor %}"],
    ]
    columns = [["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"], ["甲", "乙", "丙"]]
    merged = [["{%tc for c in cols %}", "{% hm %}{{ c }}", "{%tc endfor %}"], ["甲", "乙", "丙"]]
    path = build(tmp_path / "t.docx", [rows, columns, merged])
    document = docx.Document(str(path))
    for width, column in zip((1000, 2000, 5640), document.tables[1]._tbl.tblGrid, strict=True):
        column.set(W + "w", str(width))  # unequal columns: docxtpl scales them, docgen's documents make them equal
    document.save(str(path))
    context = {
        "rows": [
            {"group": "一组", "name": "张三", "n": 1, "color": "FF0000"},
            {"group": "一组", "name": "李四", "n": 2},
        ],
        "cols": ["春", "夏", "秋", "冬", "年"],
    }
    ours, theirs = rendered_both(path, context)
    assert table_shape(ours) == table_shape(theirs)
    assert lines(ours) == lines(theirs)
    assert [c.get(W + "w") for c in ours.tables[1]._tbl.tblGrid] == ["600", "1200", "3384", "1728", "1728"]


def test_comment_tags_remove_their_row_cell_and_paragraph(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["留下", "{#p 这一段不要 #}", [["甲", "{#tc 不要 #}", "丙"], ["{#tr 不要 #}"]]])
    ours, theirs = rendered_both(path, {})
    assert lines(ours) == lines(theirs) == ["留下", "甲", "丙"]
    assert table_shape(ours) == table_shape(theirs)


def test_layout_is_not_mended_in_templates_rendered_for_others(tmp_path: Path) -> None:
    texts = [f"{{{{ lead }}}}{'各' * n}" for n in (25, 26, 53)]  # one or two characters on the last line
    path = build(tmp_path / "t.docx", texts)
    own = docx.Document(io.BytesIO(CompiledTemplate(path, mend_layout=True).render({"lead": "一、"})))
    assert own.element.body.find(f".//{W}rPr/{W}spacing") is not None  # docgen's documents mend their widows
    template = docgen.DocxTemplate(str(path))
    template.render({"lead": "一、"})
    assert saved(template).element.body.find(f".//{W}rPr/{W}spacing") is None


def test_replace_pic_media_embedded_and_zipname_at_save(tmp_path: Path) -> None:
    old, new, other = logo_png(40, 20), logo_png(80, 40), b"embedded replacement"
    (tmp_path / "old.png").write_bytes(old)
    (tmp_path / "new.png").write_bytes(new)
    (tmp_path / "dummy.xlsx").write_bytes(b"a dummy embedding")
    (tmp_path / "real.xlsx").write_bytes(other)
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph().add_run().add_picture(str(tmp_path / "old.png"))
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(logo_png(41, 20)))
    document.save(tmp_path / "t.docx")
    with zipfile.ZipFile(tmp_path / "t.docx", "a") as package:
        package.writestr("word/embeddings/one.xlsx", b"a dummy embedding")
        package.writestr("word/embeddings/two.xlsx", b"kept as it is")
    template = docgen.DocxTemplate(str(tmp_path / "t.docx"))
    template.replace_pic("old.png", str(tmp_path / "new.png"))
    template.replace_media(io.BytesIO(logo_png(41, 20)), io.BytesIO(new))
    template.replace_embedded(str(tmp_path / "dummy.xlsx"), str(tmp_path / "real.xlsx"))
    template.replace_zipname("word/embeddings/two.xlsx", str(tmp_path / "real.xlsx"))
    template.render({"title": "标题"})
    with zipfile.ZipFile(io.BytesIO(saved_bytes(template))) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
        assert media == [new, new]  # the body's picture by name, the header's by its bytes
        assert package.read("word/embeddings/one.xlsx") == package.read("word/embeddings/two.xlsx") == other
    template.reset_replacements()
    template.replace_pic("no such picture", str(tmp_path / "new.png"))
    with pytest.raises(ValueError, match="Picture no such picture not found"):
        saved_bytes(template)
    template.allow_missing_pics = True
    assert saved_bytes(template)


def test_undeclared_variables_as_docxtpl_finds_them(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ a }}{% for t in items %}{{ t.x }}{% endfor %}", "{{p b }}"])
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "{{ h }}"
    document.sections[0].footer.paragraphs[0].text = "{{ f|default('') }}"
    document.save(str(path))
    ours, theirs = docgen.DocxTemplate(str(path)), docxtpl.DocxTemplate(str(path))
    assert ours.get_undeclared_template_variables() == theirs.get_undeclared_template_variables()
    assert ours.get_undeclared_template_variables() == {"a", "b", "items", "h", "f"}
    assert ours.get_undeclared_template_variables(context={"a": 1, "h": 2}) == {"b", "items", "f"}


def test_a_template_compiles_once_for_every_render_and_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(tmp_path / "t.docx", ["{{ name|shout }}"])
    compiles = []
    original = engine.DocxtplTemplate.__init__

    def counting(self: engine.DocxtplTemplate, *args: Any, **kwargs: Any) -> None:
        compiles.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(engine.DocxtplTemplate, "__init__", counting)

    def shout(value: str) -> str:
        return value + "!"

    texts = []
    for name in ("甲", "乙", "丙"):
        env = jinja2.Environment()  # a new environment each time, set up the same way
        env.filters["shout"] = shout
        template = docgen.DocxTemplate(str(path))
        for _ in range(2):
            template.render({"name": name}, jinja_env=env)
            texts += lines(saved(template))
    assert texts == ["甲!", "甲!", "乙!", "乙!", "丙!", "丙!"]
    assert len(compiles) == 1


def test_each_render_starts_from_the_template_and_the_result_is_a_python_docx_document(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ title }}"])
    template = docgen.DocxTemplate(str(path))
    assert lines(saved(template)) == ["{{ title }}"]  # saved before any render: the template itself
    template.render({"title": "第一份"})
    first = saved(template)
    template.render({"title": "第二份"})
    template.add_paragraph("追加的段落")  # python-docx's Document, as docxtpl hands it on
    assert lines(first) == ["第一份"]
    assert lines(saved(template)) == ["第二份", "追加的段落"]
    with pytest.raises(AttributeError, match="docgen's compiled engine"):
        _ = template.build_xml


def test_templates_and_documents_as_binary_files(tmp_path: Path) -> None:
    path = build(tmp_path / "t.docx", ["{{ title }}"])
    template = docgen.DocxTemplate(io.BytesIO(path.read_bytes()))
    template.render({"title": "来自内存"})
    data = saved_bytes(template)
    assert lines(docx.Document(io.BytesIO(data))) == ["来自内存"]
    etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))  # a well-formed part
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(saved_bytes(template)).hexdigest()
