"""A returns folder of three weeks' reports, as the units send them: Word (as Word and WPS save it),
photos (sideways with an EXIF orientation), a PDF, a video, a late report, units that send nothing.

Weeks of the shipped plan's 报送本周活动开展情况: 1 is 4月28日至5月1日, 2 is 5月2日至5月8日,
3 is 5月9日至5月15日, 4 is 5月16日至5月22日.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from PIL import Image

from docgen.plan.model import Plan
from docgen.tracking.folders import init_returns
from tests.support.returns_folder import filled_form, touch

WEEKLY = "报送本周活动开展情况"
WEEK_1 = f"{WEEKLY}/第1周（4月28日至5月1日）"
WEEK_2 = f"{WEEKLY}/第2周（5月2日至5月8日）"
WEEK_3 = f"{WEEKLY}/第3周（5月9日至5月15日）"
SCHEDULE = "上报活动安排表（5月9日前）"
ACADEMIC_TEXT = "4月30日，教务处在实训楼组织技能大赛赛场开放活动，邀请家长和初中学生现场观摩护理技能比赛。"
LONG_TEXT = "学生工作处组织开展精准扶贫宣传活动，走进社区开展义诊和健康咨询。" * 40
PDF_TEXT = "Admissions open day: 320 visitors"


def photo(width: int, height: int, colour: tuple[int, int, int], orientation: int | None = None) -> bytes:
    """A JPEG photo; with ``orientation`` 6 its pixels lie sideways, as a phone held upright saves them."""
    picture = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 8):  # a little texture, so the JPEG is not trivially small
        picture.putpixel((x, x * height // width), (255, 255, 255))
    buffer = io.BytesIO()
    if orientation is None:
        picture.save(buffer, "JPEG", quality=90)
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        picture.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (20, 120, 200, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def word_report(
    target: Path, day: dt.date, unit: str, title: str, paragraphs: list[str], pictures: list[tuple[bytes, str]]
) -> Path:
    """A report as Word saves it: the unit's line, a centred title, text, a heading, pictures with a 题注 below."""
    document = docx.Document()
    document.add_paragraph(f"上报部门：{unit}")
    heading = document.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_heading("活动照片", level=2)
    for data, caption in pictures:
        document.add_picture(io.BytesIO(data), width=Mm(120))
        document.add_paragraph(caption, style="Caption")
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return touch(target, day)


_WPS_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_WPS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_WPS_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/><Relationship Id="rId7" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
    '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="http://example.com/tracker.png" TargetMode="External"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WPS_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_W}>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="5"><w:name w:val="caption"/></w:style></w:styles>'
)


def wps_report(target: Path, day: dt.date) -> Path:
    """A report as WPS saves it: style ids that are numbers, a VML picture, a picture linked from the web."""
    text = lambda t: f"<w:r><w:t>{t}</w:t></w:r>"  # noqa: E731
    styled = lambda s, t: f'<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr>{text(t)}</w:p>'  # noqa: E731
    vml = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:300pt;height:200pt">'
        '<v:imagedata xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId7"/>'
        "</v:shape></w:pict></w:r></w:p>"
    )
    linked = (
        '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId8"/>'
        "</w:drawing></w:r></w:p>"
    )
    body = (
        styled("2", "图书馆举办“职教好声音”读书分享会")
        + f"<w:p>{text('5月6日，图书馆举办读书分享会，80余名学生参加。')}</w:p>"
        + vml
        + styled("5", "图1 读书分享会现场")
        + linked
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _WPS_TYPES)
        package.writestr("_rels/.rels", _WPS_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/_rels/document.xml.rels", _WPS_DOCUMENT_RELS)
        package.writestr("word/styles.xml", _WPS_STYLES)
        package.writestr("word/media/image1.png", png(300, 200))
    return touch(target, day)


def text_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (ASCII, in Helvetica)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def build_report_returns(plan: Plan, root: Path, blank_forms: dict[str, Path] | None = None) -> Path:
    """Three weeks of reports in ``root`` (laid out by ``init_returns``), and two returned 活动安排 forms."""
    init_returns(plan, root)
    may = lambda d: dt.date(2019, 5, d)  # noqa: E731
    # week 1: 教务处 sends a Word report with two photos, one sideways; 团委 sends only photos
    word_report(
        root / WEEK_1 / "教务处-技能大赛赛场开放.docx",
        dt.date(2019, 4, 30),
        "教务处",
        "教务处开展技能大赛赛场开放活动",
        [ACADEMIC_TEXT, "活动共接待家长和学生150余人。"],
        [(photo(400, 300, (200, 30, 30)), "图1 护理技能比赛现场"), (photo(400, 300, (30, 160, 30), 6), "图2 家长观摩")],
    )
    touch(root / WEEK_1 / "团委" / "0501 团委-五四青年节升旗仪式.jpg", may(1), photo(640, 480, (30, 30, 200), 6))
    touch(root / WEEK_1 / "团委" / "IMG_2034.png", may(1), png(200, 100))
    # week 2: 招生就业处 a PDF and a video; 学生工作处 a long report; 图书馆 (WPS) late; 工会 a broken photo
    touch(root / WEEK_2 / "招生就业处 开放日简报.pdf", may(7), text_pdf(PDF_TEXT))
    touch(root / WEEK_2 / "招生就业处 开放日.mp4", may(7), b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4096)
    word_report(root / WEEK_2 / "学生工作处.docx", may(8), "学生工作处", "精准扶贫宣传进社区", [LONG_TEXT], [])
    wps_report(root / WEEK_2 / "0510 图书馆读书分享会.docx", may(10))
    touch(root / WEEK_2 / "工会照片.jpg", may(8), b"\xff\xd8\xff\xe0 not really a jpeg")
    # week 3: nobody sends anything
    if blank_forms is not None:
        filled_form(blank_forms["教务处"], root / SCHEDULE / "教务处活动安排.docx", may(8))
        filled_form(blank_forms["团委"], root / SCHEDULE / "团委活动安排.docx", may(9))
    return root
