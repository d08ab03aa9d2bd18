"""A session with the campaign's mail server: secured as asked, bounded in time and bytes, the password never shown.

``imaplib`` speaks the protocol; this module decides what it may send and how long it may wait:

- ``ssl`` (port 993, the default) and ``starttls`` verify the server's certificate against the
  system's authorities (``SSL_CERT_FILE`` names others); STARTTLS is never skipped when the
  server does not offer it. ``none`` sends the password in clear, so it is allowed only to a
  server on this machine (a loopback address, connected to as resolved);
- every byte the server sends passes a clock: no byte for ``Timeouts.idle`` seconds, or an
  answer not complete within its command's time (a server that trickles a byte at a time), ends
  the session with ``mail-stalled``; an answer larger than its command can need, or a literal
  larger than a message may be, ends it with ``mail-server-too-much``;
- the password is given to LOGIN and nowhere else: the server's answer to LOGIN is not shown,
  and any other text of the server that is shown has the password blanked out.
"""

from __future__ import annotations

import imaplib
import io
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from docgen.errors import Finding, MailError

Security = Literal["ssl", "starttls", "none"]
SECURITIES: tuple[Security, ...] = ("ssl", "starttls", "none")
PORTS: dict[Security, int] = {"ssl": 993, "starttls": 143, "none": 143}
MAX_LINE = 1_000_000  # as imaplib: a line of an answer; literals (messages) are bounded apart
_T = TypeVar("_T")


@dataclass(frozen=True)
class Account:
    """Where the mailbox is and who reads it; the password is given apart, and kept nowhere."""

    host: str
    port: int
    user: str
    security: Security = "ssl"

    @property
    def server(self) -> str:
        """HOST:PORT, as a message names the server."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Timeouts:
    """How long the server may take: to send the next byte, and to complete one command's answer.

    A message's answer is given ``size / rate`` seconds more, so a large photo on a slow line
    arrives, while a server that stalls or trickles is ended in bounded time.
    """

    idle: float = 60.0
    command: float = 300.0
    rate: int = 32 * 1024


def parse_server(text: str, security: Security) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT`` or ``[IPV6]:PORT`` as (host, port), the security's port by default.

    Raises ``MailError`` (``mail-bad-server``) for anything else.
    """
    text = text.strip()
    host, port = text, str(PORTS[security])
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise _bad_server(text)
            port = rest[1:]
    elif ":" in text:
        host, _, port = text.rpartition(":")
    if (
        not host
        or any(c.isspace() or c in "/@?#[]" or (c == ":" and not text.startswith("[")) for c in host)
        or not port.isdigit()
        or not 0 < int(port) < 65536
    ):
        raise _bad_server(text)
    return host, int(port)


def _bad_server(text: str) -> MailError:
    return MailError([Finding("mail-bad-server", {"server": text[:200]})])


class _StalledError(Exception):
    """The server sent nothing for too long, or did not finish an answer in its time."""


class _TooMuchError(Exception):
    """The server sent more than the command can need."""


class _Clock:
    """The time and bytes the current command's answer may still take."""

    def __init__(self, timeouts: Timeouts) -> None:
        self.timeouts = timeouts
        self.arm(timeouts.command, 64 * 1024, 64 * 1024)

    def arm(self, seconds: float, answer_bytes: int, literal_bytes: int) -> None:
        """Start a command: its answer may take this much, in time and in bytes."""
        self.deadline = time.monotonic() + seconds
        self.answer_bytes = answer_bytes
        self.literal_bytes = literal_bytes

    def wait(self) -> float:
        """How long the next read may wait; raises ``_StalledError`` when the command's time is up."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise _StalledError
        return min(self.timeouts.idle, remaining)

    def took(self, count: int) -> None:
        """Count bytes read; raises ``_TooMuchError`` past the answer's budget."""
        self.answer_bytes -= count
        if self.answer_bytes < 0:
            raise _TooMuchError


class _ClockedSocket(io.RawIOBase):
    """A socket read under the clock: each read waits at most what the clock allows."""

    def __init__(self, sock: socket.socket, clock: _Clock) -> None:
        super().__init__()
        self._sock = sock
        self._clock = clock

    def readable(self) -> bool:
        """Always: this is the reading side."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Read what has come, waiting no longer than the clock allows."""
        self._sock.settimeout(self._clock.wait())
        try:
            count = self._sock.recv_into(buffer)
        except TimeoutError:
            raise _StalledError from None
        self._clock.took(count)
        return count


class _Clocked(imaplib.IMAP4):
    """imaplib's reading replaced: every read through the clock, literals bounded before they are read."""

    clock: _Clock
    _reading: tuple[socket.socket, io.BufferedReader] | None = None

    def _reader(self) -> io.BufferedReader:
        # a new socket after STARTTLS: what the old one had buffered (plain text) is dropped, never read as secured
        if self._reading is None or self._reading[0] is not self.sock:
            self._reading = (self.sock, io.BufferedReader(_ClockedSocket(self.sock, self.clock)))
        return self._reading[1]

    def read(self, size: int) -> bytes:
        """A literal of ``size`` bytes; refused unread when the command cannot need that many."""
        if size > self.clock.literal_bytes:
            raise _TooMuchError
        data = self._reader().read(size)
        if len(data) < size:
            raise self.abort("the connection closed inside a literal")
        return data

    def readline(self) -> bytes:
        """One line of an answer, at most ``MAX_LINE`` bytes."""
        line = self._reader().readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise _TooMuchError
        return line


class _Plain(_Clocked):
    def __init__(self, host: str, port: int, clock: _Clock) -> None:
        self.clock = clock
        super().__init__(host, port, timeout=clock.timeouts.idle)


class _Secure(_Clocked, imaplib.IMAP4_SSL):
    def __init__(self, host: str, port: int, clock: _Clock, context: ssl.SSLContext) -> None:
        self.clock = clock
        imaplib.IMAP4_SSL.__init__(self, host, port, ssl_context=context, timeout=clock.timeouts.idle)


class Session:
    """A logged-in connection; ``command`` runs one exchange under the clock, translating every failure."""

    def __init__(self, imap: imaplib.IMAP4, clock: _Clock, account: Account, password: str) -> None:
        self.imap = imap
        self._clock = clock
        self.account = account
        self._password = password

    def command(
        self, call: Callable[[], _T], *, answer_bytes: int, literal_bytes: int = 64 * 1024, size: int = 0
    ) -> _T:
        """``call()`` (one imaplib command) with its answer bounded: ``size`` bytes expected buy time at the rate."""
        timeouts = self._clock.timeouts
        self._clock.arm(timeouts.command + size / timeouts.rate, answer_bytes, literal_bytes)
        with _translated(self.account, self._password, self._clock):
            return call()

    def close(self) -> None:
        """Log out (briefly, errors ignored) and close the socket."""
        self._clock.arm(min(self._clock.timeouts.idle, 10), 64 * 1024, 0)
        with suppress(Exception):
            self.imap.logout()
        with suppress(Exception):
            self.imap.shutdown()


@contextmanager
def session(
    account: Account, password: str, timeouts: Timeouts | None = None, cafile: Path | None = None
) -> Iterator[Session]:
    """A logged-in session with the server of ``account``, closed on leaving; failures raise ``MailError``."""
    clock = _Clock(timeouts or Timeouts())
    for code, text in (("mail-user-not-ascii", account.user), ("mail-password-not-ascii", password)):
        if not text.isascii() or any(c in text for c in "\r\n\0"):
            raise MailError([Finding(code, {"server": account.server})])
    address = _loopback(account) if account.security == "none" else account.host
    context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
    with _translated(account, password, clock):
        imap: imaplib.IMAP4 = (
            _Secure(address, account.port, clock, context)
            if account.security == "ssl"
            else _Plain(address, account.port, clock)
        )
    imap.debug = 0  # whatever imaplib.Debug says: its debug output would show the LOGIN command, password and all
    opened = Session(imap, clock, account, password)
    try:
        if account.security == "starttls":
            if "STARTTLS" not in imap.capabilities:
                raise MailError([Finding("mail-no-starttls", {"server": account.server})])
            opened.command(lambda: imap.starttls(context), answer_bytes=64 * 1024)
        try:
            opened.command(lambda: imap.login(account.user, password), answer_bytes=64 * 1024)
        except MailError as exc:
            if exc.problems[0].code == "mail-refused":  # the server's words to LOGIN are not shown
                failed = Finding("mail-login-failed", {"user": account.user, "server": account.server})
                raise MailError([failed]) from None
            raise
        yield opened
    finally:
        opened.close()


def _loopback(account: Account) -> str:
    """The loopback address ``account.host`` resolves to; ``MailError`` where any address it has is not one."""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(account.host, account.port, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError) as exc:
        raise MailError([_unreachable(account, exc)]) from None
    addresses = sorted(str(ipaddress.ip_address(str(a).split("%")[0])) for a in found)
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise MailError([Finding("mail-insecure-remote", {"server": account.server})])
    return addresses[0]


def _unreachable(account: Account, exc: BaseException) -> Finding:
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    return Finding("mail-unreachable", {"server": account.server, "reason": str(reason)[:200]})


@contextmanager
def _translated(account: Account, password: str, clock: _Clock) -> Iterator[None]:
    """Every way a command can fail, as one ``MailError`` that names the server and never the password."""
    try:
        yield
    except _StalledError:
        raise MailError([Finding("mail-stalled", {"server": account.server, "seconds": clock.timeouts.idle})]) from None
    except _TooMuchError:
        raise MailError([Finding("mail-server-too-much", {"server": account.server})]) from None
    except ssl.SSLCertVerificationError as exc:
        detail = _shown(str(exc.verify_message or exc.reason or ""), password)
        raise MailError([Finding("mail-certificate", {"server": account.server, "detail": detail})]) from None
    except ssl.SSLError as exc:
        detail = _shown(str(exc.reason or type(exc).__name__), password)
        raise MailError([Finding("mail-tls-failed", {"server": account.server, "detail": detail})]) from None
    except imaplib.IMAP4.abort as exc:
        detail = _shown(str(exc), password)
        raise MailError([Finding("mail-protocol", {"server": account.server, "detail": detail})]) from None
    except imaplib.IMAP4.error as exc:
        detail = _shown(str(exc), password)
        raise MailError([Finding("mail-refused", {"server": account.server, "detail": detail})]) from None
    except (OSError, EOFError) as exc:
        raise MailError([_unreachable(account, exc)]) from None
    except ValueError as exc:
        detail = _shown(str(exc), password)
        raise MailError([Finding("mail-protocol", {"server": account.server, "detail": detail})]) from None


def _shown(text: str, password: str) -> str:
    """A text of the server's as a message may show it: the password blanked, at most 200 characters."""
    if password:
        text = text.replace(password, "***")
    return text[:200]
