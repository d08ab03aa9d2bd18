"""This process's clock in another time zone for a while: the officer's, whatever the machine's."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator


@contextlib.contextmanager
def time_zone(zone: str) -> Iterator[None]:
    """Local time is ``zone`` (e.g. Asia/Shanghai) inside the block; the zone before is restored after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
