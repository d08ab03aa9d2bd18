"""docgen fetch-mail as the officer runs it: against a real Dovecot, the password never in any output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from tests.support.dovecot import ZONE, Dovecot, MailUser
from tests.support.mail_month import contacts_plan
from tests.support.plans import plan_with

WEEK_2 = "报送本周活动开展情况/第2周（5月2日至5月8日）"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _everything_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_the_command_files_the_month_twice_over_once_and_never_shows_the_password(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    env = {
        **os.environ,
        "DOCGEN_MAIL_PASSWORD": month_mailbox.password,
        "SSL_CERT_FILE": str(dovecot.cafile),
        "TZ": ZONE,
    }
    args = ["fetch-mail", str(plan), "--server", f"127.0.0.1:{dovecot.ssl_port}", "--user", month_mailbox.name]
    first = _run([*args, "--returns", str(returns)], env)
    assert first.returncode == 0, first.stderr
    assert (
        f"技能大赛开放日.docx -> {WEEK_2}/教务处-技能大赛开放日.docx "
        "(教务处, 报送本周活动开展情况 第2周（5月2日至5月8日）, received 2019-05-07 10:00)"  # in the TZ of the run
    ) in first.stdout
    assert "IMG_2034.jpg -> 未识别/IMG_2034.jpg: no unit or deadline found" in first.stdout
    assert "补充材料.docx: warning: the file is a program (Windows)" in first.stdout
    assert "5 files filed, 1 in 未识别/" in first.stdout.replace("\n", " ")
    second = _run([*args, "--returns", str(returns)], env)
    assert second.returncode == 0, second.stderr
    assert "0 files filed, 0 in 未识别/" in second.stdout
    chinese = _run(["--lang", "zh_CN", *args, "--returns", str(returns)], env)
    assert chinese.returncode == 0, chinese.stderr
    assert "自 2019年4月28日 起：9 封邮件，其中 6 封此前已收取" in chinese.stdout  # fetched before, read or not
    for output in (first.stdout, first.stderr, second.stdout, second.stderr):
        assert month_mailbox.password not in output
    assert month_mailbox.password.encode() not in _everything_under(tmp_path)


def test_the_password_is_asked_for_and_not_shown(dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path) -> None:
    args = ["fetch-mail", str(contacts_plan(tmp_path)), "--returns", str(tmp_path / "回收")]
    args += ["--server", f"127.0.0.1:{dovecot.port}", "--user", month_mailbox.name, "--security", "none"]
    result = CliRunner(env={"DOCGEN_MAIL_PASSWORD": ""}).invoke(main, args, input=month_mailbox.password + "\n")
    assert result.exit_code == 0, result.output
    assert f"授权码 (password) of {month_mailbox.name} at 127.0.0.1:{dovecot.port}:" in result.output
    assert "5 files filed" in result.output
    assert month_mailbox.password not in result.output


def test_no_password_typed_is_a_clear_error(dovecot: Dovecot, mail_user: MailUser, tmp_path: Path) -> None:
    args = ["fetch-mail", str(contacts_plan(tmp_path)), "--server", f"127.0.0.1:{dovecot.port}"]
    args += ["--user", mail_user.name, "--security", "none", "--returns", str(tmp_path / "回收")]
    result = CliRunner(env={"DOCGEN_MAIL_PASSWORD": ""}).invoke(main, args, input="\n")
    assert result.exit_code == 1
    assert "no password for the mailbox (set DOCGEN_MAIL_PASSWORD" in result.output


def test_a_wrong_password_is_refused_without_showing_it(dovecot: Dovecot, mail_user: MailUser, tmp_path: Path) -> None:
    args = ["fetch-mail", str(contacts_plan(tmp_path)), "--server", f"127.0.0.1:{dovecot.port}"]
    args += ["--user", mail_user.name, "--security", "none", "--returns", str(tmp_path / "回收")]
    result = CliRunner(env={"DOCGEN_MAIL_PASSWORD": "not-the-password-3f9"}).invoke(main, args)
    assert result.exit_code == 1
    assert f"127.0.0.1:{dovecot.port} refused the login of {mail_user.name}" in result.output
    assert "not-the-password-3f9" not in result.output
    assert not (tmp_path / "回收").exists()


def test_the_plan_names_the_mailbox_and_the_options_override_it(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    mail = f"mail:\n  server: '127.0.0.1:{dovecot.port}'\n  user: {month_mailbox.name}\n"
    mail += "  security: none\n  folder: 回执\n\n"
    plan = plan_with(tmp_path, ("contact:\n  name: 李杉杉\n", mail + "contact:\n  name: 李杉杉\n"))
    runner = CliRunner(env={"DOCGEN_MAIL_PASSWORD": month_mailbox.password})
    missing = runner.invoke(main, ["fetch-mail", str(plan), "--returns", str(tmp_path / "回收")])
    assert missing.exit_code == 1
    assert f"127.0.0.1:{dovecot.port} has no folder '回执'" in missing.output
    result = runner.invoke(main, ["fetch-mail", str(plan), "--folder", "INBOX", "--returns", str(tmp_path / "回收")])
    assert result.exit_code == 0, result.output
    # without 联络员 e-mail addresses, 教务处's report is known by its first line, its photo waits in 未识别/
    assert "4 files filed, 2 in 未识别/" in result.output
    assert "现场.jpg -> 未识别/现场.jpg" in result.output


def test_without_a_server_or_to_a_remote_one_in_clear(tmp_path: Path) -> None:
    plan = contacts_plan(tmp_path)
    runner = CliRunner(env={"DOCGEN_MAIL_PASSWORD": "x"})
    result = runner.invoke(main, ["fetch-mail", str(plan), "--user", "a@qq.com"])
    assert result.exit_code == 1
    assert "no mail server given (give --server imap.qq.com" in result.output
    result = runner.invoke(
        main, ["fetch-mail", str(plan), "--server", "192.0.2.9", "--user", "u", "--security", "none"]
    )
    assert result.exit_code == 1
    assert "--security none would send the password unencrypted to 192.0.2.9:143" in result.output


def test_the_command_speaks_chinese(dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path) -> None:
    args = ["--lang", "zh_CN", "fetch-mail", str(contacts_plan(tmp_path)), "--returns", str(tmp_path / "回收")]
    args += ["--server", f"127.0.0.1:{dovecot.port}", "--user", month_mailbox.name, "--security", "none"]
    result = CliRunner(env={"DOCGEN_MAIL_PASSWORD": month_mailbox.password}).invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "归档 5 个文件" in result.output


def test_the_help_keeps_the_spaces_between_english_words_around_chinese_ones() -> None:
    result = CliRunner().invoke(main, ["fetch-mail", "--help"], terminal_width=200)
    assert "else it is asked for and not shown. The mailbox is never changed" in result.output
    assert "before 'docgen status'. Files whose unit" in result.output
