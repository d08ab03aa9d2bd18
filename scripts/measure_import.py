"""Measure ``docgen import`` on the shape fixtures: each expected field right, wrong or missing, and text similarity.

Every fixture of tests/support/import_fixtures is built into a temporary folder, imported with
``import_plan``, checked, and its notice rendered (``render --only notice``). Sixteen fields are
scored as in the study of other schools' plans (issue 28): title, institution, issuers, issued,
period, period_source, tasks, task_units, task_when, task_organisers (the last three where the
fixture expects them), deadlines, attachments, contact, numbering, non_task_sections and
review_guesses. The similarity is difflib's ratio over the visible text, NFKC, white space
removed, of the Word file against the rendered notice. Prints a Markdown table.

    python scripts/measure_import.py [--only 05] [--details]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402
from docgen.documents.body import DEFAULT_HEADINGS  # noqa: E402
from docgen.importing.front import NO_INSTITUTION  # noqa: E402
from docgen.importing.responsible import is_catch_all  # noqa: E402
from tests.support.import_fixtures import FIXTURES  # noqa: E402
from tests.support.import_fixtures.shape import PERIOD_SOURCES, Shape, number_styles  # noqa: E402
from tests.support.word_files import similarity, visible_text  # noqa: E402

GUESS_PREFIXES = ("import-no-period", "import-period-from", "import-period-start", "import-day-assumed")
"""Review codes of a guessed period or day: a fixture that expects no guess must get none of them."""


@dataclass
class Got:
    """What the import gave for one fixture."""

    plan: docgen.Plan
    review: list[docgen.Finding]
    notice: Path

    def names(self, ids: tuple[str, ...] | list[str]) -> list[str]:
        return [self.plan.unit(i).name for i in ids]


@dataclass
class Result:
    """One fixture's verdicts by field, the fields' findings where not right, and the similarity."""

    name: str
    verdicts: dict[str, str] = field(default_factory=dict)
    found: dict[str, object] = field(default_factory=dict)
    similarity: float = 0.0


def _title(shape: Shape, got: Got) -> tuple[bool, object]:
    lines = list(got.plan.title_lines)
    if len(lines) > 1 and lines[0] == got.plan.institution:
        lines = lines[1:]
    found = "".join(lines) or None
    return found == shape.title, found


def _issuers(shape: Shape, got: Got) -> tuple[bool, object]:
    plan = got.plan
    found = got.names([plan.issuer, *plan.joint_issuers] if plan.issuer else [])
    return found == list(shape.issuers), found


def _period_source(shape: Shape, got: Got) -> tuple[bool, object]:
    found = next((PERIOD_SOURCES[r.code] for r in got.review if r.code in PERIOD_SOURCES), "time-section")
    return found == shape.period_source, found


def _task_units(shape: Shape, got: Got) -> tuple[bool, object]:
    found = [got.names(t.units) for t in got.plan.tasks]
    return found == [list(t.units) for t in shape.tasks], found


def _task_when(shape: Shape, got: Got) -> tuple[bool, object]:
    found = [(t.date, t.end_date, t.time) for t in got.plan.tasks]
    ok = len(found) == len(shape.tasks)
    for (start, end, time), task in zip(found, shape.tasks, strict=False):
        if task.when is not None:
            ok = ok and (start, end) == (task.when.start, task.when.end) and (task.when.time or "") in (time or "")
    return ok, found


def _task_organisers(shape: Shape, got: Got) -> tuple[bool, object]:
    found = [got.names(t.organisers) for t in got.plan.tasks]
    wanted = [list(t.organisers or ()) for t in shape.tasks]
    return found == wanted, found


def _deadlines(shape: Shape, got: Got) -> tuple[bool, object]:
    plan = got.plan
    found = {}
    for deadline in plan.deadlines.values():
        task = next((t for t in plan.tasks if t.id == deadline.task), None)
        found[deadline.date] = got.names(deadline.units) or (got.names(task.units) if task else [])
    ok = sorted(d for d in found if d) == sorted(d.date for d in shape.deadlines)
    for expected in shape.deadlines:
        owed = found.get(expected.date)
        every = expected.units is None or all(is_catch_all(u) for u in expected.units)
        ok = ok and (owed in ([], list(expected.units or ())) if every else owed == list(expected.units or ()))
    return ok, found


def _attachments(shape: Shape, got: Got) -> tuple[bool, object]:
    plan = got.plan
    found = [(plan.form_title if a.use == "form" else a.title, a.file) for a in plan.notice_attachments()]
    wanted = [(a.title, a.file) for a in shape.attachments]
    ok = len(found) == len(wanted) and all(
        title == w_title and (w_file is None or file == w_file)
        for (title, file), (w_title, w_file) in zip(found, wanted, strict=True)
    )
    return ok, found


def _contact(shape: Shape, got: Got) -> tuple[bool, object]:
    contact = got.plan.contact
    found = None if contact is None else ([contact.name, *contact.other_names], contact.phone, contact.email)
    wanted = None if shape.contact is None else (list(shape.contact.names), shape.contact.phone, shape.contact.email)
    return found == wanted, found


def _numbering(shape: Shape, got: Got) -> tuple[bool, object]:
    found = number_styles(docx.Document(str(got.notice)))
    return found == list(shape.numbering), found


def _roles(shape: Shape, got: Got) -> tuple[bool, object]:
    held = {
        (s.heading or DEFAULT_HEADINGS.get(s.use or "", "")).rstrip("：:"): s.use for s in got.plan.notice_sections()
    }
    found = {heading: held.get(heading, "-") for heading in shape.own_roles}
    return all(use not in ("-", "tasks") for use in found.values()), found


def _guesses(shape: Shape, got: Got) -> tuple[bool, object]:
    """Each expected guess named (day-assumed with its words); none of the period's guesses where none is expected."""
    found = [(r.code, str(dict(r.params).get("words", ""))) for r in got.review]
    if not shape.guesses:
        return not any(code.startswith(GUESS_PREFIXES) for code, _ in found), found
    ok = all(
        any(c == code and (code != "import-day-assumed" or words in w) for c, w in found)
        for code, words in shape.guesses
    )
    return ok, [f for f in found if f[0] in {c for c, _ in shape.guesses}]


FIELDS: dict[str, Callable[[Shape, Got], tuple[bool, object]]] = {
    "title": _title,
    "institution": lambda s, g: (g.plan.institution == (s.institution or NO_INSTITUTION), g.plan.institution),
    "issuers": _issuers,
    "issued": lambda s, g: (g.plan.issued == s.issued, g.plan.issued),
    "period": lambda s, g: ((g.plan.period.start, g.plan.period.end) == s.period, g.plan.period),
    "period_source": _period_source,
    "tasks": lambda s, g: (
        [t.title for t in g.plan.tasks] == [t.title for t in s.tasks],
        [t.title for t in g.plan.tasks],
    ),
    "task_units": _task_units,
    "task_when": _task_when,
    "task_organisers": _task_organisers,
    "deadlines": _deadlines,
    "attachments": _attachments,
    "contact": _contact,
    "numbering": _numbering,
    "non_task_sections": _roles,
    "review_guesses": _guesses,
}


def measure(name: str, folder: Path) -> Result:
    """Build, import, check, render and score one fixture."""
    document, shape = FIXTURES[name]()
    source = folder / f"{name}.docx"
    document.save(str(source))
    text, review = docgen.import_plan(source)
    plan_file = folder / f"{name}.yaml"
    plan_file.write_text(text, encoding="utf-8")
    report = docgen.check_plan(plan_file)
    result = Result(name)
    if report.resolved is None:
        result.verdicts = dict.fromkeys(FIELDS, "missing")
        return result
    notice = next(p for p in docgen.render(plan_file, folder / name, only="notice") if p.suffix == ".docx")
    got = Got(report.resolved, review, notice)
    applies = {
        "task_units": any(t.units for t in shape.tasks),
        "task_when": any(t.when for t in shape.tasks),
        "task_organisers": any(t.organisers for t in shape.tasks),
    }
    for key, score in FIELDS.items():
        if applies.get(key, True):
            ok, found = score(shape, got)
            result.verdicts[key] = "right" if ok else "wrong"
            result.found[key] = found
    result.similarity = similarity(visible_text(source, shape.shown_numbers), visible_text(notice))
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure every fixture (or those whose name holds ``--only``) and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", help="measure the fixtures whose name holds this text")
    parser.add_argument("--details", action="store_true", help="print what was found for each field not right")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        results = [measure(n, Path(folder)) for n in FIXTURES if not args.only or args.only in n]
    print("| fixture | right / total | similarity | not right |\n|---|---|---|---|")
    for r in results:
        right = sum(v == "right" for v in r.verdicts.values())
        wrong = ", ".join(k for k, v in r.verdicts.items() if v != "right")
        print(f"| {r.name} | {right} / {len(r.verdicts)} | {r.similarity:.3f} | {wrong} |")
    right = sum(v == "right" for r in results for v in r.verdicts.values())
    total = sum(len(r.verdicts) for r in results)
    mean = sum(r.similarity for r in results) / max(len(results), 1)
    print(f"| **all {len(results)}** | **{right} / {total}** | **{mean:.3f}** (mean) | |")
    if args.details:
        for r in results:
            for key, verdict in r.verdicts.items():
                if verdict != "right":
                    print(f"- {r.name} {key}: found {r.found.get(key)!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
