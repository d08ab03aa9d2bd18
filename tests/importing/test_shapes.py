"""Plans in the shapes other schools write come back from docgen import with their structure, text and review.

Sixteen Word files (tests/support/import_fixtures): tables before any heading, no headings at
all, units in a closing parenthesis, joint signatures, 上旬, 即日起, a red head, no title … Each
is imported once, checked, rendered (``render --only notice``) and compared with what a reader
of the file would say it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

import docgen
from docgen.documents.body import DEFAULT_HEADINGS
from docgen.importing.front import NO_INSTITUTION
from docgen.importing.responsible import is_catch_all
from docgen.importing.wordfile import read_word
from tests.support.import_fixtures import FIXTURES
from tests.support.import_fixtures.shape import PERIOD_SOURCES, Shape, number_styles
from tests.support.printed import import_checked
from tests.support.word_files import similarity, visible_text


@dataclass
class Imported:
    """One fixture imported: the Word file, the plan (loaded and resolved), the review, the rendered notice."""

    name: str
    shape: Shape
    source: Path
    plan: docgen.Plan
    resolved: docgen.Plan
    review: list[docgen.Finding]
    notice: Path

    def names(self, ids: tuple[str, ...] | list[str]) -> list[str]:
        """Unit ids as the names the plan registers."""
        return [self.plan.unit(i).name for i in ids]

    def paragraph(self, number: int) -> str:
        """The text of paragraph ``number`` of the Word file (a table: its cells)."""
        for block in read_word(self.source):
            if block.number == number:
                return block.text or "　".join(c.text for row in block.rows for c in row)
        raise AssertionError(f"{self.name}: no paragraph {number}")


@pytest.fixture(scope="module", params=list(FIXTURES))
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    name = request.param
    document, shape = FIXTURES[name]()
    folder = tmp_path_factory.mktemp("shape")
    source = folder / f"{name}.docx"
    document.save(str(source))
    plan_file = folder / "plan.yaml"
    _, review, report = import_checked(source, plan_file)
    assert report.resolved is not None
    notice = next(p for p in docgen.render(plan_file, folder / "out", only="notice") if p.suffix == ".docx")
    plan = docgen.load_plan(plan_file)
    return Imported(name, shape, source, plan, report.resolved, review, notice)


def test_who_issues_it_and_when(imported: Imported) -> None:
    plan, shape = imported.resolved, imported.shape
    title_lines = list(plan.title_lines)
    if len(title_lines) > 1 and title_lines[0] == plan.institution:
        title_lines = title_lines[1:]  # the school's line above the title
    assert ("".join(title_lines) or None) == shape.title
    if shape.title is None:
        assert plan.notice.title_lines == []  # none invented
    assert plan.institution == (shape.institution or NO_INSTITUTION)
    issuers = [plan.issuer, *plan.joint_issuers] if plan.issuer else []
    assert imported.names(issuers) == list(shape.issuers)
    assert plan.issued == shape.issued


def test_the_period_and_where_it_was_read(imported: Imported) -> None:
    plan, shape = imported.plan, imported.shape
    assert (plan.period.start, plan.period.end) == shape.period
    sources = {PERIOD_SOURCES[r.code] for r in imported.review if r.code in PERIOD_SOURCES}
    assert sources == ({shape.period_source} - {"time-section"})


def test_the_tasks_with_their_units_days_and_organisers(imported: Imported) -> None:
    plan, shape = imported.resolved, imported.shape
    assert [t.title for t in plan.tasks] == [t.title for t in shape.tasks]
    for task, expected in zip(plan.tasks, shape.tasks, strict=True):
        assert imported.names(task.units) == list(expected.units), task.title
        if expected.organisers is not None:
            assert imported.names(task.organisers) == list(expected.organisers), task.title
        if expected.when is not None:
            assert (task.date, task.end_date) == (expected.when.start, expected.when.end), task.title
            assert (expected.when.time or "") in (task.time or ""), task.title


def test_deadlines_with_who_owes_them(imported: Imported) -> None:
    plan, shape = imported.plan, imported.shape
    found = {d.date: d for d in plan.deadlines.values()}
    assert sorted(found) == sorted(d.date for d in shape.deadlines)
    for expected in shape.deadlines:
        deadline = found[expected.date]
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        owed = imported.names(deadline.units) or (imported.names(task.units) if task else [])
        if expected.units is None or all(is_catch_all(u) for u in expected.units):
            assert owed in ([], list(expected.units or ())), expected
        else:
            assert owed == list(expected.units), expected


def test_attachments_as_written_and_the_contact(imported: Imported) -> None:
    plan, shape = imported.resolved, imported.shape
    attachments = plan.notice_attachments()
    titles = [plan.form_title if a.use == "form" else a.title for a in attachments]
    assert titles == [a.title for a in shape.attachments]
    for attachment, expected in zip(attachments, shape.attachments, strict=True):
        if expected.file is not None:
            assert attachment.file == expected.file
    contact = plan.contact
    if shape.contact is None:
        assert contact is None
    else:
        assert contact is not None
        assert [contact.name, *contact.other_names] == list(shape.contact.names)
        assert (contact.phone, contact.email) == (shape.contact.phone, shape.contact.email)


def test_the_notice_keeps_the_text_the_numbering_and_the_roles(imported: Imported) -> None:
    shape = imported.shape
    source_text = visible_text(imported.source, shape.shown_numbers)
    assert similarity(source_text, visible_text(imported.notice)) >= 0.95
    assert number_styles(docx.Document(str(imported.notice))) == list(shape.numbering)
    headings = {s.heading or DEFAULT_HEADINGS.get(s.use or ""): s.use for s in imported.plan.notice_sections()}
    for heading in shape.own_roles:
        held = [use for written, use in headings.items() if written and written.rstrip("：:") == heading]
        assert held and held[0] != "tasks", heading


def test_each_guess_is_named_with_its_paragraph(imported: Imported) -> None:
    for code, words in imported.shape.guesses:
        items = [r for r in imported.review if r.code == code]
        assert items, code
        if code == "import-day-assumed":
            items = [r for r in items if words in str(r.params["words"])]
            assert items, words
        if words:
            assert any(words in imported.paragraph(int(r.params["paragraph"])) for r in items), (code, words)
