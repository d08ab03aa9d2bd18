"""Hostile IMAP servers on 127.0.0.1, each a short script: one that stalls, trickles, lies or floods.

A script gets the accepted connection and plays the server's side; what it sends ends when
the client closes the connection (a send or receive then fails, and the script returns).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

Script = Callable[[socket.socket], None]
GREETING = b"* OK IMAP4rev1 ready\r\n"
DROP = b"{drop}"  # ends a ``conversation`` answer: the server closes the connection there


@contextlib.contextmanager
def fake_server(script: Script) -> Iterator[int]:
    """A server on a free port of 127.0.0.1 playing ``script`` for one client; yields the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            with connection, contextlib.suppress(OSError):
                script(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        listener.close()
        thread.join(10)


def read_tag(connection: socket.socket) -> bytes:
    """The tag of the client's next command (its first word)."""
    line = b""
    while not line.endswith(b"\n"):
        chunk = connection.recv(1)
        if not chunk:
            raise OSError("closed")
        line += chunk
    return line.split(b" ", 1)[0]


def wait_for_close(connection: socket.socket) -> None:
    while connection.recv(1024):
        pass


def stalls(connection: socket.socket) -> None:
    """Greets, then says nothing more."""
    connection.sendall(GREETING)
    wait_for_close(connection)


def trickles(connection: socket.socket) -> None:
    """Sends its greeting a byte every 50 ms, and never ends the line."""
    connection.sendall(b"* OK ")
    while True:
        connection.sendall(b"x")
        time.sleep(0.05)


def announces_a_huge_literal(connection: socket.socket) -> None:
    """Answers CAPABILITY with a literal of 100 GB."""
    connection.sendall(GREETING)
    read_tag(connection)
    connection.sendall(b"* CAPABILITY {99999999999}\r\n")
    wait_for_close(connection)


def floods(connection: socket.socket) -> None:
    """Answers CAPABILITY with untagged lines that never end."""
    connection.sendall(GREETING)
    read_tag(connection)
    line = b"* OK " + b"x" * 1000 + b"\r\n"
    while True:
        connection.sendall(line * 64)


def offers_no_starttls(connection: socket.socket) -> None:
    """A server without STARTTLS that would take a password in clear."""
    connection.sendall(GREETING)
    tag = read_tag(connection)
    connection.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
    while True:
        tag = read_tag(connection)
        connection.sendall(tag + b" OK done\r\n")


def echoes_the_password(connection: socket.socket) -> None:
    """Refuses LOGIN with the client's own command in its answer (password and all)."""
    connection.sendall(GREETING)
    tag = read_tag(connection)
    connection.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
    line = b""
    while not line.endswith(b"\n"):
        line += connection.recv(1)
    tag = line.split(b" ", 1)[0]
    connection.sendall(tag + b" NO [AUTHENTICATIONFAILED] you sent " + line.strip() + b"\r\n")
    wait_for_close(connection)


def closes(connection: socket.socket) -> None:
    """Greets and hangs up."""
    connection.sendall(GREETING)


def resets(connection: socket.socket) -> None:
    """Greets, waits for the first command and resets the connection (a write then meets a closed socket)."""
    connection.sendall(GREETING)
    read_tag(connection)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def conversation(answers: dict[str, bytes]) -> Script:
    """A server answering each command by the first of ``answers``' keys it holds; ``{tag}`` is the command's tag.

    A command without an answer is answered OK; an answer of b"" is no answer at all (it stalls);
    an answer ending in ``DROP`` is sent up to it, and then the connection is closed.
    """

    def script(connection: socket.socket) -> None:
        connection.sendall(GREETING)
        while True:
            line = b""
            while not line.endswith(b"\n"):
                chunk = connection.recv(1)
                if not chunk:
                    return
                line += chunk
            tag, _, rest = line.strip().partition(b" ")
            name = next((key for key in answers if key.encode() in rest.upper()), rest.upper().decode())
            if name == "CAPABILITY":
                connection.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                continue
            answer = answers.get(name, b"{tag} OK done\r\n")
            if not answer:
                wait_for_close(connection)
                return
            connection.sendall(answer.removesuffix(DROP).replace(b"{tag}", tag))
            if answer.endswith(DROP):
                return

    return script
