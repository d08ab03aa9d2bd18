"""Compiled-once, parallel and plain docxtpl rendering make the same documents."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import docgen
from docgen.documents.kinds import plan_documents
from docgen.errors import TemplateError
from docgen.plan.placeholders import resolve_plan
from docgen.rendering.templates import compiled, environment
from tests.support.docx_text import blocks
from tests.support.paths import SHIPPED_PLAN, SHIPPED_TEMPLATES
from tests.support.plans import load_script, replace_in_docx


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "plan.yaml"
    path.write_text(load_script("bench").synthetic_plan_text(150), encoding="utf-8")
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_parallel_output_is_identical_to_serial(big_plan: Path, tmp_path: Path) -> None:
    serial = docgen.render(big_plan, tmp_path / "one", only="task-sheet,unit-form", jobs=1)
    parallel = docgen.render(big_plan, tmp_path / "two", only="task-sheet,unit-form", jobs=2)
    assert len(serial) == len(parallel) == 2 * 150
    for a, b in zip(serial, parallel, strict=True):
        assert a.relative_to(tmp_path / "one") == b.relative_to(tmp_path / "two")
        assert a.read_bytes() == b.read_bytes(), a.name


def test_progress_reports_every_document(big_plan: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    docgen.render(big_plan, tmp_path, only="task-sheet", jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (150, 150)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def same_content(ours: bytes, theirs: bytes) -> None:
    a, b = docx.Document(io.BytesIO(ours)), docx.Document(io.BytesIO(theirs))

    def shape(document: Any) -> list[Any]:
        out: list[Any] = []
        for block in blocks(document):
            if hasattr(block, "rows"):
                out.append([[cell.text for cell in row.cells] for row in block.rows])
            else:
                out.append((block.style.name if block.style is not None else None, block.text))
        return out

    theirs_shape = shape(b)
    if shape(a) == theirs_shape[:-1] and theirs_shape[-1] == ("Normal", ""):
        # docgen drops a section the template's conditions left empty (the notice's last paragraph
        # then carries no section break of its own); plain docxtpl keeps that empty paragraph
        theirs_shape = theirs_shape[:-1]
    assert shape(a) == theirs_shape
    assert [p.text for p in a.sections[0].footer.paragraphs] == [p.text for p in b.sections[0].footer.paragraphs]
    assert a.core_properties.title == b.core_properties.title


@pytest.mark.parametrize("kind", ["notice", "task-sheet", "unit-form", "letter"])
def test_same_documents_as_plain_docxtpl(kind: str) -> None:
    from docxtpl import DocxTemplate

    plan = resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    for document in plan_documents(plan, [kind])[:3]:
        path = SHIPPED_TEMPLATES / document.template
        ours = compiled(path).render(document.context)
        template = DocxTemplate(str(path))
        template.render(document.context, jinja_env=environment(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        same_content(ours, buffer.getvalue())


def test_templates_compile_once_and_again_when_their_content_changes(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    shutil.copy(SHIPPED_TEMPLATES / "form.docx", path)
    first = compiled(path)
    assert compiled(path) is first
    untagged = [p.name for p in first._parts if p.template is None]
    assert "word/styles.xml" in untagged and "word/settings.xml" in untagged
    assert "word/document.xml" not in untagged
    data = path.read_bytes()
    path.write_bytes(data)
    os.utime(path, ns=(1, 1))  # same bytes, another modification time: the same template
    assert compiled(path) is first
    with zipfile.ZipFile(path, "a") as package:
        package.comment = b"saved again"  # other bytes: compiled again
    again = compiled(path)
    assert again is not first and compiled(path) is again


def test_untouched_parts_are_copied_as_they_are() -> None:
    template = SHIPPED_TEMPLATES / "form.docx"
    plan = resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    (document,) = plan_documents(plan, ["form"])
    output = compiled(template).render(document.context)
    with zipfile.ZipFile(template) as a, zipfile.ZipFile(io.BytesIO(output)) as b:
        for name in ("word/styles.xml", "word/settings.xml", "word/fontTable.xml", "[Content_Types].xml"):
            assert a.read(name) == b.read(name)
        assert b.testzip() is None


def _failing_templates(tmp_path: Path, plan: Path, failing: dict[int, str]) -> Path:
    """A copy of the templates whose task sheet fails for the documents at the given indexes.

    ``failing`` maps a document's index to the Jinja expression that breaks it.
    """
    folder = tmp_path / "templates"
    shutil.copytree(SHIPPED_TEMPLATES, folder)
    documents = plan_documents(resolve_plan(docgen.load_plan(plan)), ["task-sheet"])
    tags = "".join(
        f'{{{{ {expression} if unit == "{documents[index].context["unit"]}" else "" }}}}'
        for index, expression in failing.items()
    )
    replace_in_docx(folder / "task-sheet.docx", "{{ unit }}", "{{ unit }}" + tags)
    return folder


def test_a_parallel_run_reports_the_first_failing_document_as_a_serial_run_does(big_plan: Path, tmp_path: Path) -> None:
    # Document 8 starts the second run of documents and fails at once; document 7, which ends
    # the first, fails later in time but comes first in the batch: its error is the one raised.
    templates = _failing_templates(tmp_path, big_plan, {7: "1 // 0", 8: "[][1]"})
    errors = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        with pytest.raises(TemplateError) as caught:
            docgen.render(big_plan, out, only="task-sheet", templates=templates, jobs=jobs)
        errors.append(caught.value.problems)
        assert [p for p in out.rglob("*") if p.is_file()] == []
    assert errors[0] == errors[1]
    assert [p.code for p in errors[1]] == ["template-failed"]
    assert "division" in errors[1][0].params["detail"]


def test_a_worker_that_dies_fails_the_run_and_writes_nothing(
    big_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.rendering import workers

    parent, render = os.getpid(), workers._Batch.render

    def dies_in_a_worker(batch: workers._Batch, index: int) -> str:
        if os.getpid() != parent and index >= 40:
            os._exit(9)  # as if the system had killed it
        return render(batch, index)

    monkeypatch.setattr(workers._Batch, "render", dies_in_a_worker)
    out = tmp_path / "out"
    docgen.render(big_plan, out, only="unit-form", jobs=1)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(workers.WorkerError) as caught:
        docgen.render(big_plan, out, only="task-sheet,unit-form", jobs=2)
    assert [p.code for p in caught.value.problems] == ["worker-died"]
    assert "--jobs 1" in str(caught.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".docgen-staging-*"))


def test_spawned_workers_make_the_same_documents(
    big_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows and macOS start workers as new interpreters, which are sent their documents
    import multiprocessing

    from docgen.rendering import workers

    monkeypatch.setattr(workers, "process_context", lambda: multiprocessing.get_context("spawn"))
    serial = docgen.render(big_plan, tmp_path / "one", only="unit-form", jobs=1)
    spawned = docgen.render(big_plan, tmp_path / "two", only="unit-form", jobs=2)
    assert [p.read_bytes() for p in serial] == [p.read_bytes() for p in spawned]


def test_default_jobs_follow_the_cores_this_process_may_use(tmp_path: Path) -> None:
    from docgen.rendering import workers

    assert workers.default_jobs(workers.PARALLEL_FROM - 1) == 1
    assert workers.default_jobs(workers.PARALLEL_FROM) == workers.usable_cores()
    if not hasattr(os, "sched_getaffinity") or shutil.which("taskset") is None:
        pytest.skip("needs Linux's sched_getaffinity and taskset (util-linux)")
    assert workers.usable_cores() == len(os.sched_getaffinity(0))
    code = "from docgen.rendering.workers import default_jobs; print(default_jobs(500))"
    pinned = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert pinned.returncode == 0, pinned.stderr
    assert pinned.stdout.strip() == "1"


def test_each_running_text_is_rendered_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.plan import placeholders as text

    plan = docgen.load_plan(SHIPPED_PLAN)
    placeholders = [source for _, source in text.jinja_fields(plan) if "{" in source]
    rendered: list[str] = []
    render_text = text.render_text

    def counting(source: str, context: dict[str, Any], spending: Any = None) -> str:
        rendered.append(source)
        return render_text(source, context, spending)

    monkeypatch.setattr(text, "render_text", counting)
    docgen.render(SHIPPED_PLAN, tmp_path)
    assert sorted(rendered) == sorted(placeholders) and len(placeholders) >= 10
