"""Fuzzing the import with hypothesis: Word bodies built from runs, automatic numbering and tables.

Whatever the body holds (dates and punctuation cut over runs, numbering with any start, level
and format, tables with any gridSpan and vMerge), reading and importing it gives a plan text or
a refusal (``WordFileError``), never another error, and the plan it gives is one docgen reads.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st

from docgen.errors import WordFileError
from docgen.importing.plans import import_plan
from docgen.plan.reading import MAX_FILE_BYTES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PIECES = [
    "教务处",
    "于",
    "5月",
    "9日",
    "前",
    "报送",
    "，",
    ",",
    "。",
    "；",
    "（",
    "）",
    "2019年",
    "第一周",
    "{{",
    "}}",
    "{%",
]
TEXTS = st.sampled_from(PIECES) | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
FORMATS = [
    "decimal",
    "chineseCounting",
    "chineseCountingThousand",
    "upperLetter",
    "decimalEnclosedCircle",
    "bullet",
    "x",
]
NUMBERS = st.integers(-5, 12_000).map(str) | st.sampled_from(["", "abc", "1e9", "99999999999999999999"])


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    runs = "".join(_run(t) for t in draw(st.lists(TEXTS, max_size=12)))
    if draw(st.booleans()):
        level, number = draw(NUMBERS), draw(st.sampled_from(["1", "2", "7", "x"]))
        props = f'<w:pPr><w:numPr><w:ilvl w:val={quoteattr(level)}/><w:numId w:val="{number}"/></w:numPr></w:pPr>'
        return f"<w:p>{props}{runs}</w:p>"
    return f"<w:p>{runs}</w:p>"


@st.composite
def tables(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        cells = []
        for _ in range(draw(st.integers(1, 5))):
            span = draw(NUMBERS)
            merge = draw(st.sampled_from(["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>"]))
            cells.append(
                f"<w:tc><w:tcPr><w:gridSpan w:val={quoteattr(span)}/>{merge}</w:tcPr>{draw(paragraphs())}</w:tc>"
            )
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


@st.composite
def numbering(draw: st.DrawFn) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val={quoteattr(draw(NUMBERS))}/>'
        f'<w:numFmt w:val="{draw(st.sampled_from(FORMATS))}"/><w:lvlText w:val="%{level + 1}、"/></w:lvl>'
        for level in range(draw(st.integers(1, 3)))
    )
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


def _package(path: Path, body: str, numbers: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        archive.writestr("word/numbering.xml", numbers)
    return path


@given(body=st.lists(paragraphs() | tables(), max_size=12), numbers=numbering())
def test_any_body_imports_or_is_refused(body: list[str], numbers: str) -> None:
    with TemporaryDirectory() as folder:
        path = _package(Path(folder) / "方案.docx", "".join(body), numbers)
        try:
            text, review = import_plan(path)
        except WordFileError as exc:
            assert exc.problems and all(p.file == str(path) for p in exc.problems)
            return
    assert len(text.encode("utf-8")) <= MAX_FILE_BYTES
    assert all(p.code for p in review)
