"""A rendered part is checked by expat, without a tree: never passed where lxml (and Word after it) would refuse it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import docgen
from docgen.rendering.wordml import surely_well_formed, xml_parser
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_TEMPLATES

BODY = zipfile.ZipFile(SHIPPED_TEMPLATES / "task-sheet.docx").read("word/document.xml")[:6000]
PIECES = ["<", ">", "&", "&amp;", "&foo;", '"', "'", "/", ":", "=", "w:", "x:", "<w:p>", "</w:p>", "<x:y/>",
          'xmlns:w=""', 'w:val="1"', "\x01", "\ufffe", "<!DOCTYPE a>", "<![CDATA[", "]]>", "<!--", "-->", "<?pi?>",
          "中", " "]  # fmt: skip


def _lxml_reads(xml: bytes) -> bool:
    try:
        etree.fromstring(xml, xml_parser())
    except etree.XMLSyntaxError:
        return False
    return True


@settings(max_examples=300 if PROFILE == "ci" else 3000)
@given(st.data())
def test_what_expat_passes_lxml_reads(data: st.DataObject) -> None:
    text = BODY.decode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + data.draw(st.sampled_from(["", *PIECES])) + text[end:]
    xml = text.encode("utf-8", "surrogatepass")
    if surely_well_formed(xml):
        assert _lxml_reads(xml)


@pytest.mark.parametrize(
    "xml",
    [b"<a><b></a>", b"<a><w:p/></a>", b"<a>\x01</a>", b"<a>&foo;</a>", b'<a x="1" x="2"/>', b"<a/><b/>",
     b'<a xmlns:w="u" xmlns:v="u"><w:p w:x="1" v:x="2"/></a>', b'<a xmlns:w=""/>',
     b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ids=["mismatch", "undeclared-prefix", "control", "entity", "attribute-twice", "two-roots", "same-name-twice",
         "undeclared-prefix-declaration", "doctype"],
)  # fmt: skip
def test_parts_expat_does_not_pass_are_lxmls_to_judge(xml: bytes) -> None:
    assert not surely_well_formed(xml)
    assert surely_well_formed(b'<a xmlns:w="u"><w:p w:x="1">&amp;&#20013;<![CDATA[<]]></w:p></a>')


def test_a_value_that_breaks_the_xml_is_still_refused_with_lxmls_words(tmp_path: Path) -> None:
    made = Document()
    made.add_paragraph("单位：{{ name }}")
    made.save(tmp_path / "t.docx")
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.DocxTemplate(str(tmp_path / "t.docx")).render({"name": "<w:p>"})
    assert caught.value.problems[0].code == "docxtpl-bad-xml"
    assert "Opening and ending tag mismatch" in str(caught.value.problems[0].params.get("detail", ""))
