"""Facts found in running text: units, deadlines, the contact, cited documents, slips of punctuation.

Each is turned into what a plan holds (a registry entry, a ``deadlines`` key, ``contact``,
``policies``) and the text gets a placeholder in its place, so that next year's dates and
numbers are changed in one place. What is rewritten or doubtful goes into the review.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from docgen.errors import Finding, Severity
from docgen.importing.responsible import clauses, is_catch_all, subject

HAN = "\u4e00-\u9fff"
_CLAUSE_END = re.compile(r"[。；;]")
_NEAR = 400  # characters a deadline's sentence is read in around it: far more than a sentence, never the whole text
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
_SLIP = re.compile(rf"(?<=[{HAN}“”《》（）])\s*([,:;()])\s*(?=[{HAN}“”《》（）])")
_DATED = re.compile(
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"((?:[（(][^）)]{1,3}[）)])?(?:上午|中午|下午|晚上|晚)?\s*(?:\d{1,2}(?:[:：]\d{2})?\s*(?:点|时)?(?:\d{1,2}分|半)?)?)"
    r"\s*(?:之)?前"
)
_WEEKLY = re.compile(
    r"每(周)([一二三四五六日])((?:上午|中午|下午|晚上)?\s*(?:\d{1,2}(?:[:：]\d{2})?\s*(?:点|时)?)?)\s*(?:之)?前"
)
_WEEKDAYS = "一二三四五六日"
# 将活动安排上报到宣传部, 将各自负责的一周活动开展情况，以文字、图片…报送到宣传部: the thing, and the verb
_MOVED = re.compile(
    r"[将把](?P<thing>[^，,：:（(]{2,30}?)(?:[，,][^，,]{0,40}?)?(?P<verb>上报|报送|提交|报)(?:到|至|给|$)"
)
_OWN = re.compile(r"^(?:各自|各部门|本部门|本单位)?(?:负责)?的")
PHONE = re.compile(r"(?:电话|手机|联系方式|Tel|TEL)\s*[：:]?\s*((?:0\d{2,3}-?)?\d{7,8}|1[3-9]\d{9})(?!\d)")
_BARE_PHONE = r"(?:0\d{2,3}-?)?\d{7,8}|1[3-9]\d{9}"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
UNIT_WORD = rf"[{HAN}]{{1,10}}?(?:处|部|室|办|中心|委|科|馆|院|会|系|队|站|组)"
_PERSON = rf"[{HAN}]{{2,3}}"
_CONTACT_NAMED = re.compile(
    rf"联\s*系\s*人\s*[：:]\s*(?:({UNIT_WORD}))?({_PERSON}(?:\s*[、，,\s]\s*{_PERSON})*)(?=[\s，,；;（(电]|$)"
)
_CONTACT_AT = re.compile(rf"({UNIT_WORD})({_PERSON})处\s*[（(]\s*电话")
_CONTACT_BARE = re.compile(rf"^\s*({UNIT_WORD})\s+({_PERSON}(?:\s+{_PERSON})*)\s+({_BARE_PHONE})\s*$")
_CITATION = re.compile(r"《([^《》]{2,100})》\s*[（(]([^（）()]{2,40}号)[）)]")
_CITE_LEADS = ("贯彻落实", "落实", "根据", "按照", "依据", "贯彻", "遵照", "依照", "结合", "执行")
_ISSUER_END = re.compile(r"(?:厅|部|委|局|院|办公室|办公厅|政府|委员会|中心|学校|团委|联合会)$")

# Ids for common department names (pinyin is not at hand): the name, or its last word, gives the id.
KNOWN_UNITS = {
    "招生就业处": "admissions",
    "学生工作处": "student_affairs",
    "学生处": "student_affairs",
    "教务处": "academic_affairs",
    "各院部": "colleges",
    "各学院": "colleges",
    "工会": "union",
    "社区卫生服务中心": "community_health",
    "学校办公室": "president_office",
    "院办公室": "president_office",
    "党政办公室": "president_office",
    "团委": "youth_league",
    "校团委": "youth_league",
    "生命科学馆": "life_science_museum",
    "图书馆": "library",
    "大学生活动中心": "student_center",
    "临床实训部": "clinical_training",
    "宣传部": "publicity",
    "党委宣传部": "publicity",
    "信息部": "information",
    "各党总支": "party_branches",
    "保卫处": "security",
    "各教学单位": "teaching_units",
    "科研处": "research",
    "科研部": "research",
    "人事处": "personnel",
    "财务处": "finance",
    "后勤处": "logistics",
    "后勤管理处": "logistics",
    "办公室": "office",
    "各系": "departments",
    "各部门": "all_departments",
    "网络中心": "network_center",
    "信息中心": "network_center",
    "校医院": "clinic",
    "国际交流处": "international",
    "继续教育学院": "continuing_education",
    "实训中心": "training_center",
    "科技处": "science",
    "科学技术处": "science",
    "资产管理处": "assets",
    "心理健康教育中心": "counseling",
    "学生会": "student_union",
    "各二级学院": "colleges",
    "各系部": "departments",
    "各系院": "departments",
}


def review(code: str, number: int | None, source: str, severity: Severity = Severity.NOTE, **params: Any) -> Finding:
    """A review item about paragraph ``number`` of the Word file."""
    return Finding(code, {"paragraph": number or 0, **params}, file=source, severity=severity)


def excerpt(text: str, size: int = 24) -> str:
    """The start of a paragraph, to name it in the review."""
    return text if len(text) <= size else text[:size] + "…"


def fix_punctuation(text: str) -> tuple[str, list[str]]:
    """Half-width , : ; ( ) between Chinese characters made full-width; the slips found."""
    slips: list[str] = []

    def full(match: re.Match[str]) -> str:
        slips.append(match.group(1))
        return _HALF_TO_FULL[match.group(1)]

    return _SLIP.sub(full, text), slips


def escape(text: str) -> str:
    """Literal text made safe as Jinja text: braces that would start a placeholder are quoted."""
    return re.sub(r"(\{\{|\{%|\{#)", lambda m: "{{ '" + m.group(1) + "' }}", text)


class Units:
    """The registry the import builds: each name once, with a stable ASCII id."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.full_names: dict[str, str] = {}  # name -> the longer name a signature gives it (海宁大学保卫处)

    def id_for(self, name: str) -> str:
        """The id of ``name``, registering it on first sight."""
        name = re.sub(r"\s+", "", name)
        if name in self.ids:
            return self.ids[name]
        base = KNOWN_UNITS.get(name) or next((v for k, v in KNOWN_UNITS.items() if len(k) > 2 and name.endswith(k)), "")
        base = base or "unit"
        taken = set(self.ids.values())
        unit_id = base if base != "unit" and base not in taken else _next_free(base, taken)
        self.ids[name] = unit_id
        return unit_id

    def snapshot(self) -> tuple[dict[str, str], dict[str, str]]:
        """The registry as it stands, to go back to when a reading is given up."""
        return dict(self.ids), dict(self.full_names)

    def restore(self, saved: tuple[dict[str, str], dict[str, str]]) -> None:
        """Back to a ``snapshot``."""
        self.ids, self.full_names = dict(saved[0]), dict(saved[1])

    def registry(self) -> list[dict[str, str]]:
        """The ``units`` list in the order the units were met."""
        return [
            {"id": i, "name": n, **({"full_name": self.full_names[n]} if n in self.full_names else {})}
            for n, i in self.ids.items()
        ]


def _next_free(base: str, taken: set[str]) -> str:
    n = 1
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


@dataclass
class ContactFound:
    """The person units report to, as one line names them: names, their unit, phone, e-mail."""

    names: list[str]
    unit: str | None
    phone: str | None
    email: str | None
    labelled: bool = True


def find_contact(text: str) -> ContactFound | None:
    """The contact a line names: 联系人：宣传部李杉杉 电话：…, 宣传部李杉杉处（电话…, or 保卫处 吴敏 83927751."""
    bare = _CONTACT_BARE.match(text)
    if bare is not None:
        return ContactFound(bare.group(2).split(), _known(bare.group(1)), bare.group(3), None, labelled=False)
    for pattern in (_CONTACT_AT, _CONTACT_NAMED):
        match = pattern.search(text)
        if match:
            unit = match.group(1)
            if unit:
                unit = _known(re.split(r"到|至|给|向|交|送|由", unit)[-1])
            names = [n for n in re.split(r"[、，,\s]+", match.group(2)) if n]
            phone = PHONE.search(text)
            number = phone.group(1) if phone else _bare_phone(text[match.end() :])
            email = EMAIL.search(text)
            return ContactFound(names, unit, number, email.group(0) if email else None)
    return None


def _bare_phone(text: str) -> str | None:
    found = re.search(rf"(?<![\d-])({_BARE_PHONE})(?!\d)", text)
    return found.group(1) if found else None


def _known(unit: str) -> str:
    return next((k for k in sorted(KNOWN_UNITS, key=len, reverse=True) if unit.endswith(k)), unit)


def citations(text: str) -> tuple[str, list[dict[str, str]]] | None:
    """The opening with its run of cited documents as ``{{ policies | cite }}``, and the policies."""
    matches = list(_CITATION.finditer(text))
    if not matches:
        return None
    run = [matches[0]]
    issuers = [_issuer_before(text, matches[0].start(), first=True)]
    for match in matches[1:]:
        between = text[run[-1].end() : match.start()]
        issuer = between.lstrip("、")
        if not between.startswith("、") or (issuer and not _ISSUER_END.search(issuer)):
            break
        run.append(match)
        issuers.append(issuer)
    start = run[0].start() - len(issuers[0])
    policies = []
    for match, issuer in zip(run, issuers, strict=True):
        policy = {"issuer": issuer} if issuer else {}
        policies.append({**policy, "title": match.group(1), "number": match.group(2)})
    return text[:start] + "{{ policies | cite }}" + text[run[-1].end() :], policies


def _issuer_before(text: str, at: int, *, first: bool) -> str:
    before = text[max(0, at - 30) : at]
    cut = max((before.rfind(lead) + len(lead) for lead in _CITE_LEADS if lead in before), default=-1)
    if cut < 0:
        cut = max(before.rfind(c) + 1 for c in "，,。、；") if first else 0
    issuer = before[cut:]
    return issuer if issuer and _ISSUER_END.search(issuer) and len(issuer) <= 20 else ""


class Deadlines:
    """Deadlines found in running text, each put in the plan once and named by a placeholder.

    A deadline keeps who owes it where the sentence says (各学院于…前; words for every unit say
    nobody in particular), or the task whose text it stands in; ``recipients`` then finds whom
    it is handed to among the units the plan registered.
    """

    def __init__(self, year: int, units: Units) -> None:
        self.year = year
        self.units = units
        self.found: dict[str, dict[str, Any]] = {}
        self._after: dict[str, str] = {}  # key -> the words after its day, where the recipient is named

    def replace(self, text: str, task: str | None = None) -> str:
        """``text`` with each deadline's day as ``{{ deadlines.key | md }}`` (or ``| weekday``)."""
        out: list[str] = []
        at = 0
        for match in sorted([*_DATED.finditer(text), *_WEEKLY.finditer(text)], key=lambda m: m.start()):
            if match.start() < at:
                continue
            placeholder, day_end = self._deadline(text, match, task)
            if placeholder is None:
                continue
            out += [text[at : match.start()], placeholder]
            at = day_end
        return "".join(out) + text[at:]

    def snapshot(self) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
        """The deadlines found so far, to go back to when a reading is given up."""
        return {k: dict(v) for k, v in self.found.items()}, dict(self._after)

    def restore(self, saved: tuple[dict[str, dict[str, Any]], dict[str, str]]) -> None:
        """Back to a ``snapshot``."""
        self.found, self._after = {k: dict(v) for k, v in saved[0].items()}, dict(saved[1])

    def name_form(self, title: str) -> None:
        """上报活动安排 -> 上报活动安排表: a deadline that returns the form (``title``) names it as the table it is."""
        for deadline in self.found.values():
            if deadline.get("action", "").endswith(title) and not title.endswith("表"):
                deadline["action"] += "表"

    def within(self, end: dt.date | None) -> None:
        """Drop ``after_end`` from a deadline due inside the period ending ``end`` (活动月结束后，5月24日前).

        The words say after the end, the days say before it: the date is what the plan keeps.
        """
        for deadline in self.found.values():
            if end is not None and deadline.get("after_end") and deadline.get("date", end) <= end:
                del deadline["after_end"]

    def recipients(self) -> None:
        """Set each deadline's ``to``: the first registered unit named after its day (上报到宣传部)."""
        for key, deadline in self.found.items():
            after = self._after.get(key, "")
            named = [(after.find(n), i) for n, i in self.units.ids.items() if n in after]
            if named:
                deadline["to"] = min(named)[1]
        handed = {d["to"] for d in self.found.values() if "to" in d}
        for deadline in self.found.values():
            if len(handed) == 1:  # the one unit every other return goes to: a task's weekly report too
                deadline.setdefault("to", next(iter(handed)))

    def _deadline(self, text: str, match: re.Match[str], task: str | None) -> tuple[str | None, int]:
        weekly = match.re is _WEEKLY
        when = re.sub(r"^[（(][^）)]*[）)]", "", match.group(3) if weekly else match.group(4)).strip()
        entry: dict[str, Any] = {}
        if weekly:
            entry["weekday"] = _WEEKDAYS.index(match.group(2)) + 1
            start, end, filter_ = match.start(1), match.end(2), "weekday"
        else:
            try:
                day = dt.date(int(match.group(1) or self.year), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return None, 0
            entry["date"] = day
            start = match.start(1) if match.group(1) else match.start(2)
            end, filter_ = text.index("日", match.end(3)) + 1, "ymd" if match.group(1) else "md"
        if when:
            entry["time"] = when
        entry["action"] = _action(text, match)
        owed = _owed_by(text[max(0, match.start() - _NEAR) : match.start()])
        if task is not None and any(name not in self.units.ids for name in owed):
            owed = []  # in a task's text, words that are not the plan's units (各班级) leave it the task's
        if owed:
            entry["units"] = [self.units.id_for(name) for name in owed]
        elif task is not None:
            entry["task"] = task
        if "结束后" in text[max(0, match.start() - 12) : match.start()]:
            entry["after_end"] = True
        key = self._key(entry)
        if key not in self._after:  # the clause after its first mention; not split again at every date (linear)
            stop = _CLAUSE_END.search(text, match.end())
            self._after[key] = text[match.end() : stop.start() if stop else len(text)]
        return text[match.start() : start] + f"{{{{ deadlines.{key} | {filter_} }}}}", end

    def _key(self, entry: dict[str, Any]) -> str:
        """The key of the deadline due then; the same day written twice is one deadline, everybody's if once so."""
        for key, known in self.found.items():
            times = {known.get("time"), entry.get("time")} - {None}
            if (known.get("date"), known.get("weekday")) == (entry.get("date"), entry.get("weekday")) and len(
                times
            ) < 2:
                _widen(known, entry)
                if times:
                    known["time"] = times.pop()
                return key
        words = (("总结", "summary"), ("安排", "schedule"), ("申报", "application"), ("报名", "registration"))
        weekly = "weekly_report" if "task" not in entry else f"{entry['task']}_report"  # a task's own: column_report
        base = next((k for w, k in words if w in entry["action"]), weekly if "weekday" in entry else "deadline")
        key = base if base not in self.found else _next_free(base, set(self.found))
        self.found[key] = entry
        return key


def _widen(known: dict[str, Any], new: dict[str, Any]) -> None:
    """Make ``known`` concern whom ``new`` concerns too: everybody if either does, else their tasks and units."""
    tasks = list(dict.fromkeys(t for t in (known.get("task"), new.get("task")) if t))
    units = list(dict.fromkeys([*known.get("units", []), *new.get("units", [])]))
    everybody = not (known.get("task") or known.get("units")) or not (new.get("task") or new.get("units"))
    known.pop("task", None)
    known.pop("units", None)
    if everybody or len(tasks) > 1:
        return
    if tasks:
        known["task"] = tasks[0]
    if units:
        known["units"] = units


def _owed_by(before: str) -> list[str]:
    """The units a deadline's sentence gives it to: the subject of its clause or of one before it."""
    sentence = re.split(r"[。；;！!？?]", before)[-1]
    for clause in reversed(clauses(sentence)):
        found = subject(clause)
        if found:
            return [] if all(is_catch_all(n) for n in found) else [n for n in found if not is_catch_all(n)]
    return []


def _action(text: str, match: re.Match[str]) -> str:
    """What is due, as a verb and its object: 上报活动安排, 报送本周活动开展情况.

    The sentence's 将X（，以…）报送到Y gives the verb and X; else the words after the day.
    """
    sentence = re.split(r"[。；;！!]", text[match.end() : match.end() + _NEAR], maxsplit=1)[0]
    moved = _MOVED.search(sentence)
    if moved is not None:
        thing = _OWN.sub("", moved.group("thing")).strip()
        thing = re.sub(r"^一周", "本周", thing) if match.re is _WEEKLY else thing
        if len(thing) >= 2:
            return (moved.group("verb") + re.sub(r"(?<=本周)的", "", thing))[:60]
    after = re.split(r"[，,。；;：:！!（(]", text[match.end() : match.end() + _NEAR], maxsplit=1)[0].strip()
    after = re.sub(r"^(?:将|把|完成|要)", "", after).strip()
    after = re.sub(r"^(上报|报送|提交)一次", r"\1", after)  # 上报一次本周的… -> 上报本周的…
    after = re.sub(r"(?<=本周)的", "", after)
    if len(after) < 2:
        before = re.split(r"[，,。；;！!（(]", text[max(0, match.start() - _NEAR) : match.start()])[-1].strip()
        after = before or "提交"
    return re.sub(r"\{\{.*?\}\}", "", after)[:60] or "提交"
