"""Which unit sent a received file, and which deadline and week it is for, as ``status`` would find them.

Whatever the caller says wins (a unit by id or name, a deadline by key, a week by number).
Otherwise: a returned 活动安排 form names its unit and is for the form's deadline; else the file's
name, then a Word file's first lines, name the unit; the deadline is the unit's dated one whose
own words (报送宣传成果总结 -> 成果总结) the name or title share, else its weekly one (the one whose
words they share, where it owes several); the week is the one the file names (第2周, 第二周),
else the one its arrival falls in. A file that already lies in a deadline's (week's) folder of the
returns folder is for that one (``folder_due``): the officer put it there.
What cannot be decided so is never guessed: the choices are returned instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docgen.chinese import chinese_numeral
from docgen.errors import Finding, ReceiveError, UnknownUnitError
from docgen.plan.dues import Due, dues
from docgen.plan.model import Plan, Unit
from docgen.tracking.dues import form_deadline, owing_units
from docgen.tracking.returns import FIRST_LINES, WORD_SUFFIXES, Folders, place_of, units_named, week_on

MIN_SHARED = 2  # characters a name must share with a deadline's words to be about it (总结)
TITLE_LINES = 3  # a Word file's title is looked for in its first lines
_VERB = re.compile(r"^(?:上报|报送|提交|填报|报|交)")
_GENERIC = re.compile("本周|活动|情况|宣传|工作|材料")  # words every deadline and report shares
_WEEK = re.compile(r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*周")


@dataclass(frozen=True)
class Choices:
    """What could not be decided about a received file, and what it could be.

    ``units``: the units it could be from (the several it names, else every unit that owes
    something), empty when its unit was decided; ``deadlines``: the keys of the deadlines it
    could be for, empty when that was decided.
    """

    units: tuple[Unit, ...] = ()
    deadlines: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.units or self.deadlines)


@dataclass(frozen=True)
class Decision:
    """The unit and due a received file is for; ``choices`` is non-empty when one of them is open."""

    unit: Unit | None
    due: Due | None
    is_form: bool
    choices: Choices


def unit_named(plan: Plan, text: str) -> Unit:
    """The unit whose id, name or full name is ``text``; ``UnknownUnitError`` naming the known ones."""
    key = _squeeze(text)
    for unit in plan.units:
        if key in {_squeeze(unit.id), _squeeze(unit.name), _squeeze(unit.full_name or unit.name)}:
            return unit
    known = "、".join(u.name for u in plan.units)
    raise UnknownUnitError([Finding("receive-unknown-unit", {"unit": text, "known": known})])


def decide(
    plan: Plan,
    path: Path,
    name: str,
    day: dt.date,
    *,
    unit: str | None = None,
    deadline: str | None = None,
    week: int | None = None,
) -> Decision:
    """The unit and due of the file at ``path`` (which came as ``name`` on ``day``), or the choices left open.

    Raises ``UnknownUnitError`` and ``UnknownDeadlineError`` for a unit or deadline the plan
    does not have, ``ReceiveError`` for a week the deadline does not have and for a given
    ``unit`` that owes nothing (the issuer, the unit returns go to).
    """
    from docgen.tracking.recording import content_facts, unit_by_id

    due_list = dues(plan)
    dues(plan, deadline)  # an unknown key is an error, not a choice
    owed_somewhere = tuple(u for u in plan.units if any(u in owing_units(plan, k) for k in plan.deadlines))
    chosen = unit_named(plan, unit) if unit is not None else None
    if chosen is not None and chosen not in owed_somewhere:
        raise ReceiveError([Finding("receive-owes-nothing", {"unit": chosen.name})])
    is_form, content_units = content_facts(plan, path)
    lines = _first_lines(path)
    text = "\n".join([name, *lines[:TITLE_LINES]])
    units: tuple[Unit, ...] = ()
    if chosen is None:
        units = units_named(plan, name) or tuple(u for u in map(lambda i: unit_by_id(plan, i), content_units) if u)
        units = tuple(u for u in units if u in owed_somewhere)  # 宣传部-工会周报: the issuer sends nothing
        chosen = units[0] if len(units) == 1 else None
    unit_choices = () if chosen is not None else (units if len(units) > 1 else owed_somewhere)
    key = deadline
    if key is None and is_form and (form_key := form_deadline(plan)) is not None:
        key = form_key
    deadline_choices: tuple[str, ...] = ()
    if key is None or (chosen is not None and chosen not in owing_units(plan, key)):
        candidates = [k for k in plan.deadlines if chosen is None or chosen in owing_units(plan, k)]
        found = _by_words(plan, text, candidates) if key is None else []
        if len(found) == 1:
            key = found[0]
        else:
            key, deadline_choices = None, tuple(found if found and chosen is not None else candidates)
    if chosen is None or key is None:
        return Decision(chosen, None, is_form, Choices(unit_choices, deadline_choices))
    return Decision(chosen, _due(plan, due_list, key, week, text, day), is_form, Choices())


def folder_due(
    folders: Folders, inside: PurePosixPath | None, deadline: str | None, week: int | None
) -> tuple[str | None, int | None]:
    """The deadline and week a file is for: as given, else those of the deadline's (week's) folder it already lies in.

    A file the officer put into 第3周（5月9日至5月15日）/ is week 3's, whatever day its name says
    it came (that day makes it late, not another week's).
    """
    if inside is None or week is not None:
        return deadline, week
    due = place_of(folders, inside).due
    if due is None or deadline not in (None, due.key):
        return deadline, week
    return due.key, due.week


def undecided_findings(
    plan: Plan, name: str, decision: Decision, deadline: str | None, file: str | None = None
) -> list[Finding]:
    """What to tell a user about a file whose unit or deadline is open: one finding each, naming the choices.

    Deadlines are named by their action with the key to give (上报活动安排表（schedule）).
    """
    choices = decision.choices
    found = []
    if choices.units:
        units = "、".join(u.name for u in choices.units)
        found.append(Finding("receive-which-unit", {"name": name, "units": units}, file=file))
    if choices.deadlines:
        named = "、".join(f"{plan.deadlines[k].action}（{k}）" for k in choices.deadlines)
        wanted = f"{plan.deadlines[deadline].action}（{deadline}）" if deadline in plan.deadlines else deadline or ""
        unit = decision.unit.name if decision.unit is not None else name
        code = "receive-not-owed" if deadline is not None else "receive-which-deadline"
        params = {"name": name, "unit": unit, "deadline": wanted, "deadlines": named}
        found.append(Finding(code, params, file=file))
    return found


def _due(plan: Plan, due_list: list[Due], key: str, week: int | None, text: str, day: dt.date) -> Due:
    weeks = [d for d in due_list if d.key == key and d.week is not None]
    if not weeks:
        if week is not None:
            raise ReceiveError([Finding("receive-week-of-dated", {"key": key, "week": week})])
        return next(d for d in due_list if d.key == key)
    if week is None:
        named = _named_week(text)
        week = named if named is not None and 1 <= named <= len(weeks) else None
    if week is None:
        found = week_on(due_list, key, day)
        assert found is not None
        return found
    if not 1 <= week <= len(weeks):
        raise ReceiveError([Finding("receive-no-such-week", {"key": key, "week": week, "weeks": len(weeks)})])
    return weeks[week - 1]


def _by_words(plan: Plan, text: str, candidates: list[str]) -> list[str]:
    """The dated candidate the text names by its words, else the weekly one (the one it names, of several).

    An empty list, or several, when that leaves the choice open.
    """
    squeezed = _squeeze(text)
    dated = [k for k in candidates if plan.deadlines[k].weekday is None]
    weekly = [k for k in candidates if plan.deadlines[k].weekday is not None]
    named = _named(plan, squeezed, dated)
    if len(named) == 1 or not weekly:
        return named
    if len(weekly) == 1:
        return weekly
    return _named(plan, squeezed, weekly) or weekly


def _named(plan: Plan, text: str, keys: list[str]) -> list[str]:
    """The keys whose deadline's words ``text`` shares most, at least ``MIN_SHARED`` characters of them."""
    shared = {key: _shared(text, _words(plan.deadlines[key].action)) for key in keys}
    best = max(shared.values(), default=0)
    return [key for key, size in shared.items() if size == best] if best >= MIN_SHARED else []


def _words(action: str) -> str:
    """What a deadline is about: its action without the verb and generic words (报送宣传成果总结 -> 成果总结)."""
    return _GENERIC.sub("", _squeeze(_VERB.sub("", action)))


def _shared(a: str, b: str) -> int:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _named_week(text: str) -> int | None:
    """The week a name or title names: 第2周, 第二周."""
    match = _WEEK.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    written = match.group(1)
    if written.isdigit():
        return int(written)
    return next((n for n in range(1, 100) if chinese_numeral(n) == written), None)


def _first_lines(path: Path) -> list[str]:
    """A Word file's first non-empty paragraphs (none for any other file, or one that cannot be read)."""
    from docgen.collecting.docx_reading import read_form
    from docgen.errors import FormError

    if path.suffix.lower() not in WORD_SUFFIXES:
        return []
    try:
        return [p.strip() for p in read_form(path).paragraphs if p.strip()][:FIRST_LINES]
    except FormError:
        return []


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
