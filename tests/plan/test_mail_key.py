"""The plan's optional ``mail:`` key: the mailbox fetch-mail reads, and never its password."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import PlanError
from docgen.plan.files import load_plan
from tests.support.plans import plan_with

CONTACT = "contact:\n  name: 李杉杉\n"


def test_a_plan_may_name_its_mailbox(tmp_path: Path) -> None:
    mail = "mail:\n  server: imap.qq.com\n  user: 18083554@qq.com\n\n"
    plan = load_plan(plan_with(tmp_path, (CONTACT, mail + CONTACT)))
    assert plan.mail is not None
    assert (plan.mail.server, plan.mail.user, plan.mail.security, plan.mail.folder) == (
        "imap.qq.com",
        "18083554@qq.com",
        "ssl",
        "INBOX",
    )


def test_a_plan_without_it_has_none(tmp_path: Path) -> None:
    assert load_plan(plan_with(tmp_path)).mail is None


@pytest.mark.parametrize("key", ["password", "Password", "授权码", "auth_code"])
def test_a_password_in_the_plan_is_refused_and_never_shown(tmp_path: Path, key: str) -> None:
    mail = f"mail:\n  server: imap.qq.com\n  user: 18083554@qq.com\n  {key}: abcdefghqwertyzz\n\n"
    path = plan_with(tmp_path, (CONTACT, mail + CONTACT))
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    problem = refused.value.problems[0]
    key_line = path.read_text(encoding="utf-8").splitlines().index("mail:") + 4
    assert (problem.code, problem.path, problem.line, problem.params) == (
        "mail-password-in-plan",
        f"mail.{key}",
        key_line,
        {},
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code != 0
    assert "DOCGEN_MAIL_PASSWORD" in result.output
    assert "abcdefghqwertyzz" not in result.output


def test_an_unknown_security_is_refused(tmp_path: Path) -> None:
    mail = "mail:\n  server: imap.qq.com\n  user: 18083554@qq.com\n  security: tls\n\n"
    with pytest.raises(PlanError) as refused:
        load_plan(plan_with(tmp_path, (CONTACT, mail + CONTACT)))
    assert refused.value.problems[0].path == "mail.security"
