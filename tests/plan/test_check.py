"""`check_plan` finds every kind of mistake issue 2 lists, at its line and column, in plain words.

Broken plans are the shipped plan with one edit; `edit` fails loudly if the shipped text changes,
so a test can never pass by editing nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import docgen
from docgen.errors import Finding, PlanError, Severity
from docgen.messages import format_problem
from docgen.plan.files import CheckReport, check_plan
from tests.support.paths import SHIPPED_PLAN

SHIPPED = SHIPPED_PLAN.read_text(encoding="utf-8")
PERIOD = """period:
  start: 2019-04-28
  end: 2019-05-28
"""


def edit(old: str, new: str, text: str = SHIPPED) -> str:
    """The shipped plan with the first ``old`` replaced by ``new``."""
    assert old in text, f"the shipped plan no longer holds {old!r}; update this test"
    return text.replace(old, new, 1)


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text`` (plus ``offset`` characters)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write(tmp_path: Path, content: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check_text(tmp_path: Path, content: str | bytes) -> CheckReport:
    return check_plan(write(tmp_path, content))


def only(report: CheckReport, code: str) -> Finding:
    """The one problem of ``code`` in the report (shows them all when there is not exactly one)."""
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, [str(p) for p in report.problems]
    return found[0]


def at(problem: Finding) -> tuple[int | None, int | None]:
    return problem.line, problem.column


def codes(report: CheckReport) -> list[str]:
    return [p.code for p in report.problems]


# The shipped plan: no warning; the seed's own facts are notes


def test_shipped_plan_has_no_warnings_only_the_seeds_facts_as_notes() -> None:
    report = check_plan(SHIPPED_PLAN)
    assert report.errors == []
    assert report.warnings == []
    assert report.plan is not None
    assert sorted(codes(report)) == [
        "adjusted-workday",
        "issued-after-start",
        "letter-optional-missing",
        "letter-optional-missing",
        "letter-optional-missing",
        "unit-without-contact",  # units owing returns name no 联络员: reminders say 未登记联络员
        "weekly-deadline-in-holiday",
        "weekly-deadline-in-holiday",
    ]
    assert report.notes == report.problems


def test_period_starting_before_the_notice_date_is_a_note() -> None:
    problem = only(check_plan(SHIPPED_PLAN), "issued-after-start")
    assert problem.severity is Severity.NOTE
    assert at(problem) == where(SHIPPED, "issued: 2019-04-30", len("issued: "))
    assert problem.path == "issued"
    assert format_problem(problem).endswith(
        "note: issued: the campaign starts (2019-04-28) before the notice is dated (2019-04-30)"
        " (check 'issued' and 'period.start')"
    )


def test_summary_due_before_the_campaign_ends_is_a_warning(tmp_path: Path) -> None:
    text = edit("    how: 纸质版", "    after_end: true\n    how: 纸质版")
    problem = only(check_text(tmp_path, text), "summary-before-end")
    assert problem.severity is Severity.WARNING
    assert at(problem) == where(text, "date: 2019-05-24", len("date: "))
    assert problem.path == "deadlines.summary.date"
    assert "due 2019-05-24, before the campaign ends on 2019-05-28" in str(problem)


def test_a_letter_without_hotline_is_a_note_and_with_one_says_nothing(tmp_path: Path) -> None:
    notes = [p for p in check_plan(SHIPPED_PLAN).problems if p.code == "letter-optional-missing"]
    assert [(p.params["field"], p.severity) for p in notes] == [
        ("hotline", Severity.NOTE),
        ("website", Severity.NOTE),
        ("address", Severity.NOTE),
    ]
    text = edit("  # hotline: 招生咨询电话", "  hotline: 0431-00000000")
    assert [p.params["field"] for p in check_text(tmp_path, text).notes if p.code == "letter-optional-missing"] == [
        "website",
        "address",
    ]


# YAML syntax


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "offset", "words"),
    [
        ("  name: 李杉杉", "\tname: 李杉杉", "yaml-tab", "\tname", 0, "a tab character is used for indentation"),
        (
            '  phone: "84825237"',
            '   phone: "84825237"',
            "yaml-indentation",
            "   phone:",
            len("   phone"),
            "this line does not line up with the lines above it",
        ),
        (
            '  unit: publicity\n  phone: "8',
            '  unit: publicity\n phone: "8',
            "yaml-indentation",
            ' phone: "8',
            1,
            "this line does not line up with the lines above it",
        ),
        (
            'phone: "84825237"',
            'phone: "84825237',
            "yaml-unclosed-quote",
            '"84825237',
            0,
            "the quoted text that starts here is never closed",
        ),
        (
            "leaders: [姜元生, 薛春志]",
            "leaders: [姜元生, 薛春志",
            "yaml-unclosed-bracket",
            "[姜元生",
            0,
            "this '[' is not closed",
        ),
        ("theme: 改革", "theme: 主题: 改革", "yaml-colon-in-value", "主题: ", len("主题"), "a value holds ': '"),
        ("theme: 改革", "theme 改革", "yaml-missing-colon", "theme 改革", 0, "this line has no ': ' after its key"),
        (
            "  - id: student_affairs",
            "   - id: student_affairs",
            "yaml-indentation",
            "   - id: student_affairs",
            3,
            "this line does not line up with the lines above it",
        ),
        (
            "theme: 改革",
            "theme：改革",
            "yaml-fullwidth-colon",
            "theme：改革",
            0,
            "the key 'theme' is followed by a full-width colon '：' (write an ASCII colon and a space: theme: 改革",
        ),
        (
            "theme: 改革",
            "theme:改革",
            "yaml-colon-without-space",
            "theme:改革",
            0,
            "the colon after the key 'theme' needs a space after it (write theme: 改革",
        ),
        (
            "  start: 2019-04-28",
            "  start:2019-04-28",
            "yaml-colon-without-space",
            "start:2019",
            0,
            "the colon after the key 'start' needs a space after it (write start: 2019-04-28",
        ),
        (
            "  start: 2019-04-28",
            "  start：2019-04-28",
            "yaml-fullwidth-colon",
            "start：2019",
            0,
            "the key 'start' is followed by a full-width colon '：' (write an ASCII colon and a space: start: 2019",
        ),
        (
            "  end: 2019-05-28",
            "  end:2019-05-28",
            "yaml-colon-without-space",
            "end:2019",
            0,
            "the colon after the key 'end' needs a space after it (write end: 2019-05-28",
        ),
    ],
    ids=[
        "tab",
        "indented-too-far",
        "indented-too-little",
        "unclosed-quote",
        "unclosed-bracket",
        "colon-in-value",
        "missing-colon",
        "list-item-indented-too-far",
        "fullwidth-colon",
        "colon-without-space",
        "nested-colon-without-space",
        "nested-fullwidth-colon",
        "nested-colon-without-space-before-a-comment",
    ],
)
def test_yaml_syntax_errors_are_located(
    tmp_path: Path, old: str, new: str, code: str, needle: str, offset: int, words: str
) -> None:
    text = edit(old, new)
    report = check_text(tmp_path, text)
    assert report.plan is None
    problem = only(report, code)
    assert at(problem) == where(text, needle, offset)
    line, column = at(problem)
    assert str(problem).startswith(f"{tmp_path / 'plan.yaml'}:{line}:{column}: {words}")
    assert "(" in str(problem), "every syntax message says how to fix it"


THEME = "theme: 改革创新促提升，助力职教创发展"


@pytest.mark.parametrize(
    ("value", "code", "suggestion"),
    [
        ("{{ year }}年改革创新", "yaml-unquoted-placeholder", '"{{ year }}年改革创新"'),
        ("{{ year }}", "yaml-unquoted-placeholder", '"{{ year }}"'),
        ("[重点] 改革创新", "yaml-quote-value", '"[重点] 改革创新"'),
        ("*重要* 改革创新", "yaml-quote-value", '"*重要* 改革创新"'),
        ("&改革创新", "yaml-quote-value", '"&改革创新"'),
        ("- 改革创新", "yaml-quote-value", '"- 改革创新"'),
        ('"改革" 创新', "yaml-text-after-quote", "'\"改革\" 创新'"),
    ],
    ids=["placeholder-first", "placeholder-only", "bracket", "asterisk", "ampersand", "dash", "after-quote"],
)
def test_a_value_that_needed_quotes_is_named_with_the_quoted_form(
    tmp_path: Path, value: str, code: str, suggestion: str
) -> None:
    text = edit(THEME, f"theme: {value}")
    report = check_text(tmp_path, text)
    problem = only(report, code)
    assert at(problem) == where(text, f"theme: {value}", len("theme: "))
    assert problem.params["suggestion"] == suggestion
    assert str(problem).endswith(f"{suggestion})")
    assert report.plan is None and len(report.errors) == 1, [str(p) for p in report.errors]
    fixed = check_text(tmp_path, edit(THEME, f"theme: {suggestion}"))
    assert fixed.plan is not None, [str(p) for p in fixed.errors]
    assert fixed.plan.theme == value


def test_list_items_without_the_space_after_the_dash_are_named(tmp_path: Path) -> None:
    text = edit("  leaders: [姜元生, 薛春志]", "  leaders:\n    -姜元生\n    -薛春志")
    problem = only(check_text(tmp_path, text), "list-dash-without-space")
    assert (problem.path, at(problem)) == ("organization.leaders", where(text, "-姜元生"))
    assert "expected a list, got '-姜元生 -薛春志'" in str(problem)
    assert str(problem).endswith("(start each item of a list on its own line with '- ', a dash and a space)")


@pytest.mark.parametrize("line", ["  \u3000  name: 教务处", "\u3000   name: 教务处"], ids=["inside", "first"])
def test_a_full_width_space_in_the_indentation_is_named(tmp_path: Path, line: str) -> None:
    text = edit("    name: 教务处", line)
    problem = only(check_text(tmp_path, text), "yaml-fullwidth-space")
    assert at(problem) == where(text, "\u3000")
    assert "a full-width space (　) is used for indentation" in str(problem)


@pytest.mark.parametrize("key", ["\u3000theme", "theme\u3000"], ids=["before", "after"])
def test_a_full_width_space_beside_a_key_is_one_problem(tmp_path: Path, key: str) -> None:
    text = edit("theme: 改革", f"{key}: 改革")
    report = check_text(tmp_path, text)
    assert codes(report) == ["key-fullwidth-space"] + [p.code for p in report.warnings]
    problem = report.errors[0]
    assert at(problem) == where(text, f"{key}: 改革")
    assert "a full-width space (　) is written beside the key 'theme'" in str(problem)


def test_a_line_that_continues_the_text_above_without_indentation_says_so(tmp_path: Path) -> None:
    text = edit("theme: 改革创新促提升，助力职教创发展", "theme: 改革创新促提升，\n助力职教创发展")
    problem = only(check_text(tmp_path, text), "yaml-missing-colon")
    assert at(problem) == where(text, "助力职教创发展")
    assert "if the line continues the text above, join it to that line or indent it" in str(problem)


def test_a_quoted_value_followed_by_a_comment_is_fine(tmp_path: Path) -> None:
    report = check_text(tmp_path, edit(THEME, 'theme: "改革创新" # 主题'))
    assert report.plan is not None and report.plan.theme == "改革创新"


# Keys


def test_duplicate_top_level_key_is_an_error(tmp_path: Path) -> None:
    text = edit("theme: 改革", "year: 2020\ntheme: 改革")
    report = check_text(tmp_path, text)
    assert report.plan is None
    problem = only(report, "duplicate-key")
    assert at(problem) == where(text, "year: 2020")
    assert problem.path == "year"
    assert problem.params == {"key": "year", "first_line": where(text, "year: 2019")[0]}
    assert str(problem).endswith(
        f"year: key 'year' is given twice in this mapping (first on line {problem.params['first_line']})"
        " (keep one of them)"
    )


def test_duplicate_key_inside_a_task_is_an_error(tmp_path: Path) -> None:
    text = edit("    title: 开设职教宣传月专栏\n", "    title: 开设职教宣传月专栏\n    title: 另一个标题\n")
    report = check_text(tmp_path, text)
    problem = only(report, "duplicate-key")
    assert at(problem) == where(text, "    title: 另一个标题", 4)
    assert problem.path == "tasks[6].title"
    assert "key 'title' is given twice in this mapping" in str(problem)


def test_unknown_top_level_key_suggests_the_near_miss(tmp_path: Path) -> None:
    text = edit("\ndeadlines:\n", "\ndeadlnes:\n")
    problem = only(check_text(tmp_path, text), "unknown-key-suggest")
    assert at(problem) == where(text, "\ndeadlnes:", 1)
    assert problem.path == "deadlnes"
    assert str(problem).endswith("deadlnes: unknown key 'deadlnes' (did you mean 'deadlines'?)")


def test_unknown_key_in_a_task_is_shown_at_the_key_and_the_task_lacks_its_title(tmp_path: Path) -> None:
    text = edit("    title: 开设职教宣传月专栏", "    titel: 开设职教宣传月专栏")
    report = check_text(tmp_path, text)
    unknown = only(report, "unknown-key-suggest")
    assert at(unknown) == where(text, "titel:")
    assert unknown.path == "tasks[6].titel"
    assert "unknown key 'titel' (did you mean 'title'?)" in str(unknown)
    missing = only(report, "missing-field")
    assert at(missing) == where(text, "  - id: column", 4)
    assert missing.path == "tasks[6].title"


def test_unknown_key_without_near_miss_lists_the_allowed_keys(tmp_path: Path) -> None:
    text = edit("  email: 18083554@qq.com", "  email: 18083554@qq.com\n  wechat: lss")
    problem = only(check_text(tmp_path, text), "unknown-key")
    assert at(problem) == where(text, "wechat:")
    assert str(problem).endswith(
        "contact.wechat: unknown key 'wechat' (allowed here: name, unit, phone, email, other_names)"
    )


def test_missing_section_points_at_the_mapping_that_lacks_it(tmp_path: Path) -> None:
    text = edit(PERIOD, "")
    problem = only(check_text(tmp_path, text), "missing-field")
    assert at(problem) == where(text, "institution:")
    assert problem.path == "period"
    line, column = at(problem)
    assert str(problem) == (
        f"{tmp_path / 'plan.yaml'}:{line}:{column}: period: the required key 'period' is missing here"
        " (add 'period:' to this mapping; data/campaign.yaml shows an example)"
    )


def test_missing_key_in_a_section_points_at_the_sections_key(tmp_path: Path) -> None:
    text = edit("  end: 2019-05-28\n", "")
    problem = only(check_text(tmp_path, text), "missing-field")
    assert at(problem) == where(text, "\nperiod:", 1)
    assert problem.path == "period.end"
    assert "the required key 'end' is missing here (add 'end:' to this mapping" in str(problem)


@pytest.mark.parametrize(
    ("old", "new", "needle", "offset", "path", "message"),
    [
        ("year: 2019", "year: abc", "year: abc", 6, "year", "expected a whole number, got 'abc'"),
        (
            "    units: [publicity, information]\n",
            "    units: 5\n",
            "units: 5",
            7,
            "tasks[6].units",
            "expected a list, got 5",
        ),
        (
            "\ntasks:\n",
            "\ntasks: {first: letter}\nold_tasks:\n",
            "{first",
            0,
            "tasks",
            "expected a list, got a mapping",
        ),
        ("  blank_rows: 17", "  blank_rows: [17]", "[17]", 0, "form.blank_rows", "expected a whole number, got a list"),
    ],
    ids=["year-abc", "units-5", "tasks-mapping", "rows-list"],
)
def test_wrong_types_are_located(
    tmp_path: Path, old: str, new: str, needle: str, offset: int, path: str, message: str
) -> None:
    text = edit(old, new)
    report = check_text(tmp_path, text)
    problem = next(p for p in report.problems if p.path == path)
    assert problem.code == "wrong-type"
    assert at(problem) == where(text, needle, offset)
    assert str(problem).endswith(f"{path}: {message}")


@pytest.mark.parametrize(
    ("old", "new", "needle", "path", "message"),
    [
        (
            "  - id: library",
            "  - id: li-brary",
            "li-brary",
            "units[9].id",
            "'li-brary' is not a valid id (an id is letters, digits and underscores, starting with a letter,",
        ),
        (
            "  email: 18083554@qq.com",
            "  email: 18083554@qqcom",
            "18083554@qqcom",
            "contact.email",
            "'18083554@qqcom' is not a valid email",
        ),
        (
            "    how: 纸质版",
            "    after_end: maybe\n    how: 纸质版",
            "maybe",
            "deadlines.summary.after_end",
            "expected true or false",
        ),
        ("  closing: 祝", '  closing: ""\n  old_closing: 祝', '""', "letter.closing", "the text is empty (fill it in,"),
        ("  columns: [活动项目", "  columns: []\n  old_columns: [活动项目", "[]", "form.columns", "the list is empty"),
    ],
    ids=["bad-id", "bad-email", "bad-bool", "empty-text", "empty-list"],
)
def test_bad_values_are_named_plainly(tmp_path: Path, old: str, new: str, needle: str, path: str, message: str) -> None:
    text = edit(old, new)
    problem = next(p for p in check_text(tmp_path, text).problems if p.path == path)
    assert at(problem) == where(text, needle)
    assert f"{path}: {message}" in str(problem)


def test_value_starting_with_a_reserved_character(tmp_path: Path) -> None:
    text = edit("theme: 改革", "theme: @改革")
    problem = only(check_text(tmp_path, text), "yaml-bad-start")
    assert at(problem) == where(text, "@改革")
    assert "a value cannot start with '@' in YAML (put the whole value in quotes)" in str(problem)


# Dates


def test_impossible_date(tmp_path: Path) -> None:
    text = edit("issued: 2019-04-30", "issued: 2019-02-30")
    problem = only(check_text(tmp_path, text), "invalid-date")
    assert at(problem) == where(text, "2019-02-30")
    assert problem.path == "issued"
    assert str(problem).endswith(
        "issued: '2019-02-30' is not a valid date (write an existing day as YYYY-MM-DD, e.g. 2019-05-09)"
    )


def test_period_that_ends_before_it_starts_is_an_error(tmp_path: Path) -> None:
    text = edit("  end: 2019-05-28", "  end: 2019-04-01")
    report = check_text(tmp_path, text)
    assert report.plan is None
    problem = only(report, "period-reversed")
    assert problem.is_error
    assert at(problem) == where(text, "2019-04-01")
    assert str(problem).endswith(
        "period.end: the period ends (2019-04-01) before it starts (2019-04-28) (swap or correct the dates)"
    )


def test_deadline_outside_the_period_is_a_warning(tmp_path: Path) -> None:
    text = edit("    date: 2019-05-09", "    date: 2019-06-09")
    report = check_text(tmp_path, text)
    assert report.plan is not None, "warnings do not make a plan unusable"
    problem = only(report, "deadline-outside-period")
    assert problem.severity is Severity.WARNING
    assert at(problem) == where(text, "2019-06-09")
    assert problem.path == "deadlines.schedule.date"
    assert "warning: deadlines.schedule.date: deadline 2019-06-09 lies outside the period 2019-04-28 to 2019-05-28" in (
        str(problem)
    )


def test_date_outside_the_plan_year_is_a_warning(tmp_path: Path) -> None:
    text = edit("issued: 2019-04-30", "issued: 2018-04-30")
    report = check_text(tmp_path, text)
    assert report.plan is not None
    problem = only(report, "date-outside-year")
    assert problem.severity is Severity.WARNING
    assert at(problem) == where(text, "2018-04-30")
    assert str(problem).endswith(
        "warning: issued: 2018-04-30 is not in the plan's year 2019 (check the date or 'year:')"
    )


# Units and tasks referred to by id


def test_unknown_unit_in_a_task_suggests_the_near_miss(tmp_path: Path) -> None:
    text = edit("    units: [publicity, information]\n", "    units: [publicty, information]\n")
    problem = only(check_text(tmp_path, text), "unknown-unit-suggest")
    assert at(problem) == where(text, "publicty")
    assert problem.path == "tasks[6].units[0]"
    assert problem.params["suggestion"] == "publicity"
    assert str(problem).endswith("tasks[6].units[0]: unknown unit id 'publicty' (did you mean 'publicity'?)")


def test_duplicate_unit_id_names_the_first(tmp_path: Path) -> None:
    text = edit("  - id: teaching_units", "  - id: security\n    name: 保卫科\n  - id: teaching_units")
    problem = only(check_text(tmp_path, text), "duplicate-unit-id")
    assert at(problem) == where(text, "security\n    name: 保卫科")
    assert problem.path == "units[16].id"
    first_line = where(text, "security\n    name: 保卫处")[0]
    assert str(problem).endswith(
        f"units[16].id: unit id 'security' is already used by the unit on line {first_line} (give each unit its own id)"
    )


def test_unknown_task_in_a_deadline(tmp_path: Path) -> None:
    text = edit("    task: column", "    task: colum")
    problem = only(check_text(tmp_path, text), "unknown-task-suggest")
    assert at(problem) == where(text, "colum\n")
    assert str(problem).endswith("deadlines.column_report.task: unknown task id 'colum' (did you mean 'column'?)")


# Placeholders in running text


def test_placeholder_naming_a_missing_field_suggests_the_near_miss(tmp_path: Path) -> None:
    text = edit("电话：{{ contact.phone }}", "电话：{{ contact.phon }}")
    problem = only(check_text(tmp_path, text), "unknown-placeholder-suggest")
    assert problem.path == "requirements[1].text"
    assert at(problem) == where(text, "contact.phon }}")  # where it stands, inside the paragraph
    assert str(problem).endswith(
        "requirements[1].text: the placeholder 'contact.phon' names nothing in the plan (did you mean 'contact.phone'?)"
    )


def test_problem_on_a_later_line_of_a_long_text_is_shown_on_that_line(tmp_path: Path) -> None:
    text = edit(
        "    为深入贯彻落实{{ policies | cite }}",
        "    第一行。\n    第二行写到{{ year }}年。\n    第三行引用{{ organization.leed }}。\n"
        "    为深入贯彻落实{{ policies | cite }}",
    )
    problem = only(check_text(tmp_path, text), "unknown-placeholder-suggest")
    assert problem.path == "notice.opening"
    assert at(problem) == where(text, "organization.leed")
    assert "did you mean 'organization.lead'?" in str(problem)


def test_syntax_error_on_a_later_line_is_shown_on_that_line(tmp_path: Path) -> None:
    text = edit(
        "    为深入贯彻落实{{ policies | cite }}",
        "    第一行。\n    第二行{% if %}。\n    为深入贯彻落实{{ policies | cite }}",
    )
    problem = only(check_text(tmp_path, text), "text-syntax")
    assert at(problem) == where(text, "第二行")


def test_a_filter_given_the_wrong_kind_of_value_is_a_located_error(tmp_path: Path) -> None:
    text = edit("每{{ deadlines.column_report | weekday }}前", "每{{ deadlines.column_report | md }}前")
    problem = only(check_text(tmp_path, text), "text-error")
    assert problem.path == "tasks[6].work"
    assert at(problem) == where(text, "{{ deadlines.column_report | md }}")
    assert str(problem).endswith(
        "the text cannot be filled in: this deadline recurs weekly and has no single date; use | weekday"
    )


def test_numbers_and_lengths_out_of_bounds_say_the_bound(tmp_path: Path) -> None:
    text = edit("blank_rows: 17", "blank_rows: 201")
    problem = only(check_text(tmp_path, text), "out-of-range")
    assert (problem.path, at(problem)) == ("form.blank_rows", where(text, "blank_rows: 201", len("blank_rows: ")))
    assert str(problem).endswith("201 is out of range: it must be at most 200")
    long_name = "姜" * 201
    text = edit("leaders: [姜元生, 薛春志]", f"leaders: [姜元生, {long_name}]")
    problem = only(check_text(tmp_path, text), "bad-length")
    assert (problem.path, at(problem)) == ("organization.leaders[1]", where(text, long_name))
    assert str(problem).endswith("the length must be no more than 200 characters")


@pytest.mark.parametrize("empty", ["{{ '' }}", "{# 待补充 #}", "{{ ' ' * 3 }}"])
def test_text_that_fills_in_to_nothing_is_an_error(tmp_path: Path, empty: str) -> None:
    text = edit("closing: 祝同学们学业进步，祝家长朋友们身体健康、万事如意！", f'closing: "{empty}"')
    report = check_text(tmp_path, text)
    problem = only(report, "text-renders-empty")
    assert problem.path == "letter.closing"
    assert at(problem) == where(text, f'"{empty}"')  # a quoted text is pointed at as a whole
    assert report.plan is None and report.resolved is None
    with pytest.raises(PlanError):
        docgen.render(write(tmp_path, text), tmp_path / "out", only="letter")
    assert not (tmp_path / "out").exists()


def test_the_report_holds_the_plan_with_its_text_filled_in() -> None:
    report = check_plan(SHIPPED_PLAN)
    assert report.plan is not None and report.resolved is not None
    assert "{{" in report.plan.notice.opening
    assert "{{" not in report.resolved.notice.opening
    assert report.resolved == docgen.resolve_plan(report.plan)


def test_resolving_a_plan_made_in_a_script_names_the_text_that_will_not_render() -> None:
    plan = docgen.load_plan(SHIPPED_PLAN)
    broken = plan.model_copy(update={"ideology": "{{ contact.phon }}"})
    with pytest.raises(PlanError) as caught:
        docgen.resolve_plan(broken)
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("unknown-placeholder-suggest", "ideology")
    assert "did you mean 'contact.phone'?" in str(problem)


@pytest.mark.parametrize("broken", ["{{ year 年", "{% if %}年"], ids=["unclosed-print", "empty-if"])
def test_jinja_syntax_error_in_text(tmp_path: Path, broken: str) -> None:
    text = edit("{{ year }}年", broken)
    report = check_text(tmp_path, text)
    problem = only(report, "text-syntax")
    assert problem.path == "notice.opening"
    assert at(problem) == where(text, "为深入贯彻落实")  # the text's first line, where the error is
    assert "notice.opening: placeholder syntax error: " in str(problem)
    assert "to print braces literally write {{ '{{' }}" in str(problem)


def test_literal_braces_are_accepted(tmp_path: Path) -> None:
    text = edit("{{ year }}年", "{{ '{{' }}年")
    report = check_text(tmp_path, text)
    assert report.errors == []
    assert report.plan is not None
    assert "将开展{{年" in docgen.resolve_plan(report.plan).notice.opening


# Files that are not a plan


@pytest.mark.parametrize(
    ("content", "found"),
    [("- year: 2019\n- tasks: []\n", "a list"), ("just some words\n", "text"), ("2019\n", "a number")],
    ids=["list", "string", "number"],
)
def test_file_that_is_not_a_mapping(tmp_path: Path, content: str, found: str) -> None:
    problem = only(check_text(tmp_path, content), "not-a-mapping")
    assert at(problem) == (1, 1)
    assert f"the plan is {found}, but it must be a mapping of keys" in str(problem)


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    problem = only(check_text(tmp_path, content), "empty-file")
    assert str(problem).startswith(f"{tmp_path / 'plan.yaml'}: the file is empty")


def test_missing_file(tmp_path: Path) -> None:
    report = check_plan(tmp_path / "nowhere.yaml")
    problem = only(report, "file-missing")
    assert problem.file == str(tmp_path / "nowhere.yaml")
    assert str(problem).startswith(f"{tmp_path / 'nowhere.yaml'}: file not found (check the path")


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    problem = only(check_plan(tmp_path), "file-is-directory")
    assert str(problem) == f"{tmp_path}: this is a folder, not a file (give the path of a .yaml file)"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    report = check_text(tmp_path, b"\xef\xbb\xbf" + SHIPPED.encode("utf-8"))
    assert report.plan == docgen.load_plan(SHIPPED_PLAN)
    assert "gb18030-file" not in codes(report)


def test_gb18030_file_is_read_with_a_warning(tmp_path: Path) -> None:
    report = check_text(tmp_path, SHIPPED.encode("gb18030"))
    assert report.plan == docgen.load_plan(SHIPPED_PLAN)
    problem = only(report, "gb18030-file")
    assert problem.severity is Severity.WARNING
    assert "file is GBK/GB18030 text; it was read, but other tools expect UTF-8 (save it as UTF-8)" in str(problem)


def test_invalid_bytes_are_not_utf8(tmp_path: Path) -> None:
    problem = only(check_text(tmp_path, b"\xff\xfe\x00bad"), "not-utf8")
    assert at(problem) == (1, 1)
    assert "file is not UTF-8 text (save it as UTF-8" in str(problem)


def test_invalid_byte_inside_utf8_text_is_located(tmp_path: Path) -> None:
    problem = only(check_text(tmp_path, "year: 2019\ntheme: 改革".encode() + b"\xff\n"), "not-utf8")
    assert at(problem) == (2, 10)


# Unsafe and explosive YAML


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["touch {marker}"]', "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ('!!python/object/new:subprocess.Popen [["touch", "{marker}"]]', "!!python/object/new:subprocess.Popen"),
    ],
    ids=["apply", "name", "new"],
)
def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path, value: str, tag: str) -> None:
    marker = tmp_path / "ran"
    text = edit("institution: 长春医学高等专科学校", "institution: " + value.format(marker=marker))
    report = check_text(tmp_path, text)
    problem = only(report, "yaml-unsafe-tag")
    assert at(problem) == where(text, "!!python")
    assert str(problem).endswith(
        f"institution: the tag {tag} is not allowed (remove it: plans hold plain text, numbers, lists and mappings)"
    )
    assert [p.path for p in report.errors] == ["institution"], "no second message about the dropped value"
    assert not marker.exists()


def test_tag_on_a_key_is_refused(tmp_path: Path) -> None:
    text = edit("theme: 改革", "? !!python/name:os.system\n: x\ntheme: 改革")
    problem = only(check_text(tmp_path, text), "yaml-unsafe-tag")
    assert at(problem) == where(text, "!!python")


@pytest.mark.parametrize("value", ["!!int abc", "!!bool maybe", "!!float abc"])
def test_standard_tag_on_a_value_it_cannot_read(tmp_path: Path, value: str) -> None:
    text = edit("year: 2019", f"year: {value}")
    problem = only(check_text(tmp_path, text), "yaml-tag-value")
    assert at(problem) == where(text, value)
    tag, word = value.split()
    assert str(problem).endswith(f"year: '{word}' cannot be read as {tag} (remove the tag {tag} or correct the value)")


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\nyear: 2019\n"


CHECK_IN_CHILD = """
import json, sys
from docgen.plan.files import check_plan
report = check_plan(sys.argv[1])
print(json.dumps([[p.code, p.line, p.column, str(p)] for p in report.problems]))
"""


def check_in_subprocess(path: Path) -> list[list[object]]:
    """Check a dangerous file in a child process: a C-level crash fails the test instead of pytest."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHECK_IN_CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 10, "a hostile file must fail within seconds"
    result: list[list[object]] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(
    ("content", "code", "location"),
    [
        (billion_laughs(), "yaml-too-many-nodes", True),
        ("a: &a [*a]\n", "yaml-too-deep", True),
        ("[" * 100_000, "yaml-too-deep", True),
        ("- " * 100_000 + "x\n", "yaml-too-deep", True),
        ("a: " + "{a: " * 100_000, "yaml-too-deep", True),
        ("a: " + "[" * 60 + "]" * 60 + "\n", "yaml-too-deep", True),
        ("# " + "x" * (5 * 1024 * 1024) + "\n", "file-too-large", False),
    ],
    ids=["billion-laughs", "recursive-alias", "deep-flow", "deep-block", "deep-flow-mapping", "depth-60", "too-large"],
)
def test_explosive_yaml_fails_fast_with_a_clear_problem(
    tmp_path: Path, content: str, code: str, location: bool
) -> None:
    problems = check_in_subprocess(write(tmp_path, content))
    assert [p[0] for p in problems] == [code], problems
    _, line, column, text = problems[0]
    assert (line is not None and column is not None) == location
    assert isinstance(text, str)
    assert text.startswith(str(tmp_path / "plan.yaml") + ":")


def test_too_many_nodes_message() -> None:
    problem = Finding("yaml-too-many-nodes", {"limit": 200_000}, file="p.yaml", line=3, column=4)
    assert str(problem) == (
        "p.yaml:3:4: the YAML expands to more than 200000 values (aliases?) "
        "(remove the anchors and aliases (&name, *name))"
    )


# Characters documents cannot hold


def test_control_character_written_as_an_escape(tmp_path: Path) -> None:
    text = edit("theme: 改革创新促提升，助力职教创发展", 'theme: "改革\\x01创新"')
    report = check_text(tmp_path, text)
    assert report.plan is None
    problem = only(report, "forbidden-character")
    assert at(problem) == where(text, '"改革')
    assert str(problem).endswith(
        "theme: holds the control character U+0001, which documents cannot contain"
        " (delete it, or the escape (such as \\x01) that writes it)"
    )


def test_raw_control_character_in_the_file(tmp_path: Path) -> None:
    text = edit("theme: 改革", "theme: 改\x01革")
    problem = only(check_text(tmp_path, text), "yaml-bad-character")
    assert at(problem) == where(text, "\x01")
    assert "the file holds the control character U+0001, which YAML does not allow" in str(problem)


# Every problem at once; load_plan raises them as data


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = edit("year: 2019", "year: abc", edit("  blank_rows: 17", "  blank_rows: many"))
    report = check_text(tmp_path, text)
    assert [p.path for p in report.errors] == ["year", "form.blank_rows"]


def test_load_plan_raises_plan_error_with_structured_problems(tmp_path: Path) -> None:
    path = write(tmp_path, edit("year: 2019", "year: abc"))
    with pytest.raises(PlanError) as caught:
        docgen.load_plan(path)
    assert isinstance(caught.value, docgen.DocgenError)
    [problem] = caught.value.problems
    assert problem.code == "wrong-type"
    assert (problem.file, problem.line, problem.column, problem.path) == (str(path), 21, 7, "year")
    assert problem.params == {"expected": "a whole number", "value": "'abc'"}
    assert str(caught.value) == f"{path}:21:7: year: expected a whole number, got 'abc'"


def test_load_plan_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        docgen.load_plan(tmp_path / "nowhere.yaml")
    assert [p.code for p in caught.value.problems] == ["file-missing"]


def test_load_plan_returns_a_plan_that_has_only_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, edit("    date: 2019-05-09", "    date: 2019-06-09"))
    assert docgen.load_plan(path).deadlines["schedule"].date is not None


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("  start:2019-04-28", "键“start”后面的冒号之后要有一个空格（请写成 start: 2019-04-28）"),
        (
            "  start：2019-04-28",
            "键“start”后面用了中文冒号“：”（请改用半角冒号“:”并在其后加一个空格：start: 2019-04-28）",
        ),
    ],
    ids=["no-space", "full-width"],
)
def test_check_names_a_colon_mistake_on_its_line_in_chinese(tmp_path: Path, line: str, words: str) -> None:
    text = edit("  start: 2019-04-28", line)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    number = text.splitlines().index(line) + 1
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "--lang", "zh_CN", "check", str(plan)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{plan}:{number}:3: {words}" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "english"),
    [("a: 1\n  b: 2\n", "mapping values are not allowed"), ("a: 1\n- b\n", "did not find expected key")],
    ids=["indented", "list-after-a-mapping"],
)
def test_pyyamls_english_is_not_inside_a_chinese_message(tmp_path: Path, text: str, english: str) -> None:
    from docgen.messages import format_problem

    (problem,) = [p for p in check_text(tmp_path, text).errors if p.code.startswith("yaml-")]
    chinese = format_problem(problem, "zh_CN")
    assert not re.search("[A-Za-z]{3,}", chinese.split(": ", 1)[1]), chinese  # the words after FILE:LINE:COL
    assert english in format_problem(problem, "en")  # PyYAML's own words, in English only
