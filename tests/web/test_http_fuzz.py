"""Hypothesis drives the workbench's HTTP inputs: whatever the method, path, headers and body, no crash,
nothing without the token, nothing outside the folders it may show.

The application runs in-process (Starlette's test client) over a project in a temporary folder;
``make fuzz`` runs many more examples (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from hypothesis import given
from hypothesis import strategies as st

from tests.support.workbench import make_project

PORT = 48123
TOKEN = "t0ken-for-the-fuzz-tests-only-1234567890"
SECRET = "the-secret-beside-the-project"
_OK_STATUSES = {200, 303, 307, 400, 403, 404, 405, 408, 413}  # 307: Starlette adds a missing slash (/files/../)


pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from starlette.testclient import TestClient

    from docgen.web.app import make_app
    from docgen.web.guard import GuardSettings
    from docgen.web.workbench import Workbench

    root = tmp_path_factory.mktemp("fuzz")
    project = make_project(root / "project")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    bench = Workbench(
        project.plan,
        cache_dir=root / "cache",
        returns_dir=project.returns,
        out_dir=project.out,
        reports_dir=project.reports,
    )
    app = make_app(bench, GuardSettings(PORT, TOKEN, max_body=64 * 1024))
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}", raise_server_exceptions=False) as test_client:
        yield test_client
    bench.close()


_segment = st.one_of(
    st.sampled_from(["..", ".", "", "%2e%2e", "..%2f", "%00", "secret.txt", "campaign.yaml", "~$x", ".docgen"]),
    st.text(alphabet=string.ascii_letters + string.digits + "./%\\~$-_中文", max_size=12),
)
_paths = st.tuples(
    st.sampled_from(["/files/plan/", "/files/out/", "/files/returns/", "/files/x/", "/preview/", "/static/", "/"]),
    st.lists(_segment, max_size=6),
).map(lambda parts: parts[0] + "/".join(parts[1]))
_header_text = st.text(alphabet=string.printable.replace("\r", "").replace("\n", ""), max_size=60)


@given(
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]),
    path=_paths,
    host=st.one_of(st.just(f"127.0.0.1:{PORT}"), st.just(f"localhost:{PORT}"), _header_text),
    origin=st.one_of(st.none(), st.just(f"http://127.0.0.1:{PORT}"), _header_text),
    cookie=st.one_of(st.none(), st.just(f"docgen_workbench_{PORT}={TOKEN}"), _header_text),
    body=st.binary(max_size=2000),
)
def test_any_request_is_answered_without_a_crash_or_a_leak(
    client: Any, method: str, path: str, host: str, origin: str | None, cookie: str | None, body: bytes
) -> None:
    headers = {"host": host}
    if origin is not None:
        headers["origin"] = origin
    if cookie is not None:
        headers["cookie"] = cookie
    client.cookies.clear()
    answer = client.request(method, path, headers=headers, content=body, follow_redirects=False)
    assert answer.status_code in _OK_STATUSES, (method, path, answer.status_code, answer.text[:300])
    assert SECRET.encode() not in answer.content
    if answer.status_code in (303, 307):  # a redirect stays on this server
        location = answer.headers["location"]
        assert location.startswith(("/", f"http://{host}/")) and not location.startswith("//"), location
    let_in = host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}") and cookie == f"docgen_workbench_{PORT}={TOKEN}"
    if not let_in:
        assert answer.status_code in (403, 405), (method, path, host, cookie, answer.status_code)


@given(name=st.text(max_size=80), data=st.binary(max_size=300))
def test_any_dropped_template_name_stays_in_the_templates_folder(client: Any, name: str, data: bytes) -> None:
    headers = {"host": f"127.0.0.1:{PORT}", "origin": f"http://127.0.0.1:{PORT}"}
    client.cookies.set(f"docgen_workbench_{PORT}", TOKEN)
    plan_folder = Path(client.app.app.state.workbench.plan_path).parent
    root = plan_folder.parent.parent
    before = {p for p in root.rglob("*") if p.is_file()}
    answer = client.post("/templates/upload", files={"file": (name, data)}, headers=headers)
    assert answer.status_code == 200, answer.text[:300]
    new = {p for p in root.rglob("*") if p.is_file()} - before
    assert all(p.parent == plan_folder / "templates" and p.suffix == ".docx" for p in new), new
