"""A month of the campaign's mail, as the officer's mailbox holds it on 2019-05-10, put on a real server.

The shipped plan, with 联络员 e-mail addresses for 教务处, 团委 and 工会. Weeks of its weekly
report (报送本周活动开展情况): 1 is 4月28日至5月1日 (due 4月30日, moved before the holiday),
2 is 5月2日至5月8日 (due 5月8日); the 活动安排 is due 5月9日.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.archives import zip_of
from tests.support.dovecot import MailUser
from tests.support.mail_samples import (
    CHINA,
    camera_photo,
    encoded_word,
    gbk_name_part,
    legacy_message,
    modern_message,
    report_docx,
    rfc2231_part,
    windows_program,
)
from tests.support.plans import plan_with

ACADEMIC = "jwc@example.edu.cn"
YOUTH = "tw@example.edu.cn"
UNION = "gh@example.edu.cn"
UNION_REPORT = (
    "5月6日下午，工会在学校礼堂组织教职工职业教育宣传月主题报告会，邀请行业专家讲解职业教育政策，两百余名教职工参加。"
)


def contacts_plan(folder: Path) -> Path:
    """The shipped plan with the 联络员 (and their e-mail) of three units."""

    def contact(unit_id: str, name: str, email: str) -> tuple[str, str]:
        line = f"  - id: {unit_id}\n"
        return line, f"{line}    contact: {{name: {name}, phone: '84825000', email: {email}}}\n"

    return plan_with(
        folder,
        contact("academic_affairs", "王老师", ACADEMIC),
        contact("youth_league", "赵老师", YOUTH),
        contact("union", "钱老师", UNION),
    )


def at(day: int, hour: int, minute: int = 0, month: int = 5) -> dt.datetime:
    return dt.datetime(2019, month, day, hour, minute, tzinfo=CHINA)


@dataclass(frozen=True)
class Sent:
    """One message put into the mailbox: its bytes and when the server received it."""

    raw: bytes
    arrived: dt.datetime


def month() -> dict[str, Sent]:
    """The month's messages by what they stand for."""
    academic_report = report_docx("教务处", "教务处第二周活动开展情况", "5月7日，教务处组织技能大赛开放日。")
    academic = modern_message(
        f'"教务处 王老师" <{ACADEMIC}>',
        "第二周活动开展情况",
        "李老师：附件是本周材料。",
        [("技能大赛开放日.docx", academic_report), ("现场.jpg", camera_photo())],
        sent=at(7, 9, 55),
        message_id="<academic-2@example.edu.cn>",
    )
    return {
        "academic week 2": Sent(academic, at(7, 10)),
        # the same message delivered twice (sent to two addresses): the second copy has a header line more
        "academic again": Sent(b"Delivered-To: jwc-copy@example.edu.cn\r\n" + academic, at(7, 10, 5)),
        "youth schedule (GBK)": Sent(
            legacy_message(
                f'"{encoded_word("团委 赵老师", "GBK")}" <{YOUTH}>'.encode(),
                encoded_word("回复：关于报送活动安排表的通知", "gb2312", "gbk").encode(),
                "李老师：活动安排表见附件。",
                [(gbk_name_part("活动安排表（团委）.docx"), report_docx("团委", "活动安排表"))],
                sent="Wed, 8 May 2019 16:20:00 +0800",
                message_id=b"<youth-schedule@example.edu.cn>",
            ),
            at(8, 16, 21),
        ),
        "library week 1, late": Sent(
            legacy_message(
                b"<reader2019@163.com>",
                encoded_word("图书馆第一周活动照片", "GB18030").encode(),
                "照片见附件。",
                [(rfc2231_part("读书月开幕（第一周）.jpg"), camera_photo())],
                sent="Mon, 6 May 2019 08:00:00 +0800",
                message_id=b"<library-1@163.com>",
            ),
            at(6, 8, 1),
        ),
        "union report in the mail": Sent(
            modern_message(UNION, "工会第二周活动开展情况", UNION_REPORT + "\n\n发自我的iPhone", [], sent=at(8, 9)),
            at(8, 9, 1),
        ),
        "stranger's photo": Sent(
            modern_message("someone@qq.com", "活动照片", "见附件", [("IMG_2034.jpg", camera_photo())], sent=at(9, 20)),
            at(9, 20, 1),
        ),
        "newsletter": Sent(
            b"From: news@example.com\r\nList-Unsubscribe: <mailto:u@example.com>\r\nSubject: Weekly news\r\n"
            b"Message-ID: <news-1@example.com>\r\nContent-Type: text/plain\r\n\r\nBuy now.\r\n",
            at(9, 7),
        ),
        "program as a report": Sent(
            modern_message(
                ACADEMIC,
                "第二周补充材料",
                "见附件",
                [("补充材料.docx", windows_program()), ("照片.zip", zip_of({"a.txt": b"\0" * (40 << 20)}))],
                sent=at(8, 11),
                message_id="<academic-extra@example.edu.cn>",
            ),
            at(8, 11, 1),
        ),
        "nested too deep": Sent(
            b"From: x@example.com\r\nSubject: deep\r\n"
            + b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(50))
            + b"\r\nx\r\n",
            at(9, 8),
        ),
        "before the campaign": Sent(
            modern_message(
                ACADEMIC,
                "去年的总结",
                "见附件",
                [("总结.docx", report_docx("教务处", "总结"))],
                sent=at(20, 9, month=4),
            ),
            at(20, 9, month=4),
        ),
    }


def fill(user: MailUser, messages: dict[str, Sent]) -> None:
    """Append every message, as the server would have received it."""
    for sent in messages.values():
        user.append(sent.raw, sent.arrived)


@pytest.fixture
def month_mailbox(mail_user: MailUser, china_time: None) -> MailUser:
    """A fresh mailbox holding the month's messages, read in China's time zone."""
    fill(mail_user, month())
    return mail_user
