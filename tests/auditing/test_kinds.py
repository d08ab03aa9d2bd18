"""docgen audit holds each file to the rules of its kind, says which, and finds nothing on what docgen writes.

Every document docgen writes, for the shipped plan with and without an ``issuing:`` block (sealed and
not) and for each example plan, the month's 催报, a 简报, the 活动总结 draft and the collected schedule:
a 公文 passes every rule of GB/T 9704-2012, a letter, a 简报 or a form those of any printed document.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.collecting.forms import collect
from docgen.collecting.schedule import write_collection
from docgen.plan.files import resolved_plan
from docgen.publishing.writing import write_digest, write_summary
from docgen.tracking.folders import write_status
from docgen.tracking.status import track_returns
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.plans import issuing_plan
from tests.support.report_samples import build_report_returns
from tests.support.returns_folder import filled_form

END = dt.date(2019, 5, 28)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every kind of file docgen writes, in one folder per plan or command."""
    root = tmp_path_factory.mktemp("written")
    plans = {
        "shipped": SHIPPED_PLAN,
        "sealed": issuing_plan(root, "red", sealed=True),
        "unsealed": issuing_plan(root, "plain", sealed=False),
    }
    for example in EXAMPLES:
        plans[example.stem] = shutil.copy(example, root / example.name)
    for name, plan in plans.items():
        docgen.render(plan, root / "out" / name)
    shipped = resolved_plan(SHIPPED_PLAN)
    returns = build_report_returns(shipped, root / "回收")
    write_status(track_returns(shipped, returns, END), root / "out" / "status")
    write_digest(shipped, returns, 2, root / "out" / "digest", day=dt.date(2019, 5, 10))
    write_summary(shipped, returns, root / "out" / "summary", on=END)
    form = next((root / "out" / "shipped" / "活动安排表").glob("教务处*.docx"))
    filled = filled_form(form, root / "filled" / "教务处.docx", dt.date(2019, 5, 8))
    write_collection(
        collect([filled], docgen.load_plan(SHIPPED_PLAN)), root / "out" / "collected", stamp=dt.datetime(2019, 5, 10, 9)
    )
    return root / "out"


def test_every_document_docgen_writes_passes_the_audit_for_its_kind(written: Path) -> None:
    files = sorted(written.rglob("*.docx"))
    assert len(files) > 150
    report = docgen.audit(files)
    assert report.findings == [], [docgen.format_audit_finding(f) for f in report.findings[:10]]
    kinds = {str(path.relative_to(written)): kind for path, kind in report.kinds.items()}
    assert set(kinds.values()) == {"official", "letter", "bulletin", "form"}
    official = [name for name, kind in kinds.items() if kind == "official"]
    # the 公文: each 方案, each 印发通知, each unit's task sheet, each 催报, and the 活动总结 draft
    assert kinds["shipped/2019年职业教育宣传月活动方案.docx"] == "official"
    assert kinds["sealed/关于印发《2019年职业教育宣传月活动方案》的通知.docx"] == "official"
    reminders = [n for n in kinds if n.startswith("status/催报/")]
    assert reminders and all(kinds[n] == "official" for n in reminders)  # one 催报 per unit that owes
    assert all(kinds[n] == "official" for n in kinds if "/任务单/" in n)
    assert kinds["summary/总结/活动总结（草稿）.docx"] == "official"
    assert len(official) > 60
    # not 公文: the letter, the 简报, the forms and the collected schedule
    assert kinds["shipped/致初中、高中毕业生及家长的一封信.docx"] == "letter"
    assert kinds["digest/简报/职业教育宣传月工作简报第1期.docx"] == "bulletin"
    assert kinds["shipped/2019年职业教育宣传月活动安排.docx"] == "form"
    assert all(kinds[n] == "form" for n in kinds if "/活动安排表/" in n)
    assert kinds["collected/活动安排汇总.docx"] == "form"


def test_a_letter_held_to_the_rules_of_a_gongwen_is_told_about_its_signature(written: Path) -> None:
    letter = written / "shipped" / "致初中、高中毕业生及家长的一封信.docx"
    assert docgen.audit([letter]).clean
    report = docgen.audit([letter], kind="official")
    assert [f.code for f in report.findings] == ["signature-layout"]  # a letter signs with two lines
    assert report.kinds == {letter: "official"}


def test_the_command_says_which_kind_it_took_each_file_for(written: Path) -> None:
    bulletin = written / "digest" / "简报" / "职业教育宣传月工作简报第1期.docx"
    notice = written / "shipped" / "2019年职业教育宣传月活动方案.docx"
    result = CliRunner().invoke(main, ["--lang", "zh_CN", "audit", str(bulletin), str(notice)])
    assert result.exit_code == 0, result.output
    assert f"{bulletin}：视为简报，不是公文" in result.stderr
    assert f"{notice}：视为公文：按 GB/T 9704-2012 的全部规则检查" in result.stderr
    forced = CliRunner().invoke(main, ["audit", "--kind", "official", str(bulletin)])
    assert forced.exit_code == 1
    assert "read as a 公文 (official document)" in forced.stderr
    assert "paragraph 2 (“第1期”): the title is in 仿宋_GB2312" in forced.output  # read as a 公文, 第1期 is its title
