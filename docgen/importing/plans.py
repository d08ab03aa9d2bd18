"""``import_plan``: last year's Word file (方案 or 通知) to a plan docgen can render."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import Finding, PlanError, Severity, WordFileError
from docgen.importing.build import Builder
from docgen.importing.outline import outline
from docgen.importing.wordfile import read_word
from docgen.importing.yaml_text import plan_yaml
from docgen.plan.files import check_loaded
from docgen.plan.reading import MAX_FILE_BYTES, compose
from docgen.progress import Progress

MAX_TEXT_CHARS = 500_000  # a notice or a 方案 has some 10,000 characters; a file of far more is no plan's source


def import_plan(
    path: Path | str, output_file: str | None = None, progress: Progress | None = None
) -> tuple[str, list[Finding]]:
    """The plan in the .docx at ``path`` as commented YAML text, and the review list.

    The review names each paragraph that could not be placed, each value read by guessing (the
    period from the tasks' days, a day assumed for 上旬, a section taken as the tasks, units
    signing jointly) and each change made to the text (punctuation, dates and numbers made
    placeholders), by its paragraph number in the Word file; a problem the written plan still
    has is named by its line in ``output_file``. Raises ``WordFileError`` for a .doc, a .wps or
    a damaged file, or one holding more than ``MAX_TEXT_CHARS`` of text (or whose plan would be
    larger than a plan may be: ``docgen.plan.reading.MAX_FILE_BYTES``). ``progress`` hears the
    steps ``read-word`` and ``check`` (the plan written).
    """
    progress = progress or Progress()
    progress.step("read-word")
    path = Path(path)
    blocks = read_word(path)
    if sum(len(b.text) + sum(len(c.text) for row in b.rows for c in row) for b in blocks) > MAX_TEXT_CHARS:
        raise WordFileError([Finding("import-too-much-text", {"limit": MAX_TEXT_CHARS}, file=str(path))])
    builder = Builder(outline(blocks), str(path))
    text = plan_yaml(builder.build(), path.name)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:  # docgen would not read the plan it wrote
        raise WordFileError(
            [Finding("import-plan-too-large", {"limit": MAX_FILE_BYTES // 1024 // 1024}, file=str(path))]
        )
    review = list(builder.review)
    name = output_file or str(path.with_suffix(".yaml"))
    progress.step("check")
    try:
        report = check_loaded(compose(text, name), name)
        problems = report.problems
    except PlanError as exc:
        problems = exc.problems
    review += [p.replace(severity=Severity.EDIT) if p.is_error else p for p in problems]
    return text, review
