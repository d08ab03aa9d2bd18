"""Compiled templates kept on disk: a later run compiles nothing, renders the same, and locates errors the same."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from docgen.errors import TemplateError
from docgen.rendering import templates
from docgen.rendering.templates import CompiledTemplate, compiled
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.template_docs import build

CONTEXT: dict[str, Any] = {"rows": [["宣传部", "84825237"]], "theme": "改革创新促提升"}
BLOCKS: list[Any] = ["主题：{{ theme }}", [["a", "b"], ["c", ["{%p if rows[5][0] %}", "d", "{%p endif %}", ""]]]]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "templates"


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(CompiledTemplate, "_compile_package", refuse)


def _problem(template: CompiledTemplate) -> tuple[str, str | None, str]:
    with pytest.raises(TemplateError) as caught:
        template.render(CONTEXT)
    (problem,) = caught.value.problems
    return problem.code, problem.path, problem.params["tag"]


def test_a_second_run_compiles_nothing_and_renders_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docgen
    from docgen.documents.kinds import plan_documents
    from docgen.plan.placeholders import resolve_plan

    plan = resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    (notice,) = plan_documents(plan, ["notice"])
    first = CompiledTemplate(SHIPPED_TEMPLATES / "notice.docx").render(notice.context)
    assert len(list(cache.glob("*.entry"))) == 1
    _no_compiling(monkeypatch)
    again = CompiledTemplate(SHIPPED_TEMPLATES / "notice.docx")
    assert again.render(notice.context) == first
    assert all(part.lines is None for part in again._parts)  # from the disk: the tags are not scanned


def test_an_error_in_a_cached_template_names_the_same_typed_tag(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(tmp_path / "t.docx", BLOCKS)
    expected = ("template-undefined", "body, table 1, row 2, column 2", "{%p if rows[5][0] %}")
    assert _problem(CompiledTemplate(path)) == expected
    _no_compiling(monkeypatch)
    assert _problem(CompiledTemplate(path)) == expected


def test_a_damaged_or_foreign_entry_is_compiled_again_and_replaced(tmp_path: Path, cache: Path) -> None:
    path = build(tmp_path / "t.docx", BLOCKS[:1])
    CompiledTemplate(path)
    (entry,) = cache.glob("*.entry")
    sound = entry.read_bytes()
    entry.write_bytes(sound[:-10])
    assert CompiledTemplate(path).render(CONTEXT)
    assert entry.read_bytes() == sound
    from docgen.cache import Store

    Store("templates", 1 << 20).put(entry.stem, ([("tagged", "word/document.xml", "not code", b"", False)], {}, {}, 1))
    assert CompiledTemplate(path).render(CONTEXT)  # the shape is checked before anything is used
    assert entry.read_bytes() == sound


def test_another_template_or_docgen_edit_is_another_key(tmp_path: Path, cache: Path) -> None:
    one = build(tmp_path / "one.docx", ["{{ theme }}"])
    two = build(tmp_path / "two.docx", ["主题：{{ theme }}"])
    CompiledTemplate(one)
    CompiledTemplate(two)
    CompiledTemplate(shutil.copy(one, tmp_path / "copy.docx"))
    assert len(list(cache.glob("*.entry"))) == 2  # by content: the copy is the same template


def test_no_cache_compiles_every_time_and_writes_nothing(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    path = build(tmp_path / "t.docx", BLOCKS[:1])
    CompiledTemplate(path)
    assert not cache.exists()


def test_the_process_keeps_the_templates_last_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "MEMORY_TEMPLATES", 2)
    paths = [build(tmp_path / f"t{n}.docx", [f"第{n}段 {{{{ theme }}}}"]) for n in range(3)]
    first = [compiled(p) for p in paths]
    assert compiled(paths[2]) is first[2] and compiled(paths[1]) is first[1]
    assert compiled(paths[0]) is not first[0]  # pushed out by the two after it
    assert len(templates._memory) == 2
