"""What stands around the body of a notice: its header and title, the school, the signature, the contact.

Each is returned as the plan's keys; what was read by guessing (the school from a signature,
units signing jointly, a contact without labels, no title at all) is added to the review with
the line it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import Severity
from docgen.importing.facts import EMAIL, escape, find_contact
from docgen.importing.lines import Paragraph
from docgen.importing.outline import Outline
from docgen.importing.reader import Reader
from docgen.importing.signers import campaign_of, school_of, signers

_TITLE = re.compile(r"^(\d{4})年“([^”]+)”(.+)$")
NO_INSTITUTION = "学校名称"


@dataclass
class Front:
    """The plan's keys around the body: institution, campaign, notice, issuers, date."""

    institution: str
    campaign: str
    notice: dict[str, Any] = field(default_factory=dict)
    issuer: str | None = None
    joint_issuers: list[str] = field(default_factory=list)
    issued: dt.date | None = None


def read_front(reader: Reader, outline: Outline) -> Front:
    """Header, title, school, campaign, signature and date, as the plan's keys."""
    found = signers(outline.header, outline.title, outline.issuers)
    lines = [t.text for t in outline.title]
    notice: dict[str, Any] = {}
    institution = found.institution
    match = _TITLE.match(lines[-1]) if lines else None
    if match and len(lines) == 2 and school_of(lines[0]) and int(match.group(1)) == reader.year:
        campaign, notice["title"] = match.group(2), match.group(3)  # the school's line, then 2019年“X”活动方案
    else:
        opening = outline.opening[0].text if outline.opening else ""
        campaign = campaign_of("".join(lines) or opening, institution) if lines or "“" in opening else "活动"
        notice["title_lines"] = [escape(t).replace(f"{reader.year}年", "{{ year }}年", 1) for t in lines]
        if not lines:
            reader.note("import-no-title", None, Severity.EDIT)
    if outline.header:
        notice["header"] = [escape(line.text) for line in outline.header]
        reader.note("import-header", outline.header[0])
    if institution is None:
        institution = NO_INSTITUTION
        reader.note("import-no-institution", None, Severity.EDIT, institution=institution)
    elif found.institution_line is not None and found.institution_line not in outline.title[:1]:
        reader.note("import-institution-from", found.institution_line, institution=institution)
    front = Front(institution, campaign, notice)
    ids = []
    for line in found.issuers:
        ids.append(reader.units.id_for(line.text))
        if line.text in found.full_names:
            reader.units.full_names[line.text] = found.full_names[line.text]
    if ids:
        front.issuer, front.joint_issuers = ids[0], ids[1:]
    if len(ids) > 1:
        reader.note("import-joint-issuers", found.issuers[0], count=len(ids))
    if outline.date is not None:
        try:
            front.issued = dt.date(*outline.date)
        except ValueError:
            reader.note("import-bad-date", outline.date_line, Severity.EDIT, date="-".join(map(str, outline.date)))
    elif outline.issuers:
        reader.note("import-no-date", outline.issuers[0], Severity.EDIT)
    if outline.salutation is not None:
        notice["salutation"] = reader.literal(outline.salutation, outline.salutation.text)
    return front


def read_contact(reader: Reader, groups: list[list[Paragraph]], issuer: str | None) -> dict[str, Any] | None:
    """The person units report to: the first line naming one with a phone or an e-mail (the next line may add it)."""
    for lines in groups:
        for n, line in enumerate(lines):
            found = find_contact(line.text)
            if found is None or not found.names:
                continue
            if found.email is None and n + 1 < len(lines) and (more := EMAIL.search(lines[n + 1].text)):
                found.email = (
                    more.group(0) if lines[n + 1].text.lstrip().startswith(("邮箱", "电子邮箱", "E")) else None
                )
            unit = found.unit or issuer
            if unit is None or not (found.phone or found.email):
                continue
            contact: dict[str, Any] = {"name": found.names[0], "unit": reader.units.id_for(unit)}
            contact |= {k: v for k, v in (("phone", found.phone), ("email", found.email)) if v}
            if found.names[1:]:
                contact["other_names"] = found.names[1:]
            if not found.labelled:
                reader.note("import-contact-unlabelled", line, names="、".join(found.names))
            return contact
    return None
