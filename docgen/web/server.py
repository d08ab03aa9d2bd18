"""Running the workbench: a socket on 127.0.0.1, a fresh token, uvicorn until Ctrl-C.

``WorkbenchServer`` binds its socket when made, so its address (with the port the system chose
for ``port=0``) is known before anything runs: the command prints it, opens the browser, then
calls ``run``, which serves until Ctrl-C (or SIGTERM) and returns once a running task has
finished and the page images are cleared away. Only 127.0.0.1 is ever bound.
"""

from __future__ import annotations

import importlib.util
import secrets
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Any

from docgen.documents.preview import Converter
from docgen.office.warm_session import SessionConverter
from docgen.web.guard import BODY_SECONDS
from docgen.web.workbench import Workbench

HOST = "127.0.0.1"
SERVE_EXTRA = {"starlette": "starlette", "uvicorn": "uvicorn", "python_multipart": "python-multipart"}
"""The modules ``docgen serve`` needs (docgen's extra ``serve``), and the package each comes in."""


def missing_packages() -> list[str]:
    """The packages of the extra ``serve`` that are not installed (none: the workbench can run)."""
    return [package for module, package in SERVE_EXTRA.items() if importlib.util.find_spec(module) is None]


class WorkbenchServer:
    """One ``docgen serve``: its socket, its token, its session; ``run`` serves until stopped.

    Lifecycle: ``server = WorkbenchServer(plan, ...)`` binds 127.0.0.1:PORT (``OSError`` when the
    port is taken); ``server.url`` is the address to open; ``server.run()`` serves and, on
    Ctrl-C (or ``stop`` from another thread), returns after cleaning up. Unless given a
    ``converter``, the server keeps one warm LibreOffice for the previews (``office``): started
    in the background when ``run`` begins, stopped by ``close``. ``close`` cleans up a
    server that was never run.
    """

    def __init__(
        self,
        plan_path: Path,
        *,
        port: int = 0,
        returns_dir: Path,
        out_dir: Path | None = None,
        reports_dir: Path | None = None,
        templates: Path | None = None,
        converter: Converter | None = None,
        body_seconds: float = BODY_SECONDS,
    ) -> None:
        self.body_seconds = body_seconds
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.bind((HOST, port))
            self.socket.listen(64)
        except OSError:
            self.socket.close()
            raise
        self.port: int = self.socket.getsockname()[1]
        self.token = secrets.token_urlsafe(32)
        self._server: Any = None
        self.cache_dir = Path(tempfile.mkdtemp(prefix="docgen-workbench-"))
        self.office = SessionConverter() if converter is None else None
        """The warm LibreOffice this server keeps for its previews (None when given a ``converter``)."""
        self.workbench = Workbench(
            plan_path,
            cache_dir=self.cache_dir,
            returns_dir=returns_dir,
            out_dir=out_dir,
            reports_dir=reports_dir,
            templates=templates,
            converter=converter if converter is not None else self.office,
        )

    @property
    def url(self) -> str:
        """The address to open: ``http://127.0.0.1:PORT/?token=…`` (the token lets the browser in)."""
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM; then let a running task finish and clean up."""
        import uvicorn

        from docgen.web.app import make_app
        from docgen.web.guard import GuardSettings

        app = make_app(self.workbench, GuardSettings(self.port, self.token, body_seconds=self.body_seconds))
        config = uvicorn.Config(
            app,
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="none",
            limit_concurrency=64,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
            h11_max_incomplete_event_size=16 * 1024,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        if self.office is not None:
            self.office.start_in_background()  # ready by the time a person has saved the plan
        try:
            self._server.run(sockets=[self.socket])
        except KeyboardInterrupt:
            pass  # uvicorn hands Ctrl-C on after its own graceful stop
        finally:
            self.close()

    def stop(self) -> None:
        """Ask a server running in another thread to stop, as Ctrl-C does; ``run`` then returns."""
        if self._server is not None:
            self._server.should_exit = True

    def close(self) -> None:
        """Wait for a running task, stop the warm LibreOffice, remove the page images, close the socket."""
        self.workbench.close()
        if self.office is not None:
            self.office.close()
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        self.socket.close()
