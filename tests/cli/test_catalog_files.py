"""docgen reads its compiled catalogs on demand, and finds in them what the standard library's gettext finds."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from docgen.messages.language import LANGUAGES, CompiledCatalog, translations
from tests.support.paths import ROOT

LOCALE = ROOT / "docgen" / "messages" / "locale"


def _mo(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "docgen.mo"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_reads_as_gnu_gettext_reads_it(language: str) -> None:
    ours = translations(language)
    assert isinstance(ours, CompiledCatalog)
    with _mo(language).open("rb") as file:
        gnu = gettext.GNUTranslations(file)
    with (LOCALE / language / "LC_MESSAGES" / "docgen.po").open("rb") as file:
        messages = [m for m in read_po(file) if m.id]
    assert len(messages) > 800
    for m in messages:
        if isinstance(m.id, tuple):
            for n in (0, 1, 2, 5, 11):
                if m.context:
                    assert ours.npgettext(m.context, *m.id, n) == gnu.npgettext(m.context, *m.id, n), m.id
                else:
                    assert ours.ngettext(*m.id, n) == gnu.ngettext(*m.id, n), m.id
        elif m.context:
            assert ours.pgettext(m.context, m.id) == gnu.pgettext(m.context, m.id), m.id
        else:
            assert ours.gettext(m.id) == gnu.gettext(m.id), m.id


def test_a_chinese_word_its_plural_and_its_context() -> None:
    zh = translations("zh_CN")
    assert zh.gettext("file not found") == "找不到文件"
    assert zh.ngettext("{count} file", "{count} files", 1) == zh.ngettext("{count} file", "{count} files", 3)
    assert zh.pgettext("option help", "; ") == "；"


def _compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def test_a_message_that_is_a_part_of_another_is_found_whole_or_not_at_all() -> None:
    catalog = Catalog(locale="zh_CN")
    catalog.add("a file", "一个文件")
    catalog.add("file", "文件")
    catalog.add(("{n} day", "{n} days"), ("{n} 天",))
    catalog.add("one more file", "又一个文件")
    compiled = CompiledCatalog(_compiled(catalog))
    assert compiled.gettext("file") == "文件"
    assert compiled.gettext("more file") == "more file"  # the end of "one more file", no message of its own
    assert compiled.gettext("{n} days") == "{n} days"  # the plural half of a message
    assert compiled.gettext("{n} day") == "{n} day"  # a plural message is asked for with both halves
    assert compiled.ngettext("{n} day", "{n} days", 4) == "{n} 天"
    assert compiled.ngettext("{n} hour", "{n} hours", 4) == "{n} hours"
    assert compiled.ngettext("{n} hour", "{n} hours", 1) == "{n} hour"


def test_a_file_that_is_no_catalog_is_refused() -> None:
    with pytest.raises(OSError, match="magic"):
        CompiledCatalog(b"PK\x03\x04" + bytes(40))
