"""Messages about the campaign's mailbox (docgen fetch-mail): the server, and what a message may hold.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
No message carries the password, and none the server's answer to the login.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # the plan's ``mail:`` key (docgen.plan.contact)
    "mail-password-in-plan": (
        N_("the plan must not hold the mailbox's password, which anyone given the plan would read"),
        N_("delete it from the plan; give it in DOCGEN_MAIL_PASSWORD or type it when docgen fetch-mail asks"),
    ),
    # where the mailbox is, and who reads it
    "mail-no-server": (
        N_("no mail server given"),
        N_("give --server imap.qq.com, or name it in the plan under 'mail: server:'"),
    ),
    "mail-no-user": (
        N_("no mailbox user given"),
        N_("give --user with the mailbox's address, or name it in the plan under 'mail: user:'"),
    ),
    "mail-no-password": (
        N_("no password for the mailbox"),
        N_("set DOCGEN_MAIL_PASSWORD to the mailbox's 授权码, or run the command where it can ask for it"),
    ),
    "mail-bad-server": (
        N_("'{server}' is not a server's name or address with an optional port"),
        N_("write it as imap.qq.com or imap.qq.com:993"),
    ),
    "mail-user-not-ascii": (
        N_("the user name for {server} holds characters a login cannot carry"),
        N_("give the mailbox's address, e.g. 18083554@qq.com"),
    ),
    "mail-password-not-ascii": (
        N_("the password for {server} holds characters a login cannot carry"),
        N_("use the 授权码 the mailbox's settings generated, which is letters only"),
    ),
    "mail-insecure-remote": (
        N_("--security none would send the password unencrypted to {server}, which is not this computer"),
        N_("use --security ssl (or starttls); none is only for a test server on this computer"),
    ),
    # talking to the server
    "mail-unreachable": (
        N_("cannot connect to {server}: {reason}"),
        N_("check the server's name and port, and that this computer is online"),
    ),
    "mail-certificate": (
        N_("{server}'s certificate is not trusted ({detail}); nothing was sent to it"),
        N_("check the server's name; a school's own server may need its authority in SSL_CERT_FILE"),
    ),
    "mail-tls-failed": (
        N_("no secure connection to {server}: {detail}"),
        N_("check the port: 993 with --security ssl, 143 with --security starttls"),
    ),
    "mail-no-starttls": (
        N_("{server} does not offer STARTTLS, so the password would go unencrypted; nothing was sent"),
        N_("use --security ssl and port 993"),
    ),
    "mail-login-failed": (
        N_("{server} refused the login of {user}"),
        N_("check the user and the 授权码: QQ 邮箱 takes the 授权码 from its settings, not the QQ password"),
    ),
    "mail-stalled": (
        N_("{server} stopped answering (nothing for {seconds} seconds, or an answer that did not end in time)"),
        N_("run the command again later; nothing was filed from the unanswered message"),
    ),
    "mail-server-too-much": (
        N_("{server} sent more than the command asked for; the connection was closed"),
        N_("run the command again; if it happens again, the server is not an IMAP server docgen can trust"),
    ),
    "mail-protocol": (
        N_("{server} answered in a way IMAP does not allow: {detail}"),
        N_("run the command again; check that the port is the server's IMAP port"),
    ),
    "mail-refused": (N_("{server} refused a request: {detail}"), N_("run the command again later")),
    "mail-no-folder": (
        N_("{server} has no folder '{folder}'"),
        N_("give --folder with a folder the mailbox has (INBOX, the one the reports arrive in)"),
    ),
    "mail-search-failed": (N_("the server cannot list the messages of '{folder}'"), N_("run the command again later")),
    "mail-fetch-failed": (N_("the server cannot send the messages of '{folder}'"), N_("run the command again later")),
    # what fetch-mail leaves in the mailbox (docgen.tracking.mail.fetching)
    "mail-bulk": (
        N_("mail sent to many (a list, a newsletter, an automatic reply) from {sender}, naming no unit; not filed"),
        "",
    ),
    "mail-nothing-to-file": (
        N_("a message from {unit} with no file and no report in it; nothing to file"),
        N_("if it promised files, ask {unit} to send them"),
    ),
    "mail-not-sent": (
        N_("the server listed message {uid} but did not send it; it is read again next time"),
        "",
    ),
    # a message, read under limits (docgen.inputs.mail)
    "mail-too-large": (
        N_("the message is larger than {limit} MiB; nothing of it is filed"),
        N_("save its files from the mailbox yourself, then file them with docgen receive"),
    ),
    "mail-too-many-parts": (
        N_("the message has more than {limit} parts; nothing of it is filed"),
        N_("look at it in the mailbox: no mail client writes so many"),
    ),
    "mail-too-deep": (
        N_("the message nests parts more than {limit} deep; nothing of it is filed"),
        N_("look at it in the mailbox: no mail client nests so deep"),
    ),
    "mail-too-many-headers": (
        N_("a part of the message has more than {limit} header lines; nothing of it is filed"),
        N_("look at it in the mailbox: no mail client writes so many"),
    ),
    "mail-header-too-large": (
        N_("the message's header {header} is far longer than any mail client writes; nothing of it is filed"),
        N_("look at it in the mailbox; save its files yourself if you know the sender"),
    ),
    "mail-too-many-files": (
        N_("the message carries {count} files, more than {limit}; none of them is filed"),
        N_("save its files from the mailbox yourself, then file them with docgen receive"),
    ),
    # a file in a message (docgen.inputs.payloads)
    "mail-executable": (
        N_("the file is a program ({kind}), whatever its name says; it is not filed"),
        N_("do not open it; ask the sender what they meant to send"),
    ),
    "mail-archive-unchecked": (
        N_("the file is a {format} archive, which docgen cannot look into; it is not filed"),
        N_("save it from the mailbox yourself if you know the sender, or ask for a zip or the files themselves"),
    ),
    "mail-archive-bomb": (
        N_("the zip unpacks to more than {limit} MiB (a zip bomb); it is not filed"),
        N_("do not unpack it; ask the sender for the files themselves"),
    ),
    "mail-archive-inside": (
        N_("the zip holds another archive ({member}); it is not filed"),
        N_("ask the sender for one zip of the files themselves"),
    ),
    "mail-archive-encrypted": (
        N_("the zip is protected by a password, so docgen cannot look into it; it is not filed"),
        N_("ask the sender for the files without a password"),
    ),
    "mail-archive-damaged": (N_("the zip is damaged; it is not filed"), N_("ask the sender to send it again")),
    "mail-archive-too-many": (
        N_("the zip holds {count} files, more than {limit}; it is not filed"),
        N_("ask the sender for the files that make the report"),
    ),
}
