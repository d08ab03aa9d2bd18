"""An import checked, and the words its notice prints (read from the context, not rendered): what it must keep."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from docgen.documents.context import with_plan
from docgen.documents.notice import notice_context
from docgen.errors import Finding
from docgen.importing.plans import import_plan
from docgen.plan.files import CheckReport, check_plan
from docgen.plan.model import Plan

_PRINTED = ("title_lines", "salutation", "openings", "body", "attachment_note", "signature", "attachments")
_WEEKDAY = re.compile(r"(?:周|星期)[一二三四五六日天]")


def squeeze(text: str) -> str:
    """NFKC text without white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def printed_text(plan: Plan) -> str:
    """Every word the notice of a resolved plan prints: title, opening, body blocks, tables, signature, attachments."""
    context = with_plan(notice_context, plan)
    # words the template writes on an attachment page: 年 月 日 after who fills it in, 备注： before the remark
    template = [f"{page['submitter_label']}：{page['year']}年月日" for page in context["attachments"]]
    template += [f"备注：{page['remark_line']}" for page in context["attachments"] if page.get("remark_line")]
    return squeeze("\n".join(_strings([context[key] for key in _PRINTED]) + template))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [re.sub(r"<[^>]*>", "", value) if "<w:" in value else value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def words_of(line: str) -> list[str]:
    """The words of a line a reader would miss: runs of two or more Chinese characters, of three or more letters.

    Weekdays are left out: docgen writes the weekday of a day itself.
    """
    text = _WEEKDAY.sub(" ", squeeze(line))
    return re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z]{3,}", text)


def missing_words(lines: list[str], printed: str) -> list[tuple[str, str]]:
    """(line, word) for each word of ``lines`` the printed text does not hold."""
    return [(line, word) for line in lines for word in words_of(line) if word not in printed]


def import_checked(source: Path, plan_file: Path) -> tuple[str, list[Finding], CheckReport]:
    """Import ``source`` into ``plan_file``; its text, the review, and its check, which must find no error."""
    text, review = import_plan(source)
    plan_file.write_text(text, encoding="utf-8")
    report = check_plan(plan_file)
    assert report.errors == [], "\n".join(map(str, report.errors)) + "\n" + text
    assert report.resolved is not None
    return text, review, report
