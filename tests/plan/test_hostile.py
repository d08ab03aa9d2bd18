"""Hostile input: generated plans, templates that attack the sandbox, file names, killed runs.

Plans are generated as Python data in the shipped plan's shape and dumped with PyYAML; what the
plan "means" is what ``yaml.safe_load`` reads back. ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``)
runs many more and larger examples than CI does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st
from jinja2 import Environment, TemplateSyntaxError

import docgen
from docgen.cli import main
from docgen.documents.kinds import KINDS
from docgen.documents.titles import notice_title_lines
from docgen.inputs import budget as sandbox
from docgen.messages import format_problem
from docgen.rendering.outputs import MANIFEST
from tests.support.docx_text import full_text
from tests.support.hypothesis_profiles import MAX_ITEMS
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import replace_in_docx

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BRACE_HINT = "{{ '{{' }}"

# ---------------------------------------------------------------------------------------------
# Generated plans


# Pieces a careless or hostile person puts in text: markup, quotes, braces, direction marks,
# combining and full-width characters, emoji (one and several code points), tabs and newlines.
HOSTILE_PIECES = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "}",
    "}}",
    "%}",
    "#}",
    "%",
    "#",
    "\\",
    "&amp;",
    "<w:t>",
    "]]>",
    "\t",
    "\n",
    "  ",
    "\u202e",
    "\u200f",
    "\u200b",
    "\u2066",
    "e\u0301",
    "\u3000",
    "ＡＢＣ",
    "（一）",
    "😀",
    "👨\u200d👩\u200d👧",
    "\U0001f1e8\U0001f1f3",
    "職業",
    "مرحبا",
    "${HOME}",
    "%s",
    "{0}",
]
_CLEAN_CHARACTERS = st.characters(
    exclude_categories=("Cs",),
    # XML forbids these (they get their own test); YAML folds its own line breaks (\x85, U+2028/9).
    exclude_characters="".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n")
    + "\x7f\x85\u2028\u2029\ufeff\ufffe\uffff{",
)
_PIECE = st.one_of(st.text(_CLEAN_CHARACTERS, max_size=12), st.sampled_from(HOSTILE_PIECES))
_SHORT = st.lists(_PIECE, max_size=8).map("".join)
# A literal text: no "{" at all, so it is the same whether or not Jinja renders it.
LITERAL = st.one_of(_SHORT, st.tuples(_SHORT, st.integers(1, 400)).map(lambda t: t[0] * t[1]))
# Names the schema accepts (1 to 200 characters); empty and long ones are test_check's matter.
NAME = _SHORT.map(lambda s: s[:200] or "名")


# Placeholders and escaped braces, each with what it renders to given the plan (filled in later).
PLACEHOLDERS = ["{{ '{{' }}", "{{ '{%' }}", "{{ '}}' }}", "{{ institution }}", "{{ year }}", "{{ campaign }}", "{ "]


def _rendered_piece(piece: str, data: dict[str, Any]) -> str:
    return {
        "{{ '{{' }}": "{{",
        "{{ '{%' }}": "{%",
        "{{ '}}' }}": "}}",
        "{{ institution }}": str(data["institution"]),
        "{{ year }}": str(data["year"]),
        "{{ campaign }}": str(data["campaign"]),
    }.get(piece, piece)


RUNNING_PIECES = st.lists(st.one_of(_SHORT, st.sampled_from(PLACEHOLDERS)), min_size=1, max_size=8)


def expected_running(pieces: list[str], data: dict[str, Any]) -> str:
    """What Jinja makes of the text: placeholders filled, and one final newline dropped.

    Jinja removes a single trailing newline of a template (``keep_trailing_newline`` is off);
    text without any "{" is not rendered at all and keeps it.
    """
    source = "".join(pieces)
    if "{" not in source:
        return source
    text = "".join(_rendered_piece(p, data) for p in pieces)
    return text[:-1] if source.endswith("\n") else text


EDGE_DATES = [
    dt.date(1900, 1, 1),
    dt.date(1900, 12, 31),
    dt.date(2000, 2, 29),
    dt.date(2019, 4, 28),
    dt.date(2024, 2, 29),
    dt.date(2999, 1, 1),
    dt.date(2999, 12, 31),
]
DATES = st.one_of(st.sampled_from(EDGE_DATES), st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)))


@dataclass
class GeneratedPlan:
    """A plan's data and, for each running-text path, the pieces it was made of."""

    data: dict[str, Any]
    running: dict[tuple[str | int, ...], list[str]]


@st.composite
def generated_plans(draw: st.DrawFn, max_items: int = MAX_ITEMS) -> GeneratedPlan:
    """Plans in the shipped plan's shape with hostile text everywhere and 0..max_items units and tasks."""
    running: dict[tuple[str | int, ...], list[str]] = {}

    def text(path: tuple[str | int, ...]) -> str:
        pieces = draw(RUNNING_PIECES)
        running[path] = pieces
        return "".join(pieces)

    unit_count = draw(st.integers(0, max_items))
    units: list[dict[str, Any]] = []
    for i in range(unit_count):
        unit: dict[str, Any] = {"id": f"u{i}", "name": draw(NAME)}
        if draw(st.booleans()):
            unit["full_name"] = draw(NAME)
        units.append(unit)
    ids = [u["id"] for u in units] or ["u0"]
    task_count = draw(st.integers(0, max_items))
    tasks = []
    for i in range(task_count):
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        tasks.append({"id": f"t{i}", "title": text(("tasks", i, "title")), "units": chosen, "work": ""})
        tasks[-1]["work"] = text(("tasks", i, "work"))
    start = draw(DATES)
    end = min(start + dt.timedelta(days=draw(st.integers(-3, 60))), dt.date(2999, 12, 31))
    year = draw(st.one_of(st.just(start.year), st.sampled_from([1900, 2999, 1899, 3000])))
    requirements = []
    for i in range(draw(st.integers(0, 3))):
        requirement: dict[str, Any] = {"title": text(("requirements", i, "title"))}
        requirement["text"] = text(("requirements", i, "text"))
        if draw(st.booleans()):
            requirement["units"] = [ids[0]]
            requirement["duty"] = text(("requirements", i, "duty"))
        requirements.append(requirement)
    data: dict[str, Any] = {
        "institution": draw(NAME),
        "year": year,
        "campaign": draw(NAME),
        "issuer": ids[0],
        "issued": start,
        "policies": [{"issuer": draw(NAME), "title": draw(NAME), "number": draw(NAME)}],
        "notice": {"title": draw(NAME), "opening": text(("notice", "opening"))},
        "ideology": text(("ideology",)),
        "organization": {
            "leaders": [draw(NAME)],
            "members": draw(NAME),
            "lead": ids[0],
            "note": text(("organization", "note")),
        },
        "period": {"start": start, "end": end},
        "theme": draw(NAME),
        "units": units,
        "tasks": tasks,
        "requirements": requirements,
        "deadlines": {
            "schedule": {"date": draw(st.sampled_from([start, end])), "action": draw(NAME), "to": ids[0]},
            "weekly": {"weekday": draw(st.integers(1, 7)), "action": draw(NAME), "how": draw(NAME)},
        },
        "contact": {"name": draw(NAME), "unit": ids[0], "phone": draw(NAME), "email": "a@b.cn"},
        "form": {
            "title": draw(NAME),
            "submitter": draw(NAME),
            "columns": draw(st.lists(NAME, min_size=7, max_size=7)),
            "blank_rows": draw(st.integers(0, 5)),
            "remark": draw(NAME),
        },
        "letter": {
            "title": draw(NAME),
            "sender": ids[0],
            "salutation": draw(NAME),
            "body": [text(("letter", "body", 0))],
            "closing": text(("letter", "closing")),
            "hotline": draw(NAME),
        },
    }
    return GeneratedPlan(data, running)


def dump(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Write the plan as YAML and return what the YAML means (as PyYAML reads it back)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
    path.write_text(text, encoding="utf-8")
    meant: dict[str, Any] = yaml.safe_load(text)
    return meant


def assert_located(report: docgen.CheckReport) -> None:
    for problem in report.errors:
        assert problem.file == str(report.path), problem
        assert problem.line is not None, f"error without a line: {problem}"
        assert "Traceback" not in str(problem)


def docx_texts(paths: list[Path]) -> dict[str, str]:
    """Each kind's documents as text, after reopening every one with python-docx."""
    texts: dict[str, list[str]] = {}
    for path in paths:
        document = docx.Document(str(path))  # raises on a corrupt package or part
        # task sheets are in 任务单/, unit forms in a folder named after the form (活动安排表/)
        kind = None if path.parent == paths[0].parent else "task-sheet" if path.parent.name == "任务单" else "unit-form"
        text = full_text(path)
        assert document is not None
        texts.setdefault(kind or path.name, []).append(text)
    return {k: "\n".join(v) for k, v in texts.items()}


def _lines(text: str) -> str:
    """Line ends as an XML parser leaves them (CR and CRLF become LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _flat(text: str) -> str:
    """Text as paragraphs: a blank line in a plan's text starts a new paragraph, empty ones vanish."""
    return "\n".join(p.strip("\n") for p in _lines(text).split("\n\n") if p.strip())


@given(generated_plans())
def test_generated_plans_are_checked_rendered_and_read_back(
    tmp_path_factory: pytest.TempPathFactory, plan: Any
) -> None:
    folder = tmp_path_factory.mktemp("plan")
    meant = dump(plan.data, folder / "plan.yaml")
    assume(meant == yaml.safe_load(yaml.safe_dump(plan.data, allow_unicode=True)))
    report = docgen.check_plan(folder / "plan.yaml")
    assert_located(report)
    if report.plan is None:
        return
    paths = docgen.render(report.plan, folder / "out", only=list(KINDS))
    by_kind = docx_texts(paths)
    plan_model = report.plan
    # render returns the notice, the form and the letter first, then sheets and unit forms
    notice_text = _lines(full_text(paths[0]))
    form_text = _lines(full_text(paths[1]))
    letter_text = _lines(full_text(paths[2]))
    sheets = _lines(by_kind.get("task-sheet", ""))
    unit_forms = _lines(by_kind.get("unit-form", ""))

    # literal fields appear exactly as written
    literal_in = [
        (meant["institution"], notice_text),
        *((line, notice_text) for line in notice_title_lines(plan_model)),  # a long title in lines
        (meant["theme"], notice_text),
        (meant["organization"]["members"], notice_text),
        (meant["form"]["remark"], form_text),
        (meant["letter"]["title"], letter_text),
        (meant["letter"]["salutation"], letter_text),
        (meant["letter"]["hotline"], letter_text),
        *((column, form_text) for column in meant["form"]["columns"]),
        *((u.name, sheets) for u in plan_model.responsible_units()),
        *((u.name, unit_forms) for u in plan_model.responsible_units()),
        *((plan_model.unit(i).name, notice_text) for t in plan_model.tasks for i in t.units),
    ]
    for value, text in literal_in:
        assert _flat(value) in _flat(text), value
    if plan_model.notice.title_lines is None:  # the institution, then the title broken into lines
        assert "".join(notice_title_lines(plan_model)[1:]) == plan_model.notice_title.replace("\n", "")
    # running text appears as Jinja renders it
    running_in = {
        ("notice", "opening"): notice_text,
        ("ideology",): notice_text,
        ("organization", "note"): notice_text,
        ("letter", "body", 0): letter_text,
        ("letter", "closing"): letter_text,
    }
    for path, pieces in plan.running.items():
        text = running_in.get(path, notice_text)
        if path[0] == "requirements" and path[-1] == "duty":
            text = sheets
        assert _flat(expected_running(pieces, meant)) in _flat(text), path


def test_running_text_without_braces_is_verbatim_and_escaped_braces_print(tmp_path: Path) -> None:
    plan = _shipped_with(tmp_path, ideology="a {{ '{{' }} b {{ '}}' }} c } {", theme="{{ theme }} & <x>")
    paths = docgen.render(plan, tmp_path / "out", only="notice")
    text = full_text(paths[0])
    assert "a {{ b }} c } {" in text
    assert "{{ theme }} & <x>" in text


JINJA = Environment()


_SHIPPED_TEXT = SHIPPED_PLAN.read_text(encoding="utf-8")
# What a person slips into a plan by accident: YAML's own characters, full-width ones from the
# input method, tabs and line breaks, and the start of a placeholder.
_SLIPS = [*":-{}[]\"'#&*!|>%@`,?\t\n\\", "：", "“", "”", "\u3000", "－", "{{", "}}", "- ", ": ", " #", "\r"]


@given(st.lists(st.tuples(st.integers(0, len(_SHIPPED_TEXT)), st.sampled_from(_SLIPS)), min_size=1, max_size=3))
def test_a_slip_anywhere_in_the_plan_is_a_located_problem(
    tmp_path_factory: pytest.TempPathFactory, slips: list[tuple[int, str]]
) -> None:
    text = _SHIPPED_TEXT
    for position, slip in sorted(slips, reverse=True):
        text = text[:position] + slip + text[position:]
    path = tmp_path_factory.mktemp("slip") / "plan.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    report = docgen.check_plan(path)  # never raises for a problem in the file
    assert_located(report)
    for problem in report.problems:
        assert str(problem)  # every message formats with the parameters it was given


@given(
    st.lists(st.one_of(_SHORT, st.sampled_from(["{{", "{%", "{#", "}}", "%}", "#}", "{{ x", "{% if %}"])), max_size=6)
)
def test_invalid_placeholder_syntax_is_a_located_error_with_a_hint(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    text = "".join(pieces) or "x"
    folder = tmp_path_factory.mktemp("syntax")
    path = _shipped_with(folder, ideology=text)
    report = docgen.check_plan(path)
    assert_located(report)
    try:
        JINJA.parse(text)
    except TemplateSyntaxError:
        problems = [p for p in report.errors if p.path == "ideology"]
        assert [p.code for p in problems] == ["text-syntax"], report.problems
        assert problems[0].line == _line_of(path, "ideology:")
        assert BRACE_HINT in str(problems[0])
        return
    assert all(p.path == "ideology" for p in report.errors), report.errors


def _line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def _shipped_with(folder: Path, **changes: Any) -> Path:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _string_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _string_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _string_paths(v, (*path, i))]
    return []


SHIPPED_DATA = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
TEXT_PATHS = [p for p in _string_paths(SHIPPED_DATA) if not str(p[-1]).endswith(("id", "email"))]


@given(
    st.sampled_from(TEXT_PATHS),
    st.sampled_from([*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"), "\ufffe", "\uffff"]),
    st.integers(0, 5),
)
def test_characters_xml_forbids_are_located_check_errors(
    tmp_path_factory: pytest.TempPathFactory, path: tuple[Any, ...], character: str, at: int
) -> None:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    target = data
    for part in path[:-1]:
        target = target[part]
    value = target[path[-1]]
    target[path[-1]] = value[:at] + character + value[at:]
    plan = tmp_path_factory.mktemp("forbidden") / "plan.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plan.write_text(text, encoding="utf-8")
    report = docgen.check_plan(plan)
    assert report.plan is None
    assert_located(report)
    dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
    # an id, a date or a choice (period.separator) with the character fails the schema there; other text the check
    assert any(p.path == dotted for p in report.errors), report.errors
    if report.errors[0].code not in {"bad-id", "invalid-date", "wrong-type", "bad-format", "invalid-value"}:
        assert any(p.code == "forbidden-character" and p.path == dotted for p in report.errors), report.errors


def test_many_tasks_are_checked_not_crashed(tmp_path: Path) -> None:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data["tasks"] += [{**data["tasks"][1], "id": f"t{i}"} for i in range(113)]
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = docgen.check_plan(plan)
    assert_located(report)
    assert report.plan is not None, report.errors
    paths = docgen.render(report.plan, tmp_path / "out", only="notice,form,task-sheet", unit="colleges")
    assert "（一百二十）" in full_text(paths[0]) or "（120）" in full_text(paths[0])


@pytest.mark.parametrize(("start", "end"), [("1900-01-01", "2999-12-31"), ("2019-04-28", "2019-05-28")])
def test_dates_centuries_apart_are_a_located_error(tmp_path: Path, start: str, end: str) -> None:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data["period"] = {"start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end)}
    data["deadlines"]["schedule"]["date"] = dt.date(2999, 12, 31)
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = docgen.check_plan(plan)
    assert_located(report)
    assert [p.code for p in report.errors] == ["calendar-too-long"]


@pytest.mark.parametrize("value", ["1900-02-29", "2019-02-29", "2100-02-29", "3000-01-01", "0000-01-01"])
def test_impossible_dates_are_located(tmp_path: Path, value: str) -> None:
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("issued: 2019-04-30", f"issued: {value}")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    report = docgen.check_plan(tmp_path / "plan.yaml")
    assert_located(report)
    if value != "3000-01-01":
        assert report.plan is None


# ---------------------------------------------------------------------------------------------
# Templates (point 3)

TEMPLATE_ATTACKS = {
    # names starting with _ are found by the template check, before rendering
    "mro": ("{{ ''.__class__.__mro__ }}", "template-unsafe-name"),
    "cycler-globals": ("{{ cycler.__init__.__globals__ }}", "template-unsafe-name"),
    "heading-globals": ("{{ heading.__init__.__globals__ }}", "template-unsafe-name"),
    "private-attribute": ("{{ heading.__dict__ }}{{ heading._counts }}", "template-unsafe-name"),
    "underscore-attribute": ("{{ heading._counts }}", "template-unsafe-name"),
    "format-internals": ("{{ '{0.__class__}'.format(heading) }}", "template-unsafe"),
    "mutate-context": ("{{ tasks.append(1) }}", "template-unsafe"),
    "huge-range": ("{% for i in range(10**9) %}x{% endfor %}", "template-limit"),
    "nested-loops-output": (
        "{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxx{% endfor %}{% endfor %}",
        None,
    ),
    "nested-loops-silent": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", None),
    "nested-data-loops": ("{% for a in tasks %}" * 8 + "{% endfor %}" * 8, "template-limit"),
    "macro-recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "template-limit"),
    "recursive-loop": (
        "{% for i in range(99999) recursive %}{% if loop.depth < 3 %}{{ loop(range(99999)) }}{% endif %}{% endfor %}",
        "template-limit",
    ),
    "string-repeat": ("{{ 'x' * 10**10 }}", "template-limit"),
    "huge-power": ("{{ 9 ** 9999999 }}", "template-limit"),
    "constant-too-long": ("{{ 9 ** 999999 }}", "template-limit"),
    "doubling-concat": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "template-limit",
    ),
    "doubling-macro": ("{% macro m(s, n) %}{{ m(s ~ s, n - 1) if n else s }}{% endmacro %}{{ m('x', 64) }}", None),
    "str-method-width": ("{{ 'x'.center(10**10) }}", "template-limit"),
    "filter-width": ("{{ 'x'|center(10**9) }}", "template-limit"),
    "filter-indent": ("{{ 'x\ny'|indent(10**9) }}", "template-limit"),
    "percent-width": ("{{ '%999999999d' % 1 }}", "template-limit"),
    "format-filter-width": ("{{ '%999999999d'|format(1) }}", "template-limit"),
    "format-method-width": ("{{ '{:>999999999}'.format(1) }}", "template-limit"),
    "lipsum": ("{{ lipsum(10**6) }}", "template-name"),  # found by the template check, before rendering
    "deep-nesting": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "template-limit"),
}
LIMIT_CODES = {"template-limit", "template-too-big-output"}


def _user_templates(tmp_path: Path, tag: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, templates)
    replace_in_docx(templates / "notice.docx", "{{ line }}", tag.replace("<", "&lt;"))
    return templates


@pytest.mark.parametrize("name", list(TEMPLATE_ATTACKS))
def test_hostile_template_is_refused_or_stopped_quickly(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag, code = TEMPLATE_ATTACKS[name]
    templates = _user_templates(tmp_path, tag)
    # The steps and sizes must stop each attack, not the clock, which a loaded machine reaches
    # sooner (the clock has a test of its own below); "quickly" is this process's own time.
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 120.0)
    started = time.process_time()
    with pytest.raises(docgen.TemplateError) as error:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=templates)
    assert time.process_time() - started < 8
    problem = error.value.problems[0]
    assert problem.file == str(templates / "notice.docx")
    assert problem.code == code if code else problem.code in LIMIT_CODES
    assert "seconds" not in problem.params.get("detail", "")
    if problem.code == "template-limit":  # told in the user's language, Python's and the budget's words too
        detail = format_problem(problem, "zh_CN").split("超出了限制：", 1)[1]
        assert not re.search("[A-Za-z]{2,}", detail), detail
    assert not list((tmp_path / "out").glob("*.docx"))


@pytest.mark.parametrize("name", ["mro", "nested-loops-silent", "macro-recursion"])
def test_hostile_template_through_the_cli(tmp_path: Path, name: str) -> None:
    templates = _user_templates(tmp_path, TEMPLATE_ATTACKS[name][0])
    args = ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--templates", str(templates)]
    result = CliRunner().invoke(main, [*args, "--only", "notice"])
    assert result.exit_code == 1, result.output
    assert str(templates / "notice.docx") in result.output
    assert "Traceback" not in result.output


def test_a_slow_template_is_stopped_by_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    templates = _user_templates(tmp_path, "{% for i in range(99999) %}{{ range(99999)|sum }}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(docgen.TemplateError) as error:
        docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=templates)
    assert time.monotonic() - started < 5
    assert "longer than 0.5 seconds" in str(error.value)


def test_ordinary_template_arithmetic_still_works(tmp_path: Path) -> None:
    # a list is joined to be printed: printed whole it would put Python's brackets into the document
    arithmetic = (
        "{{ 2 ** 10 }}|{{ 'ab' * 3 }}|{{ ([1] + [2]) | join(',') }}|{{ 'a' ~ 'b' }}|{{ 10 ** 10 ** 2 }}|{_{ x }_}"
    )
    templates = _user_templates(tmp_path, arithmetic)
    paths = docgen.render(SHIPPED_PLAN, tmp_path / "out", only="notice", templates=templates)
    assert "1024|ababab|1,2|ab|" + str(10**20) + "|{{ x }}" in full_text(paths[0])


def test_a_template_that_is_not_a_zip(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, templates)
    (templates / "notice.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    result = CliRunner().invoke(
        main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--templates", str(templates)]
    )
    assert result.exit_code == 1
    assert f"{templates / 'notice.docx'}: not a readable .docx template" in result.output
    assert "Traceback" not in result.output


def test_a_template_whose_xml_breaks_when_rendered(tmp_path: Path) -> None:
    templates = _user_templates(tmp_path, "{{ '<oops'|safe }}")
    result = CliRunner().invoke(
        main, ["render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--templates", str(templates)]
    )
    assert result.exit_code == 1
    assert f"{templates / 'notice.docx'}: the template produced a broken document part word/document.xml" in (
        result.output
    )
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------------
# Files (point 4)

_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{p}{n}" for p in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]),
}


def windows_valid(component: str) -> bool:
    """Whether Windows accepts ``component`` as a file or folder name."""
    if not component or component != component.rstrip(" ."):
        return False
    if any(c in '<>:"/\\|?*' or ord(c) < 32 for c in component):
        return False
    if component.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        return False
    return len(component.encode("utf-16-le")) // 2 <= 255 and len(component.encode("utf-8")) <= 255


def test_windows_predicate() -> None:
    assert windows_valid("宣传部-2019年任务单.docx")
    for bad in ["CON", "con.docx", "Nul .txt", "COM1.docx", "a:b", "a/b", "a.", "a ", "x\x01", "COM¹", "a" * 256]:
        assert not windows_valid(bad), bad


HOSTILE_NAMES = [
    "../../etc/passwd",
    "..",
    ".",
    'a/b\\c:d*e?f"g<h>i|j',
    "CON",
    "nul",
    "COM1",
    "LPT9.txt",
    "COM¹",
    "CONIN$",
    "部" * 300,
    "😀" * 100,
    "宣传部 . ",
    "\u202egpj.exe",
    "\u3000\u3000",
    "name\\x00",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_give_safe_windows_file_names(tmp_path: Path, name: str) -> None:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data["units"][12]["name"] = name[:200]  # publicity
    data["letter"]["title"] = name[:200]
    data["campaign"] = name[:200]
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    paths = docgen.render(plan, out)
    assert len(set(paths)) == len(paths)
    assert len({str(p).casefold() for p in paths}) == len(paths)
    for path in paths:
        relative = path.relative_to(out)
        assert all(windows_valid(part) for part in relative.parts), relative
        assert path.resolve().is_relative_to(out.resolve())
        docx.Document(str(path))
    assert sorted(p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST) == sorted(paths)


def test_nul_written_as_an_escape_is_a_located_check_error(tmp_path: Path) -> None:
    text = SHIPPED_PLAN.read_text(encoding="utf-8").replace("    name: 宣传部\n", '    name: "宣传\\0部"\n')
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    report = docgen.check_plan(tmp_path / "plan.yaml")
    assert [(p.code, p.path, p.line) for p in report.errors] == [
        ("forbidden-character", "units[12].name", _line_of(tmp_path / "plan.yaml", '    name: "宣传'))
    ]


def test_units_whose_names_agree_in_their_first_hundred_characters_get_two_files(tmp_path: Path) -> None:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data["units"][12]["name"] = "部" * 150 + "甲"
    data["units"][14]["name"] = "部" * 150 + "乙"
    data["units"][15]["name"] = "Security"
    data["units"][16]["name"] = "SECURITY"
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    paths = docgen.render(plan, tmp_path / "out", only="task-sheet,unit-form")
    assert len({str(p).casefold() for p in paths}) == len(paths) == 2 * 17


def test_nothing_is_written_through_a_symlinked_target_file(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside.docx"
    out.mkdir()
    outside.write_bytes(b"precious")
    (out / "2019年职业教育宣传月活动方案.docx").symlink_to(outside)
    for force in (False, True):
        with pytest.raises(docgen.OutputExistsError):
            docgen.render(SHIPPED_PLAN, out, only="notice", force=force)
    assert outside.read_bytes() == b"precious"


def test_nothing_is_written_through_a_symlinked_subfolder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "活动安排表").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(docgen.OutputExistsError):
        docgen.render(SHIPPED_PLAN, out, force=True)
    assert list(elsewhere.iterdir()) == []
    assert not list(out.glob("*.docx"))


def test_a_forged_manifest_cannot_make_docgen_delete_outside_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out, only="letter")
    victim = tmp_path / "victim.docx"
    victim.write_bytes(b"mine")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept.docx").write_bytes(b"mine too")
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    digest = hashlib.sha256(b"mine").hexdigest()
    manifest = (out / MANIFEST).read_text(encoding="utf-8")
    entries = {"../victim.docx": digest, "link/kept.docx": hashlib.sha256(b"mine too").hexdigest()}
    files = json.loads(manifest)
    files["files"].update({k: {"kind": "letter", "sha256": v, "previous": ""} for k, v in entries.items()})
    forged = json.dumps(files)
    (out / MANIFEST).write_text(forged, encoding="utf-8")
    docgen.render(SHIPPED_PLAN, out, only="letter")
    assert victim.read_bytes() == b"mine"
    assert (elsewhere / "kept.docx").read_bytes() == b"mine too"


def _big_plan(path: Path, units: int) -> Path:
    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    data["units"] += [{"id": f"extra{i}", "name": f"第{i}部门"} for i in range(units)]
    data["tasks"][1]["units"] += [f"extra{i}" for i in range(units)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _processes_naming(marker: str) -> list[int]:
    """Processes whose command line holds ``marker`` (empty where /proc does not exist)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in command:
            found.append(int(entry.name))
    return found


def test_a_killed_render_leaves_every_earlier_output_whole(tmp_path: Path) -> None:
    plan, out = _big_plan(tmp_path / "plan.yaml", 300), tmp_path / "out"
    command = [sys.executable, "-m", "docgen", "render", str(plan), "-o", str(out), "--only", "unit-form"]
    subprocess.run(command, check=True, capture_output=True, cwd=tmp_path)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sum(p.suffix == ".docx" for p in before) > 300
    # the second run renders different documents; kill it while it is half way through them
    plan.write_text(plan.read_text(encoding="utf-8").replace("blank_rows: 17", "blank_rows: 30"), encoding="utf-8")
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            staged = [p for s in out.glob(".docgen-staging-*") for p in s.rglob("*.docx")]
            if len(staged) >= 50:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the second run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and ".docgen-staging-" not in str(p)}
    assert after == before
    # its worker processes do not outlive it (a forked worker holds its own queue's pipe open)
    deadline = time.monotonic() + 10
    while _processes_naming(str(plan)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_naming(str(plan)), "worker processes outlived the killed render"
    # a later run clears the leftovers and succeeds
    subprocess.run(command, check=True, capture_output=True, cwd=tmp_path)
    assert not list(out.glob(".docgen-staging-*"))


def test_new_year_never_clobbers_without_force(tmp_path: Path) -> None:
    plan = tmp_path / "campaign.yaml"
    shutil.copyfile(SHIPPED_PLAN, plan)
    target = tmp_path / "campaign-2020.yaml"
    target.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["new-year", str(plan), "--year", "2020"])
    assert result.exit_code == 1
    assert str(target) in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    outside = tmp_path / "outside.yaml"
    outside.write_text("mine", encoding="utf-8")
    target.unlink()
    target.symlink_to(outside)
    for extra in ([], ["--force"]):
        CliRunner().invoke(main, ["new-year", str(plan), "--year", "2020", *extra])
        assert outside.read_text(encoding="utf-8") == "mine"


def test_init_never_clobbers_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "campaign.yaml").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (folder / "data" / "campaign.yaml").read_text(encoding="utf-8") == "mine"
    assert not (folder / "templates").exists()


def test_init_does_not_write_through_links(tmp_path: Path) -> None:
    folder, outside = tmp_path / "project", tmp_path / "outside.yaml"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "campaign.yaml").symlink_to(outside)  # dangling: the file does not exist yet
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1, result.output
    assert not outside.exists()
    outside.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "mine"
    assert not (folder / "data" / "campaign.yaml").is_symlink()


def test_two_runs_into_one_folder_take_turns(tmp_path: Path) -> None:
    plan, out = _big_plan(tmp_path / "plan.yaml", 300), tmp_path / "out"
    render = [sys.executable, "-m", "docgen", "render", str(plan), "-o", str(out), "--only"]
    first = subprocess.Popen([*render, "unit-form"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.glob(".docgen-staging-*")) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    assert first.poll() is None, "the first run ended before the second could start"
    second = subprocess.run([*render, "task-sheet"], cwd=tmp_path, capture_output=True, text=True)
    assert first.wait() == 0, first.stderr.read() if first.stderr else ""
    assert second.returncode == 0, second.stderr
    kinds = [entry["kind"] for entry in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"].values()]
    assert kinds.count("unit-form") == kinds.count("task-sheet") > 300
    for kind, folder in (("unit-form", "活动安排表"), ("task-sheet", "任务单")):
        assert len(list((out / folder).glob("*.docx"))) == kinds.count(kind)
    assert not list(out.glob(".docgen-staging-*"))


def test_a_run_that_waits_too_long_for_the_folder_gives_up_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.rendering import lock as folderlock

    out = tmp_path / "out"
    docgen.render(SHIPPED_PLAN, out, only="notice")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(folderlock, "PATIENCE", 0.3)
    with folderlock.folder_locked(out), pytest.raises(folderlock.FolderBusyError) as caught:
        docgen.render(SHIPPED_PLAN, out)
    assert [p.code for p in caught.value.problems] == ["output-busy"]
    assert "wait for it to finish, or choose another -o folder" in str(caught.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
