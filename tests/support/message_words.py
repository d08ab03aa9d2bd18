"""A pytest plugin: every finding the test run puts into words must fill its message in both languages.

``tests/messages/test_every_message.py`` reads the callers in the source; this sees the callers
the source scan cannot (a code built from parts, parameters gathered in several places), with
the parameters they really pass. Each code and set of parameter names put into words during the
run (through ``docgen.messages``, as the command line and ``str()`` of a finding do) is
remembered; at the end each is checked in English and Chinese: a code without words, or words
naming a parameter the finding does not carry, fails the run, listed in the summary.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any

import pytest

import docgen.messages
from docgen.messages import message_table
from docgen.messages.language import LANGUAGES, translations


class MessageWords:
    """Records the codes put into words during the run and checks them at its end."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, frozenset[str]], str] = {}
        self.current = "(collection)"

    def wrap(self, words: Callable[..., str]) -> Callable[..., str]:
        """``docgen.messages._message``, remembering each code and its parameters' names."""

        def recorded(code: str, params: Mapping[str, Any], *args: Any) -> str:
            self.seen.setdefault((code, frozenset(params)), self.current)
            return words(code, params, *args)

        return recorded

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Any:
        self.current = item.nodeid
        yield

    def problems(self) -> list[str]:
        """Each code put into words without words of its own, or whose words name a parameter it lacks."""
        found = []
        table = message_table()
        for (code, names), test in sorted(self.seen.items(), key=lambda item: sorted(map(str, item[0][1]))):
            if code not in table:
                found.append(f"{test}: code {code!r} has no message")
                continue
            for language in LANGUAGES:
                gettext = translations(language).gettext
                fields = {
                    name.split(".")[0].split("[")[0]
                    for text in table[code]
                    if text
                    for _, name, _, _ in string.Formatter().parse(gettext(text))
                    if name
                }
                missing = fields - names - {"code"}
                if missing:
                    found.append(f"{test}: {code} ({language}) names {sorted(missing)}, given {sorted(names)}")
        return found

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.problems():
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        problems = self.problems()
        if problems:
            terminalreporter.section("messages that would print a {placeholder}")
            for line in problems:
                terminalreporter.write_line(line)


def pytest_configure(config: pytest.Config) -> None:
    words = MessageWords()
    docgen.messages._message = words.wrap(docgen.messages._message)  # type: ignore[attr-defined]
    config.pluginmanager.register(words, "message-words")
