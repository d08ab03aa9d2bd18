"""Fuzzing the audit with hypothesis: a notice whose numbers, sizes, colours and runs are drawn.

Whatever values a Word file's attributes hold (whole numbers, decimals, units like ``14pt``,
``inf``, garbage), however its text is cut into runs of mixed sizes, ``audit`` gives findings
(one ``audit-bad-number`` naming the attribute where a value is no number), never an error.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

import docgen
from docgen.auditing.audit import audit_file
from tests.support.paths import SHIPPED_PLAN

NOTICE = "2019年职业教育宣传月活动方案.docx"
VALUES = (
    st.integers(-(2**40), 2**40).map(str)
    | st.floats(allow_nan=True, allow_infinity=True).map(repr)
    | st.builds(
        lambda n, u: f"{n}{u}", st.integers(-999, 999), st.sampled_from(["pt", "mm", "cm", "in", "pc", "px", ""])
    )
    | st.sampled_from(["", "abc", "1e999", "-0", "0x10", "14pt", "28.5", "AUTO", "ZZZZZZ", "FF0000"])
)
PLACES = [
    ("w:pgSz", "w:w"),
    ("w:pgMar", "w:top"),
    ("w:docGrid", "w:linePitch"),
    ("w:sz", "w:val"),
    ("w:spacing", "w:line"),
    ("w:ind", "w:firstLine"),
    ("w:color", "w:val"),
]


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("out")
    docgen.render(SHIPPED_PLAN, out, only="notice")
    with zipfile.ZipFile(out / NOTICE) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    runs = []
    for _ in range(draw(st.integers(1, 8))):
        size = draw(VALUES)
        text = draw(st.sampled_from(["一、", "测试", "5月9日", "(", "，", "2019年", "a"]))
        runs.append(f"<w:r><w:rPr><w:sz w:val={quoteattr(size)}/></w:rPr><w:t>{escape(text)}</w:t></w:r>")
    return f"<w:p>{''.join(runs)}</w:p>"


@given(
    values=st.lists(st.tuples(st.sampled_from(PLACES), VALUES), max_size=4), extra=st.lists(paragraphs(), max_size=4)
)
def test_any_value_gives_findings_never_an_error(
    notice: dict[str, bytes], values: list[tuple[tuple[str, str], str]], extra: list[str]
) -> None:
    xml = notice["word/document.xml"].decode("utf-8")
    for (tag, attribute), value in values:
        element = f"<{tag} {attribute}={quoteattr(value)}/>"
        xml = xml.replace("<w:pPr>", f"<w:pPr>{element}", 1) if tag in ("w:spacing", "w:ind") else xml
        xml = xml.replace("<w:rPr>", f"<w:rPr>{element}", 1) if tag in ("w:sz", "w:color") else xml
        if tag in ("w:pgSz", "w:pgMar", "w:docGrid"):  # the section's own attribute, given another value
            pattern = rf'(<{tag}\b[^>]*\s{attribute}=)"[^"]*"'
            xml = re.sub(pattern, lambda m, v=value: m[1] + quoteattr(v), xml, count=1)
    at = xml.rindex("<w:sectPr")
    xml = xml[:at] + "".join(extra) + xml[at:]
    with TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.docx"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in notice.items():
                archive.writestr(name, xml.encode("utf-8") if name == "word/document.xml" else data)
        findings = audit_file(path)
    assert all(f.code and f.file == str(path) for f in findings)
    bad = [f for f in findings if f.code == "audit-bad-number"]
    assert len(bad) <= 1 and (not bad or findings == bad)
