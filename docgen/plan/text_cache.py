"""The plan's running texts compiled once: kept on disk by their content, as templates are (``docgen.cache``).

Every run checks and renders the plan's Jinja texts (the opening, the tasks' work ...): each is
parsed for the names it reads and compiled. A text compiled before is read back instead: its
names and Jinja's code, keyed by the text with Jinja's and Python's versions and the modules
that shape the code. Only texts that parsed and compiled are kept; an entry of another shape
is not used.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import CodeType

import jinja2

from docgen.cache import Store, code_stamp, entry_key

MAX_BYTES = 16 * 1024 * 1024
_STORE = Store("texts", MAX_BYTES)
Chains = tuple[list[str], ...]


@lru_cache(maxsize=1)
def _stamp() -> str:
    here = Path(__file__).parent
    return code_stamp(here / "placeholders.py", here / "text_cache.py", here.parent / "inputs" / "budget.py")


def _key(source: str) -> str:
    return entry_key(source, jinja2.__version__, importlib.util.MAGIC_NUMBER, _stamp())


@lru_cache(maxsize=4096)
def stored_text(source: str) -> tuple[Chains, CodeType] | None:
    """The names ``source`` reads and its code, as a run before compiled them; None when not kept."""
    entry = _STORE.get(_key(source))
    if not isinstance(entry, tuple) or len(entry) != 2:
        return None
    chains, code = entry
    if not isinstance(code, CodeType) or not isinstance(chains, tuple):
        return None
    if not all(isinstance(c, list) and all(isinstance(n, str) for n in c) for c in chains):
        return None
    return chains, code


def store_text(source: str, chains: Chains, code: CodeType) -> None:
    """Keep what ``source`` compiled to for the next run."""
    _STORE.put(_key(source), (chains, code))
