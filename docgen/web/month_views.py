"""本月: who has sent what on a chosen day, files received by dropping them, and the 催报 and 简报 at a click.

The grid is ``docgen status``'s dashboard (``track_returns`` and ``dashboard_context``) over the
returns folder ``status`` reads by default, asked for again every few seconds, so a file saved
into the folder by hand shows too. A file dropped on a unit's row (or chosen) is filed by
``receive_file`` as ``docgen receive`` files it, at the moment it arrived, ``how="web"``. The 催报
(``write_status``) and the week's 简报 (``write_digest``) are written into the folder those
commands write into by default, as the page's task.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.web.document_views import file_address, task_view
from docgen.web.views import page, shown_all, workbench_of

if TYPE_CHECKING:
    from starlette.datastructures import UploadFile
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from docgen.plan.model import Plan
    from docgen.tracking.receiving import Filing
    from docgen.web.workbench import Task, Workbench

MAX_FILES = 20  # files received at once
MAX_FILE_BYTES = 30 * 1024 * 1024  # one received file (the guard caps the whole request)
OUTCOME_WORDS = {"filed": "已登记", "already": "以前已收到", "undecided": "未登记", "held": "暂存到“未识别”"}


def routes() -> list[Route]:
    """The routes of the 本月 page."""
    from starlette.routing import Route

    return [
        Route("/month", month_page),
        Route("/month/grid", grid),
        Route("/month/receive", receive, methods=["POST"]),
        Route("/month/init", init_folders, methods=["POST"]),
        Route("/month/reminders", reminders, methods=["POST"]),
        Route("/month/digest", digest, methods=["POST"]),
        Route("/month/fetch-mail", fetch_mail, methods=["POST"]),
    ]


def _day(request: Request, bench: Workbench) -> dt.date:
    try:
        return dt.date.fromisoformat(request.query_params.get("on", ""))
    except ValueError:
        return bench.clock().date()


async def month_page(request: Request) -> Response:
    """The day's grid, the form that receives files, and the buttons for the 催报 and the 简报."""
    from starlette.concurrency import run_in_threadpool

    bench = workbench_of(request)
    day = _day(request, bench)
    state = await run_in_threadpool(month_state, bench, day)
    return page(request, "month.html", active="month", task=task_view(bench, "month"), refused=[], **state)


async def grid(request: Request) -> Response:
    """The grid alone, for the page to refresh."""
    from starlette.concurrency import run_in_threadpool

    bench = workbench_of(request)
    state = await run_in_threadpool(month_state, bench, _day(request, bench))
    return page(request, "month_grid.html", **state)


def month_state(bench: Workbench, day: dt.date) -> dict[str, Any]:
    """The day's dashboard as the page shows it, or the problems that keep it from being shown."""
    from docgen.errors import FindingsError
    from docgen.tracking.dashboard import dashboard_context
    from docgen.tracking.status import track_returns

    report = bench.report()
    base: dict[str, Any] = {"on": day.isoformat(), "returns_dir": str(bench.returns_dir), "units": []}
    base |= {"deadlines": [], "grid": None, "problems": [], "missing_folder": False, "mail": None}
    if report.plan is None:
        return base | {"problems": shown_all(report.errors)}
    plan = report.plan
    if plan.mail is not None:
        base["mail"] = f"{plan.mail.user}（{plan.mail.server}）"
    base["units"] = [(u.id, u.name) for u in plan.responsible_units()]
    base["deadlines"] = [(key, d.action) for key, d in plan.deadlines.items()]
    if not bench.returns_dir.is_dir():
        return base | {"missing_folder": True}
    try:
        status = track_returns(plan, bench.returns_dir, day)
    except FindingsError as exc:
        return base | {"problems": shown_all(exc.problems)}
    context = dashboard_context(status)
    rows = [row | {"id": unit.id} for unit, row in zip(status.units, context["rows"], strict=True)]
    owing = {unit_id for unit_id, _ in base["units"]}
    return base | {"grid": context | {"rows": rows}, "owing": owing, "problems": shown_all(list(status.notes))}


async def receive(request: Request) -> Response:
    """File the dropped files as ``docgen receive`` does, for the unit (and deadline) chosen or found."""
    from starlette.concurrency import run_in_threadpool

    from docgen.errors import Finding, FindingsError

    bench = workbench_of(request)
    at = bench.clock()  # when they arrived: the moment the page sent them
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=10)
    except Exception:  # starlette's MultiPartException, or a body that is no form
        return _received(request, [], [Finding("upload-too-many", {"limit": MAX_FILES})])
    uploads = [item for item in form.getlist("files") if not isinstance(item, str)]
    if not uploads:
        return _received(request, [], [Finding("upload-empty", {})])
    payloads: list[tuple[str, bytes]] = []
    for upload in uploads:
        data = await _bounded(upload)
        if data is None:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return _received(request, [], [Finding("upload-too-large", {"limit": limit}, file=upload.filename)])
        payloads.append((upload_name(upload), data))
    unit = str(form.get("unit", "")) or None
    deadline = str(form.get("deadline", "")) or None
    try:
        filings = await run_in_threadpool(_file_all, bench, payloads, at, unit, deadline)
    except FindingsError as exc:
        return _received(request, [], exc.problems)
    answer = _received(request, filings, [])
    answer.headers["HX-Trigger"] = "returns-changed"
    return answer


def upload_name(upload: UploadFile) -> str:
    """The name the browser gave a file: UTF-8, else GB18030 (an old client's GBK), never Latin-1 mojibake.

    Starlette reads a name that is no UTF-8 as Latin-1 (教务处 in GBK becomes ½ÌÎñ´¦), so the
    name's bytes are taken again from the part's own header and read as a mail's names are.
    """
    from python_multipart.multipart import parse_options_header

    from docgen.inputs.mail_text import decode_text

    raw = upload.headers.get("content-disposition", "").encode("latin-1", "replace")
    name = parse_options_header(raw)[1].get(b"filename")
    return decode_text(name, None) if name else upload.filename or "文件"


async def _bounded(upload: UploadFile) -> bytes | None:
    """The upload's bytes, or None when it is larger than ``MAX_FILE_BYTES``."""
    data = await upload.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def _file_all(
    bench: Workbench, payloads: list[tuple[str, bytes]], at: dt.datetime, unit: str | None, deadline: str | None
) -> list[Filing]:
    from docgen.documents.checks import checked_plan
    from docgen.tracking.receiving import receive_file

    plan = checked_plan(bench.plan_path).plan
    assert plan is not None
    return [
        receive_file(plan, bench.returns_dir, data, name, at=at, how="web", unit=unit, deadline=deadline)
        for name, data in payloads
    ]


def _received(request: Request, filings: list[Filing], problems: list[Any]) -> Response:
    shown = [
        {
            "outcome": filing.outcome,
            "words": OUTCOME_WORDS.get(filing.outcome, filing.outcome),
            "name": filing.name,
            "unit": filing.unit.name if filing.unit is not None else "",
            "due": filing.due.title if filing.due is not None else "",
            "href": file_address("returns", filing.path) if filing.path is not None else None,
            "path": str(filing.path or ""),
            "choices": list(filing.choices.deadlines),
            "unit_choices": [u.name for u in filing.choices.units],
        }
        for filing in filings
    ]
    return page(request, "received.html", filings=shown, problems=shown_all(problems))


async def init_folders(request: Request) -> Response:
    """Make the returns folders (``docgen status --init``), then show the month again."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse

    from docgen.documents.checks import checked_plan
    from docgen.tracking.folders import init_returns

    bench = workbench_of(request)

    def make() -> None:
        plan = checked_plan(bench.plan_path).plan
        assert plan is not None
        init_returns(plan, bench.returns_dir, plan_path=bench.plan_path)

    await run_in_threadpool(make)
    return RedirectResponse("/month", status_code=303)


async def reminders(request: Request) -> Response:
    """Write the day's dashboard and a 催报 for each unit owing anything, as ``docgen status`` does."""
    bench = workbench_of(request)
    day = await _posted_day(request, bench)

    def work(task: Task) -> list[Path]:
        from docgen.documents.checks import checked_plan
        from docgen.tracking.folders import write_status
        from docgen.tracking.status import track_returns

        task.step = "统计报送情况"
        plan = checked_plan(bench.plan_path).plan
        assert plan is not None
        report = track_returns(plan, bench.returns_dir, day)
        task.step = "生成催报"
        return write_status(report, bench.reports_dir, templates=bench.templates, plan_path=bench.plan_path)

    return _started(request, bench, "reminders", work)


async def digest(request: Request) -> Response:
    """Write the 简报 of the week the chosen day falls in, as ``docgen digest --week N`` does."""
    bench = workbench_of(request)
    day = await _posted_day(request, bench)

    def work(task: Task) -> list[Path]:
        from docgen.documents.checks import checked_plan
        from docgen.publishing.writing import write_digest

        task.step = "生成简报"
        report = checked_plan(bench.plan_path)
        assert report.resolved is not None
        written = write_digest(
            report.resolved,
            bench.returns_dir,
            digest_week(report.resolved, day),
            bench.reports_dir,
            day=day,
            templates=bench.templates,
            plan_path=bench.plan_path,
        )
        task.problems = list(written.problems)
        return written.paths

    return _started(request, bench, "digest", work)


async def fetch_mail(request: Request) -> Response:
    """Read the plan's mailbox into the returns folder, as ``docgen fetch-mail`` does, with the password typed.

    The password goes to the mail server and nowhere else: it is neither stored nor shown.
    """
    bench = workbench_of(request)
    form = await request.form(max_files=0, max_fields=3)
    password = str(form.get("password", ""))

    def work(task: Task) -> list[Path]:
        from docgen.documents.checks import checked_plan
        from docgen.tracking.mail.fetching import fetch_mail as read_mailbox
        from docgen.tracking.mail.fetching import mail_account

        task.step = "收取邮件"
        plan = checked_plan(bench.plan_path).plan
        assert plan is not None
        account, folder = mail_account(plan)
        report = read_mailbox(plan, bench.returns_dir, account, password, folder=folder)
        task.problems = [finding for _, finding in report.unfiled]
        return [bench.returns_dir / filing.path for _, filing in report.filed if filing.path is not None]

    return _started(request, bench, "fetch-mail", work)


def digest_week(plan: Plan, day: dt.date) -> int:
    """The week of the 简报's deadline that ``day`` falls in (the first before it starts, the last after)."""
    from docgen.plan.dues import dues
    from docgen.tracking.returns import week_on
    from docgen.tracking.tally import digest_deadline

    key = digest_deadline(plan)
    due = week_on(dues(plan, key), key, day)
    return due.week if due is not None and due.week is not None else 1


async def _posted_day(request: Request, bench: Workbench) -> dt.date:
    form = await request.form()
    try:
        return dt.date.fromisoformat(str(form.get("on", "")))
    except ValueError:
        return bench.clock().date()


def _started(request: Request, bench: Workbench, name: str, work: Any) -> Response:
    from docgen.errors import FindingsError

    try:
        bench.start(name, work)
    except FindingsError as exc:
        return page(request, "task.html", task=None, refused=shown_all(exc.problems))
    return page(request, "task.html", task=task_view(bench), refused=[])
