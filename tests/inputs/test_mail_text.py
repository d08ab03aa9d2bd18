"""Subjects, senders and file names decoded as Chinese mail clients write them, whatever their labels say."""

from __future__ import annotations

import base64
from email.parser import BytesParser
from email.policy import compat32

import pytest

from docgen.inputs.mail_text import MAX_ENCODED_WORDS, attachment_name, charset_codec, decode_header, decode_text
from tests.support.mail_samples import encoded_word, gbk_name_part, raw_gbk_name_part, rfc2231_part


def part(headers: bytes) -> object:
    return BytesParser(policy=compat32).parsebytes(headers + b"\r\n\r\ndata\r\n")


def test_a_gb2312_label_holding_gbk_only_characters_is_read_as_gb18030() -> None:
    subject = "王珺：关于朱镕基同志讲话的学习体会"  # 珺 and 镕 are in GBK, not in GB2312
    assert decode_header(encoded_word(subject, "gb2312", "gbk")) == subject


def test_a_character_split_between_two_encoded_words_survives() -> None:
    name = "学习体会（王珺，计算机与信息工程学院2017级1班）.docx".encode("gbk")
    first, second = (base64.b64encode(piece).decode() for piece in (name[:7], name[7:]))
    folded = f"=?GBK?B?{first}?=\r\n =?GBK?B?{second}?="
    assert decode_header(folded) == "学习体会（王珺，计算机与信息工程学院2017级1班）.docx"


def test_words_of_two_charsets_and_plain_text_are_joined_in_order() -> None:
    header = "Re: " + encoded_word("回复：活动安排表", "GBK") + " " + encoded_word("（教务处）", "utf-8") + " 2"
    assert decode_header(header) == "Re: 回复：活动安排表（教务处） 2"


def test_quoted_printable_words_and_underscores() -> None:
    assert decode_header("=?utf-8?Q?=E6=B4=BB=E5=8A=A8_=E7=85=A7=E7=89=87?=") == "活动 照片"


def test_unlabelled_8bit_text_is_utf8_where_valid_else_gb18030() -> None:
    assert decode_text("团委第二周".encode(), None) == "团委第二周"
    assert decode_text("团委第二周".encode("gbk"), None) == "团委第二周"
    assert decode_text("团委第二周".encode(), "gbk") == "团委第二周"  # labelled wrongly: UTF-8 still read


@pytest.mark.parametrize("label", ["punycode", "unicode_escape", "raw_unicode_escape", "zlib", "rot13", "x-bogus"])
def test_labels_that_are_no_charset_of_text_are_read_as_unlabelled(label: str) -> None:
    assert charset_codec(label) is None
    assert decode_header(f"=?{label}?B?{base64.b64encode('教务处'.encode()).decode()}?=") == "教务处"


def test_a_name_in_a_gbk_encoded_word_inside_quotes() -> None:
    assert attachment_name(part(gbk_name_part("活动安排表（计算机学院）.docx"))) == "活动安排表（计算机学院）.docx"


def test_a_name_in_raw_8bit_gbk() -> None:
    assert attachment_name(part(raw_gbk_name_part("报名汇总表.docx"))) == "报名汇总表.docx"


def test_an_rfc2231_name_in_gb18030_with_a_four_byte_character() -> None:
    assert attachment_name(part(rfc2231_part("证件照（𠮷祥）.jpg"))) == "证件照（𠮷祥）.jpg"


def test_an_rfc2231_name_in_pieces_is_preferred_to_a_plain_one() -> None:
    headers = (
        b'Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename="x.jpg";\r\n'
        b" filename*0*=utf-8''%E6%B4%BB%E5%8A%A8; filename*1*=%E7%85%A7.jpg"
    )
    assert attachment_name(part(headers)) == "活动照.jpg"


def test_the_name_of_content_type_when_the_disposition_names_none() -> None:
    headers = b'Content-Type: image/jpeg; name="=?utf-8?B?' + base64.b64encode("照片.jpg".encode()) + b'?="'
    assert attachment_name(part(headers)) == "照片.jpg"


def test_folders_control_and_invisible_characters_are_taken_out_of_a_name() -> None:
    sneaky = "C:\\Users\\x\\..\\报告\u202efdp.exe"  # a right-to-left override makes it look like 报告exe.pdf
    headers = b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''"
    headers += "".join(f"%{b:02X}" for b in sneaky.encode()).encode()
    assert attachment_name(part(headers)) == "报告fdp.exe"
    assert attachment_name(part(b'Content-Disposition: attachment; filename="../../etc/pass\x07wd"')) == "passwd"
    assert attachment_name(part(b'Content-Disposition: attachment; filename="~$.. .hidden.docx"')) == "hidden.docx"


def test_a_piece_numbered_with_thousands_of_digits_gives_no_name_and_no_error() -> None:
    headers = b"Content-Disposition: attachment; filename*" + b"9" * 5000 + b"*=utf-8''x.docx"
    assert attachment_name(part(headers)) is None


def test_no_name_when_the_part_has_none() -> None:
    assert attachment_name(part(b"Content-Type: text/plain; charset=utf-8")) is None


def test_only_so_many_encoded_words_are_decoded() -> None:
    header = " ".join(["=?utf-8?B?5pWZ?="] * (MAX_ENCODED_WORDS + 500))  # 教 each
    decoded = decode_header(header)
    assert decoded.startswith("教" * MAX_ENCODED_WORDS)
    assert decoded.count("教") == MAX_ENCODED_WORDS


def test_a_header_is_cut_before_it_is_looked_at() -> None:
    assert len(decode_header("=?" * 500_000)) <= 8192
    assert decode_header("=?utf-8?B?" + "A" * 100_000 + "?=").startswith("=?utf-8?B?")  # too long to be a word


def test_a_word_that_decodes_to_another_word_is_decoded_once() -> None:
    inner = encoded_word("团委", "utf-8")
    assert decode_header(encoded_word(inner, "utf-8")) == inner
