"""The far end of ``docgen.office.warm``: one LibreOffice kept running, converting on request.

Run as a script by a Python that has LibreOffice's ``uno`` module (Debian's ``python3-uno``, or
the Python LibreOffice ships), never imported by docgen's own code: it uses the standard library
and ``uno`` only, and imports ``uno`` when it runs (importing this module does nothing).
Arguments: the soffice program, the profile's URL, the name of the UNO pipe. It starts soffice
headless with that profile, listening on the pipe, connects, and prints ``{"ready": true}``.
Then each line on standard input is a request, ``{"convert": [[docx, pdf], ...]}``, answered by
one line, ``{"done": [...]}`` or ``{"error": "..."}``. At the end of its input it closes
LibreOffice and exits; docgen's side kills the process group should it not.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CONNECT_SECONDS = 60.0


def _properties(uno: Any, **values: Any) -> tuple[Any, ...]:
    found = []
    for name, value in values.items():
        item = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        item.Name, item.Value = name, value
        found.append(item)
    return tuple(found)


def _connect(uno: Any, pipe: str, office: subprocess.Popen[bytes]) -> Any:
    """The running office's desktop, once it answers on ``pipe``."""
    not_yet = uno.getClass("com.sun.star.connection.NoConnectException")
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except not_yet:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(uno: Any, desktop: Any, source: str, target: str) -> None:
    """One .docx to PDF, as ``soffice --convert-to pdf:writer_pdf_Export`` makes it."""
    document = desktop.loadComponentFromURL(
        Path(source).resolve().as_uri(), "_blank", 0, _properties(uno, Hidden=True, ReadOnly=True)
    )
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {source}")
    try:
        # the blank pages Writer inserts itself are kept, as convert.PDF_FILTER keeps them
        keep_blank = uno.Any("[]com.sun.star.beans.PropertyValue", _properties(uno, IsSkipEmptyPages=False))
        export = _properties(uno, FilterName="writer_pdf_Export", FilterData=keep_blank)
        uno.invoke(document, "storeToURL", (Path(target).resolve().as_uri(), export))
    finally:
        document.close(True)


def main() -> None:
    """Start the office, answer requests until standard input ends, then close it."""
    import uno  # type: ignore[import-not-found]  # only in the Python LibreOffice's UNO bindings are for

    program, profile, pipe = sys.argv[1:4]
    accept = f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"
    command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={profile}", accept]  # fmt: skip
    office = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _connect(uno, pipe, office)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                done = []
                for source, target in request["convert"]:
                    _convert(uno, desktop, source, target)
                    done.append(target)
                answer: dict[str, Any] = {"done": done}
            except Exception as exc:  # the office's own exceptions: reported, the office kept
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
        with contextlib.suppress(Exception):  # already gone: the connection closes with it
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
        os._exit(0)


if __name__ == "__main__":
    main()
