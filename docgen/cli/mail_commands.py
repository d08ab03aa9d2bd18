"""The fetch-mail command: the campaign's mailbox read into the returns folder, the password asked for hidden."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

import click

from docgen.cli.group import PLAN_ARGUMENT, RETURNS_OPTION, main
from docgen.cli.returns_commands import echo_filing
from docgen.cli.status_commands import DEFAULT_RETURNS
from docgen.messages.language import N_, gettext, ngettext

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from docgen.tracking.mail.connection import Security
    from docgen.tracking.mail.fetching import Mail, MailReport

PASSWORD_VARIABLE = "DOCGEN_MAIL_PASSWORD"


def _password(user: str, server: str) -> str:
    """The password from ``DOCGEN_MAIL_PASSWORD``, else typed at a prompt that shows nothing."""
    from docgen.errors import Finding, MailError

    given = os.environ.get(PASSWORD_VARIABLE, "")
    if given:
        return given
    try:
        typed = click.prompt(
            gettext("授权码 (password) of {user} at {server}").format(user=user, server=server),
            hide_input=True,
            default="",
            show_default=False,
            err=True,
        )
    except click.Abort:
        typed = ""
    if not typed:
        raise MailError([Finding("mail-no-password")])
    return str(typed)


def _mail(mail: Mail) -> str:
    from docgen.tracking.state import moment_text

    when = moment_text(mail.arrived_at) if mail.arrived_at is not None else "?"
    if not mail.sender and not mail.subject:
        return gettext("message {uid} (received {at})").format(uid=mail.uid, at=when)
    return gettext("message from {sender} “{subject}” (received {at})").format(
        sender=mail.sender or "?", subject=mail.subject, at=when
    )


def _echo_report(report: MailReport) -> None:
    from docgen.messages import format_problem
    from docgen.tracking.receiving import ALREADY, HELD

    for mail, filing in report.filed:
        if filing.outcome == HELD:
            line = gettext("{name} -> {path}: no unit or deadline found; file it with docgen receive --unit")
            click.echo(line.format(name=filing.name, path=filing.path))
        elif filing.outcome != ALREADY and filing.unit is not None and filing.due is not None:
            echo_filing(filing, filing.received_at or mail.arrived_at)  # type: ignore[arg-type]
    for mail, problem in report.unfiled:
        click.echo(f"{_mail(mail)}: {format_problem(problem)}")
    filed = sum(1 for _, f in report.filed if f.outcome not in (ALREADY, HELD))
    held = sum(1 for _, f in report.filed if f.outcome == HELD)
    summary = gettext("{server} {folder} since {since}: {found}, {known} read before; {filed} filed, {held} in 未识别/")
    click.echo(
        summary.format(
            server=report.server,
            folder=report.folder,
            since=report.since.isoformat(),
            found=ngettext("{count} message", "{count} messages", report.found).format(count=report.found),
            known=report.known,
            filed=ngettext("{count} file", "{count} files", filed).format(count=filed),
            held=held,
        )
    )
    if report.left:
        click.echo(gettext("{count} more messages are read by the next run").format(count=report.left))


@main.command("fetch-mail")
@PLAN_ARGUMENT
@click.option("--server", metavar="HOST[:PORT]", help=N_("The IMAP server, e.g. imap.qq.com (default: the plan's)."))
@click.option(
    "--user", metavar="ADDRESS", help=N_("The mailbox's user, for QQ 邮箱 its address (default: the plan's).")
)
@click.option(
    "--security",
    type=click.Choice(["ssl", "starttls", "none"]),
    help=N_("ssl (port 993, the default), starttls (port 143), or none (only a server on this computer)."),
)
@click.option(
    "--folder", metavar="FOLDER", help=N_("The folder the reports arrive in (default: the plan's, else INBOX).")
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help=N_("Read the messages that came from this day on, YYYY-MM-DD (default: the campaign's start)."),
)
@RETURNS_OPTION
def fetch_mail(
    plan: Path,
    server: str | None,
    user: str | None,
    security: str | None,
    folder: str | None,
    since: datetime.datetime | None,
    returns_dir: Path | None,
) -> None:
    """Read the campaign's mailbox: each unit's files filed into the returns folder once, with when they came.

    The password (QQ 邮箱's 授权码) comes from DOCGEN_MAIL_PASSWORD, else it is asked for and
    not shown. The mailbox is never changed: run this every morning before 'docgen status'.
    Files whose unit cannot be found wait in 未识别/; what is not filed is listed with why.
    """
    from pathlib import Path

    from docgen.plan.files import load_plan
    from docgen.tracking.mail.fetching import fetch_mail as read_mailbox
    from docgen.tracking.mail.fetching import mail_account

    loaded = load_plan(plan)
    chosen = cast("Security | None", security)  # click.Choice let only these through
    account, chosen_folder = mail_account(loaded, server=server, user=user, security=chosen, folder=folder)
    password = _password(account.user, account.server)
    report = read_mailbox(
        loaded,
        returns_dir or Path(DEFAULT_RETURNS),
        account,
        password,
        folder=chosen_folder,
        since=since.date() if since is not None else None,
    )
    _echo_report(report)
