"""Hostile plans: days at the end of the calendar, ``--only ""``, an opening of millions of letters.

The shapes of issue 34, made from the shipped plan: a period ending 9999-12-31 with a weekly
deadline (``OverflowError`` in check), a render asked for no kind at all (exit 0, nothing
written), and running text far past what any paragraph holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.plan.model import Deadline
from tests.support.paths import SHIPPED_PLAN
from tests.support.plans import plan_with

OPENING = (
    "    为深入贯彻落实{{ policies | cite }}文件精神，我校将开展{{ year }}年{{ campaign }}活动。"
    "为确保活动扎实有效，特制定活动方案如下："
)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


@pytest.mark.parametrize(
    "edits",
    [
        [("  end: 2019-05-28", "  end: 9999-12-31")],
        [("  start: 2019-04-28", "  start: 9999-12-01"), ("  end: 2019-05-28", "  end: 9999-12-31")],
        [("    date: 2019-05-09", "    date: 9999-12-31")],
    ],
    ids=["period-to-9999", "period-in-9999", "deadline-in-9999"],
)
def test_days_past_the_years_a_plan_may_have_are_refused_where_they_stand(
    tmp_path: Path, edits: list[tuple[str, str]]
) -> None:
    plan = plan_with(tmp_path, *edits)
    result = invoke("check", plan)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "OverflowError" not in result.output
    assert "9999-" in result.stderr and "is out of range: it must be at most 2999-12-31" in result.stderr
    for command in (["render", plan, "-o", tmp_path / "out"], ["calendar", plan, "-o", tmp_path / "c.ics"]):
        refused = invoke(*command)
        assert refused.exit_code == 1 and "Traceback" not in refused.output, refused.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "c.ics").exists()


def test_a_weekly_deadline_stops_at_the_last_day_there_is() -> None:
    deadline = Deadline(weekday=5, action="报送", to="publicity")
    days = list(deadline.days(dt.date(9999, 12, 1), dt.date.max))
    assert days == [dt.date(9999, 12, d) for d in (3, 10, 17, 24, 31)]


@pytest.mark.parametrize("only", ["", " ", ",", " , "])
@pytest.mark.parametrize("command", ["render", "preview"])
def test_only_naming_no_kind_is_refused_and_writes_nothing(tmp_path: Path, command: str, only: str) -> None:
    result = invoke(command, SHIPPED_PLAN, "--only", only, "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("--only names no document kind (kinds: notice, form, letter,")
    assert not (tmp_path / "out").exists()


def test_an_opening_of_millions_of_letters_is_refused_by_check_and_render(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, (OPENING, "    " + "a" * 3_800_000))
    result = invoke("check", plan)
    assert result.exit_code == 1, result.output[:2000]
    assert f"{plan}:44:200005: notice.opening: the text is longer than 200000 characters" in result.stderr
    rendered = invoke("render", plan, "-o", tmp_path / "out", "--only", "notice")
    assert rendered.exit_code == 1 and "the text is longer than 200000 characters" in rendered.stderr
    assert not (tmp_path / "out").exists()


def test_an_opening_just_within_the_limit_renders(tmp_path: Path) -> None:
    from tests.support.docx_text import open_docx

    plan = plan_with(tmp_path, (OPENING, "    " + "a" * 199_000))
    result = invoke("render", plan, "-o", tmp_path / "out", "--only", "notice")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in open_docx(next((tmp_path / "out").glob("*.docx"))).paragraphs]
    assert "a" * 199_000 in texts
