"""``render_run``: one render and what OUT says after it (a stopped run mended or not, the default folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.documents.checks import checked_plan
from docgen.documents.render_run import render_run
from docgen.rendering.outputs import COMMIT_MARKER, interrupted_kinds
from tests.support.paths import SHIPPED_PLAN


def test_a_run_says_whether_it_mended_what_a_stopped_run_left(tmp_path: Path) -> None:
    report = checked_plan(SHIPPED_PLAN)
    out = tmp_path / "out"
    first = render_run(report, out, "notice,letter")
    assert not first.mended and first.still_mixed == [] and first.stale_pdfs == []
    (out / COMMIT_MARKER).write_text(json.dumps(["letter", "notice"]), encoding="utf-8")  # as a killed commit leaves it
    part = render_run(report, out, "notice")
    assert part.still_mixed == ["letter"] and not part.mended
    dry = render_run(report, out, "letter", dry_run=True)
    assert dry.still_mixed == ["letter"] and not dry.mended and dry.dry_run
    whole = render_run(report, out, "letter")
    assert whole.mended and whole.still_mixed == [] and interrupted_kinds(out) == []
    assert [p.name for p in whole.paths] == [p.name for p in first.paths if "致" in p.name]


def test_without_a_folder_the_run_goes_to_the_years_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = checked_plan(SHIPPED_PLAN)
    assert report.plan is not None
    run = render_run(report, only="notice", dry_run=True)
    assert run.out_dir == Path("out") / str(report.plan.year) and not (tmp_path / "out").exists()
