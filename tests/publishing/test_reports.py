"""Reading what a unit sends for a week: Word (as Word and WPS save it), pictures, a PDF, a video; hostile files."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from docgen.collecting.pictures import scale_picture
from docgen.collecting.reports import caption_of_file, read_material
from docgen.errors import FormError, Severity
from tests.support.pictures import png_claiming
from tests.support.report_samples import ACADEMIC_TEXT, PDF_TEXT, photo, png, text_pdf, word_report, wps_report

DAY = dt.date(2019, 5, 6)


def test_a_word_report_gives_its_title_text_headings_and_captioned_pictures(tmp_path: Path) -> None:
    sideways = photo(400, 300, (30, 160, 30), orientation=6)
    path = word_report(
        tmp_path / "教务处.docx",
        DAY,
        "教务处",
        "教务处开展技能大赛赛场开放活动",
        [ACADEMIC_TEXT, "活动共接待家长和学生150余人。"],
        [(photo(400, 300, (200, 30, 30)), "图1 护理技能比赛现场"), (sideways, "图2 家长观摩")],
    )
    material = read_material([path])
    assert material.titles == ["教务处开展技能大赛赛场开放活动"]
    assert [p.text for p in material.paragraphs] == [ACADEMIC_TEXT, "活动共接待家长和学生150余人。", "活动照片"]
    assert [p.heading for p in material.paragraphs] == [False, False, True]  # 上报部门：教务处 is left out
    assert [p.caption for p in material.pictures] == ["图1 护理技能比赛现场", "图2 家长观摩"]
    assert material.pictures[1].data == sideways  # kept as sent; turned upright only when placed
    assert material.word_reports == 1 and material.problems == []


def test_a_report_as_wps_saves_it_vml_picture_caption_by_style_name_no_fetching(tmp_path: Path) -> None:
    material = read_material([wps_report(tmp_path / "图书馆.docx", DAY)])
    assert material.titles == ["图书馆举办“职教好声音”读书分享会"]  # style id "2" named "heading 1"
    assert [p.text for p in material.paragraphs] == ["5月6日，图书馆举办读书分享会，80余名学生参加。"]
    assert [(p.name, p.caption) for p in material.pictures] == [("image1.png", "图1 读书分享会现场")]
    # the picture linked from the web (TargetMode="External") is neither fetched nor listed


def test_pictures_pdf_and_video_beside_the_report(tmp_path: Path) -> None:
    (tmp_path / "0501 团委-升旗仪式.jpg").write_bytes(photo(64, 48, (1, 2, 3)))
    (tmp_path / "IMG_2034.png").write_bytes(png(20, 10))
    (tmp_path / "开幕式.mp4").write_bytes(b"\x00" * 5000)
    (tmp_path / "简报.pdf").write_bytes(text_pdf(PDF_TEXT))
    (tmp_path / "材料.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    material = read_material(sorted(tmp_path.iterdir()))
    assert [(p.name, p.caption) for p in material.pictures] == [
        ("0501 团委-升旗仪式.jpg", "团委-升旗仪式"),  # the date is not a caption
        ("IMG_2034.png", ""),  # a camera's name is not a caption
    ]
    assert [(v.name, v.size) for v in material.videos] == [("开幕式.mp4", 5000)]
    assert [o.name for o in material.others] == ["材料.zip"]
    if shutil.which("pdftotext"):
        assert [p.text for p in material.paragraphs] == [PDF_TEXT]
    else:
        assert "简报.pdf" in [o.name for o in material.others]


@pytest.mark.parametrize(
    ("stem", "caption"),
    [
        ("2019-05-08 开放日现场", "开放日现场"),
        ("DSC_0012", ""),
        ("微信图片_20190508", ""),
        ("照片3", ""),
        ("5.8 义诊", "义诊"),
    ],
)
def test_a_picture_files_name_is_its_caption_unless_a_camera_or_a_generic_word(stem: str, caption: str) -> None:
    assert caption_of_file(stem) == caption


def test_exif_orientation_is_honoured_and_pictures_are_scaled_not_enlarged() -> None:
    upright = scale_picture(photo(400, 300, (30, 160, 30), orientation=6), "p.jpg", 1600, 1600)
    assert (upright.width, upright.height) == (300, 400) and upright.extension == "jpeg"
    small = scale_picture(photo(4000, 3000, (10, 10, 10)), "big.jpg", 1200, 1200)
    assert (small.width, small.height) == (1200, 900)
    with Image.open(io.BytesIO(small.data)) as reopened:
        assert reopened.size == (1200, 900) and reopened.getexif().get(0x0112) in (None, 1)
    logo = scale_picture(png(20, 10), "logo.png", 100, 100)
    assert logo.extension == "png" and (logo.width, logo.height) == (20, 10)


def test_a_picture_bomb_or_garbage_is_refused_before_decoding() -> None:
    with pytest.raises(FormError) as bomb:
        scale_picture(png_claiming(100_000, 100_000), "bomb.png", 1600, 1600)
    assert bomb.value.problems[0].code == "picture-too-many-pixels"
    with pytest.raises(FormError) as garbage:
        scale_picture(b"\xff\xd8\xff\xe0 not a jpeg", "broken.jpg", 1600, 1600)
    assert garbage.value.problems[0].code == "picture-unreadable"


def _docx(path: Path, document: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def test_hostile_word_files_become_warnings_and_are_listed_never_read(tmp_path: Path) -> None:
    entities = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>"  # inflates past the limit
    picture = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b'<a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId1"/>'
        b"</w:r></w:p></w:body></w:document>"
    )
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Target="media/image1.png" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
    )
    media = {"word/_rels/document.xml.rels": rels, "word/media/image1.png": b"\x00" * (40 * 1024 * 1024)}
    files = [
        _docx(tmp_path / "entities.docx", entities),
        _docx(tmp_path / "bomb.docx", bomb),
        _docx(tmp_path / "media-bomb.docx", picture, media),  # a 40 MiB picture part from a few KiB
    ]
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (tmp_path / "text.docx").write_text("not a zip", encoding="utf-8")
    files += [tmp_path / "old.docx", tmp_path / "text.docx"]
    material = read_material(files)
    codes = sorted(p.code for p in material.problems)
    assert codes == ["form-doctype", "form-member-too-large", "form-member-too-large", "form-not-zip", "form-old-word"]
    assert all(p.severity is Severity.WARNING for p in material.problems)
    assert sorted(o.name for o in material.others) == sorted(f.name for f in files)
    assert material.paragraphs == [] and material.pictures == []


def test_a_text_box_is_read_once_not_with_its_paragraph_nor_from_its_fallback_copy(tmp_path: Path) -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>"
    body = (
        '<w:p><w:r><w:t>正文第一段。</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>'
    ).encode()
    material = read_material([_docx(tmp_path / "文本框.docx", document)])
    assert [p.text for p in material.paragraphs] == ["正文第一段。", "文本框里的说明"]


def test_counting_finds_the_same_pictures_without_reading_them(tmp_path: Path) -> None:
    report = word_report(tmp_path / "教务处.docx", DAY, "教务处", "标题", ["正文"], [(photo(40, 30, (1, 1, 1)), "图1")])
    (tmp_path / "现场.jpg").write_bytes(photo(40, 30, (2, 2, 2)))
    paths = [report, tmp_path / "现场.jpg"]
    read, counted = read_material(paths), read_material(paths, counting=True)
    assert (
        [p.caption for p in counted.pictures] == [p.caption for p in read.pictures] == ["图1", "现场"]
    )  # files in name order
    assert all(p.data for p in read.pictures) and not any(p.data for p in counted.pictures)
