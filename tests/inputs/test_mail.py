"""A message read under limits: what it says, the files it carries, and what is refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from PIL import Image

from docgen.inputs.bounded import InputRefusedError
from docgen.inputs.mail import MailLimits, html_text, read_message
from docgen.inputs.payloads import ArchiveLimits
from tests.support.archives import zip_of
from tests.support.mail_samples import (
    CHINA,
    camera_photo,
    encoded_word,
    gbk_name_part,
    legacy_message,
    modern_message,
    raw_gbk_name_part,
    report_docx,
    rfc2231_part,
    windows_program,
)

SENT = dt.datetime(2019, 5, 7, 9, 30, tzinfo=CHINA)


def test_a_modern_message_gives_its_sender_subject_text_and_files() -> None:
    report = report_docx("教务处", "教务处第二周活动开展情况")
    picture = camera_photo()
    raw = modern_message(
        '"教务处 王老师" <JWC@Example.edu.cn>',
        "教务处第二周活动开展情况",
        "李老师：\n附件是本周的材料。\n",
        [("教务处第二周活动开展情况（技能大赛开放日、家长观摩）.docx", report), ("活动照片.jpg", picture)],
        sent=SENT,
        message_id="<a1@example.edu.cn>",
    )
    message = read_message(raw)
    assert (message.sender, message.sender_name) == ("jwc@example.edu.cn", "教务处 王老师")
    assert message.subject == "教务处第二周活动开展情况"
    assert message.message_id == "<a1@example.edu.cn>"
    assert message.sent_at == SENT
    assert message.text == "李老师：\n附件是本周的材料。"
    names = [f.name for f in message.files]
    assert names == ["教务处第二周活动开展情况（技能大赛开放日、家长观摩）.docx", "活动照片.jpg"]
    assert [f.part for f in message.files] == ["2", "3"]
    assert message.files[0].data == report
    assert message.files[1].data == picture
    assert Image.open(io.BytesIO(message.files[1].data)).size == (64, 48)
    assert message.refused == ()
    assert not message.bulk


def test_an_old_gbk_message_is_read_whole() -> None:
    raw = legacy_message(
        f'"{encoded_word("王珺", "GBK")}" <wj@example.edu.cn>'.encode(),
        encoded_word("王珺：关于朱镕基同志讲话的学习体会", "gb2312", "gbk").encode(),
        "体会见附件。",
        [
            (gbk_name_part("学习体会（团委）.docx"), report_docx("团委", "学习体会")),
            (raw_gbk_name_part("报名汇总表.docx"), report_docx("团委", "汇总")),
            (rfc2231_part("证件照（𠮷祥）.jpg"), camera_photo()),
        ],
        sent="Tue, 7 May 2019 10:00:00 +0800",
        message_id=b"<gbk1@example.edu.cn>",
    )
    message = read_message(raw)
    assert message.subject == "王珺：关于朱镕基同志讲话的学习体会"
    assert message.sender_name == "王珺"
    assert message.text == "体会见附件。"
    assert [f.name for f in message.files] == ["学习体会（团委）.docx", "报名汇总表.docx", "证件照（𠮷祥）.jpg"]
    assert message.sent_at == dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)


def test_the_text_of_a_message_that_has_only_html() -> None:
    raw = (
        b"From: a@b.cn\r\nSubject: x\r\nContent-Type: text/html; charset=gbk\r\n\r\n"
        + "<html><head><style>p{color:red}</style><title>t</title></head><body><p>上报部门：团委</p>"
        "<!-- [if mso]><xml>hidden</xml><![endif] --><div>五四&nbsp;青年节&amp;活动</div>"
        "<script>alert(1)</script></body></html>".encode("gbk")
    )
    assert read_message(raw).text == "上报部门：团委\n五四 青年节&活动"


def test_html_text_ends_at_an_unclosed_tag() -> None:
    assert html_text("甲<p>乙</p><div 丙") == "甲\n乙\n"
    assert html_text("<script>never closed") == ""
    assert html_text("<" * 100_000) == ""


def test_a_picture_pasted_without_a_name_is_a_file_and_an_attached_message_s_text_is_not_the_text() -> None:
    raw = (
        b"From: a@b.cn\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + "正文".encode() + b"\r\n"
        b"--B\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Subject: inner\r\nContent-Type: multipart/mixed; boundary=C\r\n\r\n"
        b"--C\r\nContent-Type: text/plain\r\n\r\ninner text\r\n"
        b'--C\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n'
        b"--C--\r\n--B--\r\n"
    )
    message = read_message(raw)
    assert message.text == "正文"
    assert [(f.name, f.content_type, f.part) for f in message.files] == [
        (None, "image/jpeg", "2"),
        ("a.pdf", "application/pdf", "3.2"),
    ]


@pytest.mark.parametrize(
    ("headers", "bulk"),
    [
        (b"List-Id: <news.example.com>\r\n", True),
        (b"Precedence: bulk\r\n", True),
        (b"Auto-Submitted: auto-replied\r\n", True),
        (b"Auto-Submitted: no\r\n", False),
        (b"", False),
    ],
)
def test_mail_a_machine_sent_to_many_is_marked(headers: bytes, bulk: bool) -> None:
    assert read_message(b"From: a@b.cn\r\n" + headers + b"Subject: x\r\n\r\nbody\r\n").bulk is bulk


def test_a_message_without_message_id_or_date_or_from() -> None:
    message = read_message(b"Subject: x\r\n\r\nbody\r\n")
    assert (message.message_id, message.sent_at, message.sender, message.sender_name) == (None, None, "", "")
    assert len(message.sha256) == 64


def test_headers_that_are_no_address_or_no_date_give_nothing() -> None:
    message = read_message(b"From: not an address\r\nDate: yesterday\r\nMessage-ID: no brackets\r\n\r\nx\r\n")
    assert (message.sender, message.sent_at, message.message_id) == ("", None, None)


# --- limits: the whole message refused --------------------------------------------------------


def _refused(raw: bytes, limits: MailLimits | None = None) -> InputRefusedError:
    with pytest.raises(InputRefusedError) as caught:
        read_message(raw, limits)
    return caught.value


def test_a_message_over_the_size_limit() -> None:
    error = _refused(b"Subject: x\r\n\r\n" + b"x" * 1_100_000, MailLimits(message_bytes=1024 * 1024))
    assert (error.code, error.params) == ("mail-too-large", {"limit": 1})


def test_multiparts_nested_too_deep() -> None:
    raw = b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(5000))
    assert _refused(raw + b"\r\nx\r\n").code == "mail-too-deep"


def test_too_many_parts() -> None:
    raw = b"Content-Type: multipart/mixed; boundary=B\r\n\r\n" + b"--B\r\n\r\nx\r\n" * 100_000 + b"--B--\r\n"
    assert _refused(raw).code == "mail-too-many-parts"


def test_a_content_type_long_enough_to_make_the_parameter_parser_quadratic() -> None:
    raw = b'Content-Type: multipart/mixed; a="' + b";" * 1_000_000 + b'"; boundary=B\r\n\r\n--B\r\n\r\nx\r\n--B--\r\n'
    assert _refused(raw).params == {"header": "Content-Type"}


def test_huge_and_countless_headers() -> None:
    assert _refused(b"Subject: " + b"=?utf-8?B?5pWZ?=" * 100_000 + b"\r\n\r\nx").code == "mail-header-too-large"
    assert _refused(b"X-A: b\r\n" * 5000 + b"\r\nx").code == "mail-too-many-headers"


def test_too_many_files() -> None:
    files = [(f"照片{n}.jpg", b"\xff\xd8\xff" + bytes([n])) for n in range(6)]
    raw = modern_message("a@b.cn", "照片", "见附件", files, sent=SENT)
    error = _refused(raw, MailLimits(attachments=5))
    assert (error.code, error.params) == ("mail-too-many-files", {"count": 6, "limit": 5})


# --- files listed, not filed ------------------------------------------------------------------


def _reasons(files: list[tuple[str, bytes]]) -> dict[str | None, tuple[str, dict[str, object]]]:
    message = read_message(modern_message("a@b.cn", "材料", "见附件", files, sent=SENT), MailLimits())
    return {r.name: (r.code, dict(r.params)) for r in message.refused}


def test_programs_under_any_name_are_not_filed() -> None:
    reasons = _reasons(
        [("第二周报告.docx", windows_program()), ("第二周报告.docx.exe", b"hello"), ("run.sh", b"#!/bin/sh\n")]
    )
    assert reasons == {
        "第二周报告.docx": ("mail-executable", {"kind": "Windows"}),
        "第二周报告.docx.exe": ("mail-executable", {"kind": ".exe"}),
        "run.sh": ("mail-executable", {"kind": "script"}),
    }


def test_a_zip_of_photos_is_filed_and_bombs_and_hidden_programs_are_not() -> None:
    photos = zip_of({"活动照片/1.jpg": camera_photo(), "活动照片/2.jpg": camera_photo()})
    bomb = zip_of({"zeros.txt": b"\0" * (40 * 1024 * 1024)})
    nested = zip_of({"inner.zip": zip_of({"a.txt": b"a"})})
    hidden = zip_of({"照片.jpg": windows_program()})
    message = read_message(
        modern_message(
            "a@b.cn",
            "材料",
            "见附件",
            [("照片.zip", photos), ("bomb.zip", bomb), ("nested.zip", nested), ("hidden.zip", hidden)],
            sent=SENT,
        )
    )
    assert [f.name for f in message.files] == ["照片.zip"]
    assert {r.name: r.code for r in message.refused} == {
        "bomb.zip": "mail-archive-bomb",
        "nested.zip": "mail-archive-inside",
        "hidden.zip": "mail-executable",
    }


def test_a_zip_whose_members_lie_about_their_size_is_still_caught() -> None:
    data = bytearray(zip_of({"big.txt": b"\0" * (40 * 1024 * 1024)}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local and central headers say 10 bytes
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
    assert _reasons([("lying.zip", bytes(data))])["lying.zip"][0] in {"mail-archive-bomb", "mail-archive-damaged"}


def test_archives_docgen_cannot_look_into_and_damaged_or_locked_zips() -> None:
    encrypted = bytearray(zip_of({"a.txt": b"a"}, zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = encrypted.find(signature)
        encrypted[at + offset] |= 1  # the "encrypted" flag
    reasons = _reasons(
        [
            ("照片.rar", b"Rar!\x1a\x07\x01\x00" + b"\0" * 20),
            ("照片.7z", b"7z\xbc\xaf\x27\x1c" + b"\0" * 20),
            ("old.zip", b"PK\x03\x04broken"),
            ("locked.zip", bytes(encrypted)),
            ("many.zip", zip_of({f"{n}.txt": b"" for n in range(30)})),
        ]
    )
    assert reasons["照片.rar"] == ("mail-archive-unchecked", {"format": "RAR"})
    assert reasons["照片.7z"] == ("mail-archive-unchecked", {"format": "7z"})
    assert reasons["old.zip"][0] == "mail-archive-damaged"
    assert reasons["locked.zip"][0] == "mail-archive-encrypted"
    assert "many.zip" not in reasons  # 30 members are fine by default


def test_a_zip_with_more_members_than_allowed() -> None:
    from docgen.inputs.payloads import refusal

    data = zip_of({f"{n}.txt": b"" for n in range(30)})
    assert refusal("many.zip", data, ArchiveLimits(members=10)) == (
        "mail-archive-too-many",
        {"count": 30, "limit": 10},
    )


def test_a_part_whose_charset_is_a_hostile_codec() -> None:
    """Found by fuzzing: email's get_payload() decodes a leaf's 8-bit text by its charset, here punycode."""
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=punycode\r\nContent-Transfer-Encoding: base64\r\n\r\n\x80"
    assert read_message(raw).text == ""
