"""Who is responsible, as a notice's running text says it: units named in a sentence, not in a labelled line.

A trailing ``（负责部门：教务处、各系院）`` (``责任单位``, ``任务单位``, ``牵头部门：X，配合部门：Y``),
``由科学技术处、宣传部负责``, or the units that open a clause (``各学院开放实验室``,
``保卫处、各教学单位要…``). Words that mean every unit (各单位, 各责任部门) are told apart:
a task may name them, a duty or a deadline given to them is everybody's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HAN = "\u4e00-\u9fff"
UNIT_LABELS = (
    "责任部门", "责任单位", "负责部门", "负责单位", "任务单位", "牵头部门", "牵头单位", "承办单位", "主办单位",
    "组织部门", "组织单位", "实施部门",
)  # fmt: skip
HELPER_LABELS = ("配合部门", "配合单位", "协办单位", "参与部门", "协助部门")
CATCH_ALL = frozenset(
    {
        "各单位", "各部门", "各有关单位", "各有关部门", "有关单位", "有关部门", "相关部门", "各相关部门", "相关单位",
        "各责任部门", "各责任单位", "各承办单位", "校内各单位", "校属各单位", "全校各单位", "各单位各部门",
    }
)  # fmt: skip
_LABELS = "|".join((*UNIT_LABELS, *HELPER_LABELS))
_TRAILING = re.compile(rf"[（(]\s*((?:{_LABELS})\s*[：:][^（）()]+)[）)]\s*[。；;]?\s*$")
_LABELLED = re.compile(rf"({_LABELS})\s*[：:]\s*([^：:]+?)(?=[，,；;]\s*(?:{_LABELS})\s*[：:]|$)")
_NAME = (
    rf"[{HAN}（）()]{{1,16}}?(?:处|部|室|办|中心|委|科|馆|院|会|系|队|站|组|总支|支部|单位|部门|协会|院系|系院|系部)"
)
_LED_BY = re.compile(
    rf"由\s*((?:{_NAME})(?:\s*[、和及与]\s*(?:{_NAME}))*)\s*(?:具体)?(?:负责|组织|牵头|承办|主办|实施)"
)
_SUBJECT_NAME = (
    rf"(?:各[{HAN}]{{0,10}}?(?:学院|系部|系|部门|单位|院部|团总支|团支部|党总支|支部|班级|处室|科室|学生会|社团|系院)"
    rf"|[{HAN}]{{1,10}}?(?:处|部|委|中心|馆|团委|学生会|学院))"
)
_VERBS = (
    "要|应|须|需|于|在|负责|组织|开展|开放|举办|举行|做好|选送|推荐|将|把|按|围绕|利用|结合|认真|积极|务必|及时|"
    "召开|制定|安排|报送|上报|填写|提交"
)
_SUBJECT = re.compile(
    rf"^\s*(?:请\s*)?((?:{_SUBJECT_NAME})(?:\s*[、和及]\s*(?:{_SUBJECT_NAME}))*)\s*(?:请\s*)?(?={_VERBS})"
)
_CLAUSE = re.compile(r"[，,。；;：:！!？?]")


@dataclass
class Named:
    """Units a text names as responsible, those it names as helping, and the words they were read from."""

    units: list[str] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)
    words: str = ""


def split_units(text: str) -> list[str]:
    """招生就业处、学生工作处，教务处 (or one per line, or spaced) -> the names."""
    return [p for p in (s.strip() for s in re.split(r"[、，,；;/\s]+", text)) if p]


def is_catch_all(name: str) -> bool:
    """True for words that mean every unit the notice addresses (各单位, 各责任部门)."""
    return re.sub(r"\s+", "", name) in CATCH_ALL


def trailing_units(text: str) -> Named | None:
    """The units of a closing ``（负责部门：A、B）``; helpers after 配合部门 or 协办单位."""
    match = _TRAILING.search(text)
    if match is None:
        return None
    named = Named(words=match.group(0).strip())
    for label, value in _LABELLED.findall(match.group(1)):
        (named.helpers if label in HELPER_LABELS else named.units).extend(split_units(value))
    return named if named.units or named.helpers else None


def led_by(text: str) -> Named | None:
    """The units of ``由X、Y负责`` (组织, 牵头, 承办)."""
    match = _LED_BY.search(text)
    if match is None:
        return None
    return Named(re.split(r"\s*[、和及与]\s*", match.group(1)), [], match.group(0))


def subject(clause: str) -> list[str]:
    """The units that open a clause and do something: 各学院开放…, 保卫处、各教学单位要…."""
    match = _SUBJECT.match(clause)
    if match is None:
        return []
    return [re.sub(r"\s+", "", n) for n in re.split(r"\s*[、和及]\s*", match.group(1))]


def clauses(text: str) -> list[str]:
    """``text`` cut at its commas and stops."""
    return [c for c in _CLAUSE.split(text) if c.strip()]


def named_in(text: str) -> Named | None:
    """The units a task's text makes responsible: a closing parenthesis, 由X负责, else a clause's subject."""
    found = trailing_units(text) or led_by(text)
    if found is not None:
        return found
    for clause in clauses(text):
        units = subject(clause)
        if units:
            return Named(units, [], clause.strip())
    return None
