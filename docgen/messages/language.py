"""The language docgen speaks: which one the user chose, and its gettext catalog.

Messages are written in English in the code, marked for Babel's extractor, and translated
through the catalogs in ``docgen/locale`` (the compiled ``.mo`` files ship in the wheel).
The CLI chooses the language once per run and sets it here for the length of the run; library
code that turns problems into text asks ``current_language()``, which stays English unless
a caller chose otherwise, so a script importing docgen gets the same words every time.

Only the standard library's ``gettext`` is imported, and a catalog's messages are read as they are
asked for (``CompiledCatalog``): ``docgen --help`` must stay fast.
"""

from __future__ import annotations

import gettext as _gettext
import os
import struct
import sys
from collections.abc import Callable, Iterator, Mapping
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
    if language not in LANGUAGES:  # a locale name, found as gettext finds it (zh_CN.UTF-8 -> zh_CN)
        return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    # docgen's own catalogs are opened directly: gettext.translation() would import locale and copy
    try:
        with open(os.path.join(LOCALE_DIR, language, "LC_MESSAGES", f"{DOMAIN}.mo"), "rb") as file:  # noqa: PTH118, PTH123
            return CompiledCatalog(file.read())
    except FileNotFoundError:
        return _gettext.NullTranslations()


class CompiledCatalog(_gettext.NullTranslations):
    """A compiled catalog (``.mo``) whose messages are looked up in the file when they are asked for.

    ``gettext.GNUTranslations`` decodes every message of a catalog when it opens it: 3 ms for
    docgen's 800, more than anything else docgen adds to ``docgen --help``, which shows twenty.
    This finds a message's id among the file's NUL-terminated ids, takes the translation of the
    same number, and keeps it. Translations, plural forms and contexts are GNUTranslations'; a
    plural message is found by ``ngettext`` with both its forms, not by ``gettext`` of the first.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__()
        order = {b"\xde\x12\x04\x95": "<", b"\x95\x04\x12\xde": ">"}.get(data[:4])
        if order is None:
            raise OSError(0, "Bad magic number in a compiled catalog")
        count, ids_at, self._translations_at = struct.unpack_from(f"{order}3I", data, 8)
        ids = struct.unpack_from(f"{order}{2 * count}I", data, ids_at)  # (length, offset) of each id
        self._data, self._order = data, order
        self._lengths, offsets = ids[0::2], ids[1::2]
        self._numbers = dict(zip(offsets, range(count), strict=True))  # an id's offset -> its number
        self._ids_from = min(offsets, default=0)
        self._found: dict[str, str | None] = {}
        self.plural: Callable[[int], int] = lambda n: int(n != 1)
        self._charset = "utf-8"
        header = self._translation(self._lengths.index(0)) if 0 in self._lengths else ""  # the empty id's
        for line in header.splitlines():  # as GNUTranslations reads the two fields it uses
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-type" and "charset=" in value:
                self._charset = value.split("charset=")[1].strip()
            elif name.strip().lower() == "plural-forms" and "plural=" in value:
                self.plural = _gettext.c2py(value.split(";")[1].split("plural=")[1])

    def gettext(self, message: str) -> str:
        """The translation of ``message``, or ``message`` itself ("" is "", not the catalog's header)."""
        if not message:
            return message
        found = self._lookup(message)
        return message if found is None else found

    def pgettext(self, context: str, message: str) -> str:
        """The translation of ``message`` in ``context``, or ``message`` itself."""
        found = self._lookup(f"{context}\x04{message}")
        return message if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The plural form of the translation for ``n``, or the English singular or plural."""
        return self._plural_form(msgid1, msgid2, n, self._lookup(f"{msgid1}\0{msgid2}"))

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        """``ngettext`` in ``context``."""
        return self._plural_form(msgid1, msgid2, n, self._lookup(f"{context}\x04{msgid1}\0{msgid2}"))

    def _plural_form(self, msgid1: str, msgid2: str, n: int, found: str | None) -> str:
        forms = found.split("\0") if found is not None else []
        form = self.plural(n)
        if form < len(forms):
            return forms[form]
        return msgid1 if n == 1 else msgid2

    def _lookup(self, key: str) -> str | None:
        """The translation stored for ``key`` (a message id as the file holds it), or None."""
        if key in self._found:
            return self._found[key]
        wanted = key.encode(self._charset)
        found = None
        at = self._data.find(wanted + b"\0", self._ids_from)
        while at != -1:
            number = self._numbers.get(at)
            if number is not None and self._lengths[number] == len(wanted):
                found = self._translation(number)
                break
            at = self._data.find(wanted + b"\0", at + 1)
        self._found[key] = found
        return found

    def _translation(self, number: int) -> str:
        length, offset = struct.unpack_from(f"{self._order}2I", self._data, self._translations_at + 8 * number)
        return self._data[offset : offset + length].decode(self._charset)


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
