"""Checks on the ``issuing:`` block: what would print a wrong 发文字号, 主送 or 版记.

Like ``docgen.plan.checks`` they yield (path, code, parameters, severity): an error where the
document would come out wrong (a 机关代字 that already holds the year), a warning where a
careful reader would ask (no 主送机关, a 印发日期 before the 成文日期).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docgen.errors import Severity
from docgen.plan.issuing import Issuing
from docgen.plan.model import Plan
from docgen.plan.sourcemap import Unlocated

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_NUMBER_PARTS = re.compile(r"[〔〕\[\]【】()（）]|\d{4}|号$|第")
_NAME_PUNCTUATION = re.compile(r"[、，,；;：:。.]")
MARK_CHARS = 20  # longer than this, the 发文机关标志 shrinks below 二号 on one line of the 版心


def issuing_findings(plan: Plan) -> Iterator[Unlocated]:
    """Every problem of the ``issuing`` block; none when the plan has no such block."""
    issuing = plan.issuing
    if issuing is None:
        return
    if issuing.number is not None:
        prefix = issuing.number.prefix
        found = _NUMBER_PARTS.search(prefix)
        if found is not None:
            params: dict[str, Any] = {"prefix": prefix, "found": found.group(0)}
            yield ("issuing", "number", "prefix"), "issuing-prefix-form", params, _ERROR
        year = issuing.number.year
        if year is not None and year != plan.year:
            yield ("issuing", "number", "year"), "issuing-year-differs", {"year": year, "plan": plan.year}, _WARNING
    elif issuing.head != "plain":
        yield ("issuing", "head"), "issuing-head-without-number", {"head": issuing.head}, _WARNING
    if not issuing.to:
        yield ("issuing",), "issuing-without-recipients", {}, _WARNING
    for key in ("to", "copy_to"):
        for i, name in enumerate(getattr(issuing, key)):
            found = _NAME_PUNCTUATION.search(name)
            if found is not None:
                params = {"name": name, "found": found.group(0)}
                yield ("issuing", key, i), "issuing-name-punctuation", params, _WARNING
    if issuing.mark is not None and len(issuing.mark) > MARK_CHARS:
        params = {"mark": issuing.mark, "chars": len(issuing.mark), "limit": MARK_CHARS}
        yield ("issuing", "mark"), "issuing-mark-long", params, _WARNING
    printed_on = issuing.printed_on
    if printed_on is not None and plan.issued is not None and printed_on < plan.issued:
        params = {"printed_on": printed_on, "issued": plan.issued}
        yield ("issuing", "printed_on"), "issuing-printed-before-issued", params, _WARNING
    if issuing.sealed and (plan.issued is None or (plan.issuer is None and issuing.signed_by is None)):
        yield ("issuing", "sealed"), "issuing-seal-without-signature", {}, _ERROR
    yield from _signer_findings(plan, issuing)


def _signer_findings(plan: Plan, issuing: Issuing) -> Iterator[Unlocated]:
    """The 发文机关署名 is the organ the 发文机关标志 names (GB/T 9704-2012 7.2.3, 7.3.5): a warning where not.

    Under 长春医学高等专科学校文件 the notice is the school's, so the school signs it (and seals it);
    a notice signed 宣传部 wants that office's own head, 长春医学高等专科学校党委宣传部文件. A
    signer the organ's name ends with (宣传部 under 长春医学高等专科学校党委宣传部文件) agrees with it.
    """
    issuer = plan.unit(plan.issuer) if plan.issuer is not None else None
    signer = issuing.signed_by or (issuer.name if issuer is not None else None)
    if plan.issued is None or not signer:
        return
    mark = issuing.mark or f"{plan.institution}文件"
    organ = mark.removesuffix("文件").strip() or mark
    if organ.endswith(signer) or signer.endswith(organ):
        return
    own = issuer.display_full_name if issuer is not None and issuing.signed_by is None else signer
    own_mark = own if own.startswith(plan.institution) else f"{plan.institution}{own}"
    params = {"signer": signer, "mark": mark, "organ": organ, "own_mark": f"{own_mark}文件"}
    place = ("issuing", "signed_by") if issuing.signed_by else ("issuing", "mark") if issuing.mark else ("issuing",)
    yield place, "issuing-signer-not-head", params, _WARNING
