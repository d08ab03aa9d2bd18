"""``docgen serve`` as a real process: the address first, a token that lets a browser in, Ctrl-C stops it."""

from __future__ import annotations

import re
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.support.workbench import make_project


def _first_line(process: subprocess.Popen[str], seconds: float = 30) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(seconds), "docgen serve printed nothing"
    return process.stdout.readline().rstrip("\n")


def test_serve_prints_its_address_first_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    import httpx

    project = make_project(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "--lang", "zh_CN", "serve", str(project.plan), "--no-browser"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _first_line(process)
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{32,})", line)
        assert match, line
        with httpx.Client() as client:
            assert client.get(f"http://127.0.0.1:{match[1]}/plan").status_code == 403
            assert client.get(line).status_code == 303
            assert client.get(f"http://127.0.0.1:{match[1]}/plan").status_code == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "工作台已停止"
    assert out == ""  # nothing but the address on standard output


def test_two_servers_get_different_tokens_and_ports(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    from docgen.web.server import WorkbenchServer

    project = make_project(tmp_path)
    first = WorkbenchServer(project.plan, returns_dir=project.returns)
    second = WorkbenchServer(project.plan, returns_dir=project.returns)
    try:
        assert first.port != second.port and first.token != second.token
        assert first.socket.getsockname()[0] == "127.0.0.1"
    finally:
        first.close()
        second.close()


def test_serve_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from docgen.web import server

    monkeypatch.setattr(server, "missing_packages", lambda: ["uvicorn", "python-multipart"])
    project = make_project(tmp_path)
    result = CliRunner().invoke(main, ["serve", str(project.plan), "--no-browser"])
    assert result.exit_code == 1, result.output
    assert "uvicorn, python-multipart" in result.output and "pip install 'docgen[serve]'" in result.output


def test_serve_refuses_a_port_that_is_taken(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    import socket

    project = make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(project.plan), "--no-browser", "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert f"127.0.0.1:{port}" in result.output
