"""LibreOffice fetches nothing, even for a document that links a remote picture; a killed run's leftovers go."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import docgen
from docgen.office import convert
from tests.support.paths import SHIPPED_PLAN

_DRAWING = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="914400" cy="914400"/><wp:docPr id="99" name="Picture 99"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="99" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:link="rIdRemote"/>'
    '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
    "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
)


@pytest.fixture
def requests_seen() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request; yields its address and the list."""
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(f"{self.command} {self.path}")
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_OPTIONS = do_PROPFIND = do_GET  # noqa: N815 - likewise

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        thread.join()


def _linking_document(tmp_path: Path, url: str) -> Path:
    """A rendered letter with a picture linked from ``url``, the way an edited document could hold one."""
    [letter] = docgen.render(SHIPPED_PLAN, tmp_path / "out", only="letter")
    with zipfile.ZipFile(letter) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    body = parts["word/document.xml"].decode("utf-8")
    start = body.index("<w:body>") + len("<w:body>")
    parts["word/document.xml"] = (body[:start] + _DRAWING + body[start:]).encode("utf-8")
    relationship = (
        f'<Relationship Id="rIdRemote" TargetMode="External" Target="{url}/x.png"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", relationship.encode("utf-8"))
    path = tmp_path / "linking.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _assert_converted_without_a_request(tmp_path: Path, requests_seen: tuple[str, list[str]]) -> None:
    """A document linking a picture on the recording server is converted, and the server saw no request."""
    url, seen = requests_seen
    [pdf] = convert.convert_to_pdf([_linking_document(tmp_path, url)], tmp_path / "pdf")
    assert pdf.stat().st_size > 0
    assert seen == []


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_fetches_nothing_for_a_linked_picture(tmp_path: Path, requests_seen: tuple[str, list[str]]) -> None:
    _assert_converted_without_a_request(tmp_path, requests_seen)


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(not convert.network_isolation(), reason="this system lets no user make a network namespace")
def test_libreoffice_has_no_network_even_when_its_settings_would_fetch(
    tmp_path: Path, requests_seen: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the profile's blocks and the dead proxy are gone: only the namespace stands between
    # LibreOffice and the server (without it, LibreOffice asks for the picture three times)
    monkeypatch.setattr(convert, "_OFFLINE_SETTINGS", ())
    monkeypatch.setattr(convert, "_OFFLINE_ENV", {})
    _assert_converted_without_a_request(tmp_path, requests_seen)


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_without_a_namespace_the_settings_keep_libreoffice_offline(
    tmp_path: Path, requests_seen: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "network_isolation", lambda: ())
    _assert_converted_without_a_request(tmp_path, requests_seen)


def test_the_namespace_is_used_where_the_system_allows_it(tmp_path: Path, requests_seen: tuple[str, list[str]]) -> None:
    office = "/usr/bin/soffice"
    command = convert._command(office, tmp_path / "profile", tmp_path / "out", [tmp_path / "a.docx"])
    isolation = convert.network_isolation()
    assert command[: len(isolation) + 1] == [*isolation, office]
    if isolation:  # a program started as LibreOffice is cannot reach even this machine
        url, seen = requests_seen
        opener = "urllib.request.build_opener(urllib.request.ProxyHandler({}))"  # straight to the server
        fetch = f"import urllib.request; {opener}.open({url + '/x.png'!r}, timeout=5)"
        attempt = subprocess.run([*isolation, sys.executable, "-c", fetch], capture_output=True, text=True)
        assert attempt.returncode != 0
        assert "unreachable" in attempt.stderr
        assert seen == []
    assert convert._command("/snap/bin/libreoffice", tmp_path, tmp_path, [])[0] == "/snap/bin/libreoffice"


def test_a_system_without_namespaces_converts_as_before(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "unshare"
    fake.write_text("#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    convert.network_isolation.cache_clear()
    try:
        assert convert.network_isolation() == ()
        assert convert._command("soffice", tmp_path, tmp_path, [])[0] == "soffice"
    finally:
        convert.network_isolation.cache_clear()


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_the_leftovers_of_a_killed_conversion_are_swept_by_the_next(tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=convert.WORK_PREFIX))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # the docgen run that was killed: its process id is free
    # the office it left running, recognisable by its private profile on its command line
    office = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", (work / "profile").as_uri()], start_new_session=True
    )
    (work / convert.OWNER_FILE).write_text(f"{gone.pid} {office.pid}\n", encoding="utf-8")
    (work / "in").mkdir()
    for _ in range(100):  # until the child has become the program it runs (its command line shows it)
        if convert._runs_with_profile(office.pid, work / "profile"):
            break
        time.sleep(0.05)
    try:
        convert.sweep_leftovers()
        assert office.wait(timeout=10) != 0  # killed
        assert not work.exists()
    finally:
        if office.poll() is None:
            office.kill()
        shutil.rmtree(work, ignore_errors=True)


def test_a_running_conversion_is_not_swept(tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=convert.WORK_PREFIX))
    try:
        (work / convert.OWNER_FILE).write_text(f"{os.getpid()} 0\n", encoding="utf-8")
        convert.sweep_leftovers()
        assert work.exists()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_a_conversion_whose_record_is_being_written_is_not_swept(tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=convert.WORK_PREFIX))
    try:
        (work / f"{convert.OWNER_FILE}0").write_text("", encoding="utf-8")  # created, not yet written
        convert.sweep_leftovers()
        assert work.exists()
    finally:
        shutil.rmtree(work, ignore_errors=True)
