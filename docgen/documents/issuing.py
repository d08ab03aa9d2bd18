"""The 印发通知: the notice that issues the 方案 as a 公文, with the 方案 as its first attachment.

One .docx holds the notice, the 方案 and the plan's own attachments, then the 版记: GB/T
9704-2012 7.3.7 prints attachments after the main text, before the 版记, bound with it, so an
office files and sends one document (and a reader finds the 版记 on its last page).
"""

from __future__ import annotations

import math
from typing import Any

from docgen import chinese
from docgen.documents.body import notice_body, paragraphs
from docgen.documents.forms import attachment_pages, attachment_titles
from docgen.documents.layout import ENUMERATION, sealed_signature, signature
from docgen.documents.red_head import LINE_PITCH, head_xml, spacer_xml
from docgen.documents.titles import notice_title_lines, title_lines
from docgen.plan.issuing import Issuing, number_text
from docgen.plan.model import Plan

LINES = 22  # lines of the 版心 (GB/T 9704-2012 5.2.3)
RECORD_CHARS = 8845 / 280 - 5  # 4号 characters of 抄送 names a line: the 版心 less 左右各空一字 and 抄送：
RULES_ALLOWANCE = 170  # twips: the three rules (about 2.75 pt) and the gap LibreOffice leaves at a page top (measured)


def issuing_title(plan: Plan) -> str:
    """关于印发《2019年“职业教育宣传月”活动方案》的通知, or the plan's own title."""
    issuing = _issuing(plan)
    return (issuing.title or f"关于印发《{plan.notice_title}》的通知").replace("\n", "")


def _issuing(plan: Plan) -> Issuing:
    assert plan.issuing is not None, "only a plan with an 'issuing' block has a 印发通知"
    return plan.issuing


def attachment_note_lines(titles: list[str]) -> list[dict[str, Any]]:
    """附件说明: 附件：title, or 附件：1. title / 2. title, one paragraph each.

    ``place`` tells the template where a wrapped line goes: under the name, past 附件： (``only``)
    or past 附件：1. (``first``, ``next``).
    """
    if len(titles) == 1:
        return [{"text": f"附件：{titles[0]}", "place": "only"}]
    return [
        {"text": ("附件：" if n == 1 else "") + f"{n}. {t}", "place": "first" if n == 1 else "next"}
        for n, t in enumerate(titles, 1)
    ]


def issuing_context(plan: Plan) -> dict[str, Any]:
    """The 印发通知 with the 方案 attached (``plan`` must be resolved: its running text rendered)."""
    issuing = _issuing(plan)
    title = issuing_title(plan)
    mark = issuing.mark or f"{plan.institution}文件"
    number = number_text(issuing.number, plan.year) if issuing.number is not None else ""
    wording = issuing.wording or f"现将《{plan.notice_title}》印发给你们，请结合实际，认真组织实施。"
    pages = attachment_pages(plan)
    for n, page in enumerate(pages, 2):
        page["label"] = f"附件{n}"
    titles = [plan.notice_title, *attachment_titles(plan)]
    return {
        "head": head_xml(issuing.head, mark, number),
        "number": number,
        "title": title,
        "title_lines": title_lines(title),
        "to": ENUMERATION.join(issuing.to) + "：" if issuing.to else "",
        "openings": paragraphs(wording),
        "attachment_note": attachment_note_lines(titles),
        "signature": _signature(plan, issuing),
        "annex": {
            "label": "附件1" if len(titles) > 1 else "附件",
            "title_lines": notice_title_lines(plan),
            "salutation": plan.notice.salutation or "",
            "openings": paragraphs(plan.notice.opening),
            "body": notice_body(plan),
        },
        "attachments": pages,
        "record": _record(plan, issuing),
    }


def _signature(plan: Plan, issuing: Issuing) -> list[dict[str, Any]]:
    """The issuer and the date; sealed (7.3.5.1) or not (7.3.5.2), as the plan says."""
    if plan.issued is None:
        return []
    issuer = issuing.signed_by or (plan.unit(plan.issuer).name if plan.issuer is not None else "")
    lines = [issuer] if issuer else []
    return sealed_signature(lines, plan.issued) if issuing.sealed else signature(lines, plan.issued)


def _record(plan: Plan, issuing: Issuing) -> dict[str, Any]:
    """版记 (7.4): 抄送：a、b。, 印发机关 and 2019年4月30日印发, and the space above it on its page.

    The 版记 starts a page of its own; the spacer fills the lines above it, so that its last
    rule lies on the 版心's last line (the 22nd) whatever the office suite.
    """
    printed_by = issuing.printed_by or (
        plan.unit(plan.issuer).display_full_name if plan.issuer is not None else plan.institution
    )
    day = issuing.printed_on or plan.issued
    names = [n.strip().rstrip("，,、；;。.") for n in issuing.copy_to]
    copy_to = ENUMERATION.join(n for n in names if n) + "。" if any(names) else ""
    lines = 1 + (math.ceil(chinese.text_width(copy_to) / math.floor(RECORD_CHARS)) if copy_to else 0)
    return {
        "spacer": spacer_xml(max(LINES - lines, 0) * LINE_PITCH - RULES_ALLOWANCE),
        "copy_to": copy_to,
        "printed_by": printed_by,
        "printed_on": f"{chinese.full_date(day)}印发" if day is not None else "",
    }
