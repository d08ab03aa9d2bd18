"""A real IMAP server for the tests: Debian's Dovecot 2.3, run from a temporary folder on 127.0.0.1.

One server a session (``dovecot``), one fresh user a test (``mail_user``), so each test's mailbox
starts empty. The server listens on two ports: IMAPS with a self-signed certificate (its
``cafile`` verifies it), and plain IMAP offering STARTTLS. Everything it reads or writes is inside
the folder: ``-c`` makes it ignore /etc/dovecot, and base_dir, state_dir, the log, the password
file, the mail and the certificate all lie in the folder. Its time zone is Asia/Shanghai, so an
INTERNALDATE reads as the officer's clock would.

Facts this rests on (Dovecot 2.3.19, measured; see the research memo of issue 27):
- a mail process never runs as root: as root the mail processes run as ``nobody``, chrooted into
  the mail folder (pytest's folder is 0700 root's), and the auth service as root, to read the
  password file; as any other user everything runs as that user, with every chroot emptied;
- Unix sockets take at most 107 bytes of path, so base_dir moves to a short folder under /tmp
  when the test's folder is deep;
- no stats writer and one long-lived login process, or stopping can hang for 5 s;
- SIGTERM to the master leaves the processes of still-connected clients: the process group
  is ended after it.
Skipped where Dovecot is not installed, except under ``CI=true``, where the tests must run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.clock import time_zone

DOVECOT = Path("/usr/sbin/dovecot")
HOST = "127.0.0.1"
ZONE = "Asia/Shanghai"
CHINA = dt.timezone(dt.timedelta(hours=8))
_SOCKET_ROOM = 107 - len("/token-login/imap-urlauth") - 4
# services that chroot by default; a user other than root cannot
_CHROOTING = ("anvil", "ipc", "old-stats", "aggregator", "director", "imap-urlauth-login", "pop3-login")


def require_dovecot() -> None:
    """Skip where Dovecot is missing, except in CI (CI=true), where the mailbox tests must run."""
    if not DOVECOT.exists() or shutil.which("openssl") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Dovecot for the mailbox tests (apt-get install dovecot-imapd openssl)")
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")


@dataclass
class Dovecot:
    """A running server: plain IMAP (with STARTTLS) on ``port``, IMAPS on ``ssl_port``."""

    root: Path
    port: int
    ssl_port: int
    cafile: Path
    process: subprocess.Popen[bytes]
    base_dir: Path
    users: int = 0
    _owner: tuple[int, int] = field(default=(-1, -1))

    def add_user(self, password: str = "") -> MailUser:
        """A new user with an empty INBOX; the password file is read again at each login."""
        self.users += 1
        name = f"unit{self.users}"
        password = password or f"qq-authcode-{os.getpid()}-{self.users}-zq7v"
        home = self.root / "mail" / name
        home.mkdir()
        if os.geteuid() == 0:
            os.chown(home, *self._owner)
        entry = self.root / "passwd.d" / name  # a file per user: Dovecot caches a changed file within its second
        entry.write_text(f"{name}:{{PLAIN}}{password}\n", encoding="utf-8")
        entry.chmod(0o600)
        return MailUser(self, name, password)

    def stop(self) -> None:
        """The master stopped, then whatever of its process group is left; the short base_dir removed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGTERM)
        if not self.base_dir.is_relative_to(self.root):
            shutil.rmtree(self.base_dir, ignore_errors=True)


@dataclass
class MailUser:
    """One mailbox on the server, filled by APPEND as mail would arrive."""

    server: Dovecot
    name: str
    password: str

    def connect(self) -> imaplib.IMAP4:
        """A plain-IMAP connection (loopback), logged in."""
        imap = imaplib.IMAP4(HOST, self.server.port, timeout=10)
        imap.login(self.name, self.password)
        return imap

    def append(self, raw: bytes, arrived: dt.datetime, folder: str = "INBOX", flags: str = "") -> None:
        """Put ``raw`` into ``folder`` as if it had arrived at ``arrived`` (its INTERNALDATE)."""
        imap = self.connect()
        try:
            if folder != "INBOX":
                imap.create(folder)
            typ, data = imap.append(folder, flags or None, imaplib.Time2Internaldate(arrived), raw)
            assert typ == "OK", data
        finally:
            imap.logout()

    def flags(self, folder: str = "INBOX") -> list[tuple[bytes, ...]]:
        """Every message's flags, in order, read without changing them (EXAMINE)."""
        imap = self.connect()
        try:
            typ, count = imap.select(folder, readonly=True)
            assert typ == "OK", count
            if count[0] == b"0":
                return []
            typ, data = imap.fetch("1:*", "(FLAGS)")
            assert typ == "OK", data
            return [tuple(sorted(item.split(b"FLAGS (")[1].split(b")")[0].split())) for item in data if item]
        finally:
            imap.logout()

    def count(self, folder: str = "INBOX") -> int:
        """How many messages ``folder`` holds."""
        imap = self.connect()
        try:
            return int(imap.select(folder, readonly=True)[1][0] or 0)
        finally:
            imap.logout()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, which is its own authority."""
    folder.mkdir()
    cert, key = folder / "cert.pem", folder / "key.pem"
    names = "subjectAltName=IP:127.0.0.1,DNS:localhost"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost", "-addext", names),
            *("-addext", "basicConstraints=critical,CA:TRUE"),
            *("-addext", "keyUsage=critical,digitalSignature,keyCertSign", "-addext", "extendedKeyUsage=serverAuth"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _base_dir(root: Path) -> Path:
    inside = root / "run"
    if len(os.fsencode(inside)) <= _SOCKET_ROOM:
        inside.mkdir()
        return inside
    outside = Path(tempfile.mkdtemp(prefix="dovecot-"))
    outside.chmod(0o755)
    return outside


def _config(root: Path, base_dir: Path, port: int, ssl_port: int, cert: Path, key: Path) -> str:
    mail = root / "mail"
    lines = [
        f"base_dir = {base_dir}",
        f"state_dir = {root / 'state'}",
        f"instance_name = docgen-test-{port}",
        "protocols = imap",
        f"listen = {HOST}",
        f"log_path = {root / 'dovecot.log'}",
        "auth_mechanisms = plain login",
        "stats_writer_socket_path =",
        "disable_plaintext_auth = no",
        "mail_location = maildir:~/Maildir",
        "passdb {",
        "  driver = passwd-file",
        f"  args = scheme=PLAIN username_format=%u {root / 'passwd.d'}/%u",
        "}",
    ]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        lines += [
            f"valid_chroot_dirs = {mail}",
            f"first_valid_uid = {nobody.pw_uid}",
            f"first_valid_gid = {nobody.pw_gid}",
            "userdb {",
            "  driver = static",
            f"  args = uid={nobody.pw_uid} gid={nobody.pw_gid} chroot={mail} home=/%u",
            "}",
            "service auth {",
            "  user = root",
            "}",
        ]
    else:
        me, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        lines += [
            f"default_internal_user = {me}",
            f"default_internal_group = {group}",
            f"default_login_user = {me}",
            f"first_valid_uid = {os.getuid()}",
            f"first_valid_gid = {os.getgid()}",
            "userdb {",
            "  driver = static",
            f"  args = uid={os.getuid()} gid={os.getgid()} home={mail}/%u",
            "}",
            *(f"service {name} {{\n  chroot =\n}}" for name in _CHROOTING),
        ]
    lines += [
        "service imap-login {",
        "  service_count = 0",
        "  process_min_avail = 1",
        *([] if os.geteuid() == 0 else ["  chroot ="]),
        f"  inet_listener imap {{\n    address = {HOST}\n    port = {port}\n  }}",
        f"  inet_listener imaps {{\n    address = {HOST}\n    port = {ssl_port}\n    ssl = yes\n  }}",
        "}",
        "ssl = yes",
        f"ssl_cert = <{cert}",
        f"ssl_key = <{key}",
    ]
    return "\n".join(lines) + "\n"


def start_dovecot(root: Path) -> Dovecot:
    """A Dovecot serving from ``root``, ready (its greeting read) when this returns."""
    require_dovecot()
    root = root.resolve()
    for sub in ("state", "mail"):
        (root / sub).mkdir()
    (root / "passwd.d").mkdir(mode=0o700)
    nobody = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
    owner = (nobody.pw_uid, nobody.pw_gid) if nobody else (os.getuid(), os.getgid())
    cert, key = _certificate(root / "tls")
    base_dir = _base_dir(root)
    for _attempt in range(3):  # a port taken between choosing it and Dovecot binding it: choose again
        port, ssl_port = _free_port(), _free_port()
        config = root / "dovecot.conf"
        config.write_text(_config(root, base_dir, port, ssl_port, cert, key), encoding="utf-8")
        with (root / "stderr.log").open("ab") as errors:
            process = subprocess.Popen(
                [str(DOVECOT), "-F", "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "TZ": ZONE},
                start_new_session=True,
                cwd=root,
            )
        server = Dovecot(root, port, ssl_port, cert, process, base_dir, _owner=owner)
        if _ready(server):
            return server
        server.stop()
        if "Address already in use" not in _log(root):
            break
    pytest.fail(f"Dovecot did not start:\n{_log(root)}")


def _ready(server: Dovecot, seconds: float = 10.0) -> bool:
    """Wait for the IMAP greeting on the plain port and a connection on the TLS one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.process.poll() is None:
        with contextlib.suppress(OSError), socket.create_connection((HOST, server.port), timeout=1) as probe:
            probe.settimeout(2)
            if probe.recv(100).startswith(b"* OK"):
                with socket.create_connection((HOST, server.ssl_port), timeout=1):
                    return True
        time.sleep(0.02)
    return False


def _log(root: Path) -> str:
    texts = [p.read_text(errors="replace")[-3000:] for p in (root / "dovecot.log", root / "stderr.log") if p.exists()]
    return "\n".join(texts)


def tls_context(server: Dovecot) -> ssl.SSLContext:
    """A context that trusts the server's own certificate and verifies it as any other."""
    return ssl.create_default_context(cafile=str(server.cafile))


@pytest.fixture
def china_time() -> Iterator[None]:
    """This process in China's time zone (the officer's clock), as the server is; restored after."""
    with time_zone(ZONE):
        yield


@pytest.fixture(scope="session")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dovecot]:
    """One Dovecot for the session."""
    require_dovecot()
    server = start_dovecot(tmp_path_factory.mktemp("dovecot"))
    yield server
    server.stop()


@pytest.fixture
def mail_user(dovecot: Dovecot) -> MailUser:
    """A fresh user, with an empty INBOX, on the session's Dovecot."""
    return dovecot.add_user()
