"""The workbench's web application: the four pages' routes and the static files, behind the guard.

``make_app`` joins the routes of ``plan_views``, ``document_views``, ``month_views`` and
``template_views`` into one Starlette application and wraps it in ``guard.Guard``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docgen.web.guard import Guard, GuardSettings

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse

    from docgen.web.guard import App
    from docgen.web.workbench import Workbench

STATIC = Path(__file__).resolve().parent / "static"
NOT_FOUND = "没有这个页面或文件：请从工作台的页面上打开。\nNot found: open it from the workbench's pages."


def make_app(workbench: Workbench, settings: GuardSettings) -> App:
    """The application for one workbench, guarded: every request checked for host, token, origin and size."""
    from starlette.applications import Starlette
    from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from docgen.web import document_views, month_views, plan_views, template_views

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/plan", status_code=303)

    async def icon(request: Request) -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    routes = [
        Route("/", home),
        Route("/favicon.ico", icon),
        *plan_views.routes(),
        *document_views.routes(),
        *month_views.routes(),
        *template_views.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> PlainTextResponse:
        return PlainTextResponse(NOT_FOUND, status_code=404)

    application = Starlette(routes=routes, exception_handlers={404: not_found})
    application.state.workbench = workbench
    return Guard(application, settings)
