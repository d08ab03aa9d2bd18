"""new-year on plans as editors save them: merge keys, dates written as text, a BOM, GBK."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.plan.files import check_plan
from tests.support.plans import plan_with

SCHEDULE = """  schedule:
    date: 2019-05-09
    action: 上报活动安排表
    to: publicity
"""
MERGED = """  schedule: &schedule
    date: 2019-05-09
    action: 上报活动安排表
    to: publicity
  schedule_again:
    <<: *schedule
    date: 2019-05-10
"""


def _roll(tmp_path: Path, plan: Path) -> tuple[str, Path]:
    new = tmp_path / "new.yaml"
    result = CliRunner().invoke(main, ["new-year", str(plan), "--year", "2020", "-o", str(new)])
    assert result.exit_code == 0, result.output
    return result.output, new


def test_a_merge_key_with_an_override_is_read_as_yaml_means_it(tmp_path: Path) -> None:
    report = check_plan(plan_with(tmp_path, (SCHEDULE, MERGED)))
    assert report.errors == []
    assert report.plan is not None
    again = report.plan.deadlines["schedule_again"]
    assert (str(again.date), again.action) == ("2019-05-10", "上报活动安排表")


def test_new_year_rolls_a_plan_with_a_merge_key(tmp_path: Path) -> None:
    _, new = _roll(tmp_path, plan_with(tmp_path, (SCHEDULE, MERGED)))
    rolled = docgen.load_plan(new)
    assert str(rolled.deadlines["schedule"].date) == "2020-05-09"
    assert str(rolled.deadlines["schedule_again"].date) == "2020-05-10"


def test_a_duplicate_written_key_is_still_an_error(tmp_path: Path) -> None:
    doubled = SCHEDULE + "    date: 2019-05-10\n"
    [error] = check_plan(plan_with(tmp_path, (SCHEDULE, doubled))).errors
    assert error.code == "duplicate-key"


def test_a_date_written_as_free_text_is_kept_and_listed(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, ("\nletter:\n", "\nletter:\n  address: 2019-04-30\n"))
    output, new = _roll(tmp_path, plan)
    assert "  address: 2019-04-30\n" in new.read_text(encoding="utf-8")
    assert "letter.address: the text mentions the old year 2019" in output
    assert str(docgen.load_plan(new).issued) == "2020-04-30"  # the date field itself still moves


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_the_new_plan_is_saved_as_the_old_one_was(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    plan = plan_with(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_bytes(prefix + text.encode(encoding))
    _, new = _roll(tmp_path, plan)
    raw = new.read_bytes()
    assert raw.startswith(prefix) and raw[len(prefix) : len(prefix) + 3] != b"\xef\xbb\xbf"
    rolled = raw[len(prefix) :].decode(encoding)
    assert "year: 2020" in rolled and "职业教育宣传月" in rolled
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
