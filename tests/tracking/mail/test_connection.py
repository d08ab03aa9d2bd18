"""The mailbox reached as asked (ssl, starttls, none), read without a change, and every failure a clear error.

Against a real Dovecot for what a server does right, and against scripted servers on 127.0.0.1
for what a hostile one does: stall, trickle, flood, announce a 100 GB literal, echo the password.
"""

from __future__ import annotations

import datetime as dt
import imaplib
from pathlib import Path

import pytest

from docgen.errors import MailError
from docgen.tracking.mail.connection import Account, Security, Timeouts, parse_server, session
from docgen.tracking.mail.mailbox import Mailbox, mailbox_name
from tests.support import fake_imap
from tests.support.dovecot import CHINA, Dovecot, MailUser

ARRIVED = dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)
FIRST = b"From: jwc@example.edu.cn\r\nSubject: hi\r\nMessage-ID: <m1@example.edu.cn>\r\n\r\nbody\r\n"
SECOND = b"From: tw@example.edu.cn\r\nSubject: no id\r\n\r\nbody 2\r\n"
EARLY = b"From: tw@example.edu.cn\r\nSubject: before\r\n\r\nold\r\n"
FAST = Timeouts(idle=0.5, command=3.0)


def _port(server: Dovecot, security: Security) -> int:
    return server.ssl_port if security == "ssl" else server.port


def _code(error: pytest.ExceptionInfo[MailError]) -> str:
    return error.value.problems[0].code


def _failure(script: fake_imap.Script, security: Security, password: str, timeouts: Timeouts = FAST) -> MailError:
    """The error a session with the scripted server ends in."""
    with (
        fake_imap.fake_server(script) as port,
        pytest.raises(MailError) as failed,
        session(Account("127.0.0.1", port, "u", security), password, timeouts),
    ):
        pass
    return failed.value


@pytest.mark.parametrize("security", ["ssl", "starttls", "none"])
def test_each_security_reads_the_messages_since_a_day_and_changes_nothing(
    dovecot: Dovecot, mail_user: MailUser, security: Security
) -> None:
    mail_user.append(FIRST, ARRIVED)
    mail_user.append(SECOND, ARRIVED + dt.timedelta(hours=30))
    mail_user.append(EARLY, dt.datetime(2019, 4, 20, 23, 30, tzinfo=CHINA))
    before = mail_user.flags()
    account = Account("127.0.0.1", _port(dovecot, security), mail_user.name, security)
    with session(account, mail_user.password, cafile=dovecot.cafile) as opened:
        mailbox = Mailbox(opened, "INBOX", 1024 * 1024)
        uids, total = mailbox.since(dt.date(2019, 4, 28))
        arrivals = mailbox.arrivals(uids)
        bodies = [mailbox.message(arrival) for arrival in arrivals]
    assert (uids, total) == ([1, 2], 2)
    assert [a.arrived_at for a in arrivals] == [ARRIVED, ARRIVED + dt.timedelta(hours=30)]
    assert [a.message_id for a in arrivals] == ["<m1@example.edu.cn>", None]
    assert bodies == [FIRST, SECOND]
    assert [a.size for a in arrivals] == [len(FIRST), len(SECOND)]
    assert mail_user.flags() == before
    assert all(b"\\Seen" not in flags for flags in mail_user.flags())


def test_the_search_starts_a_day_early_for_the_caller_to_compare_times(dovecot: Dovecot, mail_user: MailUser) -> None:
    mail_user.append(EARLY, dt.datetime(2019, 4, 25, 12, 0, tzinfo=CHINA))
    mail_user.append(SECOND, dt.datetime(2019, 4, 27, 12, 0, tzinfo=CHINA))  # the day before: a UTC server's 4/28?
    mail_user.append(FIRST, ARRIVED)
    with session(Account("127.0.0.1", dovecot.port, mail_user.name, "none"), mail_user.password) as opened:
        mailbox = Mailbox(opened, "INBOX", 1024 * 1024)
        uids, _ = mailbox.since(dt.date(2019, 4, 28))
        assert [a.arrived_at for a in mailbox.arrivals(uids)] == [
            dt.datetime(2019, 4, 27, 12, 0, tzinfo=CHINA),
            ARRIVED,
        ]


def test_a_folder_with_a_chinese_name(dovecot: Dovecot, mail_user: MailUser) -> None:
    mail_user.append(FIRST, ARRIVED, folder=mailbox_name("宣传月回执"))
    account = Account("127.0.0.1", dovecot.port, mail_user.name, "none")
    with session(account, mail_user.password) as opened:
        mailbox = Mailbox(opened, "宣传月回执", 1024 * 1024)
        assert mailbox.since(dt.date(2019, 5, 1)) == ([1], 1)
        with pytest.raises(MailError) as missing:
            Mailbox(opened, "没有这个文件夹", 1024 * 1024)
    assert _code(missing) == "mail-no-folder"


def test_mailbox_names_are_modified_utf7_and_quoted() -> None:
    assert mailbox_name("INBOX") == '"INBOX"'
    assert mailbox_name("宣传月") == '"&W6NPIGcI-"'
    assert mailbox_name('a&b "c"\\') == '"a&-b \\"c\\"\\\\"'


def test_the_certificate_is_verified(dovecot: Dovecot, mail_user: MailUser) -> None:
    account = Account("127.0.0.1", dovecot.ssl_port, mail_user.name, "ssl")
    with pytest.raises(MailError) as untrusted, session(account, mail_user.password):
        pass  # the system's authorities do not know the test server's own certificate
    assert _code(untrusted) == "mail-certificate"
    assert mail_user.password not in str(untrusted.value)


def test_a_wrong_password_is_a_refused_login_that_shows_no_password(dovecot: Dovecot, mail_user: MailUser) -> None:
    account = Account("127.0.0.1", dovecot.port, mail_user.name, "none")
    with pytest.raises(MailError) as refused, session(account, "wrong-password-7d1e"):
        pass
    assert refused.value.problems[0].code == "mail-login-failed"
    assert "wrong-password-7d1e" not in str(refused.value)


def test_none_is_refused_for_a_server_that_is_not_this_computer() -> None:
    with pytest.raises(MailError) as refused, session(Account("192.0.2.7", 143, "u", "none"), "secret"):
        pass
    assert _code(refused) == "mail-insecure-remote"


def test_a_password_a_login_cannot_carry_is_refused_before_connecting() -> None:
    with pytest.raises(MailError) as refused, session(Account("192.0.2.7", 993, "u", "ssl"), "授权码\r\nA1 LOGOUT"):
        pass
    assert _code(refused) == "mail-password-not-ascii"


@pytest.mark.parametrize(
    ("script", "timeouts", "code"),
    [
        (fake_imap.stalls, FAST, "mail-stalled"),
        (fake_imap.trickles, Timeouts(idle=1.0, command=0.5), "mail-stalled"),
        (fake_imap.announces_a_huge_literal, FAST, "mail-server-too-much"),
        (fake_imap.floods, FAST, "mail-server-too-much"),
        (fake_imap.closes, FAST, "mail-protocol"),
    ],
)
def test_a_hostile_server_ends_in_a_clear_error(script: fake_imap.Script, timeouts: Timeouts, code: str) -> None:
    problem = _failure(script, "none", "secret-1", timeouts).problems[0]
    assert problem.code == code
    assert str(problem.params["server"]).startswith("127.0.0.1:")


def test_starttls_is_never_skipped() -> None:
    assert _failure(fake_imap.offers_no_starttls, "starttls", "secret-2").problems[0].code == "mail-no-starttls"


def test_a_server_that_echoes_the_password_has_it_shown_nowhere() -> None:
    failure = _failure(fake_imap.echoes_the_password, "none", "echoed-secret-99")
    assert failure.problems[0].code == "mail-login-failed"
    assert "echoed-secret-99" not in str(failure)


@pytest.mark.parametrize(
    ("text", "security", "expected"),
    [
        ("imap.qq.com", "ssl", ("imap.qq.com", 993)),
        ("imap.qq.com", "starttls", ("imap.qq.com", 143)),
        ("imap.qq.com:1993", "ssl", ("imap.qq.com", 1993)),
        ("[::1]:143", "none", ("::1", 143)),
        ("[::1]", "ssl", ("::1", 993)),
    ],
)
def test_server_names_with_and_without_a_port(text: str, security: Security, expected: tuple[str, int]) -> None:
    assert parse_server(text, security) == expected


@pytest.mark.parametrize("text", ["", "imap.qq.com:", "imap.qq.com:99999", "a b", "user@host", "[::1]x", "h:1:2:3"])
def test_what_is_no_server_is_refused(text: str, tmp_path: Path) -> None:
    with pytest.raises(MailError) as refused:
        parse_server(text, "ssl")
    assert _code(refused) == "mail-bad-server"


def test_imaplib_s_debug_output_never_shows_the_password(
    dovecot: Dovecot, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(imaplib, "Debug", 5)  # a script that imports docgen may have turned it on
    with session(Account("127.0.0.1", dovecot.port, mail_user.name, "none"), mail_user.password) as opened:
        Mailbox(opened, "INBOX", 1024)
    captured = capsys.readouterr()
    assert "CAPABILITIES" in captured.err  # imaplib did speak, before the login
    assert mail_user.password not in captured.err + captured.out
