"""Messages of the workbench (``docgen serve``): saving the plan, files dropped on its pages.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "plan-changed-on-disk": (
        N_("the plan was changed on disk since this page loaded it; nothing was saved"),
        N_("copy your changes, reload the page to see the file as it is now, and make them again"),
    ),
    "plan-text-unencodable": (
        N_("the character {char} cannot be saved in this file's encoding ({encoding}); nothing was saved"),
        N_("leave the character out, or save the plan as UTF-8 in a text editor first"),
    ),
    "upload-too-large": (
        N_("the file is larger than {limit} MiB; it was not received"),
        N_("send a smaller file (pictures can be made smaller), or put it into the folder by hand"),
    ),
    "upload-too-many": (
        N_("more than {limit} files at once; none was received"),
        N_("drop fewer files at a time"),
    ),
    "upload-empty": (N_("no file was given"), N_("choose a file, or drop one on the page")),
    "upload-bad-name": (
        N_("the file name {name} cannot be used"),
        N_("rename the file: a plain name such as 教务处-总结.docx"),
    ),
    "template-upload-not-docx": (
        N_("{name} is not a .docx file; a template is a Word document saved as .docx"),
        N_("open it in Word or WPS and save it as .docx (Word Document)"),
    ),
    "template-upload-exists": (
        N_("the templates folder already has {name}; it was kept"),
        N_("tick 'replace' to put the new file in its place"),
    ),
    "workbench-busy": (
        N_("another task of this page is still running"),
        N_("wait until it has finished, then try again"),
    ),
    "workbench-failed": (
        N_("the task stopped with an error docgen did not expect: {detail}"),
        N_("run the same command in a terminal to see more; please report it"),
    ),
}
