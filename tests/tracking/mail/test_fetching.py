"""A month of mail on a real Dovecot read into the returns folder: each file once, in its place, with when it came."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path, PurePosixPath
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import Finding, MailError, WriteError
from docgen.inputs.mail import MailLimits
from docgen.plan.files import load_plan
from docgen.tracking.mail.connection import Account, Security, Timeouts
from docgen.tracking.mail.fetching import MailReport, fetch_mail
from docgen.tracking.receiving import ALREADY, FILED, HELD
from tests.support import fake_imap
from tests.support.dovecot import Dovecot, MailUser
from tests.support.mail_month import ACADEMIC, UNION_REPORT, at, contacts_plan, month
from tests.support.mail_samples import CHINA, camera_photo, modern_message

WEEK_1 = "报送本周活动开展情况/第1周（4月28日至5月1日）"
WEEK_2 = "报送本周活动开展情况/第2周（5月2日至5月8日）"
SCHEDULE = "上报活动安排表（5月9日前）"
FILED_PATHS = {
    f"{WEEK_2}/教务处-技能大赛开放日.docx",
    f"{WEEK_2}/教务处-现场.jpg",
    f"{SCHEDULE}/团委-活动安排表（团委）.docx",
    f"{WEEK_1}/图书馆-读书月开幕（第一周）.jpg",
    f"{WEEK_2}/工会第二周活动开展情况.docx",
}


def _fetch(
    dovecot: Dovecot, user: MailUser, plan_path: Path, returns: Path, security: Security = "ssl", **options: Any
) -> MailReport:
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    account = Account("127.0.0.1", port, user.name, security)
    return fetch_mail(load_plan(plan_path), returns, account, user.password, cafile=dovecot.cafile, **options)


def test_a_month_of_mail_is_filed_once_into_the_right_folders(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    flags = month_mailbox.flags()
    first = _fetch(dovecot, month_mailbox, plan, returns)
    assert {str(f.path) for _, f in first.filed if f.outcome == FILED} == FILED_PATHS
    assert [(str(f.path), f.outcome) for _, f in first.filed if f.outcome != FILED] == [("未识别/IMG_2034.jpg", HELD)]
    on_disk = {
        p.relative_to(returns).as_posix() for p in returns.rglob("*") if p.is_file() and ".docgen" not in p.parts
    }
    assert on_disk == FILED_PATHS | {"未识别/IMG_2034.jpg"}  # not last year's 总结, not the program, not the bomb
    assert (first.found, first.known, first.left) == (9, 1, 0)  # the message of 2019-04-20 is not read at all
    arrivals = {str(f.path): f.received_at for _, f in first.filed}
    assert arrivals[f"{WEEK_2}/教务处-现场.jpg"] == dt.datetime(2019, 5, 7, 10, 0).astimezone()

    second = _fetch(dovecot, month_mailbox, plan, returns)
    assert [f for _, f in second.filed if f.outcome != ALREADY] == []
    assert second.known == 6  # four by their Message-ID, two without one by the digest of their bytes
    after = {p.relative_to(returns).as_posix() for p in returns.rglob("*") if p.is_file() and ".docgen" not in p.parts}
    assert after == on_disk
    assert month_mailbox.flags() == flags


def test_another_message_that_reuses_a_message_id_is_filed_and_each_is_read_once(
    dovecot: Dovecot, mail_user: MailUser, tmp_path: Path, china_time: None
) -> None:
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    reused = "<report@mailer.example>"  # a mailer that gives every message the same Message-ID
    photo = [("现场.jpg", camera_photo())]
    mail_user.append(modern_message(ACADEMIC, "第二周", "见附件", photo, sent=at(7, 9), message_id=reused), at(7, 9))
    first = _fetch(dovecot, mail_user, plan, returns)
    assert [(str(f.path), f.outcome) for _, f in first.filed] == [(f"{WEEK_2}/教务处-现场.jpg", FILED)]
    extra = [("补充.jpg", camera_photo() + b"2")]
    mail_user.append(modern_message(ACADEMIC, "第二周", "见附件", extra, sent=at(8, 9), message_id=reused), at(8, 9))
    second = _fetch(dovecot, mail_user, plan, returns)
    assert [(str(f.path), f.outcome) for _, f in second.filed] == [(f"{WEEK_2}/教务处-补充.jpg", FILED)]
    assert second.known == 1
    third = _fetch(dovecot, mail_user, plan, returns)
    assert (third.filed, third.known) == ([], 2)


def test_a_report_written_into_the_mail_becomes_a_word_file(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    returns = tmp_path / "回收"
    _fetch(dovecot, month_mailbox, contacts_plan(tmp_path), returns)
    paragraphs = [p.text for p in docx.Document(str(returns / WEEK_2 / "工会第二周活动开展情况.docx")).paragraphs]
    assert paragraphs == ["工会第二周活动开展情况", UNION_REPORT]  # the phone's signature left out


def test_what_is_not_filed_is_listed_with_why(dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path) -> None:
    report = _fetch(dovecot, month_mailbox, contacts_plan(tmp_path), tmp_path / "回收")
    listed = sorted((mail.subject, problem.file or "", problem.code) for mail, problem in report.unfiled)
    assert listed == [
        ("", "", "mail-too-deep"),
        ("Weekly news", "", "mail-bulk"),
        ("第二周补充材料", "照片.zip", "mail-archive-bomb"),
        ("第二周补充材料", "补充材料.docx", "mail-executable"),
    ]


def test_status_json_gives_each_its_arrival_and_state(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    _fetch(dovecot, month_mailbox, plan, returns)
    result = CliRunner().invoke(
        main, ["status", str(plan), "--returns", str(returns), "--json", "--on", "2019-05-10"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    state = json.loads(result.stdout)
    records = {(r["unit"], r["deadline"], r["week"]): r for r in state["records"]}
    expected = {
        ("教务处", "weekly_report", 2): ("sent", "2019-05-07T10:00:00+08:00"),
        ("团委", "schedule", None): ("sent", "2019-05-08T16:21:00+08:00"),
        ("图书馆", "weekly_report", 1): ("late", "2019-05-06T08:01:00+08:00"),
        ("工会", "weekly_report", 2): ("sent", "2019-05-08T09:01:00+08:00"),
        ("教务处", "weekly_report", 1): ("missing", None),
    }
    assert {key: (records[key]["state"], records[key]["received_at"]) for key in expected} == expected
    assert records[("教务处", "weekly_report", 2)]["files"] == [
        f"{WEEK_2}/教务处-技能大赛开放日.docx",
        f"{WEEK_2}/教务处-现场.jpg",
    ]
    assert state["unassigned"] == [{"file": "未识别/IMG_2034.jpg", "received_at": "2019-05-09T20:01:00+08:00"}]
    text = CliRunner().invoke(
        main, ["status", str(plan), "--returns", str(returns), "--on", "2019-05-10", "-o", str(tmp_path / "out")]
    )
    assert text.exit_code == 0, text.output
    assert "未识别/IMG_2034.jpg" in text.output


def test_since_a_later_day_leaves_the_earlier_messages(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    report = _fetch(dovecot, month_mailbox, plan, returns, "starttls", since=dt.date(2019, 5, 9))
    assert {PurePosixPath(str(f.path)).name for _, f in report.filed} == {"IMG_2034.jpg"}
    assert report.found == 3  # the stranger's photo, the newsletter, the message nested too deep


def test_a_message_over_the_size_limit_is_listed_and_not_fetched(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path
) -> None:
    limit = 4096  # the Word files make messages of 50 KB; photos of 2 KB, text of less
    large = {name for name, sent in month().items() if len(sent.raw) > limit and sent.arrived.month == 5}
    assert large == {"academic week 2", "academic again", "youth schedule (GBK)", "program as a report"}
    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    report = _fetch(dovecot, month_mailbox, plan, returns, "none", limits=MailLimits(message_bytes=limit))
    assert {str(f.path) for _, f in report.filed} == {
        f"{WEEK_1}/图书馆-读书月开幕（第一周）.jpg",
        f"{WEEK_2}/工会第二周活动开展情况.docx",
        "未识别/IMG_2034.jpg",
    }
    too_large = [mail.uid for mail, problem in report.unfiled if problem.code == "mail-too-large"]
    assert len(too_large) == len(large)


_LISTED = (
    b'* 1 FETCH (UID 7 RFC822.SIZE 120 INTERNALDATE "07-May-2019 10:00:00 +0800" '
    b"BODY[HEADER.FIELDS (MESSAGE-ID)] {2}\r\n\r\n)\r\n{tag} OK done\r\n"
)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"* 1 FETCH (UID 7 BODY[] {99999999999}\r\n", "mail-server-too-much"),  # says 120 bytes, sends 100 GB
        (b"", "mail-stalled"),  # never answers
        (b"* 1 FETCH (UID 7 BODY[] {5}\r\nab", "mail-stalled"),  # stops inside the message
    ],
)
def test_a_server_that_lies_or_stalls_in_the_middle_ends_the_run_clearly(
    tmp_path: Path, body: bytes, code: str
) -> None:
    answers = {"EXAMINE": b"* 1 EXISTS\r\n{tag} OK [READ-ONLY] done\r\n", "SEARCH": b"* SEARCH 7\r\n{tag} OK done\r\n"}
    answers |= {"RFC822.SIZE": _LISTED, "BODY.PEEK[]": body}
    with fake_imap.fake_server(fake_imap.conversation(answers)) as port, pytest.raises(MailError) as failed:
        fetch_mail(
            load_plan(contacts_plan(tmp_path)),
            tmp_path / "回收",
            Account("127.0.0.1", port, "u", "none"),
            "secret-3",
            timeouts=Timeouts(idle=0.5, command=2.0),
        )
    assert failed.value.problems[0].code == code


def test_a_run_that_ends_between_two_files_of_a_message_is_completed_by_the_next(
    dovecot: Dovecot, month_mailbox: MailUser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.tracking.mail import fetching

    plan, returns = contacts_plan(tmp_path), tmp_path / "回收"
    real = fetching.receive_file
    calls: list[str] = []

    def full_disk_at_the_second_file(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[3])
        if len(calls) == 2:
            raise WriteError([Finding("output-write-failed", {"reason": "No space left on device"})])
        return real(*args, **kwargs)

    monkeypatch.setattr(fetching, "receive_file", full_disk_at_the_second_file)
    with pytest.raises(WriteError):
        _fetch(dovecot, month_mailbox, plan, returns)
    assert calls == ["技能大赛开放日.docx", "现场.jpg"]  # the first message's two files; the first was filed
    monkeypatch.setattr(fetching, "receive_file", real)
    again = _fetch(dovecot, month_mailbox, plan, returns)
    assert {str(f.path) for _, f in again.filed if f.outcome == FILED} == FILED_PATHS - {
        f"{WEEK_2}/教务处-技能大赛开放日.docx"
    }
    assert [(f.name, f.outcome) for _, f in again.filed if f.outcome == ALREADY] == [("技能大赛开放日.docx", ALREADY)]
    on_disk = {
        p.relative_to(returns).as_posix() for p in returns.rglob("*") if p.is_file() and ".docgen" not in p.parts
    }
    assert on_disk == FILED_PATHS | {"未识别/IMG_2034.jpg"}


def test_without_an_internaldate_the_date_header_is_the_arrival(tmp_path: Path, china_time: None) -> None:
    raw = modern_message(ACADEMIC, "第二周", "见附件", [("现场.jpg", camera_photo())], sent=at(8, 17, 30))
    listed = b"* 1 FETCH (UID 3 RFC822.SIZE %d)\r\n{tag} OK done\r\n" % len(raw)
    body = b"* 1 FETCH (UID 3 BODY[] {%d}\r\n%s)\r\n{tag} OK done\r\n" % (len(raw), raw)
    answers = {"EXAMINE": b"* 1 EXISTS\r\n{tag} OK done\r\n", "SEARCH": b"* SEARCH 3\r\n{tag} OK done\r\n"}
    answers |= {"RFC822.SIZE": listed, "BODY.PEEK[]": body}
    with fake_imap.fake_server(fake_imap.conversation(answers)) as port:
        report = fetch_mail(
            load_plan(contacts_plan(tmp_path)), tmp_path / "回收", Account("127.0.0.1", port, "u", "none"), "secret-4"
        )
    assert [(str(f.path), f.received_at) for _, f in report.filed] == [
        (f"{WEEK_2}/教务处-现场.jpg", dt.datetime(2019, 5, 8, 17, 30, tzinfo=CHINA))
    ]
