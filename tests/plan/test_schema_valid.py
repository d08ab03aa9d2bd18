"""Every template and every kind of output is valid WordprocessingML (what Word insists on).

The ECMA-376 transitional schemas live outside the project, in ../shared/ooxml-xsd/ (see its
README); the tests skip where that folder is absent. Markup compatibility is applied first
(as Word does), and wml.xsd's location-less import of the xml namespace is pointed at xml.xsd.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from docgen.documents.adjustments import Adjustment, apply_adjustments, blocks_of
from docgen.documents.batch import render
from tests.support.paths import ROOT, SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.pictures import picture_plan
from tests.support.plans import issuing_plan

XSD = ROOT.parent / "shared" / "ooxml-xsd"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PARTS = re.compile(r"^word/(document|styles|settings|fontTable|numbering|header\d*|footer\d*)\.xml$")


class _PatchedSchemas(etree.Resolver):
    """Serves the schema files with the xml namespace import given a location."""

    def resolve(self, url: str, pubid: str, context: object) -> object:
        path = Path(url.removeprefix("file://"))
        if path.parent == XSD and path.suffix == ".xsd":
            return self.resolve_string(_patched(path), context, base_url=str(path))
        return None


def _patched(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8")
    located = f'namespace="{XML_NS}" schemaLocation="{(XSD / "xml.xsd").as_uri()}"/>'
    return text.replace(f'namespace="{XML_NS}"/>', located).encode("utf-8")


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    if not (XSD / "wml.xsd").exists():
        pytest.skip(f"the ECMA-376 schemas are not here ({XSD}): ../shared exists only in the docgen workplace")
    parser = etree.XMLParser()
    parser.resolvers.add(_PatchedSchemas())
    root = etree.fromstring(_patched(XSD / "wml.xsd"), parser, base_url=str(XSD / "wml.xsd"))
    return etree.XMLSchema(etree.ElementTree(root))


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    render(SHIPPED_PLAN, out)
    return out


def compatible(root: etree._Element) -> etree._Element:
    """Markup compatibility as Word applies it: ignorable namespaces dropped, Fallback chosen."""
    ignorable = {root.nsmap.get(p) for p in (root.get(f"{{{MC_NS}}}Ignorable") or "").split()}
    for alternate in root.iter(f"{{{MC_NS}}}AlternateContent"):
        fallback = alternate.find(f"{{{MC_NS}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        parent.remove(alternate)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {MC_NS}:
                del element.attrib[name]
    return root


def parts(docx: Path) -> Iterator[tuple[str, etree._Element]]:
    with zipfile.ZipFile(docx) as archive:
        for name in archive.namelist():
            if PARTS.match(name):
                yield name, compatible(etree.fromstring(archive.read(name)))


def invalid(schema: etree.XMLSchema, docx: Path) -> list[str]:
    errors = []
    for name, root in parts(docx):
        if not schema.validate(root):
            errors += [f"{docx.name}:{name}:{e.line}: {e.message}" for e in list(schema.error_log)[:3]]
    return errors


@pytest.mark.parametrize("template", sorted((SHIPPED_TEMPLATES).glob("*.docx")), ids=lambda p: p.name)
def test_template_is_valid(schema: etree.XMLSchema, template: Path) -> None:
    assert invalid(schema, template) == []


def test_every_output_is_valid(schema: etree.XMLSchema, rendered: Path) -> None:
    outputs = sorted(rendered.rglob("*.docx"))
    assert len(outputs) == 37
    checked = {name for docx in outputs[:1] for name, _ in parts(docx)}
    assert {"word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"} <= checked
    assert [e for docx in outputs for e in invalid(schema, docx)] == []


def test_markup_compatibility_is_applied(schema: etree.XMLSchema) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    xml = (
        f'<w:document xmlns:w="{w}" xmlns:mc="{MC_NS}" xmlns:w14="{w14}" mc:Ignorable="w14"><w:body>'
        '<w:p w14:paraId="1A2B3C4D"><w:r><mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice>'
        "<mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>"
    )
    root = etree.fromstring(xml.encode())
    assert not schema.validate(etree.fromstring(xml.encode()))
    assert schema.validate(compatible(root)), schema.error_log


def test_committed_templates_match_the_builder() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from build_templates import build_all
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for name, data in build_all().items():
        assert (SHIPPED_TEMPLATES / name).read_bytes() == data, f"run 'python scripts/build_templates.py' ({name})"


# a wording of two paragraphs (the sample block gives the signer): every optional part of the template in use
ISSUING_EXTRAS = "  wording: |-\n    第一段。\n\n    第二段。\n"


@pytest.mark.parametrize("head", ["plain", "red", "preprinted"])
def test_the_issuing_notice_is_valid_in_every_mode(schema: etree.XMLSchema, tmp_path: Path, head: str) -> None:
    paths = render(issuing_plan(tmp_path, head, extra=ISSUING_EXTRAS), tmp_path / "out", only=["issuing-notice"])
    assert len(paths) == 1
    assert invalid(schema, paths[0]) == []
    # and so is what the layout pass makes of it: exact lines off the grid, paragraphs kept together
    last = len(blocks_of(paths[0])) - 1
    adjustments = [Adjustment("line", 6, 20, 520), Adjustment("gap", 0, last, 400), Adjustment("keep", 0, last)]
    assert apply_adjustments(paths[0], adjustments)
    assert invalid(schema, paths[0]) == []


def test_a_document_with_pictures_in_the_body_and_a_footer_is_valid(schema: etree.XMLSchema, tmp_path: Path) -> None:
    """The drawings, and the spacing and formatting their paragraphs and runs get, are where Word wants them."""
    plan = picture_plan(tmp_path)
    template = tmp_path / "templates" / "letter.docx"
    template.parent.mkdir()
    with zipfile.ZipFile(SHIPPED_TEMPLATES / "letter.docx") as source:
        parts = {info: source.read(info) for info in source.infolist()}
    edits = {
        "word/document.xml": ("{{ letter.title }}", "{{ image('logo', width_mm=20) }}{{ letter.title }}{{ qr('x') }}"),
        "word/footer1.xml": (">— </w:t>", ">{{ image(images.logo, height_mm=6) }}— </w:t>"),
    }
    with zipfile.ZipFile(template, "w") as target:
        for info, data in parts.items():
            if info.filename in edits:
                old, new = edits[info.filename]
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            target.writestr(info, data)
    (path,) = render(plan, tmp_path / "out", only=["letter"])
    with zipfile.ZipFile(path) as package:
        assert len([n for n in package.namelist() if n.startswith("word/media/")]) == 2
    assert invalid(schema, path) == []
