"""A folder made by ``docgen init`` keeps its templates in templates/: every command that uses one finds the edit.

``render``, ``check``, ``context``, ``collect`` and the month's documents (催报, 简报, summary)
look a template up one way (``docgen.rendering.folders``): ``--templates``, else templates/
beside the plan or one level up, else docgen's own. The plan is named by its path from another
folder, so that nothing depends on where the command runs.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.files import resolved_plan
from tests.support.docx_text import lines
from tests.support.plans import replace_in_docx
from tests.support.report_samples import SCHEDULE, build_report_returns

EDITED = "（本校修改）"
EDITS = {
    "letter.docx": "{{ letter.title }}",
    "reminder.docx": "{{ addressees }}",
    "digest.docx": "{{ masthead }}",
    "summary.docx": "{{ line }}",  # the title's lines
    "schedule.docx": "{{ title }}",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``docgen init`` folder whose templates the school edited, and a returns folder filled over the month."""
    folder = tmp_path_factory.mktemp("school") / "宣传月"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    for name, tag in EDITS.items():
        replace_in_docx(folder / "templates" / name, tag, tag + EDITED)
    forms = folder / "forms"
    assert (
        CliRunner()
        .invoke(main, ["render", str(folder / "data" / "campaign.yaml"), "--only", "unit-form", "-o", str(forms)])
        .exit_code
        == 0
    )
    blank = {form.name.split("-")[0]: form for form in sorted(forms.rglob("*.docx"))}
    build_report_returns(resolved_plan(folder / "data" / "campaign.yaml"), folder / "回收", blank)
    return folder


def edited_documents(folder: Path) -> list[Path]:
    """The .docx files in ``folder`` whose text carries the school's edit."""
    return [p for p in folder.rglob("*.docx") if any(EDITED in line for line in lines(docx.Document(str(p))))]


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output  # collect exits 1 while units still owe their forms
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "made"),
    [
        (["render", "{plan}", "--only", "letter", "-o", "{out}"], "致初中、高中毕业生及家长的一封信.docx"),
        (["status", "{plan}", "--returns", "{returns}", "--on", "2019-05-28", "-o", "{out}"], "催报"),
        (["digest", "{plan}", "--returns", "{returns}", "--week", "2", "--date", "2019-05-09", "-o", "{out}"], "简报"),
        (["summary", "{plan}", "--returns", "{returns}", "--on", "2019-05-28", "-o", "{out}"], "总结"),
        (["collect", "{schedule}", "--plan", "{plan}", "-o", "{out}"], "活动安排汇总.docx"),
    ],
)
def test_each_command_uses_the_projects_edited_template(
    project: Path, tmp_path: Path, command: list[str], made: str
) -> None:
    places = {
        "plan": str(project / "data" / "campaign.yaml"),
        "returns": str(project / "回收"),
        "schedule": str(project / "回收" / SCHEDULE),
        "out": str(tmp_path / "out"),
    }
    run(*(part.format(**places) for part in command))
    edited = edited_documents(tmp_path / "out")
    assert edited, sorted(p.name for p in (tmp_path / "out").rglob("*"))
    assert all(made in str(path.relative_to(tmp_path / "out")) for path in edited)


def test_context_and_check_name_the_projects_templates(project: Path) -> None:
    plan = str(project / "data" / "campaign.yaml")
    context = CliRunner().invoke(main, ["context", "letter", plan])
    assert context.exit_code == 0, context.output
    assert context.output.splitlines()[0] == f"# the template: {project / 'templates' / 'letter.docx'}"
    check = CliRunner().invoke(main, ["check", plan])
    assert check.exit_code == 0, check.output
    assert f"templates OK: {project / 'templates' / 'notice.docx'}" in check.output
