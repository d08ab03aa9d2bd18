"""The 宣传评比 tally: per unit, what it sent over the period, counted from the record.

For each unit that owes anything: its returns on time, late and missing (every due column of
the status), the activities in its latest returned 活动安排 (``docgen.collect``), the pictures
(files, and pictures inside its reports) and videos of the files used (a resend's, not those it
replaced), and its items in the 简报 issues written (as the record holds them, dated by the
status's day). Points only where the plan's ``evaluation.weights`` set them; without weights
there is no score, and units are ranked by their counts in a fixed order (``RANK_ORDER``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.errors import Finding, FormError
from docgen.plan.model import Plan, Unit
from docgen.tracking.returns import ReturnedFile
from docgen.tracking.status import Mark, StatusReport

if TYPE_CHECKING:
    from docgen.collecting.forms import Activity

COUNTS = ("on_time", "late", "missing", "activities", "pictures", "videos", "digest_items")
COUNT_WORDS = {
    "on_time": "按时报送",
    "late": "逾期报送",
    "missing": "未报送",
    "activities": "活动安排中的活动",
    "pictures": "图片",
    "videos": "视频",
    "digest_items": "简报采用",
}
# Without weights (and between equal scores): more 简报 items first, then more on time, more sent in
# all (on time or late: a late report never ranks below none), pictures, videos, activities; then
# fewer missing (units owing different numbers of returns).
RANK_ORDER = ("digest_items", "on_time", "sent", "pictures", "videos", "activities", "missing")
_FEWER_IS_BETTER = {"missing"}
_RANK_WORDS = {**COUNT_WORDS, "sent": "报送总数（按时和逾期）", "activities": "活动数"}


def rank_rule() -> str:
    """The order of ranking in words, as the 宣传评比 page prints it (``RANK_ORDER``, nothing else)."""
    more = [_RANK_WORDS[name] for name in RANK_ORDER if name not in _FEWER_IS_BETTER]
    fewer = [_RANK_WORDS[name] for name in RANK_ORDER if name in _FEWER_IS_BETTER]
    return f"按{'、'.join(more)}依次排名（多者在前），仍相同的按{'、'.join(fewer)}少者在前"


@dataclass(frozen=True)
class TallyRow:
    """One unit's counts over the period, its points (None without weights) and its place."""

    unit: Unit
    counts: dict[str, int]
    score: float | None
    rank: int


def digest_deadline(plan: Plan) -> str:
    """The weekly deadline whose reports make the 简报: the plan's ``digest.deadline``, else the first weekly one.

    The first weekly deadline that concerns every responsible unit is preferred to one of a
    single task. ``FormError`` (digest-no-weekly-deadline) when the plan has none, or names one
    that is not weekly.
    """
    named = plan.digest.deadline if plan.digest is not None else None
    if named is not None:
        if named in plan.deadlines and plan.deadlines[named].weekday is not None:
            return named
        raise FormError([Finding("digest-no-weekly-deadline", {"key": named})])
    weekly = [k for k, d in plan.deadlines.items() if d.weekday is not None]
    general = [k for k in weekly if plan.deadlines[k].task is None]
    if not weekly:
        raise FormError([Finding("digest-no-weekly-deadline", {"key": ""})])
    return (general or weekly)[0]


def converted_folder(report: StatusReport) -> Path | None:
    """Where .doc, .wps and .odt reports converted to .docx are kept: beside the record, each converted once."""
    from docgen.tracking.record import docgen_folder

    return docgen_folder(report.folder, "converted") if report.folder is not None else None


def _media_counts(report: StatusReport, files: list[ReturnedFile]) -> tuple[int, int]:
    """Pictures (picture files and those inside reports) and videos among ``files``."""
    from docgen.collecting.reports import read_material

    material = read_material(
        [f.path for f in files if not f.is_form], counting=True, converted=converted_folder(report)
    )
    return len(material.pictures), len(material.videos)


def returned_forms(report: StatusReport) -> list[ReturnedFile]:
    """Each unit's latest returned 活动安排 form (an earlier one it replaced is left out)."""
    return [f for c in report.columns for cell in c.cells.values() for f in cell.files if f.is_form]


def returned_activities(report: StatusReport) -> list[Activity]:
    """The checked activities of the latest returned 活动安排 forms (none without a form)."""
    from docgen.collecting.forms import collect

    forms = [f.path for f in returned_forms(report)]
    if report.plan.form is None or not forms:
        return []
    return collect(forms, report.plan).activities


def _activities(report: StatusReport) -> dict[str, int]:
    """Activities per unit id."""
    found: dict[str, int] = {}
    for activity in returned_activities(report):
        found[activity.unit.id] = found.get(activity.unit.id, 0) + 1
    return found


def tally(report: StatusReport) -> list[TallyRow]:
    """Every unit of the status, with its counts and points, best first (ties share a place)."""
    plan = report.plan
    items: dict[str, int] = {}
    for issue in report.issues:
        for unit_id, _ in issue.items:
            items[unit_id] = items.get(unit_id, 0) + 1
    activities = _activities(report)
    weights = {str(k): v for k, v in plan.evaluation.weights.items()} if plan.evaluation is not None else {}
    rows: list[tuple[Unit, dict[str, int], float | None]] = []
    for unit in report.units:
        counts = dict.fromkeys(COUNTS, 0)
        files: list[ReturnedFile] = []
        for column in report.columns:
            cell = column.cells.get(unit.id)
            if cell is None:
                continue
            files += cell.files
            marks = {Mark.RECEIVED: "on_time", Mark.LATE: "late", Mark.MISSING: "missing"}
            if column.is_due and cell.mark in marks:
                counts[marks[cell.mark]] += 1
        counts["digest_items"] = items.get(unit.id, 0)
        counts["pictures"], counts["videos"] = _media_counts(report, files)
        counts["activities"] = activities.get(unit.id, 0)
        score = sum(weights.get(name, 0.0) * counts[name] for name in COUNTS) if weights else None
        rows.append((unit, counts, score))
    return ranked(rows)


def ranked(rows: list[tuple[Unit, dict[str, int], float | None]]) -> list[TallyRow]:
    """(unit, counts, score) rows best first: by score where given, then in ``RANK_ORDER``; ties share a place."""

    def order(row: tuple[Unit, dict[str, int], float | None]) -> tuple[float, ...]:
        _, counts, score = row
        counts = {**counts, "sent": counts["on_time"] + counts["late"]}
        by_counts = tuple(counts[name] if name in _FEWER_IS_BETTER else -counts[name] for name in RANK_ORDER)
        return ((-score,) if score is not None else ()) + by_counts

    placed: list[TallyRow] = []
    for index, row in enumerate(sorted(rows, key=order)):
        same = placed and order(row) == order((placed[-1].unit, placed[-1].counts, placed[-1].score))
        placed.append(TallyRow(row[0], row[1], row[2], placed[-1].rank if same else index + 1))
    return placed
