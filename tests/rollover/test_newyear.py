"""Rolling the shipped plan to another year: only year and date lines change; the review names the rest."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.errors import Finding, Severity
from docgen.resources import SAMPLE_PLAN
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import project_plan

YEAR_OR_DATE_LINE = re.compile(r"^\s*(year: \d{4}|(issued|start|end|date): \d{4}-\d{2}-\d{2})$")


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    """Pairs of (old line, new line) that differ; fails when lines were added or removed."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, old_lines[i1:i2], new_lines[j1:j2])
        pairs += zip(old_lines[i1:i2], new_lines[j1:j2], strict=True)
    return pairs


def items(review: list[Finding], code: str) -> list[Finding]:
    return [item for item in review if item.code == code]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("year", [2020, 2027])
def test_only_year_and_date_lines_change(shipped_text: str, year: int) -> None:
    new_text, _ = docgen.new_year(shipped_text, year)
    pairs = changed_lines(shipped_text, new_text)
    assert len(pairs) == 6  # year, issued, period start and end, two dated deadlines
    for old, new in pairs:
        assert YEAR_OR_DATE_LINE.match(old.rstrip("\n")), old
        assert new == old.replace("2019", str(year)), (old, new)
    assert new_text.count("\n") == shipped_text.count("\n")


@pytest.mark.parametrize("year", [2020, 2027])
def test_comments_placeholders_and_old_text_are_kept(shipped_text: str, year: int) -> None:
    new_text, _ = docgen.new_year(shipped_text, year)
    comments = [line for line in shipped_text.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in new_text.splitlines() if line.lstrip().startswith("#")]
    assert "（标题为“2019年“职业教育宣传月”活动方案”）" in new_text  # a comment is not a date
    assert "吉教职成办函〔2019〕9号" in new_text
    assert new_text.count("{{") == shipped_text.count("{{")


@pytest.mark.parametrize("year", [2020, 2027])
@pytest.mark.parametrize("same_weekday", [False, True])
def test_rolled_plan_checks_without_errors(tmp_path: Path, shipped_text: str, year: int, same_weekday: bool) -> None:
    new_text, _ = docgen.new_year(shipped_text, year, same_weekday)
    path = tmp_path / f"campaign-{year}.yaml"
    path.write_text(new_text, encoding="utf-8")
    report = docgen.check_plan(path)
    assert report.errors == [], [str(p) for p in report.errors]
    assert report.plan is not None
    assert report.plan.year == year
    assert report.plan.notice_title == f"{year}年“职业教育宣传月”活动方案"
    assert not [p for p in report.warnings if p.code == "date-outside-year"]


def plan_dates(plan: docgen.Plan) -> list[dt.date]:
    dated = [d.date for d in plan.deadlines.values() if d.date is not None]
    return [plan.issued, plan.period.start, plan.period.end, *dated]


@pytest.mark.parametrize("year", [2020, 2027])
def test_default_keeps_month_and_day(tmp_path: Path, shipped_text: str, year: int) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(docgen.new_year(shipped_text, year)[0], encoding="utf-8")
    old, new = docgen.load_plan(SHIPPED_PLAN), docgen.load_plan(path)
    assert [d.replace(year=year) for d in plan_dates(old)] == plan_dates(new)


@pytest.mark.parametrize("year", [2020, 2021, 2027])
def test_same_weekday_keeps_every_weekday(tmp_path: Path, shipped_text: str, year: int) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(docgen.new_year(shipped_text, year, same_weekday=True)[0], encoding="utf-8")
    old, new = plan_dates(docgen.load_plan(SHIPPED_PLAN)), plan_dates(docgen.load_plan(path))
    for before, after in zip(old, new, strict=True):
        assert after.weekday() == before.weekday(), (before, after)
        assert after.year == year
        assert abs((after - before.replace(year=year)).days) <= 3


def test_same_weekday_moves_by_whole_weeks(shipped_text: str) -> None:
    new_text, _ = docgen.new_year(shipped_text, 2020, same_weekday=True)
    assert "start: 2020-04-26\n" in new_text  # Sunday 2019-04-28 -> Sunday 2020-04-26
    assert "date: 2020-05-07\n" in new_text  # Thursday 2019-05-09 -> Thursday 2020-05-07


def test_an_aliased_date_is_changed_once(shipped_text: str) -> None:
    text = shipped_text.replace("issued: 2019-04-30", "issued: &issued 2019-04-30")
    text = text.replace("    date: 2019-05-24", "    date: *issued")
    new_text, _ = docgen.new_year(text, 2020)
    assert "issued: &issued 2020-04-30\n" in new_text
    assert "    date: *issued\n" in new_text


def test_review_names_the_old_policy_title_and_number(shipped_text: str, plan_copy: Path) -> None:
    next_year = plan_copy.with_name("campaign-2020.yaml")
    _, review = docgen.new_year(shipped_text, 2020, file=str(plan_copy), output_file=str(next_year))
    [title] = items(review, "old-year-text")
    assert (title.path, title.line, title.severity) == (
        "policies[0].title",
        line_of(shipped_text, "深入开展2019年"),
        Severity.EDIT,
    )
    [number] = items(review, "old-year-number")
    assert number.params["number"] == "吉教职成办函〔2019〕9号"
    assert number.line == line_of(shipped_text, "number: 吉教职成办函〔2019〕9号")
    assert number.file == str(next_year)
    [older] = items(review, "cited-number")
    assert (older.params["number"], older.severity) == ("吉教职成字〔2015〕11号", Severity.NOTE)
    assert str(number).startswith(f"{next_year}:{number.line}: edit: policies[0].number: ")


def test_review_names_comments_that_mention_the_old_year(shipped_text: str) -> None:
    new_text, review = docgen.new_year(shipped_text, 2020)
    comments = items(review, "old-year-comment")
    mentions = [
        n for n, line in enumerate(shipped_text.splitlines(), 1) if line.lstrip().startswith("#") and "2019" in line
    ]
    assert [item.line for item in comments] == mentions and mentions
    assert all(item.severity is Severity.NOTE and item.path is None for item in comments)
    title = next(item for item in comments if item.line == line_of(shipped_text, "（标题为“2019年"))
    assert title.params["excerpt"] == "“活动名称（标题为“2019年“职业教育宣传月”活动方案”）”"  # its clause, whole
    number = next(item for item in comments if item.line == line_of(shipped_text, "写作〔2019〕"))
    assert number.params["excerpt"] == "“文号按 GB/T 9704 写作〔2019〕9号（每年需核对更新）”"  # not “B/T 9704 …
    (policy,) = [i for i in items(review, "old-year-text") if i.path == "policies[0].title"]
    assert policy.params["excerpt"] == "“关于深入开展2019年吉林省职业教育宣传月活动的通知”"  # not “…宣传月活”
    assert "（标题为“2019年“职业教育宣传月”活动方案”）" in new_text  # read again, not rewritten


def test_only_real_comments_are_named(shipped_text: str) -> None:
    text = shipped_text.replace("\ntheme: ", "\n# 2020 is fine, 2019 is named # twice\ntheme: ", 1).replace(
        "closing: 祝同学们学业进步，祝家长朋友们身体健康、万事如意！",
        'closing: "第 #2019 号：祝同学们学业进步" # 2019 again',
        1,
    )
    _, review = docgen.new_year(text, 2020)
    named = [(item.line, item.column) for item in items(review, "old-year-comment")]
    comment = line_of(text, "# 2020 is fine")
    assert (comment, text.splitlines()[comment - 1].index("2019") + 1) in named
    assert [line for line, _ in named].count(comment) == 1
    quoted = line_of(text, "第 #2019 号")
    assert [column for line, column in named if line == quoted] == [
        text.splitlines()[quoted - 1].index("2019 again") + 1
    ]
    assert any(item.line == quoted for item in items(review, "old-year-text"))  # the value's own mention


def test_review_for_2020_weekend_deadline_and_adjusted_working_day(shipped_text: str) -> None:
    _, review = docgen.new_year(shipped_text, 2020)
    [weekend] = items(review, "deadline-on-weekend")
    assert weekend.path == "deadlines.summary.date"
    assert (weekend.params["date"], weekend.params["suggestion"]) == (dt.date(2020, 5, 24), dt.date(2020, 5, 22))
    assert weekend.line == line_of(shipped_text, "date: 2019-05-24")
    [adjusted] = items(review, "adjusted-workday")
    assert (adjusted.path, adjusted.params["date"], adjusted.severity) == (
        "deadlines.schedule.date",
        dt.date(2020, 5, 9),
        Severity.NOTE,
    )
    assert "2020-05-09 is a Saturday but an official working day (调休)" in str(adjusted)
    assert items(review, "arrangement-unknown") == []


def test_review_for_2027_says_the_arrangement_is_unpublished(shipped_text: str) -> None:
    _, review = docgen.new_year(shipped_text, 2027)
    [unknown] = items(review, "arrangement-unknown")
    assert (unknown.path, unknown.line, unknown.params["year"]) == ("year", line_of(shipped_text, "year: 2019"), 2027)
    assert "not published yet" in str(unknown)
    [weekend] = items(review, "deadline-on-weekend")
    assert (weekend.params["date"], weekend.params["suggestion"]) == (dt.date(2027, 5, 9), dt.date(2027, 5, 7))
    assert items(review, "old-year-number")


def test_weekly_deadline_in_the_labour_day_break_is_reviewed(shipped_text: str) -> None:
    text = shipped_text.replace("year: 2019", "year: 2018").replace("2019-", "2018-")
    _, review = docgen.new_year(text, 2019)
    found = [(i.path, i.params["date"]) for i in items(review, "weekly-deadline-in-holiday")]
    assert found == [
        ("deadlines.weekly_report.weekday", dt.date(2019, 5, 1)),
        ("deadlines.column_report.weekday", dt.date(2019, 5, 2)),
    ]


def test_leap_day_becomes_february_28_with_a_review_item(shipped_text: str) -> None:
    text = shipped_text.replace("year: 2019", "year: 2020").replace("issued: 2019-04-30", "issued: 2020-02-29")
    new_text, review = docgen.new_year(text, 2021)
    assert "issued: 2021-02-28\n" in new_text
    [moved] = items(review, "feb-29-moved")
    assert (moved.path, moved.params["new"]) == ("issued", dt.date(2021, 2, 28))


def test_quoting_and_line_endings_are_kept(shipped_text: str) -> None:
    text = shipped_text.replace("date: 2019-05-09", "date: '2019-05-09'").replace(
        "end: 2019-05-28", 'end: "2019-05-28"'
    )
    text = text.replace("\n", "\r\n")
    new_text, _ = docgen.new_year(text, 2020)
    assert "date: '2020-05-09'\r\n" in new_text
    assert 'end: "2020-05-28"\r\n' in new_text
    pairs = changed_lines(text, new_text)
    assert len(pairs) == 6
    assert all(new == old.replace("2019", "2020") for old, new in pairs)


def test_invalid_source_plan_is_a_located_error(shipped_text: str) -> None:
    text = shipped_text.replace("date: 2019-05-09", "date: 2019-02-30")
    with pytest.raises(docgen.PlanError) as caught:
        docgen.new_year(text, 2020, file="plan.yaml")
    [problem] = caught.value.problems
    assert (problem.code, problem.file, problem.line) == ("invalid-date", "plan.yaml", line_of(text, "2019-02-30"))


def test_library_prints_nothing(shipped_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    docgen.new_year(shipped_text, 2027)
    assert capsys.readouterr() == ("", "")


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A copy of the shipped plan where a project keeps its plan: the tests' own, never the user's."""
    return project_plan(tmp_path)


def test_cli_writes_beside_the_plan_and_prints_the_review(plan_copy: Path) -> None:
    result = CliRunner().invoke(main, ["new-year", str(plan_copy), "--year", "2020"])
    assert result.exit_code == 0, result.output
    written = plan_copy.parent / "campaign-2020.yaml"
    assert "year: 2020\n" in written.read_text(encoding="utf-8")
    lines = result.output.splitlines()
    assert lines[-1] == f"wrote {written}"
    number_line = line_of(plan_copy.read_text(encoding="utf-8"), "吉教职成办函〔2019〕9号")
    assert any(line.startswith(f"{written}:{number_line}: edit: policies[0].number:") for line in lines), lines
    assert list(plan_copy.parent.glob(".*.tmp")) == []


def test_cli_default_plan_and_output(plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_copy.parent.parent)
    result = CliRunner().invoke(main, ["new-year", "--year", "2027"])
    assert result.exit_code == 0, result.output
    written = Path(SAMPLE_PLAN).with_name("campaign-2027.yaml")
    assert result.output.splitlines()[-1] == f"wrote {written}"
    assert "not published yet" in result.output
    assert (plan_copy.parent / written.name).exists()


def test_cli_output_option(plan_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "plans" / "next.yaml"
    result = CliRunner().invoke(main, ["new-year", str(plan_copy), "--year", "2020", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "issued: 2020-04-30" in target.read_text(encoding="utf-8")
    assert not (plan_copy.parent / "campaign-2020.yaml").exists()


def test_cli_refuses_to_overwrite_without_force(plan_copy: Path) -> None:
    target = plan_copy.parent / "campaign-2020.yaml"
    target.write_text("mine\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["new-year", str(plan_copy), "--year", "2020"])
    assert refused.exit_code == 1, refused.output
    assert f"{target}: the file already exists (use --force to overwrite it)" in refused.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(main, ["new-year", str(plan_copy), "--year", "2020", "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_cli_invalid_plan_is_reported_with_its_line(tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("year: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new-year", str(plan), "--year", "2020"])
    assert result.exit_code == 1, result.output
    assert f"{plan}:2:1: YAML syntax error" in result.output
    assert not (tmp_path / "bad-2020.yaml").exists()


def test_cli_reads_a_bom_plan(plan_copy: Path) -> None:
    plan_copy.write_bytes(b"\xef\xbb\xbf" + SHIPPED_PLAN.read_bytes())
    result = CliRunner().invoke(main, ["new-year", str(plan_copy), "--year", "2020"])
    assert result.exit_code == 0, result.output
