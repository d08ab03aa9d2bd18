"""Hostile templates: what render refuses, check --templates refuses too; fields that fetch; 0×0 pictures.

Each shape is the shipped notice template with one thing added, as issue 34 found them: a linked
picture and an attached template (external relationships), INCLUDETEXT "/etc/passwd" and
INCLUDEPICTURE "http://…" fields (simple, complex, nested), and ``image(width_mm=1e-300)``.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import docgen
from docgen.cli import main
from docgen.rendering.active_content import fetching_fields
from docgen.rendering.template_check import check_template
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY_END = b"<w:sectPr"
EXTERNAL_IMAGE = (
    b'<Relationship Id="rIdX" TargetMode="External" Target="http://127.0.0.1:9/x.png"'
    b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
)
ATTACHED = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rIdT" TargetMode="External" Target="file:///C:/evil/Normal.dotm"'
    b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"/></Relationships>'
)


def complex_field(instruction: str) -> bytes:
    """A field as Word saves it: begin, the instruction split over two runs, separate, a result, end."""
    half = len(instruction) // 2
    runs = [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve">{instruction[:half]}</w:instrText></w:r>',
        f'<w:r><w:instrText xml:space="preserve">{instruction[half:]}</w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>旧的结果</w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    return f"<w:p>{''.join(runs)}</w:p>".encode()


def template_with(tmp_path: Path, *, document: bytes = b"", parts: dict[str, bytes] | None = None) -> Path:
    """The shipped templates, notice.docx with ``document`` XML put before the body's section and ``parts`` added."""
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    path = folder / "notice.docx"
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    if document:
        xml = members["word/document.xml"]
        at = xml.rindex(BODY_END)  # the body's own section, its last child
        members["word/document.xml"] = xml[:at] + document + xml[at:]
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return folder


def check_templates(folder: Path) -> Result:
    return CliRunner().invoke(main, ["check", str(SHIPPED_PLAN), "--templates", str(folder)])


HOSTILE = {
    "includetext": ({"document": complex_field(' INCLUDETEXT "/etc/passwd" ')}, 'INCLUDETEXT field ("/etc/passwd")'),
    "includepicture": (
        {"document": b"<w:p><w:fldSimple w:instr=' INCLUDEPICTURE \"http://127.0.0.1:9/p.png\" \\d '/></w:p>"},
        'INCLUDEPICTURE field ("http://127.0.0.1:9/p.png" \\d)',
    ),
    "dde": ({"document": complex_field(' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" ')}, "DDEAUTO field"),
    "link": ({"document": complex_field(' LINK Excel.Sheet.8 "C:\\\\data.xls" ')}, "LINK field"),
    "external-image": (
        {"edit": (b"</Relationships>", EXTERNAL_IMAGE)},
        "links to an outside resource (image: http://127.0.0.1:9/x.png)",
    ),
    "attached-template": (
        {"parts": {"word/_rels/settings.xml.rels": ATTACHED}},
        "links to an outside resource (attachedTemplate: file:///C:/evil/Normal.dotm)",
    ),
}


def _hostile(tmp_path: Path, shape: str) -> Path:
    given = HOSTILE[shape][0]
    if "edit" in given:
        folder = template_with(tmp_path)
        path = folder / "notice.docx"
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        old, new = given["edit"]  # type: ignore[misc]
        members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(old, new, 1)
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return folder
    return template_with(tmp_path, **given)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_check_templates_refuses_what_render_refuses(tmp_path: Path, shape: str) -> None:
    folder = _hostile(tmp_path, shape)
    checked = check_templates(folder)
    assert checked.exit_code == 1, checked.output
    assert f"{folder / 'notice.docx'}: " in checked.stderr and HOSTILE[shape][1] in checked.stderr, checked.stderr
    with pytest.raises(docgen.TemplateError) as caught:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    assert HOSTILE[shape][1] in str(caught.value)
    assert not (tmp_path / "out").exists()  # no output carries the field or the link


def test_a_field_inside_another_and_harmless_fields_are_told_apart() -> None:
    page = complex_field(" PAGE ").decode()
    nested = (
        complex_field(' IF 1 = 1 "x" "y" ')
        .decode()
        .replace(
            '<w:r><w:fldChar w:fldCharType="separate"/>',
            complex_field(' INCLUDETEXT "C:\\\\secret.txt" ').decode()[5:-6]
            + '<w:r><w:fldChar w:fldCharType="separate"/>',
            1,
        )
    )
    hyperlink = "<w:p><w:fldSimple w:instr=' HYPERLINK \"https://example.com\" '/></w:p>"
    xml = f"<w:document {W_NS}><w:body>{page}{nested}{hyperlink}</w:body></w:document>".encode()
    assert fetching_fields(xml) == [("INCLUDETEXT", '"C:\\\\secret.txt"')]


def test_the_shipped_templates_hold_no_fetching_field() -> None:
    for template in sorted(SHIPPED_TEMPLATES.glob("*.docx")):
        with zipfile.ZipFile(template) as archive:
            assert not [n for n in archive.namelist() if n.endswith(".xml") and fetching_fields(archive.read(n))]


@pytest.mark.parametrize("value", ["1e-300", "0.5", "0.0"])
def test_a_picture_narrower_than_a_millimetre_is_refused_by_check_and_render(tmp_path: Path, value: str) -> None:
    tag = f'<w:p><w:r><w:t xml:space="preserve">{{{{ image("logo", width_mm={value}) }}}}</w:t></w:r></w:p>'
    folder = template_with(tmp_path, document=tag.encode())
    codes = [p.code for p in check_template(folder / "notice.docx") if p.code.startswith("template-image")]
    assert codes == ["template-image-too-small" if value != "0.0" else "template-image-argument"], codes
    with pytest.raises(docgen.TemplateError) as caught:  # the render, as a person runs it without check
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=folder)
    assert "less than 1 mm: no picture on paper" in str(caught.value) or value == "0.0", str(caught.value)
    assert not (tmp_path / "out").exists()


def test_a_plans_picture_width_below_a_millimetre_is_refused(tmp_path: Path) -> None:
    from docgen.plan.files import check_plan

    plan = tmp_path / "plan.yaml"
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    plan.write_text(text + "\nimages:\n  logo:\n    qr: https://example.com\n    width_mm: 1e-300\n", encoding="utf-8")
    report = check_plan(plan)
    assert any(p.path == "images.logo.width_mm" and "at least 1" in str(p) for p in report.problems), report.problems
