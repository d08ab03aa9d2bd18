"""docgen's own patch of a part's XML gives what docxtpl's ``patch_xml`` gives, part by part and case by case."""

from __future__ import annotations

import zipfile

import pytest
from docxtpl import DocxTemplate

from docgen.rendering.docx_patch import patch_xml
from tests.support.paths import SHIPPED_TEMPLATES, TEMPLATE_NAMES

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docxtpl_patch(xml: str) -> str:
    result: str = DocxTemplate.patch_xml(None, xml)  # a pure function of the text: no instance state
    return result


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}<w:t>{text}</w:t></w:r>"


def para(*runs: str) -> str:
    return "<w:p><w:pPr><w:jc w:val='center'/></w:pPr>" + "".join(runs) + "</w:p>"


def cell(body: str, props: str = '<w:tcW w:w="100" w:type="dxa"/>') -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def table(*cells: str) -> str:
    return "<w:tbl><w:tr>" + "".join(cells) + "</w:tr></w:tbl>"


SPAN2, SPAN3, SHADED = '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="3"/>', '<w:shd w:fill="FF0000"/>'


def body(*blocks: str) -> str:
    return f"<w:document {W}><w:body>" + "".join(blocks) + "</w:body></w:document>"


CASES = {
    "plain": body(para(run("{{ name }}"))),
    "split braces": body(para(run("{"), "<w:proofErr/>", run("{ name }"), run("}"), "<w:bookmarkEnd/>", run("}"))),
    "tag over runs": body(para(run("{{ na"), run("me | upper", bold=True), run(" }}"))),
    "tag over paragraphs": body(para(run("{% if a")), para(run(" %}x{% endif %}"))),
    "statement and comment": body(para(run("{# note #}{% for x in xs %}{{ x }}{% endfor %}"))),
    "colspan": body(table(cell(para(run("{% colspan n %}")), SPAN2))),
    "cellbg": body(table(cell(para(run("a{% cellbg color %}")), SHADED))),
    "space kept": body(para(run("  lead {{ v }} trail  "))),
    "run tag": body(para(run("before {{r rich }} after", bold=True))),
    "run statement": body(para(run("a {%r if x %}b{%r endif %} c"))),
    "trim before": body(para(run("first")), para(run("abc {%- if x %}yes{% endif %} def"))),
    "trim after": body(para(run("{% if x -%}")), para(run("then"))),
    "paragraph tags": body(para(run("lost {%p if x %} lost")), para(run("kept")), para(run("{%p endif %}"))),
    "row tags": body(
        "<w:tbl>"
        + f"<w:tr>{cell(para(run('{%tr for r in rows %}')))}</w:tr>"
        + f"<w:tr>{cell(para(run('{{ r.a }}')))}{cell(para(run('{{ r.b }}')))}</w:tr>"
        + f"<w:tr>{cell(para(run('{%tr endfor %}')))}</w:tr>"
        + "</w:tbl>"
    ),
    "cell tags": body(
        "<w:tbl><w:tr>"
        + cell(para(run("{%tc for c in cols %}")))
        + cell(para(run("{{ c }}")))
        + cell(para(run("{%tc endfor %}")))
        + "</w:tr></w:tbl>"
    ),
    "paragraph value": body(para(run("{{p subdoc }}"))),
    "comments": body(para(run("{#p gone #}")), table(cell(para(run("{#tc gone #}"))))),
    "vertical merge": body(table(cell(para(run("{% vm %}{{ category }}"))))),
    "horizontal merge, no span": body(table(cell(para(run("{% hm %}{{ h }}"))))),
    "horizontal merge, span": body(table(cell(para(run("{% hm %}{{ h }}")), SPAN3))),
    "quotes and escapes": body(para(run("{{ “a” ~ ‘b’ if 1 &lt; 2 &gt; 0 else &#8216;c&#8216; }}"))),
    "quotes over lines": body(para(run("{{ 'a'\n ~ “b” }}"))),
    "literal braces": body(para(run("{_{ not a tag }_} {_% nor %_}"))),
    "no tags": body(para(run("nothing to do here: { and } alone"))),
    "unclosed": body(para(run("{{ never closed"))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_as_docxtpl(name: str) -> None:
    xml = CASES[name]
    assert patch_xml(xml) == docxtpl_patch(xml)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_every_part_of_the_shipped_templates_as_docxtpl(template: str) -> None:
    with zipfile.ZipFile(SHIPPED_TEMPLATES / template) as package:
        parts = [n for n in package.namelist() if n.endswith(".xml")]
        texts = [package.read(n).decode("utf-8") for n in parts]
    changed = 0
    for name, text in zip(parts, texts, strict=True):
        patched = patch_xml(text)
        assert patched == docxtpl_patch(text), name
        changed += patched != text
    assert changed, "the template has tags that the patch changes"


def test_the_cases_are_changed_by_the_patch() -> None:
    """The cases exercise the patch: all but the tagless ones come out different."""
    unchanged = {name for name, xml in CASES.items() if patch_xml(xml) == xml}
    assert unchanged <= {"no tags", "plain", "unclosed", "literal braces"}
