"""``collect --templates DIR`` takes the schedule's template from the user's folder, checked like any other."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import docgen
from docgen.cli import main
from docgen.collecting.schedule import SCHEDULE_DOCX, write_collection
from tests.support.docx_text import lines
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import replace_in_docx

STAMP = dt.datetime(2019, 5, 1, tzinfo=dt.UTC)


@pytest.fixture
def own(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(SHIPPED_TEMPLATES / "schedule.docx", folder / "schedule.docx")
    replace_in_docx(folder / "schedule.docx", "{{ title }}", "{{ title }}（校内汇总）")
    return folder


def test_collect_uses_the_schedule_template_of_the_folder(own: Path, tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    args = ["collect", str(tmp_path / "forms"), "--plan", str(SHIPPED_PLAN), "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--templates", str(own)])
    assert result.exit_code == 1, result.output  # every unit is still missing: reported, the outputs written
    assert any(line.endswith("（校内汇总）") for line in lines(docx.Document(str(tmp_path / "out" / SCHEDULE_DOCX))))


def test_a_broken_schedule_template_is_located_before_anything_is_written(own: Path, tmp_path: Path) -> None:
    replace_in_docx(own / "schedule.docx", "{{ summary }}", "{{ sumary }}")
    collection = docgen.collect([], docgen.load_plan(SHIPPED_PLAN))
    with pytest.raises(docgen.TemplateError) as caught:
        write_collection(collection, tmp_path / "out", stamp=STAMP, templates=own)
    (problem,) = caught.value.problems
    assert (problem.code, problem.params["name"], problem.params["suggestion"]) == (
        "template-name-suggest",
        "sumary",
        "summary",
    )
    assert problem.path is not None and problem.path.startswith("body, paragraph")
    assert not (tmp_path / "out").exists()
