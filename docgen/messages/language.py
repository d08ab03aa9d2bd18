"""The language docgen speaks: which one the user chose, and its gettext catalog.

Messages are written in English in the code, marked for Babel's extractor, and translated
through the catalogs in ``docgen/locale`` (the compiled ``.mo`` files ship in the wheel).
The CLI chooses the language once per run and sets it here for the length of the run; library
code that turns problems into text asks ``current_language()``, which stays English unless
a caller chose otherwise, so a script importing docgen gets the same words every time.

Only the standard library's ``gettext`` is imported: ``docgen --help`` must stay fast.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

DOMAIN = "docgen"
# os.path, not pathlib: pathlib costs ``docgen --help`` 5 ms
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")  # noqa: PTH118, PTH120
ENGLISH = "en"
LANGUAGES = (ENGLISH, "zh_CN")
"""The languages docgen has catalogs for; English is also the language of the code."""

_active: ContextVar[str] = ContextVar("docgen_language", default=ENGLISH)


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a message for extraction; it is translated where it is shown."""
    return text


def normalize(name: str) -> str | None:
    """The catalog for a language or locale name, or None when docgen has none for it.

    ``zh_CN.UTF-8``, ``zh-cn``, ``zh_CN@pinyin`` and ``zh`` all mean ``zh_CN`` (the one Chinese
    catalog, in simplified characters); ``en_US.UTF-8``, ``C`` and ``POSIX`` mean English.
    """
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_")
    language = base.partition("_")[0].lower()
    if language in {"en", "c", "posix"}:
        return ENGLISH
    if language == "zh":
        return "zh_CN"
    return None


def choose_language(asked: str | None, environ: Mapping[str, str], system: str | None = None) -> tuple[str, str | None]:
    """The language to speak, and the name the user asked for when docgen has no such catalog.

    ``--lang`` (``asked``) wins, then ``DOCGEN_LANG``; both are explicit choices, so an unknown
    one is returned for the caller to mention. Then the locale, as POSIX orders it (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``), with GNU's ``LANGUAGE`` priority list (``zh_CN:en``) before it
    unless the locale is ``C``: a locale docgen has no catalog for is English without a word,
    as in other gettext programs, since the user never asked docgen for it. Where no variable
    names a locale, ``system`` (``system_language()``: Windows sets none of them) decides.
    """
    for explicit in (asked, environ.get("DOCGEN_LANG")):
        if explicit:
            found = normalize(explicit)
            return (found, None) if found else (ENGLISH, explicit)
    locale = next((environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "")
    if locale and locale.split(".")[0] not in {"C", "POSIX"}:
        for wanted in environ.get("LANGUAGE", "").split(":"):
            found = normalize(wanted) if wanted else None
            if found:
                return found, None
    if not locale and system:
        return normalize(system) or ENGLISH, None
    return (normalize(locale) or ENGLISH) if locale else ENGLISH, None


def system_language() -> str | None:
    """The language of the Windows user interface (``zh_CN`` on a Chinese Windows); None elsewhere.

    A Windows console sets no ``LANG``, so without this the office's Chinese Windows would get
    English messages unless someone set ``DOCGEN_LANG``.
    """
    if sys.platform != "win32":
        return None
    import ctypes
    import locale

    language_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()
    return locale.windows_locale.get(int(language_id))


@lru_cache(maxsize=8)
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language`` (English words where a catalog or an entry is missing)."""
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def current_language() -> str:
    """The language chosen for this run (``use_language``), English by default."""
    return _active.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block (the CLI wraps each run in one)."""
    token = _active.set(language)
    try:
        yield
    finally:
        _active.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current_language()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same words need another translation elsewhere."""
    return translations(current_language()).pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return translations(current_language()).ngettext(singular, plural, count)
