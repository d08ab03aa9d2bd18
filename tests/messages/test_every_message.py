"""Every message code docgen can emit has words, and they format in both languages with what callers give.

The callers are found in docgen's source: each ``Finding("code", {...})`` and each
``(path, "code", {...}, severity)`` a check yields, with the names of the parameters it passes.
A message (or its Chinese translation) naming a parameter no caller passes would print ``{name}``
as it is, as ``new-year`` once printed "the document number is written '{found}'" after two
tables gave the code ``document-number`` and the audit's words replaced the plan's.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import string
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

import docgen
from docgen.errors import Finding, Severity
from docgen.messages import DuplicateMessageCodeError, format_problem, merged_tables, message_table
from docgen.messages.language import LANGUAGES, translations
from tests.support.paths import ROOT

PACKAGE = Path(docgen.__file__).parent
# a replacement field left as written: {name}, {name.attr}, {name!r}, {count:d}; not {qr: https://…}, a YAML example
UNFILLED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[.\[][^{}\s]*)?(?:![rsa])?(?::[^{}\s][^{}]*)?\}")
# parameters added where a finding is located rather than where it is made: every template check's
# finding gets the template's file, the part and the tag as typed (rendering/template_check/check.py)
ADDED_LATER = {"template-": {"template", "part", "tag"}, "image-too-tall": {"template", "part", "tag"}}


@dataclass(frozen=True)
class Call:
    """A place in docgen's code that emits a code, and the parameters it passes (None: not written out there)."""

    where: str
    params: frozenset[str] | None


def _dict_keys(node: ast.expr) -> frozenset[str] | None:
    """The keys of a dict display, when all are written out (no ``**other``); None otherwise."""
    if not isinstance(node, ast.Dict) or any(key is None for key in node.keys):
        return None
    keys = [key.value for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)]
    return frozenset(keys) if len(keys) == len(node.keys) else None


def _emitted(tree: ast.AST, where: str, codes: set[str]) -> list[tuple[str, Call]]:
    """The codes a module emits, each with the dict of parameters written beside it.

    ``Finding("code", {...})``, a helper's call such as ``row_problem("code", {...}, ...)``, and
    the tuples checks yield or assign: ``(path, "code", {...}, severity)``, ``{...}, "code", kind``.
    """
    found: list[tuple[str, Call]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            values = [*node.args, *(k.value for k in node.keywords if k.arg == "params")]
        elif isinstance(node, ast.Tuple):
            values = node.elts
        else:
            continue
        strings = [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        named = [value for value in strings if value in codes]
        is_finding = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding"
        first = values[0] if values else None
        if is_finding and isinstance(first, ast.Constant) and isinstance(first.value, str):
            named = [first.value]  # a Finding's code is its first argument, in the table or not
        if len(named) != 1:
            continue
        dicts = [v for v in values if isinstance(v, ast.Dict)]
        params = _dict_keys(dicts[0]) if len(dicts) == 1 else None
        if is_finding and len(values) == 1:
            params = frozenset()
        found.append((named[0], Call(f"{where}:{node.lineno}", params)))
    return found


def emitted_codes() -> dict[str, list[Call]]:
    """Every code docgen's source emits in a form this test can read, with its callers."""
    codes = set(message_table())
    calls: dict[str, list[Call]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "messages":
            continue
        where = str(path.relative_to(PACKAGE.parent))
        for code, call in _emitted(ast.parse(path.read_text(encoding="utf-8")), where, codes):
            calls[code].append(call)
    return calls


def fields(text: str) -> set[str]:
    """The parameter names a message's text asks for (``{date}``, ``{count:d}`` and ``{unit.name}`` give the root)."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(text):
        if name:
            names.add(re.split(r"[.\[]", name)[0])
    return names


def wanted(code: str, language: str) -> set[str]:
    """The parameters the message and hint of ``code`` name in ``language``."""
    gettext = translations(language).gettext
    return set().union(*(fields(gettext(text)) for text in message_table()[code] if text))


class Sample:
    """A parameter value that prints under any format spec ({count:d}, {seconds:.0f}) as its name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __format__(self, spec: str) -> str:
        return f"<{self.name}>"

    def __str__(self) -> str:
        return f"<{self.name}>"


def sample(name: str) -> object:
    """A value for a parameter: a date for the dates (formatted by the language), else a ``Sample``."""
    if name in {"date", "day", "start", "end", "issued", "first", "last", "suggestion", "due"}:
        return dt.date(2019, 5, 9)
    return Sample(name)


CALLS = emitted_codes()


def test_the_source_scan_finds_the_callers() -> None:
    """The scan is what the other tests stand on: it must see the plan's, the audit's and the output's codes."""
    assert {"issued-after-start", "document-number", "cited-number", "letter-optional-missing"} <= set(CALLS)
    assert len(CALLS) > 150
    [call] = CALLS["cited-number"]
    assert call.params == {"number", "year"}


def test_every_code_emitted_has_words() -> None:
    without = {code: [c.where for c in calls] for code, calls in CALLS.items() if code not in message_table()}
    assert without == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_caller_gives_what_its_message_names(language: str) -> None:
    short = {}
    for code, calls in CALLS.items():
        for call in calls:
            if call.params is not None and code in message_table():
                later = set().union(*(names for prefix, names in ADDED_LATER.items() if code.startswith(prefix)))
                missing = wanted(code, language) - call.params - later - {"code"}
                if missing:
                    short[f"{code} at {call.where}"] = sorted(missing)
    assert short == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(message_table()))
def test_every_message_formats(code: str, language: str) -> None:
    """Each code's line, with the parameters its words name, leaves no ``{name}`` unfilled in either language."""
    given = set().union(*(wanted(code, each) for each in LANGUAGES))
    params = {name: sample(name) for name in given}
    for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTE):
        line = format_problem(Finding(code, params, "plan.yaml", 3, 5, "tasks[0].title", severity), language)
        assert not UNFILLED.search(line), line


def test_the_chinese_words_name_no_parameter_the_english_do_not() -> None:
    """A translation may only use what the English message is given (callers are written against the English)."""
    extra = {code: sorted(wanted(code, "zh_CN") - wanted(code, "en")) for code in message_table()}
    assert {code: names for code, names in extra.items() if names} == {}


def test_a_code_given_by_two_tables_fails_loudly() -> None:
    tables = {"plan_words": {"document-number": ("a", "")}, "audit_words": {"document-number": ("b", "")}}
    with pytest.raises(DuplicateMessageCodeError, match="'document-number' in plan_words and audit_words"):
        merged_tables(tables)
    assert merged_tables({"one": {"a": ("x", "")}, "two": {"b": ("y", "")}}) == {"a": ("x", ""), "b": ("y", "")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_year_prints_every_line_filled(shipped_text: str, language: str) -> None:
    """The review of the shipped plan's next year, as ``docgen new-year`` prints it."""
    from docgen.messages import format_finding

    _, review = docgen.new_year(shipped_text, 2020, file="plan.yaml")
    lines = [format_finding(item, language) for item in review]
    assert lines
    assert [line for line in lines if UNFILLED.search(line)] == []
    [cited] = [line for line, item in zip(lines, review, strict=True) if item.code == "cited-number"]
    assert "吉教职成字〔2015〕11号" in cited
    assert "written" not in cited and "GB/T 9704" not in cited  # a number written right is not called wrong


@pytest.mark.parametrize(
    ("params", "fails"),
    [({"number": "吉教职成字〔2015〕11号", "year": 2015}, False), ({"number": "吉教职成字〔2015〕11号"}, True)],
)
def test_the_run_fails_when_a_finding_is_worded_without_a_parameter(
    tmp_path: Path, params: dict[str, object], fails: bool
) -> None:
    """The plugin (tests/support/message_words.py) checks the findings every test puts into words."""
    (tmp_path / "test_one.py").write_text(
        "from docgen.errors import Finding\n"
        "from docgen.messages import format_problem\n\n\n"
        "def test_words():\n"
        f"    assert format_problem(Finding('cited-number', {params!r}))\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "tests.support.message_words", "-p", "no:cacheprovider"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([*command, "test_one.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == (1 if fails else 0), run.stdout
    if fails:
        assert "messages that would print a {placeholder}" in run.stdout
        assert "cited-number (en) names ['year'], given ['number']" in run.stdout


def test_a_font_no_one_named_is_said_to_be_not_set() -> None:
    from docgen.errors import Finding as Named
    from docgen.messages import format_problem

    problem = Named("font-slot", {"latin": "", "found": "宋体"}, file="a.docx")
    assert "西文字体为“未指定”" in format_problem(problem, "zh_CN")
    assert "the Latin font is 'not set'" in format_problem(problem, "en")
    assert "西文字体为“Times New Roman”" in format_problem(
        Named("font-slot", {"latin": "Times New Roman", "found": ""}), "zh_CN"
    )
