"""Who issues a notice: the school it belongs to and the units that sign it, from its header, title and signature.

The school is named by a red head (``蓝田理工学院文件``), by a line above the title, inside the
title (``关于开展云溪大学…``, ``江川职业技术学院关于…``, ``东岭学院2022年…方案``) or in the
signature (``海宁大学保卫处``, ``共青团南溪学院委员会``). A department or a league committee that
signs is the issuer, not the school; two or more signing units are joint issuers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.importing.lines import Paragraph

HAN = "\u4e00-\u9fff"
SCHOOL = rf"[{HAN}]{{2,16}}?(?:大学|学院|学校)"
_SCHOOL_LINE = re.compile(rf"^{SCHOOL}$|^[{HAN}]{{2,16}}(?:中学|小学)$")
_IN_TITLE = re.compile(
    rf"^(?:关于(?:开展|举办|做好|组织|召开|举行|进行|印发|启动|加强)?)?(?P<school>{SCHOOL})(?=关于|第|\d|“|《)"
)
_LEAGUE = re.compile(r"^共青团(?P<school>.+?)委员会$")
_WITH_DEPARTMENT = re.compile(rf"^(?P<school>{SCHOOL})(?P<unit>[{HAN}]{{2,}})$")
_UNIT_END = re.compile(r"(?:处|部|室|办|中心|委|科|馆|院|会|系|队|站|组|团委|总支|支部|协会)$")


@dataclass
class Signers:
    """The school (and the line it was read from), the issuing unit's name, the units signing with it."""

    institution: str | None = None
    institution_line: Paragraph | None = None
    issuers: list[Paragraph] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # issuer -> the name as signed, school included


def school_of(text: str) -> str | None:
    """The school a line names by itself (长春医学高等专科学校), or None."""
    text = re.sub(r"\s+", "", text)
    return text if _SCHOOL_LINE.match(text) else None


def school_in_title(title: str) -> str | None:
    """The school a title names: 关于开展云溪大学2022年… , 江川职业技术学院关于…, 东岭学院2022年…方案."""
    match = _IN_TITLE.match(re.sub(r"\s+", "", title))
    return match.group("school") if match else None


def split_signer(text: str) -> tuple[str | None, str]:
    """(school, issuing unit) of one signature line: 海宁大学保卫处 -> (海宁大学, 保卫处)."""
    league = _LEAGUE.match(text)
    if league is not None:
        return (league.group("school") if school_of(league.group("school")) else None), text
    joined = _WITH_DEPARTMENT.match(text)
    if joined is not None and _UNIT_END.search(joined.group("unit")) and not school_of(text):
        return joined.group("school"), joined.group("unit")
    return (text, text) if school_of(text) else (None, text)


def signers(header: list[Paragraph], title: list[Paragraph], signature: list[Paragraph]) -> Signers:
    """The school and the issuing units, the school taken from the first place that names one."""
    found = Signers()
    for line in header:
        school = school_of(re.sub(r"文件$", "", re.sub(r"\s+", "", line.text)))
        if school and found.institution is None:
            found.institution, found.institution_line = school, line
    if found.institution is None and title:
        school = school_of(title[0].text) if len(title) > 1 else None
        school = school or school_in_title("".join(t.text for t in title))
        if school:
            found.institution, found.institution_line = school, title[0]
    for line in signature:
        school, unit = split_signer(re.sub(r"\s+", "", line.text))
        if school and found.institution is None:
            found.institution, found.institution_line = school, line
        if unit != line.text:
            found.full_names[unit] = line.text
        found.issuers.append(Paragraph(line.number, unit))
    return found


def campaign_of(title: str, institution: str | None) -> str:
    """The campaign a title names: its words in quotes, else the title without 关于开展, the school, year and 通知."""
    quoted = re.search(r"“([^”]{2,30})”", title)
    if quoted:
        return quoted.group(1)
    title = re.sub(r"^关于(?:开展|举办|组织|做好|印发|召开|举行)?", "", title)
    if institution:
        title = title.replace(institution, "", 1)
    title = re.sub(r"^关于(?:开展|举办|组织|做好|印发|召开|举行)?", "", title)
    title = re.sub(r"^(?:\d{4}年(?:度)?|第[一二三四五六七八九十百\d]+届)+", "", title)
    title = re.sub(r"(?:系列)?(?:活动)?(?:工作)?(?:的)?(?:实施)?(?:通知|方案|工作方案|活动方案|安排)$", "", title)
    return title[:40] or "活动"
