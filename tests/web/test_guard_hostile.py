"""The workbench against a hostile client: the first visit sends nowhere else; saves side by side lose nothing."""

from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

import httpx

from tests.support.workbench import base, entered, running_workbench


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with running_workbench(tmp_path_factory.mktemp("hostile")) as running:
        yield running


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/%2Fevil.example", "/evil.example"),  # "//evil.example": another site to a browser
        ("/%5C%5Cevil.example", "/evil.example"),  # "/\\evil.example": the same to a browser
        ("/plan%0D%0ASet-Cookie:%20x=1", "/plan%0D%0ASet-Cookie%3A%20x%3D1"),  # no header of the client's making
        ("/files/returns/%E6%80%BB%E7%BB%93.docx", "/files/returns/%E6%80%BB%E7%BB%93.docx"),
    ],
)
def test_the_first_visit_sends_the_browser_only_to_this_server(workbench, path: str, location: str) -> None:  # type: ignore[no-untyped-def]
    server, _ = workbench
    with httpx.Client(base_url=base(server)) as client:
        first = client.get(f"{path}?token={server.token}")
    assert first.status_code == 303
    assert first.headers["location"] == location
    assert "x=1" not in first.headers.get("set-cookie", "")


def test_two_saves_of_one_version_at_once_keep_one_whole_text(workbench) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    with entered(server) as client:
        page = client.get("/plan").text
    match = re.search(r'name="digest" id="digest" value="([0-9a-f]{64})"', page)
    assert match is not None
    original = project.plan.read_text(encoding="utf-8")
    texts = [original.replace("职业教育宣传月", f"职业教育宣传月（第{n}稿）") for n in (1, 2)]
    answers: list[str] = []

    def save(text: str) -> None:
        with entered(server) as client:
            answer = client.post(
                "/plan/save", data={"text": text, "digest": match.group(1)}, headers={"origin": base(server)}
            )
            answers.append(answer.text)

    threads = [threading.Thread(target=save, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    try:
        saved = project.plan.read_text(encoding="utf-8")
        assert saved in texts  # one whole text, never a mixture
        assert sum('data-testid="saved"' in answer for answer in answers) == 1  # the other is told it changed
    finally:
        project.plan.write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("sent", "filed"),
    [("教务处总结.docx".encode("gbk"), "教务处总结.docx"), ("café.docx".encode(), "教务处-café.docx")],
)
def test_an_uploaded_name_that_is_no_utf8_is_read_as_gbk(workbench, sent: bytes, filed: str) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    body = b"".join(
        [
            b'--B\r\nContent-Disposition: form-data; name="files"; filename="' + sent + b'"\r\n',
            b"Content-Type: application/octet-stream\r\n\r\n" + sent + b"\r\n",
            b'--B\r\nContent-Disposition: form-data; name="unit"\r\n\r\nacademic_affairs\r\n',
            b'--B\r\nContent-Disposition: form-data; name="deadline"\r\n\r\nsummary\r\n--B--\r\n',
        ]
    )
    headers = {"origin": base(server), "content-type": "multipart/form-data; boundary=B"}
    with entered(server) as client:
        answer = client.post("/month/receive", content=body, headers=headers)
    assert answer.status_code == 200 and 'data-outcome="filed"' in answer.text, answer.text
    assert (project.returns / "报送宣传成果总结（5月24日前）" / filed).read_bytes() == sent


def test_a_plan_larger_than_a_form_field_saves_and_one_larger_than_a_plan_is_refused_in_words(workbench) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    original = project.plan.read_text(encoding="utf-8")
    grown = original + "".join(f"# 第{n}行注释：宣传月活动安排说明文字。\n" for n in range(40_000))  # 2 MB sent
    try:
        with entered(server) as client:
            match = re.search(r'name="digest" id="digest" value="([0-9a-f]{64})"', client.get("/plan").text)
            assert match is not None
            headers = {"origin": base(server)}
            saved = client.post("/plan/save", data={"text": grown, "digest": match.group(1)}, headers=headers)
            assert saved.status_code == 200 and 'data-testid="saved"' in saved.text
            assert project.plan.read_text(encoding="utf-8") == grown
            huge = grown * 3  # more than a plan may be
            refused = client.post("/plan/save", data={"text": huge, "digest": "0" * 64}, headers=headers)
            assert refused.status_code == 200 and 'data-testid="save-refused"' in refused.text
            assert "4 MiB" in refused.text and 'id="digest"' not in refused.text  # the page keeps its digest
            checked = client.post("/plan/check", data={"text": huge}, headers=headers)
            assert checked.status_code == 200 and "4 MiB" in checked.text
        assert project.plan.read_text(encoding="utf-8") == grown
    finally:
        project.plan.write_text(original, encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="such names exist on Linux and macOS only")
def test_a_returned_file_whose_name_is_no_utf8_is_shown_not_a_server_error(workbench) -> None:  # type: ignore[no-untyped-def]
    server, project = workbench
    folder = project.returns / "未识别"
    folder.mkdir(parents=True, exist_ok=True)
    saved = Path(os.fsdecode(os.fsencode(folder) + b"/" + "教务处.docx".encode("gbk")))
    saved.write_bytes(b"a report")
    try:
        with entered(server) as client:
            for address in ("/month?on=2030-01-01", "/month/grid?on=2030-01-01"):
                answer = client.get(address)
                assert answer.status_code == 200 and "\ufffd" in answer.text, address
    finally:
        saved.unlink()
