"""方案: the plan's text in an editor, its problems as one types, saving it, and pictures of its documents.

The problems are those of ``docgen check`` for the text as typed (``check_plan_text``, which
reads nothing but the pictures and templates beside the plan). Saving is
``save_plan_text``: the text as typed, in the file's own encoding and line ends, refused when
the file changed on disk since the page loaded it. The pictures are ``page_images``: the
documents rendered as ``docgen preview`` renders them, each converted once for its content.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docgen.web.views import page, shown_all, workbench_of

if TYPE_CHECKING:
    from pathlib import Path

    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from docgen.errors import Finding
    from docgen.plan.model import Plan

KIND_WORDS = {
    "notice": "通知（活动方案）",
    "issuing-notice": "印发通知",
    "letter": "致家长的一封信",
    "form": "活动安排表（空白）",
    "task-sheet": "任务单",
    "unit-form": "活动安排表",
}
PER_UNIT = ("task-sheet", "unit-form")
_CACHED_IMAGE = re.compile(r"[0-9a-f]{64}-[0-9]{2,3}/page-[0-9]{1,4}\.png")


def routes() -> list[Route]:
    """The routes of the 方案 page."""
    from starlette.routing import Route

    return [
        Route("/plan", plan_page),
        Route("/plan/check", check, methods=["POST"]),
        Route("/plan/save", save, methods=["POST"]),
        Route("/plan/preview", preview),
        Route("/preview/{name:path}", preview_image),
    ]


async def plan_page(request: Request) -> Response:
    """The editor with the saved text, its problems, and the choice of document to see."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.checks import check_plan_text
    from docgen.documents.plan_text import read_plan_text
    from docgen.errors import PlanError

    bench = workbench_of(request)
    try:
        saved = await run_in_threadpool(read_plan_text, bench.plan_path)
    except PlanError as exc:
        return page(request, "unreadable.html", active="plan", problems=shown_all(exc.problems), status_code=500)
    report = await run_in_threadpool(check_plan_text, saved.text, bench.plan_path)
    choices = document_choices(report.resolved)
    return page(
        request,
        "plan.html",
        active="plan",
        text=saved.text,
        digest=saved.digest,
        problems=shown_all(report.problems),
        choices=choices,
        chosen=choices[0][0] if choices else "notice",
    )


async def check(request: Request) -> Response:
    """The problems of the text as typed (the editor asks after a short pause)."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.checks import check_plan_text

    posted = await _posted_plan(request)
    if posted is None:
        return page(request, "problems.html", problems=shown_all([_too_large(request)]))
    report = await run_in_threadpool(check_plan_text, posted[0], workbench_of(request).plan_path)
    return page(request, "problems.html", problems=shown_all(report.problems))


async def save(request: Request) -> Response:
    """Save the text over the file read with ``digest``; the outcome, the new digest, and a fresh preview."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.checks import check_plan_text
    from docgen.documents.plan_text import save_plan_text
    from docgen.errors import FindingsError

    bench = workbench_of(request)
    posted = await _posted_plan(request)
    if posted is None:  # the page keeps the digest it has: nothing was saved
        return page(request, "saved.html", refused=shown_all([_too_large(request)]), digest="", problems=None)
    text, digest = posted
    try:
        saved = await run_in_threadpool(save_plan_text, bench.plan_path, text, digest)
    except FindingsError as exc:
        return page(request, "saved.html", refused=shown_all(exc.problems), digest=digest, problems=None)
    report = await run_in_threadpool(check_plan_text, saved.text, bench.plan_path)
    answer = page(request, "saved.html", refused=[], digest=saved.digest, problems=shown_all(report.problems))
    answer.headers["HX-Trigger"] = "plan-saved"
    return answer


async def _posted_plan(request: Request) -> tuple[str, str] | None:
    """The text and digest the editor sent; None for a text larger than any plan (starlette's own limit is 1 MiB)."""
    from starlette.exceptions import HTTPException

    from docgen.plan.reading import MAX_FILE_BYTES

    # the text as the form sends it: percent-encoded, a Chinese character takes 9 bytes for its 3
    try:
        form = await request.form(max_files=0, max_fields=4, max_part_size=3 * MAX_FILE_BYTES + 64 * 1024)
    except HTTPException:
        return None
    return str(form.get("text", "")), str(form.get("digest", ""))


def _too_large(request: Request) -> Finding:
    from docgen.errors import Finding
    from docgen.plan.reading import MAX_FILE_BYTES

    limit = MAX_FILE_BYTES // (1024 * 1024)
    return Finding("file-too-large", {"limit": limit}, file=str(workbench_of(request).plan_path))


async def preview(request: Request) -> Response:
    """Pictures of the chosen document's pages (``notice``, ``task-sheet:UNIT``), drawn as ``docgen preview`` does."""
    from starlette.concurrency import run_in_threadpool

    from docgen.documents.preview import page_images
    from docgen.errors import DocgenError

    bench = workbench_of(request)
    kind, _, unit = request.query_params.get("document", "notice").partition(":")
    report = await run_in_threadpool(bench.report)
    if report.resolved is None:
        return page(request, "preview.html", images=[], problems=shown_all(report.errors), unsaved=True)
    known = {value for value, _ in document_choices(report.resolved)}
    if f"{kind}:{unit}" not in known and kind not in known:
        kind, unit = "notice", ""
    chosen = unit or None

    def draw() -> list[Path]:
        with bench.preview_lock:
            return page_images(
                report, bench.cache_dir, kind, unit=chosen, templates=bench.templates, converter=bench.converter
            )

    try:
        images = await run_in_threadpool(draw)
    except DocgenError as exc:
        return page(request, "preview.html", images=[], problems=shown_all(list(getattr(exc, "problems", []))))
    names = [image.relative_to(bench.cache_dir).as_posix() for image in images]
    return page(request, "preview.html", images=names, problems=shown_all(bench.office_notes()), unsaved=False)


async def preview_image(request: Request) -> Response:
    """One page picture from the cache, by the name ``preview`` gave it; nothing else of the cache."""
    from starlette.responses import FileResponse, PlainTextResponse

    name = request.path_params["name"]
    path = workbench_of(request).cache_dir / name
    if not _CACHED_IMAGE.fullmatch(name) or not path.is_file() or path.is_symlink():
        return PlainTextResponse("没有这张图片。", status_code=404)
    return FileResponse(path, media_type="image/png", headers={"cache-control": "private, max-age=86400"})


def document_choices(plan: Plan | None) -> list[tuple[str, str]]:
    """The documents a person may look at: value (``kind`` or ``kind:UNIT``) and words, the notice first."""
    if plan is None:
        return [("notice", KIND_WORDS["notice"])]
    choices = [("notice", KIND_WORDS["notice"]), ("issuing-notice", KIND_WORDS["issuing-notice"])]
    if plan.letter is not None:
        choices.append(("letter", KIND_WORDS["letter"]))
    if plan.form is not None:
        choices.append(("form", KIND_WORDS["form"]))
    for unit in plan.responsible_units():
        choices.append((f"task-sheet:{unit.id}", f"{unit.name}任务单"))
        if plan.form is not None:
            choices.append((f"unit-form:{unit.id}", f"{unit.name}{KIND_WORDS['unit-form']}"))
    choices += [(declared.kind, declared.kind) for declared in plan.documents]
    return choices
