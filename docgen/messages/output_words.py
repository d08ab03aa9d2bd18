"""Messages about templates, outputs, LibreOffice and writing files.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # any input file (docgen.inputs.bounded): the plan, a template, a returned form, the manifest
    "input-not-file": (
        N_("this is {what}, not a regular file; docgen does not read it"),
        N_("give the path of the file itself"),
    ),
    "input-too-large": (N_("the file is larger than {limit} MiB; docgen does not read it"), N_("check the file")),
    "input-member-too-large": (
        N_("the part {member} unpacks to more than {limit} MiB; docgen does not read it"),
        N_("open it in Word or WPS and save it again; a document needs far less"),
    ),
    # templates
    "template-missing": (
        N_("template not found"),
        N_("copy the default templates with 'docgen init DIR', or fix --templates"),
    ),
    "template-unreadable": (
        N_("not a readable .docx template: {detail}"),
        N_("open it in Word or WPS and save it again as .docx"),
    ),
    "template-too-large": (N_("template is larger than {limit} MiB"), ""),
    "template-macros": (
        N_("the template holds macros or ActiveX controls ({part}); docgen does not copy them into documents"),
        N_("save it in Word or WPS as a plain .docx (Word Document), not a macro-enabled one"),
    ),
    "template-external": (
        N_("the template links to an outside resource ({kind}: {target}) in {part}; docgen fetches nothing"),
        N_("insert the picture or text itself instead of a link to it, then save the template again"),
    ),
    "template-field": (
        N_("the template holds a {field} field ({target}) in {part}: Word fetches a file or a URL when it updates it"),
        N_("delete the field (Alt+F9 shows fields in Word) and insert its text or picture itself"),
    ),
    "template-syntax": (
        N_("tag error in {tag}: {detail}"),
        N_("check the {{{{ }}}} and {{% %}} tags in that paragraph"),
    ),
    "template-undefined": (
        N_("{tag} uses a name the plan does not give: {detail}"),
        N_("'docgen check' finds every such name with its place; 'docgen context' lists the names there are"),
    ),
    "template-not-text-mapping-printed": (
        N_("{tag} prints a group of values with no text of its own"),
        N_("print one of its values ('docgen context' lists them)"),
    ),
    "template-not-text-list-printed": (
        N_("{tag} prints a list, which has no text of its own"),
        N_('join its items into one text with | join("、"), or repeat a paragraph for each with {{%p for %}}'),
    ),
    "template-not-text-value-printed": (
        N_("{tag} prints a value with no text of its own"),
        N_("print text, a number or a date; 'docgen context' shows what each name holds"),
    ),
    "template-unsafe": (
        N_("the template tried something the sandbox forbids: {detail}"),
        N_("templates may only use the names docgen gives them"),
    ),
    "template-failed": (N_("{tag} failed: {detail}"), ""),
    "template-limit": (
        N_("{tag} went past a limit: {detail}"),
        N_("check its loops, macros and repeated text: a document needs far less"),
    ),
    "template-too-big-output": (
        N_("the template produced more than {limit} characters in {part}"),
        N_("check its loops"),
    ),
    "template-bad-xml": (
        N_("the template produced a broken document part {part}: {detail}"),
        N_("check the template's tags, e.g. a {{%p %}} tag beside other text"),
    ),
    "docxtpl-bad-xml": (
        N_("a value printed in {part} broke its XML: {detail}"),
        N_("a value holding & or < must be escaped: render(context, autoescape=True), or {{{{ value|e }}}}"),
    ),
    # outputs
    "unknown-unit-name": (N_("no unit is called '{unit}'"), N_("units: {known}")),
    "unknown-unit-name-suggest": (N_("no unit is called '{unit}'"), N_("did you mean {suggestion}?")),
    "unknown-kind": (N_("unknown document kind '{kind}'"), N_("kinds: {known}")),
    "no-kind": (N_("--only names no document kind"), N_("kinds: {known}")),
    "no-document": (
        N_("the plan gives no document of the kind '{kind}' {unit} {task}"),
        N_("'docgen list' shows the kinds and units; a letter or a form needs its part in the plan"),
    ),
    "unknown-kind-suggest": (N_("unknown document kind '{kind}'"), N_("did you mean '{suggestion}'?")),
    "output-outside": (N_("output path {path} would leave the output folder"), ""),
    "output-symlink": (
        N_("{path} is a symbolic link or leads outside the output folder; docgen will not write through it"),
        N_("remove the link or choose another -o folder"),
    ),
    "output-not-file": (
        N_("{what} stands where docgen would write a document; docgen writes only regular files"),
        N_("move it away or choose another -o folder"),
    ),
    "output-not-regular": (
        N_("this is {what}, not a regular file; docgen writes only regular files, with or without --force"),
        N_("choose another file with -o"),
    ),
    "folder-is-link": (
        N_("this folder is a symbolic link; docgen makes folders only inside {root}, never through a link"),
        N_("replace the link with a real folder, or remove it"),
    ),
    "output-is-input": (
        N_("this is {input}, which the command reads; docgen never writes over its own input, even with --force"),
        N_("choose another file or folder with -o"),
    ),
    "output-folder-is-file": (N_("this is a file, not a folder for the outputs"), N_("give a folder with -o")),
    "output-exists": (
        N_("this file was not written by docgen (or was changed since); it is not overwritten"),
        N_("move it away, or pass --force to replace it"),
    ),
    "manifest-not-file": (
        N_("docgen's record of its files is {what}, not a regular file"),
        N_(
            "delete .docgen-manifest.json from the output folder (docgen writes a new one), or choose another -o folder"
        ),
    ),
    "output-busy": (
        N_("another docgen run has been writing into this folder for more than {seconds} seconds"),
        N_("wait for it to finish, or choose another -o folder"),
    ),
    "worker-died": (
        N_("a rendering process stopped before it finished its documents; nothing was written"),
        N_("run again; if it happens again, the system may be short of memory: try --jobs 1"),
    ),
    # LibreOffice and poppler (PDF output and previews)
    "office-missing": (
        N_("LibreOffice (soffice) is not installed or not found; it is needed for PDF output and previews"),
        N_("'docgen doctor' says how to install it here; on Debian or Ubuntu: sudo apt-get install {packages}"),
    ),
    "office-uno-missing": (
        N_("LibreOffice's Python bindings (uno) are not installed; a converter kept running needs them"),
        N_("on Debian or Ubuntu: sudo apt-get install {packages}"),
    ),
    "office-warm-unavailable": (
        N_("LibreOffice could not be kept running for the previews; each preview starts it anew and takes seconds"),
        N_("see the next message for why; 'docgen doctor' checks the installation"),
    ),
    "tool-missing": (
        N_("{tool} is not installed or not on PATH"),
        N_("on Debian or Ubuntu: sudo apt-get install {package}"),
    ),
    "office-timeout": (
        N_("LibreOffice did not finish converting {count} files within {seconds} seconds and was stopped"),
        N_("try again; if it keeps happening, convert fewer documents at once with --only or --unit"),
    ),
    "office-failed": (
        N_("LibreOffice failed (exit status {code}): {detail}"),
        N_("run 'soffice --headless --version' to check the installation"),
    ),
    "pdf-not-produced": (
        N_("LibreOffice wrote no PDF for this file (it said: {detail})"),
        N_("open the file in LibreOffice Writer or Word to see whether it is damaged"),
    ),
    "docx-not-saved": (
        N_("LibreOffice saved no .docx for this file (it said: {detail})"),
        N_("open the file in LibreOffice Writer or Word to see whether it is damaged"),
    ),
    "pdf-name-clash": (N_("two documents would be converted to this same PDF"), N_("give them different file names")),
    "preview-failed": (N_("pdftoppm could not draw the pages: {detail}"), ""),
    "print-file-failed": (N_("could not join the PDFs into one file to print: {detail}"), ""),
    "pdf-unreadable": (N_("{tool} could not read the PDF LibreOffice wrote: {detail}"), ""),
    # writing files
    "file-exists": (N_("the file already exists"), N_("use --force to overwrite it")),
    "write-failed": (N_("cannot write here: {reason}"), N_("choose another place, or check the disk")),
    "write-denied": (
        N_("no permission to write here"),
        N_("choose a folder you may write to (-o), or ask for the right to write to this one"),
    ),
    "write-read-only": (N_("this place is read-only"), N_("choose another folder (-o)")),
    "write-disk-full": (N_("the disk is full"), N_("free some space, or choose a folder on another disk (-o)")),
    "write-no-folder": (
        N_("the folder to write into does not exist and cannot be made"),
        N_("check the path given with -o"),
    ),
}
