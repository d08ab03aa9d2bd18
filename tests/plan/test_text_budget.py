"""Running text in the plan has the budget templates have, and renders to text or fails in check."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.inputs import budget
from docgen.messages import format_problem
from docgen.plan import placeholders
from docgen.plan.files import check_plan
from docgen.rendering import templates
from tests.support.plans import plan_with

OPENING = "我校将开展{{ year }}年"


def _opening(tmp_path: Path, tag: str) -> Path:
    return plan_with(tmp_path, (OPENING, "我校将开展" + tag + "{{ year }}年"))


BOMBS = {
    "repeat": ("{{ 'x' * 1000000000 }}", "text-limit", "repeating a value 1000000000 times"),
    "repeat-3g": ("{{ 'x' * 3000000000 }}", "text-limit", "too large"),
    "theme-repeat": ("{{ theme * 100000000 }}", "text-limit", "too large"),
    "wide-format": ("{{ '%999999999d' % 1 }}", "text-limit", "format string"),
    "wide-format-filter": ("{{ '%999999999d' | format(1) }}", "text-limit", "format string"),
    "nested-loops": (
        "{% for a in theme * 1000 %}{% for b in theme * 1000 %}{% endfor %}{% endfor %}",
        "text-limit",
        "loop steps",
    ),
    "power": ("{{ year ** (year*year*year) }}", "text-limit", "too large a number"),
    "growing-output": ("{% for a in theme * 100 %}{{ theme * 100000 }}{% endfor %}", "text-too-long", "200000"),
    "deep-nesting": ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "text-limit", "too deeply"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_running_text_bomb_is_a_located_check_error_in_seconds(tmp_path: Path, name: str) -> None:
    tag, code, detail = BOMBS[name]
    started = time.monotonic()
    report = check_plan(_opening(tmp_path, tag))
    assert time.monotonic() - started < 5
    [error] = report.errors
    assert (error.code, error.path, error.line) == (code, "notice.opening", 44)
    assert detail in str(error)


@pytest.mark.parametrize("name", [name for name, (_, code, _) in BOMBS.items() if code == "text-limit"])
def test_a_running_text_bomb_is_told_in_the_users_language(tmp_path: Path, name: str) -> None:
    [error] = check_plan(_opening(tmp_path, BOMBS[name][0])).errors
    english, chinese = format_problem(error, "en"), format_problem(error, "zh_CN")
    assert error.params["detail"] in english
    detail = chinese.split("超出了限制：", 1)[1]
    assert not re.search("[A-Za-z]{2,}", detail), detail  # the budget's and Python's words translated too


def test_a_running_text_limit_in_chinese_through_the_cli(tmp_path: Path) -> None:
    plan = _opening(tmp_path, BOMBS["nested-loops"][0])
    result = CliRunner().invoke(main, ["--lang", "zh_CN", "check", str(plan)])
    assert result.exit_code == 1
    assert f"循环和调用超过了 {placeholders.TEXT_STEPS} 步" in result.output
    assert "loop steps" not in result.output


def test_the_clock_stops_running_text_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placeholders, "TEXT_SECONDS", 0.3)
    monkeypatch.setattr(placeholders, "TEXT_STEPS", 10**9)
    tag = "{% for a in theme * 9999 %}{% for b in theme * 9999 %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    [error] = check_plan(_opening(tmp_path, tag)).errors
    assert time.monotonic() - started < 3
    assert "longer than 0.3 seconds" in str(error)


def test_one_budget_for_the_whole_plan_stops_at_the_first_field_that_spends_it(tmp_path: Path) -> None:
    loop = "{% for a in theme * 3000 %}{% for b in theme * 30 %}{% endfor %}{% endfor %}"  # 1.35 million steps
    plan = plan_with(
        tmp_path,
        (OPENING, "我校将开展" + loop + "{{ year }}年"),
        ("本活动牵头部门为", "本活动" + loop + "牵头部门为"),
    )
    errors = check_plan(plan).errors
    assert [e.path for e in errors] == ["notice.opening"]


def test_running_text_and_templates_share_one_sandbox() -> None:
    assert isinstance(placeholders.environment(), budget.BudgetSandbox)
    assert isinstance(templates.environment(), budget.BudgetSandbox)
    assert placeholders.environment().filters["md"].__wrapped__ is placeholders.filter_md


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_bomb_through_the_cli_is_exit_1_with_its_place(tmp_path: Path, command: str) -> None:
    plan = _opening(tmp_path, "{{ 'x' * 1000000000 }}")
    args = [command, str(plan)] + (["-o", str(tmp_path / "out")] if command == "render" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{plan}:44:12: notice.opening: the text went past a limit" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))


STRUCTURES = {
    "{{ deadlines.schedule }}": ("text-gives-date", "{{ deadlines.schedule | md }}"),
    "{{ period.start }}": ("text-gives-date", "{{ period.start | ymd }}"),
    "{{ contact }}": ("text-gives-record", "{{ contact.name }}"),
    "{{ policies }}": ("text-gives-list", "{{ policies | cite }}"),
    "{{ letter.hotline }}": ("text-gives-nothing", "fill in that field"),
    "{{ year > 1 }}": ("text-gives-truth", "{% if"),
}


@pytest.mark.parametrize("tag", list(STRUCTURES))
def test_a_placeholder_that_gives_no_text_is_located_with_the_fix(tmp_path: Path, tag: str) -> None:
    code, fix = STRUCTURES[tag]
    plan = _opening(tmp_path, tag)
    [error] = check_plan(plan).errors
    assert (error.code, error.path, error.line) == (code, "notice.opening", 44)
    assert error.column == plan.read_text(encoding="utf-8").splitlines()[43].index(tag) + 1
    assert fix in str(error)


def test_units_and_numbers_still_read_as_text(tmp_path: Path) -> None:
    plan = _opening(tmp_path, "{{ units.publicity }}{{ issuer }}{{ year + 1 }}{{ 1.5 }}")
    report = check_plan(plan)
    assert report.errors == []
    assert report.resolved is not None
    assert "我校将开展宣传部宣传部20201.52019年" in report.resolved.notice.opening


def test_a_placed_running_text_is_filled_in_not_printed_raw(tmp_path: Path) -> None:
    report = check_plan(_opening(tmp_path, "{{ organization.note }}"))
    assert report.errors == []
    assert report.resolved is not None
    opening = report.resolved.notice.opening
    assert "本活动牵头部门为党委宣传部，各党总支" in opening
    assert "{{" not in opening and "organization" not in opening


@pytest.mark.parametrize(
    ("tag", "filled"),
    [
        ("{{ organization.note | length }}", "41"),
        ("{{ organization.note ~ '！' }}", "各党总支、相关部门和院部积极配合。！"),
        ("{{ organization.note + '！' }}", "各党总支、相关部门和院部积极配合。！"),
        ("{{ organization.note | replace('党委', '') }}", "牵头部门为宣传部，"),
        ("{{ organization.note.strip() }}", "牵头部门为党委宣传部，"),
    ],
)
def test_a_placed_running_text_is_filled_in_before_any_operator_sees_it(tmp_path: Path, tag: str, filled: str) -> None:
    report = check_plan(_opening(tmp_path, tag))
    assert report.errors == []
    assert report.resolved is not None
    assert filled in report.resolved.notice.opening
    assert "{{" not in report.resolved.notice.opening


def test_a_running_text_placing_itself_is_refused(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("本活动牵头部门为", "本活动{{ organization.note }}牵头部门为"))
    [error] = check_plan(plan).errors
    assert (error.code, error.path) == ("text-holds-placeholders", "organization.note")


def test_literal_braces_from_a_placed_text_are_printed_once(tmp_path: Path) -> None:
    plan = plan_with(
        tmp_path,
        (OPENING, "我校将开展{{ organization.note }}{{ year }}年"),
        ("本活动牵头部门为", "本活动{{ '{{' }}牵头部门为"),
    )
    report = check_plan(plan)
    assert report.errors == []
    assert report.resolved is not None
    assert "本活动{{牵头部门为" in report.resolved.notice.opening


def test_a_structure_is_refused_by_render_too(tmp_path: Path) -> None:
    with pytest.raises(docgen.PlanError) as error:
        docgen.render(_opening(tmp_path, "{{ contact }}"), tmp_path / "out")
    assert "text-gives-record" in [p.code for p in error.value.problems]
    assert not (tmp_path / "out").exists()


def test_a_five_thousand_digit_year_is_not_told_to_remove_a_tag(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("year: 2019", "year: " + "2" * 5000))
    [error] = check_plan(plan).errors
    assert (error.code, error.path, error.line) == ("yaml-number-too-long", "year", 21)
    assert "has 5000 digits" in str(error)
    assert "!!int" not in str(error)


def test_a_tagged_value_that_is_no_number_still_names_its_tag(tmp_path: Path) -> None:
    [error] = check_plan(plan_with(tmp_path, ("year: 2019", "year: !!int abc"))).errors
    assert error.code == "yaml-tag-value"
    assert "remove the tag !!int" in str(error)
