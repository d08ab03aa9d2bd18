"""Fuzzing the returns reader with hypothesis: folders of drawn names, bytes that are no UTF-8, depths.

Whatever names a returns folder holds (GBK bytes from a Windows zip, control characters, names of
units and deadlines, nesting), tracking it gives a report or a ``FormError`` that says what is
too much, never another error; every name a person is shown is valid text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.errors import FormError
from docgen.plan.files import resolved_plan
from docgen.plan.model import Plan
from docgen.tracking.state import status_data
from docgen.tracking.status import track_returns
from tests.support.paths import SHIPPED_PLAN
from tests.support.returns_folder import SCHEDULE, WEEK_1

WORDS = ["教务处", "团委", "活动安排", "总结", "第1周", "照片", ".docx", ".pdf", ".jpg", "-", " ", "（2）"]
NAMES = (
    st.one_of(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(lambda w: "".join(w).encode("utf-8")),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda w: "".join(w).encode("gbk")),
        st.binary(min_size=1, max_size=12),
    )
    .map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))
    .filter(lambda b: b not in (b".", b".."))
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return resolved_plan(SHIPPED_PLAN)


@given(
    files=st.lists(st.tuples(st.sampled_from([SCHEDULE, WEEK_1]), st.lists(NAMES, min_size=1, max_size=3)), max_size=8)
)
def test_any_names_give_a_report_that_shows_them_as_text(plan: Plan, files: list[tuple[str, list[bytes]]]) -> None:
    with TemporaryDirectory() as folder:
        root = Path(folder) / "回收"
        for deadline, parts in files:
            path = Path(os.fsdecode(os.fsencode(root / deadline) + b"/" + b"/".join(parts)))
            with contextlib.suppress(OSError):  # a name drawn twice, once as a file and once as a folder
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"PK\x03\x04 not really")
        root.mkdir(parents=True, exist_ok=True)
        try:
            report = track_returns(plan, root, dt.date(2019, 5, 10))
        except FormError as exc:
            assert {p.code for p in exc.problems} <= {"returns-too-many-files", "returns-too-deep"}
            return
        data = status_data(report)
    shown = [f.shown for f in report.files]
    for text in [*shown, *(r for record in data["records"] for r in record["files"])]:
        text.encode("utf-8")  # no lone surrogate: a page, a spreadsheet and a terminal can all take it
