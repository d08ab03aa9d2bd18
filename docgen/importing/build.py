"""From the outline of a notice to the plan's data, key by key, and the review of what was not placed.

Literal text becomes Jinja text (braces quoted), with deadlines, the contact's phone and e-mail
and the cited documents as placeholders. Every known section is checked against the shape docgen
prints; one that does not fit stays a section of the plan's own with its text as written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from docgen import chinese
from docgen.errors import Finding, Severity
from docgen.importing import attachments, facts, organization, tasks
from docgen.importing.facts import Deadlines, Units, escape, review
from docgen.importing.outline import Outline, Paragraph, Part
from docgen.importing.sections import grid, kind_of, label_of, split_heading, tree
from docgen.importing.wordfile import Block

DEFAULT_HEADINGS = {
    "ideology": "指导思想",
    "organization": "组织机构",
    "time_and_theme": "活动时间及活动主题",
    "tasks": "主要工作任务及责任部门",
    "requirements": "工作要求",
}
_SEPARATORS = ("至", "-", "—", "～")  # as docgen.plan.model.Period.separator allows; the default first
_PERIOD = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*[（(][^）)]{1,3}[）)])?\s*[-—–~～至到]\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日"
)
_ONE_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_TITLE = re.compile(r"^(\d{4})年“([^”]+)”(.+)$")


class Builder:
    """Builds the plan's data from an outline; ``review`` collects what a person should look at."""

    def __init__(self, outline: Outline, file: str) -> None:
        self.outline = outline
        self.file = file
        self.review: list[Finding] = []
        self.units = Units()
        self.year = self._year()
        self.deadlines = Deadlines(self.year)
        self.plan: dict[str, Any] = {}
        self.contact: dict[str, Any] | None = None
        self.tasks: list[dict[str, Any]] = []
        self.requirements: list[dict[str, Any]] = []

    def note(self, code: str, line: Paragraph | None, severity: Severity = Severity.NOTE, **params: Any) -> None:
        """Add a review item about ``line``."""
        text = facts.excerpt(line.text) if line is not None else ""
        self.review.append(review(code, line.number if line else None, self.file, severity, excerpt=text, **params))

    def _year(self) -> int:
        for line in [*self.outline.title, *self.outline.opening]:
            if (match := re.search(r"(\d{4})\s*年", line.text)) is not None:
                return int(match.group(1))
        if self.outline.date is not None:
            return self.outline.date[0]
        self.note("import-no-year", None, Severity.EDIT)
        return dt.date.today().year

    # running text -------------------------------------------------------------------------

    def text(self, lines: list[Paragraph]) -> str | None:
        """Paragraphs as a Jinja text field (a blank line between two), placeholders put in."""
        texts = [self.running(line) for line in lines]
        return "\n\n".join(t for t in texts if t) or None

    def running(self, line: Paragraph, text: str | None = None) -> str:
        """One paragraph as Jinja text: punctuation mended, deadlines and the contact as placeholders."""
        value = self.literal(line, line.text if text is None else text)
        value = escape(value)
        value = self.deadlines.replace(value)
        if self.contact is not None:
            for key in ("phone", "email"):
                if self.contact.get(key):
                    value = value.replace(self.contact[key], f"{{{{ contact.{key} }}}}")
        return value

    def literal(self, line: Paragraph, text: str) -> str:
        """Text kept as written, but for half-width punctuation between Chinese characters (reviewed)."""
        fixed, slips = facts.fix_punctuation(text)
        if slips:
            self.note("import-punctuation", line, marks=" ".join(dict.fromkeys(slips)))
        return fixed

    # the whole plan -----------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        """The plan's data, in the order of the shipped plan's keys."""
        self._contact()
        self._title()
        self._signature()
        opening = self._opening()
        sections = [self._section(part) for part in self.outline.parts]
        self._loose_tables()
        plan = self.plan
        plan["notice"] = {k: v for k, v in plan.pop("notice").items() if v}
        if opening:
            plan["notice"]["opening"] = opening
        if self.outline.salutation is not None:
            plan["notice"]["salutation"] = self.literal(self.outline.salutation, self.outline.salutation.text)
        uses = [s.get("use") for s in sections]
        default: list[str] = [k for k in ("ideology", "organization") if k in plan]
        default += ["time_and_theme" if "theme" in plan else "time"]
        default += [k for k in ("tasks", "requirements") if getattr(self, k)]
        if uses != default or any("heading" in s for s in sections):
            plan["sections"] = sections
        self._period_default()
        plan["units"] = self.units.registry()
        plan["tasks"] = self.tasks
        plan["requirements"] = self.requirements
        for deadline in self.deadlines.found.values():  # 上报到宣传部: the unit it is handed to
            named = [(deadline["action"].find(n), i) for n, i in self.units.ids.items() if n in deadline["action"]]
            if named:
                deadline["to"] = min(named)[1]
        plan["deadlines"] = self.deadlines.found
        if self.contact is not None:
            plan["contact"] = self.contact
        self._attachments()
        order = [
            "institution",
            "year",
            "campaign",
            "issuer",
            "issued",
            "policies",
            "notice",
            "sections",
            "ideology",
            "organization",
            "period",
            "theme",
            "units",
            "tasks",
            "requirements",
            "deadlines",
            "contact",
            "form",
            "attachments",
        ]
        kept = ("period", "sections")  # an empty list of sections says: none, not the default ones
        return {k: plan[k] for k in order if (k in kept and k in plan) or plan.get(k) not in (None, [], {})}

    def _contact(self) -> None:
        for part_lines in [self.outline.opening, *[p.lines for p in self.outline.parts]]:
            for line in part_lines:
                name, unit, phone, email = facts.find_contact(line.text)
                if name and (unit or self.outline.issuer is not None) and (phone or email):
                    unit_name = unit or (self.outline.issuer.text if self.outline.issuer else "")
                    self.contact = {"name": name, "unit": self.units.id_for(unit_name)}
                    self.contact |= {k: v for k, v in (("phone", phone), ("email", email)) if v}
                    return

    def _title(self) -> None:
        lines = [t.text for t in self.outline.title]
        notice: dict[str, Any] = {}
        institution = ""
        match = _TITLE.match(lines[-1]) if lines else None
        if match and len(lines) == 2 and int(match.group(1)) == self.year:
            institution, campaign, notice["title"] = lines[0], match.group(2), match.group(3)
        else:
            quoted = re.search(r"“([^”]{2,30})”", "".join(lines))
            campaign = quoted.group(1) if quoted else _campaign_of("".join(lines[-1:]))
            if lines:
                notice["title_lines"] = [escape(t).replace(f"{self.year}年", "{{ year }}年", 1) for t in lines]
            else:
                self.note("import-no-title", None, Severity.EDIT)
            if len(lines) > 1 and re.search(r"(学校|学院|大学|中学|小学|学会|团委|协会)$", lines[0]):
                institution = lines[0]
        if not institution:
            issuer = self.outline.issuer.text if self.outline.issuer is not None else ""
            institution = issuer or "学校名称"
            self.note("import-no-institution", None, Severity.EDIT, institution=institution)
        self.plan |= {"institution": institution, "year": self.year, "campaign": campaign or "活动", "notice": notice}

    def _signature(self) -> None:
        if self.outline.issuer is not None:
            self.plan["issuer"] = self.units.id_for(self.outline.issuer.text)
        if self.outline.date is not None:
            try:
                self.plan["issued"] = dt.date(*self.outline.date)
            except ValueError:
                self.note("import-bad-date", None, Severity.EDIT, date="-".join(map(str, self.outline.date)))
        elif self.outline.issuer is not None:
            self.note("import-no-date", self.outline.issuer, Severity.EDIT)

    def _opening(self) -> str | None:
        lines = self.outline.opening
        if not lines:
            return None
        texts = [self.running(line) for line in lines]
        cited = facts.citations(texts[0])
        if cited is not None:
            texts[0], self.plan["policies"] = cited
        campaign = f"{self.year}年{self.plan['campaign']}"
        texts = [t.replace(campaign, "{{ year }}年{{ campaign }}") for t in texts]
        return "\n\n".join(texts)

    # sections -------------------------------------------------------------------------------

    def _section(self, part: Part) -> dict[str, Any]:
        heading, lines = split_heading(part)
        heading = self.literal(part.heading, heading)
        kind = kind_of(heading)
        taken = {s for s in ("ideology", "organization", "theme") if s in self.plan} | {
            "tasks" if self.tasks else "",
            "requirements" if self.requirements else "",
            "time" if "period" in self.plan else "",
        }
        read = {
            "ideology": self._ideology,
            "organization": self._organization,
            "tasks": self._tasks,
            "requirements": self._requirements,
            "time_and_theme": self._time_and_theme,
            "time": self._time,
            "theme": self._theme,
            "contact": self._contact_section,
        }
        if kind is not None and kind not in taken and not (kind == "time_and_theme" and "time" in taken):
            section = read[kind](lines, part.tables)
            if section is not None:
                if heading != DEFAULT_HEADINGS.get(section["use"]):
                    section["heading"] = heading
                return section
        return self._own(heading, lines, part.tables, part.heading)

    def _own(
        self, heading: str, lines: list[Paragraph], tables: list[tuple[int, Block]], at: Paragraph
    ) -> dict[str, Any]:
        if tables and not self.tasks:
            table_section = self._tasks(lines, tables)
            if table_section is not None:
                return table_section | {"heading": heading}
        section: dict[str, Any] = {"heading": heading}
        if tables:
            where, first = tables[0]
            section["table"] = attachments.plain_table(first, keep_blank=True)[0]
            if any(line.level == 0 for line in lines[where:]):
                self.note("import-text-before-table", lines[where], Severity.EDIT)
        for _, table in tables[1:]:
            self.note("import-table-as-text", at, Severity.EDIT)
            lines = lines + [Paragraph(table.number, "　".join(r)) for r in grid(table)[0] if any(r)]
        found = tree(lines)
        if (text := self.text(found.text)) is not None:
            section["text"] = text
        if found.items:
            section["items"] = [self._item(i) for i in found.items]
        if kind_of(heading) is not None:
            self.note("import-kept-as-own", at, heading=heading)
        else:
            self.note("import-own-section", at)
        return section

    def _item(self, item: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "title" in item:
            out["title"] = self.running(item["line"], item["title"])
        if item.get("text"):
            out["text"] = self.text(item["text"])
        if item["items"]:
            out["items"] = [self._item(i) for i in item["items"]]
        return out

    def _ideology(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        if tables or not lines or any(line.level for line in lines):
            return None
        self.plan["ideology"] = self.text(lines)
        return {"use": "ideology"}

    def _organization(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        return organization.read_organization(self, lines, tables)

    def _time_and_theme(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        if tables or len(lines) != 2:
            return None
        found = [label_of(line.rest if line.level else line.text) for line in lines]
        if not all(found) or "时间" not in found[0][0] or "主题" not in found[1][0]:  # type: ignore[index]
            return None
        if not self._period(lines[0], found[0][1]):  # type: ignore[index]
            return None
        self.plan["theme"] = self.literal(lines[1], found[1][1])  # type: ignore[index]
        return {"use": "time_and_theme"}

    def _time(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        if tables or len(lines) != 1 or lines[0].level or not self._period(lines[0], lines[0].text):
            return None
        return {"use": "time"}

    def _theme(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        if tables or len(lines) != 1 or lines[0].level:
            return None
        self.plan["theme"] = self.literal(lines[0], lines[0].text)
        return {"use": "theme"}

    def _contact_section(self, lines: list[Paragraph], tables: list[Any]) -> dict[str, Any] | None:
        if tables or len(lines) != 1 or self.contact is None:
            return None
        contact = self.contact
        parts = [self.units_name(contact["unit"]) + contact["name"]]
        parts += [f"{label}：{contact[key]}" for key, label in (("phone", "电话"), ("email", "邮箱")) if key in contact]
        if re.sub(r"\s", "", lines[0].text) != "联系人：" + "".join(parts):
            return None
        return {"use": "contact"}

    def units_name(self, unit_id: str) -> str:
        """The name registered under ``unit_id``."""
        return next(n for n, i in self.units.ids.items() if i == unit_id)

    def _period(self, line: Paragraph, text: str) -> bool:
        match = _PERIOD.search(text)
        if match is None or match.start() != 0 or text[match.end() :].strip():
            return self._one_day(text)
        start_year = int(match.group(1) or self.year)
        try:
            start = dt.date(start_year, int(match.group(2)), int(match.group(3)))
            end = dt.date(int(match.group(4) or start_year), int(match.group(5) or start.month), int(match.group(6)))
        except ValueError:
            return False
        period: dict[str, Any] = {"start": start, "end": end}
        plain = {f"{chinese.month_day(start)}{mark}{chinese.month_day(end)}": mark for mark in _SEPARATORS}
        if text in plain:  # 4月28日-5月28日: the plan's separator says it all
            if plain[text] != _SEPARATORS[0]:
                period["separator"] = plain[text]
        else:
            first = "{{ period.start | ymd }}" if match.group(1) else "{{ period.start | md }}"
            if match.group(4):
                last = "{{ period.end | ymd }}"
            else:
                last = "{{ period.end | md }}" if match.group(5) else "{{ period.end.day }}日"
            between = text[text.index("日", match.end(3)) + 1 : match.start(6)]
            between = re.sub(r"(?:\d{4}年)?(?:\d{1,2}月)?$", "", between)
            period["wording"] = first + self.literal(line, between) + last
        self.plan["period"] = period
        return True

    def _one_day(self, text: str) -> bool:
        """A campaign of one day: 2024年5月18日 (or 5月18日)."""
        match = _ONE_DAY.fullmatch(text.strip())
        if match is None:
            return False
        try:
            day = dt.date(int(match.group(1) or self.year), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return False
        wording = "{{ period.start | ymd }}" if match.group(1) else "{{ period.start | md }}"
        self.plan["period"] = {"start": day, "end": day, "wording": wording}
        return True

    def _period_default(self) -> None:
        if "period" in self.plan:
            return
        for line in [*self.outline.opening, *[li for p in self.outline.parts for li in p.lines]]:
            found = label_of(line.rest or line.text)
            if found and "时间" in found[0] and _PERIOD.search(found[1]):
                match = _PERIOD.search(found[1])
                assert match is not None
                try:
                    start = dt.date(int(match.group(1) or self.year), int(match.group(2)), int(match.group(3)))
                    end = dt.date(start.year, int(match.group(5) or start.month), int(match.group(6)))
                except ValueError:
                    continue
                self.plan["period"] = {"start": start, "end": end}
                return
        day = self.plan.get("issued") or dt.date(self.year, 1, 1)
        self.plan["period"] = {"start": day, "end": day}
        self.note("import-no-period", None, Severity.EDIT, day=day.isoformat())

    def _tasks(self, lines: list[Paragraph], tables: list[tuple[int, Block]]) -> dict[str, Any] | None:
        return tasks.read_tasks(self, lines, tables)

    def _requirements(self, lines: list[Paragraph], tables: list[tuple[int, Block]]) -> dict[str, Any] | None:
        return tasks.read_requirements(self, lines, tables)

    def _loose_tables(self) -> None:
        for table in self.outline.loose_tables:
            self.review.append(review("import-table-left-out", table.number, self.file, Severity.EDIT))

    def _attachments(self) -> None:
        attachments.read_attachments(self)


def _campaign_of(title: str) -> str:
    title = re.sub(r"^关于(?:开展|举办|组织|做好|印发)?", "", title)
    title = re.sub(r"^\d{4}年(?:度)?", "", title)
    title = re.sub(r"(?:活动)?(?:的)?(?:实施)?(?:通知|方案|工作方案|活动方案)$", "", title)
    return title[:40] or "活动"
