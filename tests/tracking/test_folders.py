"""``form_files``: which files ``docgen collect`` reads from the files and folders it is given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.documents.batch import render
from docgen.plan.files import load_plan
from docgen.tracking.folders import form_files, init_returns
from docgen.tracking.returns import README_NAME
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import SCHEDULE, filled_form, touch


def test_a_plain_folder_stands_for_its_files_but_not_hidden_lock_or_note_files(tmp_path: Path) -> None:
    plan = load_plan(SHIPPED_PLAN)
    folder = tmp_path / "表"
    folder.mkdir()
    for name in ("b.docx", "a.docx", ".hidden.docx", "~$a.docx", README_NAME):
        (folder / name).write_bytes(b"x")
    (folder / "inner").mkdir()
    single = tmp_path / "c.docx"
    single.write_bytes(b"x")
    assert form_files(plan, [folder, single]) == [folder / "a.docx", folder / "b.docx", single]


def test_a_returns_folder_stands_for_the_forms_returned_into_it(tmp_path: Path) -> None:
    plan = load_plan(SHIPPED_PLAN)
    forms = {p.name.split("-")[0]: p for p in render(SHIPPED_PLAN, tmp_path / "forms", only="unit-form")}
    returns = tmp_path / "回收"
    init_returns(plan, returns)
    returned = filled_form(forms["团委"], returns / SCHEDULE / "活动安排表.docx", dt.date(2019, 5, 8))
    touch(returns / "随手放的.docx", dt.date(2019, 5, 8))  # no form: a plain folder would list it
    assert form_files(plan, [returns]) == [returned] == form_files(plan, [], returns)
