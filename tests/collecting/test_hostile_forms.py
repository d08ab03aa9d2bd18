"""Returned forms made by hypothesis and broken by hand: a clear message naming the file, never a crash."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from docgen.collecting.docx_reading import MAX_ROWS
from docgen.collecting.forms import Collection, collect
from docgen.inputs.wordfiles import MAX_MEMBERS
from tests.support.paths import SHIPPED_PLAN

PLAN = docgen.load_plan(SHIPPED_PLAN)
SLOW_INPUT = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("forms")
    docgen.render(SHIPPED_PLAN, out, only="unit-form", unit="教务处")
    (path,) = (out / "活动安排表").iterdir()
    return path.read_bytes()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def collected(tmp_path: Path, name: str, data: bytes) -> Collection:
    path = tmp_path / name
    path.write_bytes(data)
    start = time.monotonic()
    collection = collect([path], PLAN)
    assert time.monotonic() - start < 10, "collect took too long"
    for problem in collection.problems:
        assert problem.file is None or problem.file == str(path) or problem.file.endswith(".yaml")
    return collection


def only_problem_codes(collection: Collection, path: Path) -> set[str]:
    return {p.code for p in collection.problems if p.file == str(path)}


def row_xml(cells: list[str]) -> str:
    tcs = "".join(f'<w:tc><w:p><w:r><w:t xml:space="preserve">{escape(c)}</w:t></w:r></w:p></w:tc>' for c in cells)
    return f"<w:tr>{tcs}</w:tr>"


cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@SLOW_INPUT
@given(rows=st.lists(st.lists(cell_text, min_size=0, max_size=9), max_size=30))
def test_any_table_content_is_read_or_reported(blank: bytes, tmp_path: Path, rows: list[list[str]]) -> None:
    parts = parts_of(blank)
    document = parts["word/document.xml"].decode("utf-8")
    end = document.index("</w:tbl>")
    document = document[:end] + "".join(row_xml(r) for r in rows) + document[end:]
    parts["word/document.xml"] = document.encode("utf-8")
    collection = collected(tmp_path, "form.docx", package(parts))
    forbidden = any((ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" for r in rows for c in "".join(r))
    if forbidden:
        # characters XML forbids make the part unreadable: reported as such, not raised
        assert only_problem_codes(collection, tmp_path / "form.docx")
        assert not collection.returned
    else:
        assert "academic_affairs" in collection.returned
        filled_rows = [r for r in rows if any(c.strip() for c in r)]
        assert len(collection.activities) + len(collection.rejected) <= len(filled_rows) + 3


@SLOW_INPUT
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes_are_reported(tmp_path: Path, data: bytes) -> None:
    collection = collected(tmp_path, "bytes.docx", data)
    assert only_problem_codes(collection, tmp_path / "bytes.docx")


@SLOW_INPUT
@given(cut=st.integers(min_value=0, max_value=100_000))
def test_a_truncated_form_is_reported(blank: bytes, tmp_path: Path, cut: int) -> None:
    data = blank[: cut % len(blank)]
    collection = collected(tmp_path, "cut.docx", data)
    assert only_problem_codes(collection, tmp_path / "cut.docx")


@pytest.mark.parametrize("missing", ["word/document.xml", "[Content_Types].xml", "_rels/.rels"])
def test_missing_parts(blank: bytes, tmp_path: Path, missing: str) -> None:
    parts = parts_of(blank)
    del parts[missing]
    collection = collected(tmp_path, "part.docx", package(parts))
    if missing == "word/document.xml":
        assert only_problem_codes(collection, tmp_path / "part.docx")
    else:
        # Word itself needs these; docgen reads the table without them or says why it cannot
        assert collection.problems or collection.returned


def test_a_table_past_the_row_limit_is_reported_with_its_count(blank: bytes, tmp_path: Path) -> None:
    parts = parts_of(blank)
    document = parts["word/document.xml"].decode("utf-8")
    end = document.index("</w:tbl>")
    extra = row_xml(["1", "x", "5月10日", "y", "教务处", "张三", "84825237"]) * (MAX_ROWS + 500)
    table = document[document.rindex("<w:tbl>", 0, end) : end]
    rows = len(re.findall(r"<w:tr[ >]", table)) + MAX_ROWS + 500
    parts["word/document.xml"] = (document[:end] + extra + document[end:]).encode("utf-8")
    collection = collected(tmp_path, "huge.docx", package(parts))
    [problem] = [p for p in collection.problems if p.file == str(tmp_path / "huge.docx")]
    assert problem.code == "form-too-many-rows"
    assert f"has {rows} rows; docgen reads at most {MAX_ROWS}" in str(problem)
    assert collection.activities == []  # reported, not silently cut at the limit


def test_too_many_members(tmp_path: Path) -> None:
    parts = {f"junk/{i}.xml": b"<a/>" for i in range(MAX_MEMBERS + 1)}
    collection = collected(tmp_path, "members.docx", package(parts))
    assert only_problem_codes(collection, tmp_path / "members.docx")


def test_a_directory_named_like_a_form(tmp_path: Path) -> None:
    (tmp_path / "folder.docx").mkdir()
    collection = collect([tmp_path / "folder.docx"], PLAN)
    assert only_problem_codes(collection, tmp_path / "folder.docx")


def test_a_file_name_with_a_newline_cannot_forge_an_output_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from docgen.cli import main

    form = tmp_path / "x\n4 files: 9 units returned a form.docx"
    form.write_bytes(b"not a form")
    args = ["collect", str(form), "--plan", str(SHIPPED_PLAN), "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "x\\n4 files: 9 units returned a form.docx: not a .docx file" in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("4 files")]
