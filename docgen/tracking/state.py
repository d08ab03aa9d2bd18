"""The state of the returns as plain data: what ``docgen status --json`` prints and a web page renders.

One record per owing unit, deadline and week (``week`` null for a dated deadline), the unit by
its name as the plan writes it, the deadline by its key in the plan, ``state`` one of ``sent``,
``late``, ``missing`` and ``due`` (not past its due day yet), times in local time with their UTC
offset (ISO 8601); the files no unit could be given under ``unassigned``. Only JSON types.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docgen.plan.model import Plan
from docgen.tracking.status import Mark, StatusReport, track_returns

STATES = {
    Mark.RECEIVED: "sent",
    Mark.LATE: "late",
    Mark.MISSING: "missing",
    Mark.DUE_TODAY: "due",
    Mark.NOT_DUE: "due",
}


def moment_text(moment: dt.datetime) -> str:
    """2019-04-30T10:00:00+08:00: a moment in this computer's time zone, to the second, with its offset."""
    return moment.astimezone().isoformat(timespec="seconds")


def status_data(report: StatusReport) -> dict[str, Any]:
    """The report as JSON-ready data: ``{"on", "records": [...], "unassigned": [...]}`` (see the module's docstring)."""
    records = []
    for column in report.columns:
        for unit in column.owing:
            cell = column.cells[unit.id]
            received = cell.received_at
            records.append(
                {
                    "unit": unit.name,
                    "deadline": column.due.key,
                    "week": column.due.week,
                    "due": column.due.day.isoformat(),
                    "state": STATES[cell.mark],
                    "received_at": moment_text(received) if received is not None else None,
                    "files": [f.shown for f in cell.files],
                    "resent": cell.resent,
                }
            )
    unassigned = [{"file": f.shown, "received_at": moment_text(f.received_at)} for f, _ in report.unplaced]
    return {"on": report.on.isoformat(), "records": records, "unassigned": unassigned}


def returns_state(
    plan: Plan,
    returns_dir: Path | str,
    on: dt.date,
    deadline: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The state of the returns at the end of day ``on`` as data (what ``docgen status --json`` prints).

    ``plan`` is the plan as loaded (``docgen.load_plan``); ``returns_dir`` the returns folder,
    whose record is brought up to date first (files saved by hand are recorded, arriving at
    the earlier of ``now`` and their modification time). ``on`` may be a past day: files that
    came after it do not count yet. ``deadline`` (a key of the plan) keeps one deadline.

    Returns ``{"on": "2019-05-10", "records": [{"unit": "教务处", "deadline": "weekly_report",
    "week": 1, "due": "2019-04-30", "state": "sent", "received_at": "2019-04-30T10:00:00+08:00",
    "files": ["报送本周活动开展情况/第1周（4月28日至5月1日）/教务处-总结.docx"], "resent": 0}, ...],
    "unassigned": [{"file": "未识别/扫描件.jpg", "received_at": "..."}]}``: ``state`` is ``sent``,
    ``late``, ``missing`` or ``due`` (its due day has not passed yet); ``received_at`` is when the
    unit first sent it (null when it has not); ``files`` are the files used, paths relative to
    the returns folder (an earlier file a resend replaced is left out; ``resent`` counts those).

    Raises what ``track_returns`` raises: ``FormError`` (no such folder), ``UnknownDeadlineError``,
    ``RecordError``, ``FolderBusyError``.
    """
    return status_data(track_returns(plan, returns_dir, on, deadline, now=now))
