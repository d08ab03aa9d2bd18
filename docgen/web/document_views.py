"""文件: render the saved plan's documents (with PDFs, if asked) at a click, follow it, and open what it wrote.

A render is ``docgen render`` of the saved plan into its output folder, run as the page's task
(``Workbench.start``), so it takes the same folder lock as the command: a ``docgen render`` in a
terminal and the page never mix their files. The outputs listed are the files docgen's manifest
records in that folder, each with a link; ``/files/ROOT/PATH`` serves them (``web.files``).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from docgen.web.views import page, shown_all, workbench_of

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from docgen.web.workbench import Task, Workbench

TASK_WORDS = {
    "render": "生成文件",
    "render-pdf": "生成文件和PDF",
    "reminders": "生成催报",
    "digest": "生成本周简报",
    "fetch-mail": "收取邮件",
}


def routes() -> list[Route]:
    """The routes of the 文件 page, and of every served file."""
    from starlette.routing import Route

    return [
        Route("/documents", documents_page),
        Route("/documents/render", render, methods=["POST"]),
        Route("/task", task_state),
        Route("/documents/outputs", outputs),
        Route("/files/{root}/{path:path}", served_file),
    ]


async def documents_page(request: Request) -> Response:
    """The render buttons, the task's state, and the outputs there are."""
    from starlette.concurrency import run_in_threadpool

    bench = workbench_of(request)
    listing = await run_in_threadpool(output_listing, bench)
    task = task_view(bench, "documents")
    return page(request, "documents.html", active="documents", task=task, refused=[], **listing)


async def render(request: Request) -> Response:
    """Start rendering the saved plan (``pdf=1``: with PDFs and the print file); answers with the task's state."""
    from docgen.errors import FindingsError

    bench = workbench_of(request)
    form = await request.form()
    pdf = form.get("pdf") == "1"

    def work(task: Task) -> list[Path]:
        from docgen.documents.batch import render as render_plan
        from docgen.documents.checks import checked_plan

        task.step = "检查方案"
        report = checked_plan(bench.plan_path)
        task.step = "生成文件"
        paths = render_plan(report, bench.out_dir(), templates=bench.templates, pdf=pdf, progress=task.progress)
        return paths

    try:
        bench.start("render-pdf" if pdf else "render", work)
    except FindingsError as exc:
        return page(request, "task.html", task=None, refused=shown_all(exc.problems))
    return page(request, "task.html", task=task_view(bench), refused=[])


async def task_state(request: Request) -> Response:
    """The running task's progress (the page asks every second until it has finished)."""
    bench = workbench_of(request)
    answer = page(request, "task.html", task=task_view(bench), refused=[])
    task = bench.task
    if task is not None and task.finished and request.query_params.get("running") == "1":
        answer.headers["HX-Trigger"] = "task-finished"
    return answer


async def outputs(request: Request) -> Response:
    """The list of outputs (fetched again when a task has finished)."""
    from starlette.concurrency import run_in_threadpool

    listing = await run_in_threadpool(output_listing, workbench_of(request))
    return page(request, "outputs.html", **listing)


async def served_file(request: Request) -> Response:
    """A file of the plan's folder, the output folder or the returns folder; 404 for anything else."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import PlainTextResponse, StreamingResponse

    from docgen.web.files import NotServedError, answer_headers, open_served, read_chunks

    bench = workbench_of(request)
    relative = request.path_params["path"]
    try:
        handle, size = await run_in_threadpool(open_served, bench.roots(), request.path_params["root"], relative)
    except NotServedError:
        return PlainTextResponse("没有这个文件，或不允许访问。", status_code=404)
    media, headers = answer_headers(PurePosixPath(relative).name, download=request.query_params.get("download") == "1")
    headers["content-length"] = str(size)
    return StreamingResponse(read_chunks(handle, size), media_type=media, headers=headers)


def task_view(bench: Workbench, page_of: str | None = None) -> dict[str, Any] | None:
    """The page's task as the page shows it: its name in words, its progress, its outcome, the files it wrote.

    A render lists its files under 已生成的文件; the 催报, the 简报 and the mail fetched link theirs here.
    ``page_of`` (``documents`` or ``month``) leaves out a task of the other page.
    """
    task = bench.task
    if task is None or (page_of is not None and (page_of == "documents") != task.name.startswith("render")):
        return None
    percent = round(100 * task.done / task.total) if task.total else 0
    links = []
    folders = {"reports": bench.reports_dir, "returns": bench.returns_dir}
    for path in [] if task.name.startswith("render") else task.paths:
        root = next((name for name, folder in folders.items() if path.absolute().is_relative_to(folder)), None)
        if root is not None:
            relative = PurePosixPath(path.absolute().relative_to(folders[root]).as_posix())
            links.append({"name": relative.as_posix(), "href": file_address(root, relative)})
    return {
        "name": TASK_WORDS.get(task.name, task.name),
        "finished": task.finished,
        "done": task.done,
        "total": task.total,
        "percent": percent,
        "step": task.step,
        "seconds": round(task.seconds, 1),
        "count": len(task.paths),
        "links": links,
        "problems": shown_all(task.problems),
        "failed": any(p.is_error for p in task.problems),
    }


def output_listing(bench: Workbench) -> dict[str, Any]:
    """The files docgen wrote into the output folder, by folder, and the print file if there is one."""
    from docgen.documents.print_file import PRINT_FILE
    from docgen.rendering.outputs import read_manifest

    out = bench.out_dir()
    recorded = sorted(read_manifest(out)) if out.is_dir() else []
    folders: dict[str, list[dict[str, str]]] = defaultdict(list)
    for key in recorded:
        relative = PurePosixPath(key)
        if (out / key).is_file():
            folders[str(relative.parent) if relative.parent.parts else "（输出文件夹）"].append(
                {"name": relative.name, "href": file_address("out", relative)}
            )
    print_file = file_address("out", PRINT_FILE) if PRINT_FILE.as_posix() in recorded else None
    return {"out_dir": str(out), "folders": dict(folders), "print_file": print_file, "output_count": len(recorded)}


def file_address(root: str, relative: PurePosixPath | str) -> str:
    """The address that serves a file of a root: ``/files/out/通知/….docx``, each step quoted."""
    from urllib.parse import quote

    # a name that is no UTF-8 (held as surrogates) is quoted as its own bytes, never an error
    return f"/files/{root}/" + quote(PurePosixPath(relative).as_posix(), safe="/", errors="surrogateescape")
