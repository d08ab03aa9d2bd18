"""催报: one short notice for each unit that owes something past its due day, and the same as chat text.

A unit owing three things gets one notice listing all three, each with its due day (the day
the task sheets give, moved before a day off), what the plan asks and to whom it goes; it
leaves a line for the new date the officer fills in, gives the contact for questions, and is
signed by the issuer with the date left blank: the officer decides when it goes out. The chat
text names each unit once, with its own 联络员 (or 未登记联络员). Building the texts is pure;
the template ``reminder.docx`` lays them out like the other documents (GB/T 9704).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from docgen import chinese
from docgen.documents.layout import signature
from docgen.plan.model import Contact, Plan, Unit
from docgen.rendering.filenames import safe_stem
from docgen.tracking.status import Column, StatusReport, contact_of

REMINDER_FOLDER = PurePosixPath("催报")
CHAT_TEXT = REMINDER_FOLDER / "催报名单.txt"
BLANK = "\uff3f" * 3  # full-width low lines: a line every office suite prints, for the officer's date
ENUMERATION = "、"
NO_CONTACT = "未登记联络员"


def when_due(column: Column) -> str:
    """5月9日（周四）前: the due day in words."""
    day = column.due.day
    return f"{chinese.month_day(day)}（{chinese.weekday_of(day)}）前"


def _handed_to(plan: Plan, column: Column) -> str:
    """党委宣传部李杉杉处（电话：84825237　邮箱：…）: where the returns go."""
    contact = plan.contact
    to = column.due.deadline.to or (contact.unit if contact is not None else plan.issuer)
    if to is None:
        return ""
    if contact is None:
        return f"{plan.unit(to).display_full_name}处"
    person = contact.name if to == contact.unit else ""
    reach = "　".join(
        f"{label}：{value}" for label, value in (("电话", contact.phone), ("邮箱", contact.email)) if value
    )
    return f"{plan.unit(to).display_full_name}{person}处" + (f"（{reach}）" if reach else "")


def unit_contact_text(unit: Unit) -> str:
    """联络员：王老师　电话：139…, or 未登记联络员 where the plan names none."""
    name, phone = contact_of(unit)
    if not name:
        return NO_CONTACT
    return f"联络员：{name}" + (f"　电话：{phone}" if phone else "")


def reminder_file(unit: Unit) -> PurePosixPath:
    """催报/教务处.docx: one notice per unit."""
    return REMINDER_FOLDER / f"{safe_stem(unit.name)}.docx"


def owed_units(report: StatusReport) -> list[Unit]:
    """The units missing anything past its due day, in registry order: each gets one notice."""
    return [u for u in report.units if report.owed_by(u)]


def reminder_context(report: StatusReport, unit: Unit) -> dict[str, Any]:
    """The 催报 notice to one unit: title, addressee, everything it owes with each due day, contact, signature."""
    plan = report.plan
    owed = report.owed_by(unit)
    title = f"关于尽快{owed[0].due.deadline.action}的通知" if len(owed) == 1 else "关于尽快报送有关材料的通知"
    places = {_handed_to(plan, c) for c in owed}
    handed = places.pop() if len(places) == 1 else ""
    lines = [
        f"{number}. {column.due.title}，应于{when_due(column)}报送"
        + ("" if handed else f"至{_handed_to(plan, column)}")
        + ("。" if number == len(owed) else "；")
        for number, column in enumerate(owed, 1)
    ]
    body = [
        f"根据《{plan.notice_title}》要求，你部门应报送以下材料" + (f"，报送至{handed}：" if handed else "："),
        *lines,
        f"截至{chinese.month_day(report.on)}，你部门尚未报送以上材料。请于{BLANK}月{BLANK}日前报送。",
    ]
    issuer = plan.unit(plan.issuer).display_full_name if plan.issuer is not None else plan.institution
    return {
        "title": title,
        "addressees": f"{unit.name}：",
        "body": body,
        "contact": _contact(plan.contact),
        "signature": signature(
            [issuer], f"{plan.year}年{chinese.IDEOGRAPHIC_SPACE * 2}月{chinese.IDEOGRAPHIC_SPACE * 2}日"
        ),
    }


def chat_text(report: StatusReport) -> str:
    """Each unit owing anything past due, once, with what it owes and its 联络员: to paste into a chat group."""
    plan = report.plan
    units = owed_units(report)
    if not units:
        return ""
    lines = [f"【催报】截至{chinese.month_day(report.on)}，以下{len(units)}个部门尚有材料未报送："]
    for unit in units:
        owed = "；".join(f"{c.due.title}（{when_due(c)}）" for c in report.owed_by(unit))
        lines.append(f"{unit.name}（{unit_contact_text(unit)}）：{owed}")
    places = {_handed_to(plan, c) for c in report.overdue_columns}
    place = places.pop() if len(places) == 1 else ""
    lines.append(f"请尽快报送至{place}。谢谢！" if place else "请尽快按要求报送。谢谢！")
    return "\n".join(lines) + "\n"


def _contact(contact: Contact | None) -> str:
    """联系人：李杉杉　联系电话：…　电子邮箱：…, with what the plan gives."""
    if contact is None:
        return ""
    parts = [f"联系人：{contact.name}"]
    parts += [
        f"{label}：{value}" for label, value in (("联系电话", contact.phone), ("电子邮箱", contact.email)) if value
    ]
    return "　".join(parts)
