"""Holding back Ctrl-C while OUT changes, so a commit either finishes or never starts.

A KeyboardInterrupt between two moves would leave OUT with some new files and some old ones.
While ``interrupts_held`` is active, SIGINT and SIGTERM are noted instead of acted on; when the
block ends (it only moves files, so it ends soon) the first of them is raised as it would have been.
Signals can be caught only in the main thread; elsewhere the block runs as it is.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

_HELD = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)


@contextlib.contextmanager
def interrupts_held() -> Iterator[list[int]]:
    """Run the block with SIGINT and SIGTERM deferred; yields the list of signals that arrived."""
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return

    def note(signum: int, _frame: FrameType | None) -> None:
        arrived.append(signum)

    previous: dict[int, Any] = {}
    for number in _HELD:
        previous[number] = signal.signal(number, note)
    try:
        yield arrived
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if arrived:
        _deliver(arrived[0], previous.get(arrived[0]))


def _deliver(signum: int, handler: Any) -> None:
    """Act on a held signal as its handler before the block would have."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL and signum == getattr(signal, "SIGINT", None):
        raise KeyboardInterrupt
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)
