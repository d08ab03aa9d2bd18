"""Who the units report to, and the mailbox their reports arrive in (both optional keys of the plan).

The mailbox (``mail:``) names a server and a user, never a password: the password (QQ 邮箱's
授权码) is typed at a hidden prompt or given in ``DOCGEN_MAIL_PASSWORD``, so a plan can be
copied, printed and mailed without giving the mailbox away. A plan that holds one anyway is
refused (``docgen.plan.validation``), at the key's line, with the value never shown.
"""

from __future__ import annotations

from typing import Annotated, Literal

from docgen.plan.fields import Field, StringConstraints
from docgen.plan.types import Model, Name, UnitId, empty_list

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
# keys people write for a password, in any case; none of them is allowed under ``mail``
_PASSWORD_KEYS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "token", "auth_code", "authcode", "code", "授权码", "密码"}
)


def is_password_key(key: object) -> bool:
    """Whether a key under ``mail`` is one people write for a password."""
    return str(key).strip().lower() in _PASSWORD_KEYS


class Contact(Model):
    """The person units report to."""

    name: Name
    unit: UnitId
    phone: Name | None = Field(default=None, description="Phone number, quoted so YAML keeps leading zeros.")
    email: Email | None = None
    other_names: list[Name] = Field(
        default_factory=empty_list, description="Others to call at the same unit and number."
    )


class MailAccount(Model):
    """The campaign's mailbox, read by ``docgen fetch-mail``; its options override each key."""

    server: Name = Field(description="The IMAP server, HOST or HOST:PORT, e.g. imap.qq.com.")
    user: Name = Field(description="The mailbox's user name, for QQ 邮箱 its whole address.")
    security: Literal["ssl", "starttls", "none"] = Field(
        default="ssl", description="ssl (port 993), starttls (port 143), or none (only for a server on this computer)."
    )
    folder: Name = Field(default="INBOX", description="The folder the reports arrive in.")
