"""From the outline of a notice to the plan's data, key by key, and the review of what was guessed or not placed.

Literal text becomes Jinja text (braces quoted), with the period, deadlines, the contact's phone
and e-mail and the cited documents as placeholders. Each section is read for its role: a known
one in the shape docgen prints, the tasks by what its items say, anything else as a section of
the plan's own with its text as written, where it stood. Nothing of the Word file is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from docgen.documents.body import DEFAULT_HEADINGS
from docgen.errors import Finding, Severity
from docgen.importing import facts
from docgen.importing.attachments import plain_table, read_attachments
from docgen.importing.facts import Deadlines, Units, escape, review
from docgen.importing.front import read_contact, read_front
from docgen.importing.lines import Paragraph
from docgen.importing.organization import read_organization
from docgen.importing.outline import Outline, Part
from docgen.importing.period import PeriodFound, in_opening, in_time_sections, replace_in
from docgen.importing.sections import has_other_role, item_data, kind_of, label_of, split_heading, styles_of, tree
from docgen.importing.tasks import Days, TasksRead, read_requirements, read_tasks
from docgen.importing.wordfile import Block

Read = TypeVar("Read")
TASK_KEYS = (
    "id", "title", "group", "units", "organisers", "date", "end_date", "rough_date", "time", "place", "participants",
    "work", "items",
)  # fmt: skip
HANDED_IN = ("征集", "申报", "报送", "报名", "材料", "奖")
SECTION_KEYS = ("use", "heading", "untitled", "text", "table", "view", "columns", "labels", "numbering", "items")
ORDER = (
    "institution", "year", "campaign", "issuer", "joint_issuers", "issued", "policies", "notice", "sections",
    "ideology", "organization", "period", "theme", "units", "tasks", "requirements", "deadlines", "contact", "form",
    "attachments",
)  # fmt: skip


class Builder:
    """Builds the plan's data from an outline; ``review`` collects what a person should look at."""

    def __init__(self, outline: Outline, file: str) -> None:
        self.outline = outline
        self.file = file
        self.review: list[Finding] = []
        self._units = Units()
        self._year = self._find_year()
        self.deadlines = Deadlines(self._year, self._units)
        self.plan: dict[str, Any] = {}
        self.contact: dict[str, Any] | None = None
        self.period: PeriodFound | None = None
        self.tasks: list[dict[str, Any]] = []
        self.task_lines: list[Paragraph] = []
        self.requirements: list[dict[str, Any]] = []
        self.time_used = False  # a section printed the period (use: time or time_and_theme)

    @property
    def year(self) -> int:
        """The plan's year."""
        return self._year

    @property
    def units(self) -> Units:
        """The registry of units met so far."""
        return self._units

    def note(self, code: str, line: Paragraph | None, severity: Severity = Severity.NOTE, **params: Any) -> None:
        """Add a review item about ``line``."""
        text = facts.excerpt(line.text) if line is not None else ""
        self.review.append(review(code, line.number if line else None, self.file, severity, excerpt=text, **params))

    def _find_year(self) -> int:
        for line in [*self.outline.header, *self.outline.title, *self.outline.opening]:
            if (match := re.search(r"(\d{4})\s*年", line.text)) is not None:
                return int(match.group(1))
        if self.outline.date is not None:
            return self.outline.date[0]
        for line in [line for part in self.outline.parts for line in part.lines]:
            if (match := re.search(r"(\d{4})\s*年\s*\d{1,2}\s*月", line.text)) is not None:
                return int(match.group(1))
        self.note("import-no-year", None, Severity.EDIT)
        return dt.date.today().year

    # running text -------------------------------------------------------------------------

    def text(self, lines: Sequence[Paragraph], task: str | None = None) -> str | None:
        """Paragraphs as a Jinja text field (a blank line between two), placeholders put in."""
        texts = [self.running(line, task=task) for line in lines]
        return "\n\n".join(t for t in texts if t) or None

    def running(self, line: Paragraph, text: str | None = None, task: str | None = None) -> str:
        """One paragraph as Jinja text: punctuation mended; period, deadlines and the contact as placeholders."""
        value = escape(self.literal(line, line.text if text is None else text))
        value = replace_in(self.period, line, value)
        value = self.deadlines.replace(value, task)
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
        outline = self.outline
        front = read_front(self, outline)
        self.plan |= {"institution": front.institution, "year": self._year, "campaign": front.campaign}
        self.plan |= {"issuer": front.issuer, "joint_issuers": front.joint_issuers, "issued": front.issued}
        issuer = outline.issuers[0].text if outline.issuers else None
        issuer = next((n for n, i in self._units.ids.items() if i == front.issuer), issuer)
        self.contact = read_contact(self, [outline.opening, *[p.lines for p in outline.parts]], issuer)
        self._find_period(front.issued)
        notice = front.notice
        if (opening := self._opening()) is not None:
            notice["opening"] = opening
        sections = [section for part in outline.parts for section in self._part(part)]
        self._period_default(front.issued)
        read = read_attachments(self, outline, f"{self._year}年“{front.campaign}”", [t["title"] for t in self.tasks])
        if read.leftover:
            self.note("import-attachment-text", read.leftover[0], Severity.EDIT)
            sections += self._own(None, read.leftover, [], read.leftover[0])
        self.plan["notice"] = {k: v for k, v in notice.items() if v is not None}
        uses = [s.get("use") for s in sections]
        default: list[str] = [k for k in ("ideology", "organization") if k in self.plan]
        default += ["time_and_theme" if "theme" in self.plan else "time"]
        default += [k for k in ("tasks", "requirements") if getattr(self, k)]
        if uses != default or any(set(s) != {"use"} for s in sections):
            self.plan["sections"] = [{k: s[k] for k in SECTION_KEYS if k in s} for s in sections]
        tasks = [{k: task[k] for k in TASK_KEYS if k in task} for task in self.tasks]
        self.plan |= {"units": self._units.registry(), "tasks": tasks, "requirements": self.requirements}
        self.deadlines.recipients()
        self.plan["deadlines"] = self.deadlines.found
        if self.contact is not None:
            self.plan["contact"] = self.contact
        if read.form is not None:
            self.plan["form"] = read.form
        self.plan["attachments"] = read.entries
        kept = ("period", "sections", "notice")  # an empty list of sections says: none, not the default ones
        plan = self.plan
        return {k: plan[k] for k in ORDER if (k in kept and k in plan) or plan.get(k) not in (None, [], {})}

    def _opening(self) -> str | None:
        lines = self.outline.opening
        if not lines:
            return None
        texts = [self.running(line) for line in lines]
        cited = facts.citations(texts[0])
        if cited is not None:
            texts[0], self.plan["policies"] = cited
        campaign = f"{self._year}年{self.plan['campaign']}"
        texts = [t.replace(campaign, "{{ year }}年{{ campaign }}") for t in texts]
        return "\n\n".join(texts)

    # the period -----------------------------------------------------------------------------

    def _find_period(self, issued: dt.date | None) -> None:
        found = in_time_sections(self.outline.parts, self._year, issued)
        found = found or in_opening(self.outline.opening, self._year, issued)
        if found is None:
            return
        self.period = found
        self.plan["period"] = found.plan_period()
        span = found.span
        if found.source == "opening":
            self.note("import-period-from-opening", found.line, start=span.start, end=span.end)
        if span.from_today:
            self.note("import-period-start-from-issue-date", found.line, day=span.start)
        if span.guesses:
            self.note("import-day-assumed", found.line, words="、".join(span.guesses), start=span.start, end=span.end)

    def _period_default(self, issued: dt.date | None) -> None:
        if "period" in self.plan:
            return
        dated = [(t["date"], t.get("end_date", t["date"]), n) for n, t in enumerate(self.tasks) if t.get("date")]
        if dated:
            start, end = min(d[0] for d in dated), max(d[1] for d in dated)
            first = min(dated)[2]
            self.plan["period"] = {"start": start, "end": end}
            self.note("import-period-from-tasks", self.task_lines[first], Severity.EDIT, start=start, end=end)
        elif issued is not None:
            self.plan["period"] = {"start": issued, "end": issued}
            self.note("import-no-period", self.outline.date_line, Severity.EDIT, day=issued)
        else:
            day = dt.date(self._year, 1, 1)
            self.plan["period"] = {"start": day, "end": day}
            self.note("import-no-period-or-date", None, Severity.EDIT, day=day)

    # sections -------------------------------------------------------------------------------

    def _part(self, part: Part) -> list[dict[str, Any]]:
        """The sections one part of the notice gives: one of a known kind, the tasks, or the plan's own."""
        if part.heading is None:
            heading: str | None = None
            lines = list(part.lines)
        else:
            words, lines = split_heading(part.heading, part.lines)
            heading = self.literal(part.heading, words)
        shift = len(lines) - len(part.lines)  # a heading's value (活动时间：5月) is the first line now
        tables = [(where + shift, table) for where, table in part.tables]
        if not lines and not tables:
            return [{"heading": heading}] if heading is not None else []
        kind = kind_of(heading) if heading is not None else None
        if kind is not None and kind != "tasks" and kind not in self._taken():
            section = self._attempt(lambda: self._known(kind, lines, tables))
            if section is not None:
                if heading != DEFAULT_HEADINGS.get(section["use"]):
                    section["heading"] = heading
                return [section]
        if "tasks" not in self._taken() and self._may_hold_tasks(heading, kind, part):
            near = self.plan["period"]["start"] if "period" in self.plan else None
            days = Days(self._year, near)
            read = self._attempt(lambda: read_tasks(self, lines, tables, days, named=kind == "tasks"))
            if read is not None:
                return self._tasks_section(read, heading, part)
        at = part.heading or (lines[0] if lines else Paragraph(tables[0][1].number, ""))
        return self._own(heading, lines, tables, at)

    def _attempt(self, read: Callable[[], Read | None]) -> Read | None:
        """``read()``, or None with the units, deadlines and review as they were before it: a reading given up."""
        saved = (len(self.review), self._units.snapshot(), self.deadlines.snapshot(), dict(self.plan))
        found = read()
        if found is None:
            del self.review[saved[0] :]
            self._units.restore(saved[1])
            self.deadlines.restore(saved[2])
            self.plan = saved[3]
        return found

    @staticmethod
    def _may_hold_tasks(heading: str | None, kind: str | None, part: Part) -> bool:
        """Any section but one with another role; a schedule table even there, but among what is handed in (征集 …)."""
        if heading is None or kind == "tasks" or not has_other_role(heading):
            return True
        return bool(part.tables) and not any(word in heading for word in HANDED_IN)

    def _taken(self) -> set[str]:
        taken: set[str] = {k for k in ("ideology", "organization", "theme") if k in self.plan}
        taken |= {"tasks"} if self.tasks else set()
        taken |= {"requirements"} if self.requirements else set()
        return taken | ({"time", "time_and_theme"} if self.time_used else set())

    def _tasks_section(self, read: TasksRead, heading: str | None, part: Part) -> list[dict[str, Any]]:
        self.tasks, self.task_lines = read.tasks, read.sources
        section = read.section
        if heading is None:
            section["untitled"] = True
        elif heading != DEFAULT_HEADINGS["tasks"]:
            section["heading"] = heading
        if kind_of(heading or "") != "tasks":
            at = part.heading or self.task_lines[0]
            self.note("import-taken-as-tasks", at, count=len(read.tasks))
        out = [section]
        if read.after:
            self.note("import-after-table", read.after[0])
            out += self._own(None, read.after, [], read.after[0])
        return out

    def _known(self, kind: str, lines: list[Paragraph], tables: list[tuple[int, Block]]) -> dict[str, Any] | None:
        if kind == "requirements":
            read = read_requirements(self, lines, tables)
            if read is None:
                return None
            self.requirements = read.tasks
            return read.section
        if tables:
            return None
        if kind == "ideology" and lines and not any(line.level for line in lines):
            self.plan["ideology"] = self.text(lines)
            return {"use": "ideology"}
        if kind == "organization" and (org := read_organization(self, lines, [])) is not None:
            self.plan["organization"] = org
            return {"use": "organization"}
        if kind == "theme" and len(lines) == 1 and not lines[0].level:
            self.plan["theme"] = self.literal(lines[0], lines[0].text)
            return {"use": "theme"}
        if kind == "time" and len(lines) == 1 and self._is_the_period(lines[0], lines[0].text):
            self.time_used = True
            return {"use": "time"}
        if kind == "time_and_theme" and len(lines) == 2 and lines[0].style == lines[1].style in ("1.", "1、"):
            time, theme = label_of(lines[0].rest), label_of(lines[1].rest)
            labels = (time[0] if time else "", theme[0] if theme else "")
            if time and theme and labels == ("活动时间", "活动主题") and self._is_the_period(lines[0], time[1]):
                self.plan["theme"] = self.literal(lines[1], theme[1])
                self.time_used = True
                return {"use": "time_and_theme"} | ({"numbering": ["1、"]} if lines[0].style == "1、" else {})
        if kind == "contact" and len(lines) == 1 and self.contact is not None:
            return self._contact_section(lines[0])
        return None

    def _is_the_period(self, line: Paragraph, text: str) -> bool:
        """The whole of ``text`` writes the period as the plan now words it."""
        found = self.period
        if found is None or found.line.number != line.number:
            return False
        return re.sub(r"[\s。.]", "", text) == re.sub(r"\s", "", found.written)

    def _contact_section(self, line: Paragraph) -> dict[str, Any] | None:
        contact = self.contact
        assert contact is not None
        unit = next(n for n, i in self._units.ids.items() if i == contact["unit"])
        parts = [unit + "、".join([contact["name"], *contact.get("other_names", [])])]
        parts += [f"{label}：{contact[key]}" for key, label in (("phone", "电话"), ("email", "邮箱")) if key in contact]
        if re.sub(r"\s", "", line.text) != "联系人：" + "".join(parts):
            return None
        return {"use": "contact"}

    def _own(
        self, heading: str | None, lines: list[Paragraph], tables: list[tuple[int, Block]], at: Paragraph
    ) -> list[dict[str, Any]]:
        """A section of the plan's own, its text as written; a table stands where it stood, cutting the section."""
        if heading is None:
            self.note("import-untitled", at)
        elif kind_of(heading) is not None:
            self.note("import-kept-as-own", at, heading=heading)
        else:
            self.note("import-own-section", at)
        out: list[dict[str, Any]] = [{"heading": heading} if heading is not None else {"untitled": True}]
        start = 0
        for where, table in [*tables, (len(lines), None)]:
            found = tree(lines[start:where])
            start = where
            text = self.text(found.text)
            current = out[-1]
            if text is not None or found.items:
                # text prints before a section's table and items after it: start another where the order says so
                if "items" in current or ("table" in current and text is not None):
                    current = {"untitled": True}
                    out.append(current)
                if text is not None:
                    current["text"] = text
                if found.items:
                    current["items"] = [item_data(self, node) for node in found.items]
                    if styles := styles_of(found.items):
                        current["numbering"] = styles
            if table is not None:
                if "items" in current or "table" in current:
                    current = {"untitled": True}
                    out.append(current)
                current["table"] = plain_table(table, keep_blank=True)[0]
        return out
