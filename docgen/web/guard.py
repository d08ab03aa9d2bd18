"""The workbench's guard: every request is checked here before any page sees it.

A local server is reachable by every program on the computer and, through the browser, by
every web page open in it. So:

- **Host**: only ``127.0.0.1:PORT`` and ``localhost:PORT``. A page on another site whose name
  was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
- **Token**: the address printed at start carries ``?token=…``; that first visit sets a cookie
  (HttpOnly, SameSite=Strict, named for the port, so two workbenches do not share one) and is
  sent on to the same address without the token. Every other request needs the cookie.
- **Methods**: GET and HEAD read, POST changes; nothing else is answered. A POST needs an
  ``Origin`` of this server: another site's form or script cannot change anything, even
  through a browser that holds the cookie.
- **Body**: at most ``max_body`` bytes (a larger ``Content-Length`` is refused before a byte
  is read) within ``body_seconds``: a client that sends slowly is cut off, not waited for.
- **Answers** forbid framing, sniffing, outside scripts and referrers to other sites, and are not cached.

Refusals are plain 403/405/408/413 answers that say why, in Chinese and English.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_NAMES = ("127.0.0.1", "localhost")
MAX_BODY = 40 * 1024 * 1024  # a few returned reports with their photos
BODY_SECONDS = 60.0
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        b"object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: a form's POST would then send "Origin: null"
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
_REFUSALS = {
    403: "拒绝访问：{why}。请使用启动时显示的地址（含 token）打开工作台。\nForbidden: {why_en}.",
    405: "不支持的请求方法。\nMethod not allowed.",
    408: "请求发送太慢，已中断。\nRequest timeout.",
    413: "请求太大（上限 {limit} MiB）。\nRequest too large.",
}

_WHY = {  # why a request is refused (403), in both languages of the refusal
    "host": {"why": "这个地址不是本机工作台（Host）", "why_en": "not this computer's workbench (Host)"},
    "token": {"why": "缺少或错误的 token", "why_en": "no token or a wrong one"},
    "origin": {"why": "请求不是来自工作台本身（Origin）", "why_en": "not sent by the workbench itself (Origin)"},
}


@dataclass(frozen=True)
class GuardSettings:
    """What the guard lets through: this port, this token, bodies this large and this fast."""

    port: int
    token: str
    max_body: int = MAX_BODY
    body_seconds: float = BODY_SECONDS

    @property
    def cookie(self) -> str:
        """The cookie's name: one per port, as a browser keeps cookies per host, not per port."""
        return f"docgen_workbench_{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        """The Host headers of this server."""
        return frozenset(f"{name}:{self.port}" for name in LOCAL_NAMES)

    @property
    def origins(self) -> frozenset[str]:
        """The Origin headers of this server's own pages."""
        return frozenset(f"http://{host}" for host in self.hosts)


class Guard:
    """ASGI middleware: refuses what the module's docstring lists; passes the rest to ``app`` with its body read."""

    def __init__(self, app: App, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check one request, then hand it on (or answer it with a refusal)."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return  # websockets: not served; returning closes the connection
        headers = _headers(scope)
        if headers.get("host", "") not in self.settings.hosts:
            await _refuse(send, 403, **_WHY["host"])
            return
        method = scope["method"]
        if method not in ("GET", "HEAD", "POST"):
            await _refuse(send, 405)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        offered = query.get("token")
        if offered is not None and method in ("GET", "HEAD") and self._is_token(offered):
            await _enter(send, scope, query, self.settings)
            return
        if not self._is_token(_cookies(headers).get(self.settings.cookie, "")):
            await _refuse(send, 403, **_WHY["token"])
            return
        if method == "POST" and headers.get("origin", "") not in self.settings.origins:
            await _refuse(send, 403, **_WHY["origin"])
            return
        body = await self._body(headers, receive, send)
        if body is None:
            return
        await self.app(scope, _replay(body, receive), _with_headers(send))

    def _is_token(self, offered: str) -> bool:
        return hmac.compare_digest(offered.encode("utf-8", "replace"), self.settings.token.encode("utf-8"))

    async def _body(self, headers: dict[str, str], receive: Receive, send: Send) -> bytes | None:
        """The whole body, or None after refusing it (too large, too slow, or the client went)."""
        import anyio

        limit = self.settings.max_body
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, 413, limit=limit // (1024 * 1024))
            return None
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.settings.body_seconds
        while True:
            try:
                with anyio.fail_after(max(0.0, deadline - time.monotonic())):
                    message = await receive()
            except TimeoutError:
                await _refuse(send, 408)
                return None
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _refuse(send, 413, limit=limit // (1024 * 1024))
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (the last of a repeated one)."""
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a mangled Cookie header is a missing token, not a crash
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


async def _enter(send: Send, scope: Scope, query: dict[str, str], settings: GuardSettings) -> None:
    """The first visit: set the cookie and send the browser on to the same address without the token."""
    rest = urlencode({k: v for k, v in query.items() if k != "token"})
    # one leading slash: "//evil.example" (sent as /%2Fevil.example) would send the browser to another site
    path = "/" + str(scope.get("path", "/")).lstrip("/\\")
    location = quote(path, safe="/") + (f"?{rest}" if rest else "")
    cookie = f"{settings.cookie}={settings.token}; Path=/; HttpOnly; SameSite=Strict"
    headers = [(b"location", location.encode("utf-8")), (b"set-cookie", cookie.encode("latin-1"))]
    await send({"type": "http.response.start", "status": 303, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": b""})


async def _refuse(send: Send, status: int, **params: Any) -> None:
    body = _REFUSALS[status].format(**params).encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if status == 405:
        headers.append((b"allow", b"GET, HEAD, POST"))
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then waits for the client to go."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _with_headers(send: Send) -> Send:
    """A ``send`` that adds the security headers to the answer, keeping any the page set itself."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            own = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in own]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending
