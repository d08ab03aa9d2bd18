"""Fuzzing the names a received file comes with: whatever a sender calls it, it is filed inside its folder and recorded.

Names are drawn from every piece that has broken a file name before: folders and ``..``,
drive letters and backslashes, control characters and NUL, bidi and other format characters,
Windows' device names, bytes that are no UTF-8 (surrogates), and names far past 255 bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
from docgen.plan.model import Plan
from docgen.tracking.placing import MAX_NAME, filed_name, received_name
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN

PIECES = st.sampled_from(
    [
        "..",
        "/",
        "\\",
        "C:",
        "\x00",
        "\n",
        "\u202e",
        "\u200f",
        "\ufeff",
        "CON",
        "nul",
        "aux.",
        "com1",
        " ",
        ".",
        "~$",
        "说明",
    ]
)
SURROGATES = st.integers(min_value=0xDC80, max_value=0xDCFF).map(chr)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=20) | st.sampled_from(["教务处", "总结", "长" * 200])
SUFFIXES = st.sampled_from(["", ".docx", ".jpg", ".DOCX", ".tar.gz", ".exe", ".", ".d\u202eocx"])
NAMES = st.builds(
    lambda parts, suffix: "".join(parts) + suffix, st.lists(PIECES | SURROGATES | TEXT, max_size=8), SUFFIXES
)
AT = dt.datetime(2019, 5, 7, 10, 0).astimezone()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return docgen.load_plan(SHIPPED_PLAN)


@given(name=NAMES)
def test_a_name_is_text_and_a_safe_file_name(name: str) -> None:
    shown = received_name(name)
    shown.encode("utf-8")  # text a page, a log and the record can hold
    assert len(shown) <= MAX_NAME and not any(ord(c) < 32 or c == "\x7f" for c in shown)
    filed = filed_name(None, name)
    assert filed and "/" not in filed and "\\" not in filed and "\x00" not in filed
    assert PurePosixPath(filed).name == filed and not filed.startswith((".", "~$")) and filed != "说明.txt"
    assert len(filed.encode("utf-8")) <= 255


@settings(max_examples=8 if PROFILE == "ci" else 300)  # each files and records for real: a fraction of a second
@given(name=NAMES)
def test_a_file_of_any_name_is_filed_inside_its_folder(
    plan: Plan, tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    filing = docgen.receive_file(plan, root, b"a report", name, at=AT, unit="教务处", deadline="summary")
    assert filing.path is not None and filing.path.parent == PurePosixPath("报送宣传成果总结（5月24日前）")
    assert (root / filing.path).read_bytes() == b"a report"
    assert [p.name for p in (root / filing.path.parent).iterdir()] == [filing.path.name]
