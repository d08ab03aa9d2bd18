"""fetch-mail under hostile input: dates no clock holds, names that lead out, a run ending before it records."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from docgen.errors import MailError
from docgen.plan.files import load_plan
from docgen.tracking import record
from docgen.tracking.mail import fetching
from docgen.tracking.mail.connection import Account
from docgen.tracking.mail.fetching import MailReport, fetch_mail
from docgen.tracking.receiving import FILED, HELD, receive_file
from docgen.tracking.record import opened_record
from tests.support import fake_imap
from tests.support.mail_month import ACADEMIC, contacts_plan
from tests.support.mail_samples import CHINA, camera_photo

WEEK_2 = "报送本周活动开展情况/第2周（5月2日至5月8日）"
READ_AT = dt.datetime(2019, 5, 10, 9, 0, tzinfo=CHINA)  # the moment the run reads the mailbox
SENT = "Tue, 07 May 2019 10:00:00 +0800"
SERVER_TIME = "07-May-2019 10:00:00 +0800"
SERVER_DATE = dt.datetime(2019, 5, 7, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # SERVER_TIME


def message(date: str | None, files: list[tuple[str, bytes]], sender: str = ACADEMIC) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"], mail["Message-ID"] = sender, "18083554@qq.com", "第二周", "<m@x>"
    if date is not None:
        mail["Date"] = date
    mail.set_content("见附件")
    for name, data in files:
        mail.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
    return mail.as_bytes(policy=policy.SMTP)


@contextmanager
def mailbox(raw: bytes, internal_date: str | None) -> Iterator[int]:
    """A server holding the one message ``raw``, with the INTERNALDATE given (none where None)."""
    dated = b' INTERNALDATE "%s"' % internal_date.encode() if internal_date else b""
    listed = b"* 1 FETCH (UID 3 RFC822.SIZE %d%s)\r\n{tag} OK done\r\n" % (len(raw), dated)
    body = b"* 1 FETCH (UID 3 BODY[] {%d}\r\n%s)\r\n{tag} OK done\r\n" % (len(raw), raw)
    answers = {"EXAMINE": b"* 1 EXISTS\r\n{tag} OK done\r\n", "SEARCH": b"* SEARCH 3\r\n{tag} OK done\r\n"}
    with fake_imap.fake_server(fake_imap.conversation(answers | {"RFC822.SIZE": listed, "BODY.PEEK[]": body})) as port:
        yield port


def fetched(tmp_path: Path, raw: bytes, internal_date: str | None) -> MailReport:
    with mailbox(raw, internal_date) as port:
        account = Account("127.0.0.1", port, "u", "none")
        return fetch_mail(load_plan(contacts_plan(tmp_path)), tmp_path / "回收", account, "secret-9")


def source_of(raw: bytes, part: str, message_id: str = "<m@x>", size: int | None = None) -> str:
    """A mail file's source: the message by its Message-ID, the server's size and INTERNALDATE, its body's digest."""
    body = raw.split(b"\r\n\r\n", 1)[1]
    listed = f"{len(raw) if size is None else size} {int(SERVER_DATE.timestamp())}"
    return f"{message_id} {listed} sha256:{hashlib.sha256(body).hexdigest()}{part}"


def on_disk(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".docgen" not in p.parts)


@pytest.fixture
def read_at(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetching, "now", lambda: READ_AT)


@pytest.mark.parametrize(
    ("date", "internal_date", "arrival"),
    [
        ("Fri, 31 Dec 9999 23:59:59 -1200", None, READ_AT),  # no clock holds it in this zone
        ("Thu, 07 May 2099 10:00:00 +0800", None, READ_AT),  # a sender's clock far ahead
        (SENT, "31-Dec-9999 23:59:59 -1200", dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)),  # a server that lies
        (SENT, "07-May-2099 10:00:00 +0800", READ_AT),  # nothing came after it was read
        ("not a date at all", None, READ_AT),
    ],
)
def test_an_arrival_no_clock_could_show_is_never_believed(
    tmp_path: Path, read_at: None, date: str, internal_date: str | None, arrival: dt.datetime
) -> None:
    report = fetched(tmp_path, message(date, [("现场.jpg", camera_photo())]), internal_date)
    assert [(str(f.path), f.outcome, f.received_at) for _, f in report.filed] == [
        (f"{WEEK_2}/教务处-现场.jpg", FILED, arrival)
    ]


def test_names_that_lead_out_or_hide_stay_in_their_folder_and_keep_their_suffix(tmp_path: Path) -> None:
    names = ["../../../etc/a.jpg", "/abs/b.jpg", "c\x00d.jpg", "CON.jpg", "长" * 300 + ".jpg", "\u202egpj.exe"]
    files = [(name, camera_photo() + bytes([number])) for number, name in enumerate(names)]
    report = fetched(tmp_path, message(SENT, files), SERVER_TIME)
    filed = on_disk(tmp_path / "回收")
    assert len(filed) == 5 and all(path.startswith(f"{WEEK_2}/教务处-") and path.endswith(".jpg") for path in filed)
    assert f"{WEEK_2}/教务处-_CON.jpg" in filed and f"{WEEK_2}/教务处-a.jpg" in filed
    assert [(finding.code, finding.file) for _, finding in report.unfiled] == [("mail-executable", "gpj.exe")]


def test_a_run_that_ends_between_filing_and_recording_is_completed_once_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, where = message(SENT, [("现场.jpg", camera_photo())]), f"{WEEK_2}/教务处-现场.jpg"
    real = record.Record.add_file

    def ended(self: record.Record, **values: object) -> int:
        raise KeyboardInterrupt  # Ctrl-C, or the computer going off, with the file in its place

    monkeypatch.setattr(record.Record, "add_file", ended)
    with pytest.raises(KeyboardInterrupt):
        fetched(tmp_path, raw, SERVER_TIME)
    assert on_disk(tmp_path / "回收") == [where]
    monkeypatch.setattr(record.Record, "add_file", real)
    again = fetched(tmp_path, raw, SERVER_TIME)
    arrival = dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)
    assert [(str(f.path), f.outcome, f.received_at) for _, f in again.filed] == [(where, FILED, arrival)]
    assert fetched(tmp_path, raw, SERVER_TIME).filed == []  # the message is known now: not read again
    assert on_disk(tmp_path / "回收") == [where]
    with opened_record(tmp_path / "回收") as opened:
        assert [(r.how, r.source) for r in opened.files()] == [("mail", source_of(raw, "#2/1"))]


def test_a_strangers_file_is_held_once_after_a_run_that_ended_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = message(SENT, [("IMG_1.jpg", camera_photo())], "stranger@example.org")
    real = record.Record.add_file
    monkeypatch.setattr(record.Record, "add_file", lambda self, **values: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        fetched(tmp_path, raw, SERVER_TIME)
    monkeypatch.setattr(record.Record, "add_file", real)
    again = fetched(tmp_path, raw, SERVER_TIME)
    assert [(str(f.path), f.outcome) for _, f in again.filed] == [("未识别/IMG_1.jpg", HELD)]
    assert on_disk(tmp_path / "回收") == ["未识别/IMG_1.jpg"]  # not IMG_1（2）.jpg beside it


def two_messages(second: bytes) -> dict[str, bytes]:
    """A server holding two messages (UID 3 and 4); ``second`` is its answer to fetching UID 4."""
    first = message(SENT, [("现场.jpg", camera_photo())])
    listed = b"".join(
        b'* %d FETCH (UID %d RFC822.SIZE 900 INTERNALDATE "%s" BODY[HEADER.FIELDS (MESSAGE-ID)] {%d}\r\n%s)\r\n'
        % (uid - 2, uid, SERVER_TIME.encode(), len(header), header)
        for uid, header in ((3, b"Message-ID: <m@x>\r\n\r\n"), (4, b"Message-ID: <n@x>\r\n\r\n"))
    )
    return {
        "EXAMINE": b"* 2 EXISTS\r\n{tag} OK done\r\n",
        "SEARCH": b"* SEARCH 3 4\r\n{tag} OK done\r\n",
        "RFC822.SIZE": listed + b"{tag} OK done\r\n",
        "FETCH 4 (UID BODY.PEEK[])": second,
        "FETCH 3 (UID BODY.PEEK[])": b"* 1 FETCH (UID 3 BODY[] {%d}\r\n%s)\r\n{tag} OK done\r\n" % (len(first), first),
    }


def test_a_server_that_drops_the_connection_mid_message_leaves_a_run_the_next_completes(tmp_path: Path) -> None:
    second = message(SENT, [("第二张.jpg", camera_photo() + b"2")]).replace(b"<m@x>", b"<n@x>")
    whole = b"* 2 FETCH (UID 4 BODY[] {%d}\r\n%s)\r\n{tag} OK done\r\n" % (len(second), second)
    plan, root = load_plan(contacts_plan(tmp_path)), tmp_path / "回收"
    for answer, outcome in ((whole[: len(whole) // 2] + fake_imap.DROP, "dropped"), (whole, "whole")):
        with fake_imap.fake_server(fake_imap.conversation(two_messages(answer))) as port:
            account = Account("127.0.0.1", port, "u", "none")
            if outcome == "dropped":
                with pytest.raises(MailError) as failed:
                    fetch_mail(plan, root, account, "secret-10")
                assert failed.value.problems[0].code == "mail-protocol" and "secret-10" not in str(failed.value)
                assert on_disk(root) == [f"{WEEK_2}/教务处-现场.jpg"]  # the first message stays filed
            else:
                report = fetch_mail(plan, root, account, "secret-10")
                assert [str(f.path) for _, f in report.filed] == [f"{WEEK_2}/教务处-第二张.jpg"]
                assert report.known == 1  # the first is not fetched again
    assert on_disk(root) == [f"{WEEK_2}/教务处-现场.jpg", f"{WEEK_2}/教务处-第二张.jpg"]
    with opened_record(root) as opened:
        sources = sorted(r.source or "" for r in opened.files())
    assert sources[0].startswith(f"<m@x> 900 {int(SERVER_DATE.timestamp())} sha256:")  # its MIME boundary is random
    assert sources[0].endswith("#2/1")
    assert sources[1:] == [source_of(second, "#2/1", "<n@x>", size=900)]


@pytest.mark.parametrize("since", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_a_first_day_no_mail_can_have_come_on_reads_nothing_without_a_traceback(tmp_path: Path, since: dt.date) -> None:
    answers = {"EXAMINE": b"* 0 EXISTS\r\n{tag} OK done\r\n", "SEARCH": b"* SEARCH\r\n{tag} OK done\r\n"}
    with fake_imap.fake_server(fake_imap.conversation(answers)) as port:
        account = Account("127.0.0.1", port, "u", "none")
        report = fetch_mail(load_plan(contacts_plan(tmp_path)), tmp_path / "回收", account, "pw", since=since)
    assert (report.found, report.filed, report.since) == (0, [], since)


def test_a_record_lost_is_rebuilt_with_the_mails_arrivals_by_the_next_run(tmp_path: Path) -> None:
    raw = message(SENT, [("现场.jpg", camera_photo())])
    fetched(tmp_path, raw, SERVER_TIME)
    for path in (tmp_path / "回收" / ".docgen").glob("record.sqlite*"):
        path.unlink()  # deleted, or set aside as damaged
    again = fetched(tmp_path, raw, SERVER_TIME)
    arrival = dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)
    assert [(str(f.path), f.received_at) for _, f in again.filed] == [(f"{WEEK_2}/教务处-现场.jpg", arrival)]
    assert on_disk(tmp_path / "回收") == [f"{WEEK_2}/教务处-现场.jpg"]  # found again, not filed twice
    with opened_record(tmp_path / "回收") as opened:
        assert [(r.how, r.received_at) for r in opened.files()] == [("mail", arrival)]


def test_a_file_saved_by_hand_before_its_mail_came_keeps_the_earlier_arrival(tmp_path: Path) -> None:
    photo = camera_photo()
    saved = tmp_path / "回收" / WEEK_2 / "教务处-现场.jpg"
    saved.parent.mkdir(parents=True)
    saved.write_bytes(photo)  # brought on a USB stick the day before it was mailed
    earlier = dt.datetime(2019, 5, 6, 16, 0, tzinfo=CHINA)
    os.utime(saved, (earlier.timestamp(), earlier.timestamp()))
    report = fetched(tmp_path, message(SENT, [("现场.jpg", photo)]), SERVER_TIME)
    assert [(str(f.path), f.received_at) for _, f in report.filed] == [(f"{WEEK_2}/教务处-现场.jpg", earlier)]
    assert on_disk(tmp_path / "回收") == [f"{WEEK_2}/教务处-现场.jpg"]


def test_a_record_kept_before_digests_still_knows_its_messages_by_message_id(tmp_path: Path) -> None:
    plan, returns = load_plan(contacts_plan(tmp_path)), tmp_path / "回收"
    at = dt.datetime(2019, 5, 7, 10, 0, tzinfo=CHINA)
    receive_file(plan, returns, camera_photo(), "现场.jpg", at=at, how="mail", source="<m@x>#2/1", hold=True)
    report = fetched(tmp_path, message(SENT, [("现场.jpg", camera_photo())]), SERVER_TIME)
    assert (report.filed, report.known) == ([], 1)
