"""催报: a short notice for each overdue deadline, addressed to the units still missing, and the same as chat text.

Each notice quotes what the plan asks (the deadline, what to send, to whom and how), leaves a
line for the new date the officer fills in, gives the contact, and is signed by the issuer with
the date left blank: the officer decides when it goes out. Building the texts is pure; the
template ``reminder.docx`` lays them out like the other documents (GB/T 9704).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from docgen import chinese
from docgen.documents.deadlines import deadline_text
from docgen.documents.layout import LINE_CHARS, signature
from docgen.documents.titles import title_lines
from docgen.plan.model import Contact, Plan
from docgen.rendering.filenames import safe_stem
from docgen.tracking.status import Column, StatusReport

REMINDER_FOLDER = PurePosixPath("催报")
CHAT_TEXT = REMINDER_FOLDER / "催报名单.txt"
BLANK = "\uff3f" * 3  # full-width low lines: a line every office suite prints, for the officer's date
ENUMERATION = "、"


def _when(column: Column) -> str:
    """5月9日（周四）前: the due day in words."""
    day = column.due.day
    return f"{chinese.month_day(day)}（{chinese.weekday_of(day)}）前"


def _handed_to(plan: Plan, column: Column, *, reach: bool = True) -> str:
    """党委宣传部李杉杉处（电话：84825237　邮箱：…）: where the returns go (``reach``: with phone and e-mail)."""
    contact = plan.contact
    to = column.due.deadline.to or (contact.unit if contact is not None else plan.issuer)
    if to is None:
        return ""
    if contact is None:
        return f"{plan.unit(to).display_full_name}处"
    person = contact.name if to == contact.unit else ""
    ways = "　".join(
        f"{label}：{value}" for label, value in (("电话", contact.phone), ("邮箱", contact.email)) if value
    )
    return f"{plan.unit(to).display_full_name}{person}处" + (f"（{ways}）" if ways and reach else "")


def _not_yet(column: Column) -> str:
    """尚未上报活动安排表, or 尚未报送 after the week's material is named (a weekly deadline)."""
    due = column.due
    return f"尚未{due.deadline.action}" if due.week is None else "尚未报送"


def reminder_file(column: Column) -> PurePosixPath:
    """催报/上报活动安排表.docx, or 催报/报送本周活动开展情况-第2周（5月2日至5月8日）.docx."""
    due = column.due
    stem = due.deadline.action if due.week is None else f"{due.deadline.action}-{due.label}"
    return REMINDER_FOLDER / f"{safe_stem(stem)}.docx"


def reminder_context(report: StatusReport, column: Column) -> dict[str, Any]:
    """The 催报 notice for one overdue column: title, addressees, body, contact, signature."""
    plan = report.plan
    deadline = column.due.deadline
    handed = _handed_to(plan, column, reach=False)  # phone and e-mail follow on the contact lines
    asked = f"根据《{plan.notice_title}》要求，各责任部门应于{deadline_text(deadline)}"
    body = [asked + (f"，报送至{handed}。" if handed else "。")]
    since = f"截至{chinese.month_day(report.on)}，以上部门{_not_yet(column)}。"
    if column.due.week is not None:  # the week's days early in its paragraph: the phrase is never cut
        since = f"{column.due.label}的材料应于{chinese.month_day(column.due.day)}前报送，{since}"
    body += [
        since,
        f"请于{BLANK}月{BLANK}日前报送。",  # a paragraph of its own: the blank date never breaks across lines
    ]
    contact = plan.contact
    issuer = plan.unit(plan.issuer).display_full_name if plan.issuer is not None else plan.institution
    title = f"关于尽快{deadline.action}的通知"
    return {
        "title": title,
        "title_lines": title_lines(title),
        "addressees": ENUMERATION.join(u.name for u in column.missing) + "：",
        "body": body,
        "contact": "　".join(_contact(contact)),
        "contact_lines": contact_lines(_contact(contact)),
        "signature": signature(
            [issuer], f"{plan.year}年{chinese.IDEOGRAPHIC_SPACE * 2}月{chinese.IDEOGRAPHIC_SPACE * 2}日"
        ),
    }


def chat_text(report: StatusReport) -> str:
    """Every overdue column's missing units as plain text, ready to paste into a chat group."""
    plan = report.plan
    blocks = []
    for column in report.overdue_columns:
        blocks.append(
            "\n".join(
                [
                    f"【催报】{column.due.title}，截止{_when(column).removesuffix('前')}",
                    f"截至{chinese.month_day(report.on)}，以下{len(column.missing)}个部门尚未报送："
                    + ENUMERATION.join(u.name for u in column.missing)
                    + "。",
                    f"请尽快报送至{_handed_to(plan, column)}。谢谢！",
                ]
            )
        )
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _contact(contact: Contact | None) -> list[str]:
    """联系人：李杉杉, 联系电话：…, 电子邮箱：…, with what the plan gives."""
    if contact is None:
        return []
    parts = [f"联系人：{contact.name}"]
    parts += [
        f"{label}：{value}" for label, value in (("联系电话", contact.phone), ("电子邮箱", contact.email)) if value
    ]
    return parts


def contact_lines(parts: list[str], room: float = LINE_CHARS - 2) -> list[str]:
    """The contact's parts in lines that fit the body's line (indented two characters), none cut.

    Joined into one justified paragraph, a part too long for the rest of a line (an e-mail
    address, which has nowhere to break) would move down whole and leave the line above stretched
    letter by letter; each line here is a paragraph of its own.
    """
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{chinese.IDEOGRAPHIC_SPACE}{part}" if lines else part
        if lines and chinese.text_width(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines
