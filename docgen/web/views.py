"""What every page of the workbench shares: the session of a request, a page rendered, findings shown in Chinese.

The pages are Jinja2 templates in ``pages/``, every value escaped; a finding is shown with its
line, whether it is an error, and its words as ``docgen check`` words them, in Chinese.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import Finding

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import HTMLResponse

    from docgen.web.workbench import Workbench

LANGUAGE = "zh_CN"  # the workbench speaks to office staff in Chinese
PAGES = Path(__file__).resolve().parent / "pages"
NAVIGATION = (
    ("plan", "方案", "/plan"),
    ("documents", "文件", "/documents"),
    ("month", "本月", "/month"),
    ("templates", "模板", "/templates"),
)


def workbench_of(request: Request) -> Workbench:
    """The session the request belongs to."""
    bench: Workbench = request.app.state.workbench
    return bench


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page or fragment ``pages/NAME`` rendered with ``context`` (and the session's title and tabs).

    A name that is no UTF-8 (a GBK file name in the returns folder) is shown with replacement
    characters: HTML is UTF-8, and its bytes cannot be written into it.
    """
    from starlette.responses import HTMLResponse

    from docgen.messages import shown_name

    bench = workbench_of(request)
    values = {"navigation": NAVIGATION, "plan_name": bench.plan_path.name, "plan_path": str(bench.plan_path)}
    values |= context
    text = _environment().get_template(name).render(values)
    return HTMLResponse(shown_name(text), status_code=status_code)  # shown as �, never a 500


@functools.cache
def _environment() -> Any:
    """The Jinja2 environment of the pages: autoescaped, strict about names, made on first use."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(PAGES), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )


def shown(problem: Finding) -> dict[str, Any]:
    """A finding as a page lists it: its line and column, whether it is an error, its words in Chinese."""
    from docgen.messages import finding_words

    return {
        "line": problem.line,
        "column": problem.column,
        "file": Path(problem.file).name if problem.file else "",
        "error": problem.is_error,
        "text": finding_words(problem, LANGUAGE),
    }


def shown_all(problems: list[Finding]) -> list[dict[str, Any]]:
    """``shown`` of each finding, in order."""
    return [shown(problem) for problem in problems]
