"""What the documents of a run share, built once per plan: kept for the last few plans, by their content.

A render builds the plan's part of every template's context once, and a month grid once per set
of deadlines, however many documents use them. A long-running process (``docgen serve``) sees
a new plan after every save: values are kept for the ``MAX_PLANS`` plans last used, found by
the plan's content (the SHA-256 of its repr, which shows every field), so that a plan read
again from an unchanged file finds them and an edited one does not. The digest of a plan object
is taken once for all the caches (it is immutable; 4 ms for 500 units), and forgotten with the
object. Safe from several threads: every read and write of the shared tables holds a lock; a
value is built outside it, and when two threads build the same one, the first stored is the one
both use.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.plan.model import Plan

MAX_PLANS = 4


class PlanCache:
    """Values built from a plan, by the plan's content and a key, for the ``size`` plans last used."""

    def __init__(self, size: int = MAX_PLANS) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[str, dict[Any, Any]] = OrderedDict()

    def get(self, plan: Plan, key: Any, build: Callable[[], Any]) -> Any:
        """The value for ``plan`` and ``key``: kept, else ``build()`` (and kept)."""
        digest = content_digest(plan)
        with self._lock:
            values = self._values.get(digest)
            if values is not None:
                self._values.move_to_end(digest)
                if key in values:
                    return values[key]
        value = build()
        with self._lock:
            values = self._values.setdefault(digest, {})
            self._values.move_to_end(digest)
            value = values.setdefault(key, value)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


_digests_lock = threading.RLock()  # a plan collected while it is held forgets its digest under it
_digests: dict[int, tuple[weakref.ref[Plan], str]] = {}  # by id(): a plan's __hash__ needs its lists


def content_digest(plan: Plan) -> str:
    """The plan's content digest, taken once per plan object whichever cache asks."""
    with _digests_lock:
        known = _digests.get(id(plan))
        if known is not None and known[0]() is plan:
            return known[1]
    # the models' repr names every field and value, all the way down: 4 ms for 500 units, where
    # the same fields made plain data first took 7.5
    digest = hashlib.sha256(repr(plan).encode("utf-8")).hexdigest()
    number = id(plan)

    def forget(_: weakref.ref[Plan]) -> None:
        with _digests_lock:
            if _digests.get(number, (None, ""))[0] is reference:
                del _digests[number]

    reference = weakref.ref(plan, forget)
    with _digests_lock:
        _digests[number] = (reference, digest)
    return digest
