"""模板: the templates the saved plan uses, each checked as ``docgen check --templates`` checks it; a dropped one added.

The list is ``check_plan_templates`` (the templates ``render`` would use, each checked with its
documents' context). A dropped template is ``add_template``: checked, and saved into the
folder ``render`` looks in first only when it has no errors; one already there is replaced only
when the person ticks 替换.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.web.document_views import file_address
from docgen.web.views import page, shown, shown_all, workbench_of

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from docgen.errors import Finding
    from docgen.web.workbench import Workbench


def routes() -> list[Route]:
    """The routes of the 模板 page."""
    from starlette.routing import Route

    return [
        Route("/templates", templates_page),
        Route("/templates/list", template_list),
        Route("/templates/upload", upload, methods=["POST"]),
    ]


async def templates_page(request: Request) -> Response:
    """The templates and their findings, and the form to add one."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.template_drop import templates_target

    bench = workbench_of(request)
    listing = await run_in_threadpool(template_listing, bench)
    target = templates_target(bench.plan_path, bench.templates)
    return page(request, "templates.html", active="templates", target=str(target), **listing)


async def template_list(request: Request) -> Response:
    """The list alone, after a template was added."""
    from starlette.concurrency import run_in_threadpool

    listing = await run_in_threadpool(template_listing, workbench_of(request))
    return page(request, "template_list.html", **listing)


def template_listing(bench: Workbench) -> dict[str, Any]:
    """Each template the saved plan would use: its name, whose it is, and its findings."""
    from docgen.documents.template_files import check_plan_templates
    from docgen.errors import FindingsError
    from docgen.resources import templates_dir

    report = bench.report()
    if report.resolved is None:
        return {"templates": [], "problems_without_file": shown_all(report.errors)}
    try:
        files, problems = check_plan_templates(report.resolved, bench.plan_path, bench.templates)
    except FindingsError as exc:
        return {"templates": [], "problems_without_file": shown_all(exc.problems)}
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    loose = []
    for problem in problems:
        if problem.file is not None:
            by_file[str(Path(problem.file).resolve())].append(shown(problem))
        else:
            loose.append(shown(problem))
    shipped = templates_dir().resolve()
    listed = []
    for file in files:
        resolved = file.resolve()
        yours = not resolved.is_relative_to(shipped)
        href = None
        if yours and resolved.is_relative_to(bench.plan_path.parent.resolve()):
            href = file_address("plan", resolved.relative_to(bench.plan_path.parent.resolve()).as_posix())
        listed.append({"name": file.name, "yours": yours, "href": href, "problems": by_file.get(str(resolved), [])})
    return {"templates": listed, "problems_without_file": loose}


async def upload(request: Request) -> Response:
    """Check a dropped template and save it among the plan's templates when it has no errors."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.template_drop import add_template
    from docgen.errors import Finding, FindingsError
    from docgen.rendering.templates import MAX_TEMPLATE_BYTES

    bench = workbench_of(request)
    try:
        form = await request.form(max_files=1, max_fields=5)
    except Exception:  # starlette's MultiPartException: more than one file, or no form at all
        return _result(request, None, [Finding("upload-too-many", {"limit": 1})])
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return _result(request, None, [Finding("upload-empty", {})])
    data = await upload.read(MAX_TEMPLATE_BYTES + 1)
    replace = form.get("replace") == "1"
    report = await run_in_threadpool(bench.report)
    try:
        saved, problems = await run_in_threadpool(
            lambda: add_template(
                report.resolved,
                bench.plan_path,
                data,
                upload.filename or "",
                templates=bench.templates,
                replace=replace,
            )
        )
    except FindingsError as exc:
        return _result(request, None, exc.problems)
    answer = _result(request, saved, problems)
    if saved is not None:
        answer.headers["HX-Trigger"] = "templates-changed"
    return answer


def _result(request: Request, saved: Path | None, problems: list[Finding]) -> Response:
    refused = saved is None and any(problem.is_error for problem in problems)
    return page(
        request,
        "template_result.html",
        saved=str(saved) if saved is not None else "",
        refused=refused,
        problems=shown_all(problems),
    )
