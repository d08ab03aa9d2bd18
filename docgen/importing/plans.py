"""``import_plan``: last year's Word file (方案 or 通知) to a plan docgen can render."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import Finding, PlanError, Severity
from docgen.importing.build import Builder
from docgen.importing.outline import outline
from docgen.importing.wordfile import read_word
from docgen.importing.yaml_text import plan_yaml
from docgen.plan.files import check_loaded
from docgen.plan.reading import compose
from docgen.progress import Progress


def import_plan(
    path: Path | str, output_file: str | None = None, progress: Progress | None = None
) -> tuple[str, list[Finding]]:
    """The plan in the .docx at ``path`` as commented YAML text, and the review list.

    The review names each paragraph that could not be placed, each value read by guessing (the
    period from the tasks' days, a day assumed for 上旬, a section taken as the tasks, units
    signing jointly) and each change made to the text (punctuation, dates and numbers made
    placeholders), by its paragraph number in the Word file; a problem the written plan still
    has is named by its line in ``output_file``. Raises ``WordFileError`` for a .doc, a .wps or
    a damaged file. ``progress`` hears the steps ``read-word`` and ``check`` (the plan written).
    """
    progress = progress or Progress()
    progress.step("read-word")
    path = Path(path)
    builder = Builder(outline(read_word(path)), str(path))
    text = plan_yaml(builder.build(), path.name)
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
