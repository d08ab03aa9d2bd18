"""收取邮件 at a click: the plan's mailbox (a real Dovecot) read into the returns folder, the password kept nowhere."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from tests.support.dovecot import Dovecot, MailUser
from tests.support.mail_month import contacts_plan
from tests.support.workbench import MAY_9, entered


def test_fetch_mail_files_the_month_and_keeps_no_password(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    from docgen.web.server import WorkbenchServer

    plan = contacts_plan(tmp_path)
    mailbox = f"\nmail:\n  server: '127.0.0.1:{dovecot.port}'\n  user: {month_mailbox.name}\n  security: none\n"
    plan.write_text(plan.read_text(encoding="utf-8") + mailbox, encoding="utf-8")
    returns = tmp_path / "回收"
    server = WorkbenchServer(plan, returns_dir=returns, out_dir=tmp_path / "out" / "2019", reports_dir=tmp_path / "out")
    server.workbench.clock = lambda: MAY_9
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with entered(server) as client:
            page = client.get("/month").text
            assert 'data-testid="mail-password"' in page and f"{month_mailbox.name}（127.0.0.1:{dovecot.port}）" in page
            started = client.post("/month/fetch-mail", data={"password": month_mailbox.password})
            assert month_mailbox.password not in started.text
            deadline = time.monotonic() + 60
            while "完成" not in (state := client.get("/task").text) and time.monotonic() < deadline:
                time.sleep(0.3)
            assert "收取邮件完成" in state, state
            assert "教务处-技能大赛开放日.docx" in state  # a link to each file filed
            grid = client.get("/month/grid?on=2019-05-09").text
        filed = {p.name for p in returns.rglob("*") if p.is_file() and ".docgen" not in p.parts}
        assert {"教务处-技能大赛开放日.docx", "团委-活动安排表（团委）.docx"} <= filed
        assert "已收" in grid
        secret = month_mailbox.password.encode()
        assert [p for p in tmp_path.rglob("*") if p.is_file() and secret in p.read_bytes()] == []
        assert secret not in repr(vars(server.workbench.task)).encode()
    finally:
        server.stop()
        thread.join(30)
