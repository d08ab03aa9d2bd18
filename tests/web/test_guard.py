"""The workbench refuses what a local server must refuse, against a real server on 127.0.0.1.

No token, a wrong one, a foreign Host (DNS rebinding), a cross-origin or origin-less POST, other
methods, bodies too large or too slow, paths that lead out of the folders it may show.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

import httpx

from tests.support.workbench import base, entered, running_workbench


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with running_workbench(tmp_path_factory.mktemp("guard"), body_seconds=2.0) as running:
        yield running


def test_the_token_lets_the_browser_in_and_nothing_else_does(workbench) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with httpx.Client(base_url=base(server)) as client:
        assert client.get("/plan").status_code == 403
        refused = client.get("/plan?token=wrong")
        assert refused.status_code == 403
        assert refused.text.splitlines() == [
            "拒绝访问：缺少或错误的 token。请使用启动时显示的地址（含 token）打开工作台。",
            "Forbidden: no token or a wrong one.",
        ]
        assert client.get("/static/workbench.js").status_code == 403
        client.cookies.set(f"docgen_workbench_{server.port}", "wrong")
        assert client.get("/plan").status_code == 403
    with httpx.Client(base_url=base(server)) as client:
        first = client.get(server.url)
        assert first.status_code == 303 and first.headers["location"] == "/"
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and server.token in cookie
        page = client.get("/plan")
        assert page.status_code == 200 and 'data-testid="editor"' in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused_even_with_the_token(workbench) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with entered(server) as client:
        for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1", f"127.0.0.1:{server.port + 1}"):
            assert client.get("/plan", headers={"host": host}).status_code == 403, host
        assert client.get("/plan", headers={"host": f"localhost:{server.port}"}).status_code == 200


def test_a_post_from_another_origin_or_none_is_refused(workbench) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    before = project.plan.read_bytes()
    with entered(server) as client:
        digest = _digest(client)
        for origin in ("http://evil.example", f"http://127.0.0.1:{server.port + 1}", "null"):
            answer = client.post("/plan/save", data={"text": "x: 1", "digest": digest}, headers={"origin": origin})
            assert answer.status_code == 403, origin
        del client.headers["origin"]
        assert client.post("/plan/save", data={"text": "x: 1", "digest": digest}).status_code == 403
    assert project.plan.read_bytes() == before


def test_only_get_head_and_post_are_answered(workbench) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with entered(server) as client:
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
            assert client.request(method, "/plan").status_code == 405, method
        assert client.head("/plan").status_code == 200
        assert client.get("/plan/save").status_code == 405  # a change is never a GET


def _post_head(server, length: int) -> str:  # type: ignore[no-untyped-def]
    """The head of a POST from the workbench's own page, as raw HTTP, announcing a body of ``length`` bytes."""
    return (
        f"POST /plan/check HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nOrigin: {base(server)}\r\n"
        f"Cookie: docgen_workbench_{server.port}={server.token}\r\nContent-Length: {length}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    )


def test_a_body_too_large_is_refused_before_it_is_read(workbench) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(_post_head(server, 10**12).encode())
        assert raw.recv(100).startswith(b"HTTP/1.1 413")


def test_a_body_larger_than_it_said_is_cut_off(workbench) -> None:  # type: ignore[no-untyped-def]
    from docgen.web.guard import MAX_BODY

    server, _ = workbench
    with entered(server) as client:

        def chunks():  # type: ignore[no-untyped-def]
            block = b"a" * (1 << 20)
            for _ in range(MAX_BODY // len(block) + 2):
                yield block

        answer = client.post("/plan/check", content=chunks(), headers={"content-type": "text/plain"})
        assert answer.status_code == 413


def test_a_slow_client_is_cut_off_and_does_not_hold_up_others(workbench) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as slow:
        slow.sendall((_post_head(server, 1000) + "text=").encode())  # then nothing more
        with socket.create_connection(("127.0.0.1", server.port), timeout=20) as stalled:
            stalled.sendall(b"GET /plan HTTP/1.1\r\nHost: 127.0.0.1")  # headers never finished
            with entered(server) as client:  # meanwhile another request is served
                assert client.get("/plan").status_code == 200
        started = time.monotonic()
        answer = slow.recv(100)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "address",
    [
        "/no-such-page",
        "/files/plan/../../../../etc/passwd",
        "/files/plan/%2e%2e/%2e%2e/etc/passwd",
        "/files/plan/..%2f..%2fetc%2fpasswd",
        "/files/plan//etc/passwd",
        "/files/plan/campaign.yaml%00.png",
        "/files/root/etc/passwd",
        "/files/returns/.docgen/record.sqlite",
        "/files/out/.docgen-manifest.json",
        "/files/plan/outside-link/passwd",
        "/files/plan/passwd-link",
        "/preview/../../../../etc/passwd",
        "/static/../guard.py",
        "/static/../../cli/__init__.py",
    ],
)
def test_nothing_outside_the_folders_is_served(workbench, address: str) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    folder = project.plan.parent
    if not (folder / "outside-link").exists():
        (folder / "outside-link").symlink_to("/etc")
        (folder / "passwd-link").symlink_to("/etc/passwd")
    with entered(server) as client:
        answer = client.get(address)
        assert answer.status_code == 404, (address, answer.status_code)
        assert answer.text.startswith("没有这"), (address, answer.text)  # in words, never starlette's "Not Found"
        assert b"root:" not in answer.content


def test_a_file_of_the_plan_folder_is_served_sandboxed_and_as_a_download(workbench) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    (project.plan.parent / "report.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    with entered(server) as client:
        answer = client.get("/files/plan/report.html")
        assert answer.status_code == 200
        assert answer.headers["content-disposition"].startswith("attachment")
        assert answer.headers["content-security-policy"].startswith("sandbox")
        assert answer.headers["x-content-type-options"] == "nosniff"
        plan = client.get("/files/plan/campaign.yaml")
        assert plan.content == project.plan.read_bytes()


def _digest(client: httpx.Client) -> str:
    import re

    match = re.search(r'name="digest" id="digest" value="([0-9a-f]{64})"', client.get("/plan").text)
    assert match is not None
    return match.group(1)


def test_uploads_are_bounded_and_named_safely(workbench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docgen.web import month_views

    server, project = workbench
    with entered(server) as client:
        many = [("files", (f"教务处-{i}.txt", b"x")) for i in range(month_views.MAX_FILES + 1)]
        answer = client.post("/month/receive", files=many, data={"unit": "academic_affairs"})
        assert "一次超过" in answer.text
        evil = client.post(
            "/templates/upload", files={"file": ("../../evil.docx", b"PK\x03\x04")}, data={"replace": "1"}
        )
        assert "不能使用" in evil.text
        not_docx = client.post("/templates/upload", files={"file": ("notice.exe", b"MZ")})
        assert "不是 .docx" in not_docx.text
        received = client.post(
            "/month/receive", files={"files": ("../../../教务处-总结.txt", b"hello")}, data={"unit": "academic_affairs"}
        )
        assert received.status_code == 200 and 'data-outcome="filed"' in received.text, received.text
    assert not (project.root / "evil.docx").exists() and not (project.root.parent / "evil.docx").exists()
    outside = [p for p in project.root.parent.rglob("*总结.txt") if not p.is_relative_to(project.returns)]
    assert outside == []
