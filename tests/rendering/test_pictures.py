"""Pictures from the plan placed by templates: ``{{ image(...) }}`` and ``{{ qr(...) }}`` in a real package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree
from PIL import Image

import docgen
from docgen.documents.pictures import picture_context
from docgen.errors import TemplateError
from docgen.inputs.pictures import qr_matrix, read_picture
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import file_content_key
from tests.support.pictures import WEBSITE, logo_png, picture_plan, picture_template

EMU_PER_MM = 36_000
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}Default"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY = ['校徽：{{ image("logo", width_mm=30) }}后文', "{{ image(images.site) }}", "扫码：{{ qr(letter.website) }}"]
FOOTER = '页脚 {{ image("logo", height_mm=8) }}'


@pytest.fixture
def rendered_letter(tmp_path: Path) -> Path:
    plan = picture_plan(tmp_path)
    picture_template(tmp_path / "templates" / "letter.docx", BODY, FOOTER)
    (written,) = docgen.render(plan, tmp_path / "out", only=["letter"])
    return written


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name))


def _drawings(root: etree._Element) -> list[tuple[int, int, str, int]]:
    """Each drawing's extent (EMU), the relationship it shows and its id, in document order."""
    found = []
    for inline in root.iter(WP + "inline"):
        extent = inline.find(WP + "extent")
        blip = next(inline.iter(A + "blip"))
        number = inline.find(WP + "docPr")
        assert extent is not None and number is not None
        found.append((int(extent.get("cx")), int(extent.get("cy")), blip.get(R + "embed"), int(number.get("id"))))
    return found


def _targets(package: zipfile.ZipFile, rels: str) -> dict[str, str]:
    return {r.get("Id"): r.get("Target") for r in _xml(package, rels).iter(REL) if r.get("Type", "").endswith("/image")}


def test_pictures_are_placed_at_their_size_with_relationships_in_the_part_that_shows_them(
    rendered_letter: Path,
) -> None:
    with zipfile.ZipFile(rendered_letter) as package:
        body = _drawings(_xml(package, "word/document.xml"))
        footer = _drawings(_xml(package, "word/footer1.xml"))
        body_targets = _targets(package, "word/_rels/document.xml.rels")
        footer_targets = _targets(package, "word/_rels/footer1.xml.rels")
        media = {name: package.read(name) for name in package.namelist() if name.startswith("word/media/")}
        types = {d.get("Extension"): d.get("ContentType") for d in _xml(package, "[Content_Types].xml").iter(CT)}
    (logo_cx, logo_cy, logo_rid, _), (site_cx, site_cy, site_rid, _), (qr_cx, _, qr_rid, _) = body
    assert (logo_cx, logo_cy) == (30 * EMU_PER_MM, 15 * EMU_PER_MM) == (1_080_000, 540_000)  # 30 mm, aspect 2:1
    assert site_cx == site_cy == 30 * EMU_PER_MM  # the plan's width_mm
    assert qr_cx == 25 * EMU_PER_MM  # a QR code's own width: 0.5 mm a module, at least 25 mm
    assert qr_rid == site_rid  # the same text, the same picture
    ((footer_cx, footer_cy, footer_rid, _),) = footer
    assert (footer_cx, footer_cy) == (16 * EMU_PER_MM, 8 * EMU_PER_MM)  # height given: the width follows
    logo_bytes = (rendered_letter.parent.parent / "images" / "校徽.png").read_bytes()
    assert media[f"word/{body_targets[logo_rid]}"] == logo_bytes  # an upright PNG is placed as it is
    assert body_targets[logo_rid] == footer_targets[footer_rid]  # two parts, one media part
    assert sorted(media) == sorted({f"word/{t}" for t in (*body_targets.values(), *footer_targets.values())})
    assert types["png"] == "image/png"
    ids = [number for *_, number in body + footer]
    assert len(set(ids)) == len(ids)  # drawing ids unique in the document


def test_python_docx_opens_the_document_and_finds_the_inline_pictures(rendered_letter: Path) -> None:
    shapes = docx.Document(str(rendered_letter)).inline_shapes
    assert len(shapes) == 3
    assert (shapes[0].width, shapes[0].height) == (1_080_000, 540_000)
    document = docx.Document(str(rendered_letter))
    assert document.paragraphs[0].text == "校徽：后文"  # the text around the picture stays


def test_the_qr_code_decodes_to_its_text_and_shows_the_modules_of_the_qr_encoder(rendered_letter: Path) -> None:
    with zipfile.ZipFile(rendered_letter) as package:
        rid = _drawings(_xml(package, "word/document.xml"))[1][2]
        data = package.read("word/" + _targets(package, "word/_rels/document.xml.rels")[rid])
    image = Image.open(io.BytesIO(data)).convert("L")
    matrix = qr_matrix(WEBSITE)
    box = image.width // len(matrix)
    assert image.width == image.height == box * len(matrix)
    shown = [
        [image.getpixel((x * box + box // 2, y * box + box // 2)) < 128 for x in range(len(matrix))]
        for y in range(len(matrix))
    ]
    assert shown == matrix
    zxingcpp = pytest.importorskip("zxingcpp")
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [WEBSITE]


def test_a_documents_content_key_counts_the_pictures_and_relationships_its_render_placed(tmp_path: Path) -> None:
    template = CompiledTemplate(picture_template(tmp_path / "t.docx", ["前{{ image('logo', width_mm=20) }}后"]))
    context = picture_context(docgen.load_plan(picture_plan(tmp_path)), tmp_path)
    members = template.render_members(context)
    written = tmp_path / "out.docx"
    written.write_bytes(template.render(context))
    with zipfile.ZipFile(written) as package:
        names = package.namelist()
    assert any(name.startswith("word/media/") for name in names)
    assert template.content_key(members) == file_content_key(written)
    plain = CompiledTemplate(picture_template(tmp_path / "u.docx", ["前后"]))
    assert plain.content_key(plain.render_members(context)) != file_content_key(written)


def test_a_paragraph_with_a_picture_gets_automatic_line_spacing_and_the_runs_keep_their_formatting(
    tmp_path: Path,
) -> None:
    template = picture_template(tmp_path / "t.docx", ["前{{ image('logo', width_mm=20) }}后"])
    document = docx.Document(str(template))
    run = document.paragraphs[0].runs[0]
    run.bold = True
    document.paragraphs[0].paragraph_format.line_spacing = docx.shared.Pt(28.95)  # exact, as GB/T templates
    document.save(str(template))
    context = picture_context(docgen.load_plan(picture_plan(tmp_path)), tmp_path)
    out = docx.Document(io.BytesIO(CompiledTemplate(template, mend_layout=True).render(context)))
    paragraph = out.paragraphs[0]
    spacing = paragraph._p.find(f"{W}pPr/{W}spacing")
    assert spacing is not None and spacing.get(W + "lineRule") == "auto"
    properties = [child.tag.split("}")[1] for child in paragraph._p.find(W + "pPr")]
    assert properties.index("snapToGrid") < properties.index("spacing")  # the schema's order
    assert [(r.text, r.bold) for r in paragraph.runs] == [("前", True), ("", True), ("后", True)]


def test_each_picture_is_read_once_per_process_while_its_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(logo_png())
    first = read_picture(path)
    assert read_picture(path) is first
    path.write_bytes(logo_png(300, 300))
    changed = read_picture(path)
    assert changed is not first and (changed.width, changed.height) == (300, 300)


def test_a_large_or_turned_photo_is_placed_upright_and_scaled(tmp_path: Path) -> None:
    photo = Image.new("RGB", (4000, 3000), (30, 160, 30))
    exif = photo.getexif()
    exif[0x0112] = 6  # stored sideways: turn 90° to show
    photo.save(tmp_path / "photo.jpg", exif=exif)
    placed = read_picture(tmp_path / "photo.jpg")
    assert (placed.width, placed.height) == (1800, 2400) and placed.extension == "jpeg"
    with Image.open(io.BytesIO(placed.data)) as reopened:
        assert reopened.size == (1800, 2400) and reopened.getexif().get(0x0112) in (None, 1)


def _render_error(template: Path, context: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(template).render(context)
    (problem,) = caught.value.problems
    return problem.code, problem.path, problem.params


def test_what_a_tag_cannot_place_is_an_error_at_the_tag(tmp_path: Path) -> None:
    plan = picture_plan(tmp_path)
    context = picture_context(docgen.load_plan(plan), tmp_path) | {"wide": 200, "word": "三十", "name": "lgo"}
    body = [
        "第一段",
        "{{ image(name) }}",
        "{{ image('logo', width_mm=wide) }}",
        "{{ image('logo', width_mm=word) }}",
        "{{ qr(123) }}",
        "{{ image('site', width_mm=5) }}",
        "{{ image('logo') }}",
    ]
    expected: list[tuple[str, dict[str, Any]]] = [
        ("template-image-unknown-suggest", {"name": "lgo", "suggestion": "logo"}),
        ("template-image-too-wide", {"width": "200", "limit": 156}),
        ("template-image-argument", {"name": "width_mm", "value": "'三十'"}),
        ("template-image-argument", {"name": "text", "value": "123"}),
        ("image-qr-too-small", {"modules": 33, "minimum": 10}),
    ]
    for number, (code, params) in enumerate(expected, 2):
        template = picture_template(tmp_path / f"t{number}.docx", [body[0], body[number - 1]])
        found, place, found_params = _render_error(template, context)
        assert (found, place) == (code, "body, paragraph 2")
        assert params.items() <= found_params.items()
    (tmp_path / "images" / "校徽.png").unlink()  # gone since the check
    template = picture_template(tmp_path / "gone.docx", [body[0], body[6]])
    code, place, params = _render_error(template, context)
    assert (code, place) == ("image-file-missing", "body, paragraph 2")
    assert params["picture"] == str(tmp_path / "images" / "校徽.png")


def test_a_template_places_no_file_the_plan_does_not_name(tmp_path: Path) -> None:
    context = picture_context(docgen.load_plan(picture_plan(tmp_path)), tmp_path)
    (tmp_path / "private.png").write_bytes(logo_png())
    tag = "{{ image({'file': '%s'}) }}" % (tmp_path / "private.png")
    made = picture_template(tmp_path / "made.docx", [tag])
    code, place, params = _render_error(made, context)
    assert (code, place, params["name"]) == ("template-image-argument", "body, paragraph 1", "ref")
    copied = picture_template(tmp_path / "copied.docx", ["{{ image(images.logo) }}", "{{ image(dict(images.logo)) }}"])
    with zipfile.ZipFile(io.BytesIO(CompiledTemplate(copied).render(context))) as package:
        assert len([name for name in package.namelist() if name.startswith("word/media/")]) == 1


def test_a_picture_in_the_document_properties_is_refused_at_the_property(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "{{ qr('x') }}"
    document.save(str(tmp_path / "t.docx"))
    code, place, _ = _render_error(tmp_path / "t.docx", {})
    assert (code, place) == ("template-image-place", "document properties, title")


def test_the_template_check_finds_picture_names_and_sizes_before_rendering(tmp_path: Path) -> None:
    context = picture_context(docgen.load_plan(picture_plan(tmp_path)), tmp_path)
    body = [
        "{{ image('lgo') }}",
        "{{ image('nothing') }}",
        "{{ image('logo', width_mm=300) }}",
        "{{ qr('x', width_mm=0) }}",
    ]
    template = picture_template(tmp_path / "t.docx", [*body, "{{ image(images.logo, width_mm=20) }}"])
    problems = docgen.check_template(template, context)
    assert [(p.code, p.path) for p in problems] == [
        ("template-image-unknown-suggest", "body, paragraph 1"),
        ("template-image-unknown", "body, paragraph 2"),
        ("template-image-too-wide", "body, paragraph 3"),
        ("template-image-argument", "body, paragraph 4"),
    ]
    assert problems[1].params["known"] == "logo, site"
    assert docgen.check_template(template, {"title": "x"})[0].code == "template-image-unknown"  # no pictures given


def test_a_template_made_from_a_rendered_document_keeps_its_pictures_and_gets_new_ones_beside_them(
    rendered_letter: Path, tmp_path: Path
) -> None:
    """Relationship ids, media names and drawing ids a template already uses are not used again."""
    with zipfile.ZipFile(rendered_letter) as package:
        parts = {info: package.read(info) for info in package.infolist()}
    again = tmp_path / "again.docx"
    with zipfile.ZipFile(again, "w") as package:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"\xe5\x90\x8e\xe6\x96\x87", b"{{ image('site', width_mm=40) }}{{ image('logo', width_mm=10) }}"
                )  # 后文
            package.writestr(info, data)
    context = picture_context(docgen.load_plan(tmp_path / "plan.yaml"), tmp_path)
    with zipfile.ZipFile(io.BytesIO(CompiledTemplate(again).render(context))) as package:
        drawings = _drawings(_xml(package, "word/document.xml"))
        targets = _targets(package, "word/_rels/document.xml.rels")
        names = package.namelist()
    assert len(drawings) == 5 and len({number for *_, number in drawings}) == 5
    assert [rid for _, _, rid, _ in drawings[1:3]] == ["rIdDocgenPicture3", "rIdDocgenPicture4"]  # 1 and 2 were taken
    assert len(targets) == 4 and len(set(targets.values())) == 2  # the new relationships show the old media parts
    assert len(names) == len(set(names))


def test_a_parallel_render_places_the_same_pictures(tmp_path: Path) -> None:
    plan = picture_plan(tmp_path)
    picture_template(tmp_path / "templates" / "task-sheet.docx", ["{{ unit }}"], '{{ image("logo", height_mm=8) }}')
    alone = docgen.render(plan, tmp_path / "one", only=["task-sheet"], jobs=1)
    together = docgen.render(plan, tmp_path / "two", only=["task-sheet"], jobs=2)
    assert len(alone) > 8  # more than one run of documents, so the second process renders some
    for one, two in zip(alone, together, strict=True):
        assert one.read_bytes() == two.read_bytes()
        with zipfile.ZipFile(two) as package:
            assert len(_targets(package, "word/_rels/footer1.xml.rels")) == 1
