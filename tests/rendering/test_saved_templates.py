"""Templates as any office suite saves them: LibreOffice's &quot; and &apos;, every suite's &amp;, python-docx.

docgen's own templates go through LibreOffice (opened and saved as .docx, as a teacher editing
them in LibreOffice Writer leaves them) and through python-docx; each copy must pass the
check and render the same text as the template it came from.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from docgen.office.convert import convert_documents, convert_to_pdf
from docgen.rendering.patching import patch_part
from docgen.rendering.tags import jinja_tag
from docgen.rendering.template_check import check_template
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import lines
from tests.support.office import require_office_tools
from tests.support.paths import SHIPPED_TEMPLATES, TEMPLATE_NAMES
from tests.support.pdf_reading import page_count
from tests.support.template_contexts import TemplateContexts, shipped_contexts
from tests.support.template_docs import build, part_text

DOCUMENT = "word/document.xml"


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory) -> TemplateContexts:
    return shipped_contexts(tmp_path_factory.mktemp("contexts"))


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped template opened and saved as .docx by LibreOffice Writer (one run for all)."""
    require_office_tools(("soffice",))
    folder = tmp_path_factory.mktemp("libreoffice")
    convert_documents([SHIPPED_TEMPLATES / name for name in TEMPLATE_NAMES], folder, to="docx")
    return folder


def rendered(template: Path, contexts: TemplateContexts) -> tuple[list[str], list[str]]:
    """The body's text (paragraph by paragraph, cell by cell) and its sections' orientations, as rendered."""
    context = contexts.context(template.name)
    data = CompiledTemplate(template).render(context, contexts.pictures.get(template.name, ()))
    document = docx.Document(io.BytesIO(data))
    return lines(document), [str(section.orientation) for section in document.sections]


@pytest.mark.office
def test_libreoffice_writes_quotes_in_tags_as_references(saved_by_libreoffice: Path) -> None:
    # what made LibreOffice's copies fail before: the test holds only while LibreOffice still does it
    assert "{%p if block.kind == &quot;h1&quot; %}" in part_text(saved_by_libreoffice / "notice.docx")


@pytest.mark.office
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_a_template_saved_by_libreoffice_passes_the_check_and_renders_the_same_text(
    name: str, saved_by_libreoffice: Path, contexts: TemplateContexts
) -> None:
    saved = saved_by_libreoffice / name
    assert [p for p in check_template(saved, contexts.contexts(name)) if p.is_error] == []
    # the same text, and the same sections: LibreOffice puts a section break into a {%p endfor %} paragraph
    assert rendered(saved, contexts) == rendered(SHIPPED_TEMPLATES / name, contexts)


@pytest.mark.office
def test_documents_from_libreoffices_copies_print_on_the_same_pages(
    saved_by_libreoffice: Path, contexts: TemplateContexts, tmp_path: Path
) -> None:
    # LibreOffice moves a page break and a section break into {%p paragraphs, which docxtpl drops:
    # the breaks are kept, so that each document has the pages the original template gives it
    require_office_tools()
    documents = []
    for name in TEMPLATE_NAMES:
        for origin, template in (("shipped", SHIPPED_TEMPLATES / name), ("libreoffice", saved_by_libreoffice / name)):
            data = CompiledTemplate(template).render(contexts.context(name), contexts.pictures.get(name, ()))
            documents.append(tmp_path / origin / name)
            documents[-1].parent.mkdir(exist_ok=True)
            documents[-1].write_bytes(data)
    pdfs = convert_to_pdf(documents, processes=2)
    pages = {pdf.parent.name + "/" + pdf.stem: page_count(pdf) for pdf in pdfs}
    assert {name: pages["libreoffice/" + Path(name).stem] for name in TEMPLATE_NAMES} == {
        name: pages["shipped/" + Path(name).stem] for name in TEMPLATE_NAMES
    }


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_a_template_saved_by_python_docx_renders_the_same_text(
    name: str, contexts: TemplateContexts, tmp_path: Path
) -> None:
    saved = tmp_path / name
    docx.Document(str(SHIPPED_TEMPLATES / name)).save(str(saved))
    assert check_template(saved, contexts.contexts(name)) == []
    assert rendered(saved, contexts) == rendered(SHIPPED_TEMPLATES / name, contexts)


def _with_references(path: Path, replace: dict[str, str]) -> Path:
    """The template with parts of its tags' text written as XML references, as some suites save them."""
    xml = part_text(path)
    for old, new in replace.items():
        assert old in xml, old
        xml = xml.replace(old, new)
    _write_part(path, xml)
    return path


def test_any_reference_in_a_tag_reads_as_the_character_it_stands_for(tmp_path: Path) -> None:
    template = build(
        tmp_path / "t.docx",
        [
            '{% if kind == "h1" %}标题{% endif %}',
            "{% if kind == 'h2' %}二级{% endif %}",
            "{% if kind == QUOTED %}引号{% endif %}",
            "{% if 2 > 1 %}大于{% endif %}",
        ],
    )
    _with_references(
        template,
        {
            '"h1"': "&quot;h1&quot;",  # LibreOffice
            "'h2'": "&apos;h2&#39;",  # LibreOffice, and a decimal reference
            "QUOTED": "&#x201C;h1&#x201D;",  # Word's autocorrect quotes, written as hexadecimal references
            "2 &gt; 1": "2 &#62; 1",
        },
    )
    assert "&quot;h1&quot;" in part_text(template)
    for kind, wanted in (("h1", ["标题", "", "引号", "大于"]), ("h2", ["", "二级", "", "大于"])):
        assert lines(docx.Document(io.BytesIO(CompiledTemplate(template).render({"kind": kind})))) == wanted
    assert check_template(template, {"kind": "h1"}) == []


def test_a_string_literal_prints_what_it_says(tmp_path: Path) -> None:
    template = build(tmp_path / "t.docx", ['{{ nothing | default("R&D <研发>") }}', "{{ '&' ~ unit }}"])
    data = CompiledTemplate(template).render({"unit": "教务处"})
    assert lines(docx.Document(io.BytesIO(data))) == ["R&D <研发>", "&教务处"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(DOCUMENT).decode("utf-8")
    assert "R&amp;D &lt;研发&gt;" in xml  # escaped once, as XML wants it


def test_a_literal_stays_escaped_where_the_output_is_not(tmp_path: Path) -> None:
    assert jinja_tag("{{ x | default(&quot;R&amp;D&quot;) }}") == '{{ x | default("R&D") }}'
    assert jinja_tag("{{ x | default(&quot;R&amp;D&quot;) }}", escape_literals=True) == '{{ x | default("R&amp;D") }}'
    assert jinja_tag("{% if a &lt; b %}", escape_literals=True) == "{% if a < b %}"
    xml = part_text(build(tmp_path / "t.docx", ['{{ x | default("R&D") }}']))
    assert re.search(r'default\("R&amp;D"\)', patch_part(xml, None, autoescape=False).source)
    assert re.search(r'default\("R&D"\)', patch_part(xml, None).source)


def test_breaks_saved_in_a_tag_paragraph_stay_where_they_were(tmp_path: Path) -> None:
    # as LibreOffice saves "page break before" and a section's end: in the paragraph before
    template = build(
        tmp_path / "t.docx",
        ["{%p if show %}", "第一页", "{%p endif %}", "第二页", "{%p if show %}", "横排", "{%p endif %}", "尾页"],
    )
    xml = part_text(template)
    first_end = xml.index("{%p endif %}")
    xml = xml[:first_end] + '</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>' + xml[first_end:]
    landscape = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    second_end = xml.rindex("<w:p>", 0, xml.rindex("{%p endif %}"))
    xml = xml[:second_end] + "<w:p><w:pPr>" + landscape + "</w:pPr>" + xml[second_end + len("<w:p>") :]
    _write_part(template, xml)
    assert "landscape" in patch_part(xml, None).source
    assert "landscape" not in patch_part(xml, None, keep_breaks=False).source  # as docxtpl has it
    for show in (True, False):
        document = docx.Document(io.BytesIO(CompiledTemplate(template).render({"show": show})))
        texts = lines(document)
        assert texts == (["第一页", "第二页", "横排", "", "尾页"] if show else ["第二页", "", "尾页"])
        second = next(p for p in document.paragraphs if p.text == "第二页")
        assert second.paragraph_format.page_break_before  # the break before 第二页 whatever the if did
        assert [str(s.orientation) for s in document.sections] == ["LANDSCAPE (1)", "PORTRAIT (0)"]


def _write_part(path: Path, xml: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[DOCUMENT] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
