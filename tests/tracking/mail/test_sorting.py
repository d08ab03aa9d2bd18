"""Which unit a message is from, what its subject names, and when its own text is the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.inputs.mail import MailMessage, read_message
from docgen.plan.files import load_plan
from docgen.plan.model import Plan
from docgen.tracking.mail.sorting import message_unit, named_due, report_text, report_title
from tests.support.mail_month import ACADEMIC, contacts_plan
from tests.support.mail_samples import CHINA, camera_photo, modern_message, report_docx

SENT = dt.datetime(2019, 5, 7, 9, 0, tzinfo=CHINA)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return load_plan(contacts_plan(tmp_path_factory.mktemp("plan")))


def _message(
    sender: str, subject: str, body: str = "见附件", files: list[tuple[str, bytes]] | None = None
) -> MailMessage:
    return read_message(modern_message(sender, subject, body, files or [], sent=SENT))


@pytest.mark.parametrize(
    ("message", "unit", "by"),
    [
        (_message(ACADEMIC.upper(), "材料"), "教务处", "sender"),
        (_message("someone@163.com", "回复：团委第二周活动情况"), "团委", "subject"),
        (_message("someone@163.com", "材料", files=[("图书馆读书月.jpg", camera_photo())]), "图书馆", "file name"),
        (_message("someone@163.com", "材料", "李老师：\n上报部门：工会\n见附件"), "工会", "text"),
        (_message("someone@163.com", "材料", "教务处王老师转来的材料"), "教务处", "text"),
    ],
)
def test_the_one_unit_a_message_is_from(plan: Plan, message: MailMessage, unit: str, by: str) -> None:
    found = message_unit(plan, message)
    assert (found.unit.name if found.unit else None, found.by) == (unit, by)


def test_a_message_naming_two_units_or_none_is_from_none(plan: Plan) -> None:
    assert message_unit(plan, _message("someone@163.com", "教务处、团委联合活动")).unit is None
    assert message_unit(plan, _message("someone@163.com", "活动照片")).unit is None
    # a subject naming two decides nothing: the text's labelled line does
    found = message_unit(plan, _message("x@163.com", "教务处、团委", "上报部门：工会\n教务处"))
    assert (found.unit.name if found.unit else None, found.by) == ("工会", "text")


def test_the_subject_names_a_deadline_or_a_week_and_an_empty_one_names_none(plan: Plan) -> None:
    unit = next(u for u in plan.units if u.name == "教务处")
    day = dt.date(2019, 5, 7)
    assert named_due(plan, ["第一周活动照片"], unit, day).week == 1  # type: ignore[union-attr]
    assert named_due(plan, ["教务处活动安排表"], unit, day).key == "schedule"  # type: ignore[union-attr]
    assert named_due(plan, ["IMG_2034.jpg", "宣传成果总结"], unit, day).key == "summary"  # type: ignore[union-attr]
    assert named_due(plan, ["IMG_2034.jpg", "材料"], unit, day) is None
    assert named_due(plan, ["第二周"], unit, day) is None  # the week it came in anyway: nothing more said


def test_a_text_that_is_the_report_and_one_that_is_a_covering_note(plan: Plan) -> None:
    report = "5月6日下午，工会在学校礼堂组织教职工主题报告会，邀请行业专家讲解职业教育政策。"
    quoted = f"{report}\n\n------------------ 原始邮件 ------------------\n发件人：李杉杉\n请报送本周材料"
    assert report_text(_message("gh@x.cn", "回复：工会第二周", quoted)) == report
    assert report_title(_message("gh@x.cn", "Re: 回复：工会第二周", quoted)) == "工会第二周"
    assert report_text(_message("gh@x.cn", "工会", "见附件\n发自我的iPhone")) is None
    with_document = _message("gh@x.cn", "工会", report, [("报告.docx", report_docx("工会", "报告"))])
    assert report_text(with_document) is None  # the Word file is the report; the text covers it


def test_the_plan_without_contacts_knows_no_sender(tmp_path: Path) -> None:
    from tests.support.plans import plan_with

    bare = load_plan(plan_with(tmp_path))
    assert message_unit(bare, _message(ACADEMIC, "材料")).unit is None
