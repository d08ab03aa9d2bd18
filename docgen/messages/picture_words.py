"""Messages about pictures: the plan's ``images:`` and the ``image(...)``/``qr(...)`` tags that place them.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
A picture file's problem has one code whether ``docgen check`` finds it at the plan's line or the
render at a template's tag (the file may have changed in between); ``{tag}`` is the tag as typed.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # the plan's pictures, checked by docgen check (at the plan's line) and by the render (at the template's tag)
    "image-file-or-qr": (
        N_("a picture needs either 'file' (a picture beside the plan) or 'qr' (a text), not both, not neither"),
        N_("write e.g. 'logo: images/校徽.png' or 'site: {{qr: https://zs.example.edu.cn}}'"),
    ),
    "image-file-missing": (
        N_("the picture file '{picture}' does not exist"),
        N_("the path is relative to the plan file's folder; check its spelling, or copy the file there"),
    ),
    "image-not-file": (
        N_("the picture '{picture}' is {what}, not a regular file"),
        N_("give the path of a .png or .jpg file"),
    ),
    "image-file-too-large": (
        N_("the picture file '{picture}' is larger than {limit} MiB"),
        N_("save a smaller copy (a logo needs far less than 1 MiB)"),
    ),
    "image-too-many-pixels": (
        N_("the picture '{picture}' says it is {width}×{height} pixels, too many to open safely"),
        N_("save a smaller copy, e.g. 2000 pixels wide"),
    ),
    "image-format": (
        N_("the picture '{picture}' is a {format} file, which docgen cannot place in a document"),
        N_("open it and save it as .png (a logo, a drawing) or .jpg (a photo)"),
    ),
    "image-unknown": (
        N_("the file '{picture}' is no picture docgen can place (PNG, JPEG, GIF, BMP, WebP)"),
        N_("open it in a picture viewer and save it as .png or .jpg, or check the path"),
    ),
    "image-unreadable": (
        N_("the file '{picture}' cannot be read as a picture ({detail})"),
        N_("open it in a picture viewer; save it again as .png or .jpg"),
    ),
    "image-too-tall": (
        N_("at this width the picture would be {height} mm high, more than the text block's {limit} mm"),
        N_("give a smaller width_mm"),
    ),
    "image-qr-empty": (N_("the QR code's text is empty"), N_("give the text it stands for, e.g. a web address")),
    "image-qr-too-long": (
        N_("the text is {length} bytes, more than a QR code holds ({limit})"),
        N_("give a shorter text, e.g. the address of a page that holds the rest"),
    ),
    "image-qr-too-small": (
        N_("a QR code of {modules} modules a side is too small to scan at {width} mm"),
        N_("make it at least {minimum} mm wide, or give a shorter text"),
    ),
    # the tags that place them, image(...) and qr(...) (docgen.rendering.placing, docgen.rendering.template_check)
    "template-image-unknown": (
        N_("{tag} places the picture '{name}', which the plan's 'images' does not name"),
        N_("name it under 'images:' in the plan (e.g. 'logo: images/校徽.png'); names given: {known}"),
    ),
    "template-image-unknown-suggest": (
        N_("{tag} places the picture '{name}', which the plan's 'images' does not name"),
        N_("did you mean '{suggestion}'?"),
    ),
    "template-image-argument": (
        N_("{tag} gives {name} the value {value}"),
        N_("give a picture's name in quotes and sizes as numbers of millimetres, e.g. image('logo', width_mm=30)"),
    ),
    "template-image-too-small": (
        N_("{tag} makes the picture's {name} {value} mm, less than {limit} mm: no picture on paper"),
        N_("give a size of at least {limit} mm, or leave it out for the picture's own size"),
    ),
    "template-image-too-wide": (
        N_("{tag} makes the picture {width} mm wide, more than the text block's {limit} mm"),
        N_("give a smaller width_mm, or height_mm instead"),
    ),
    "template-image-place": (
        N_("{tag} places a picture where none can stand"),
        N_("pictures stand in the body, a header, a footer or a note, not in the document properties"),
    ),
}
