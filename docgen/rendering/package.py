"""Is this file a Word package at all? An ODT, an old .doc or .wps, an RTF renamed .docx are not.

Word and WPS open all of these whatever their name, so a user who saved a template in the wrong
format sees nothing amiss; docxtpl would find no tags in them and docgen would copy the file
through as a "document". Each is named here, so the error can say how to save it right.
"""

from __future__ import annotations

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97-2003 (.doc) and WPS (.wps, .et)
_ZIP = b"PK\x03\x04"
_ODF = "application/vnd.oasis.opendocument"


def file_format(head: bytes) -> str | None:
    """What a file that is not a zip archive is, from its first bytes; None when it is a zip archive."""
    if head.startswith(_ZIP) or head.startswith(b"PK\x05\x06"):
        return None
    if head.startswith(_OLE2):
        return "doc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if stripped.startswith((b"<html", b"<!doctype html", b"<?xml")):
        return "html"
    return "unknown"


def package_format(names: set[str], mimetype: bytes | None) -> str | None:
    """What a zip archive is when it is no Word document (``odt``, ``xlsx``, ``pptx``, ``zip``); None for Word."""
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return None
    if mimetype is not None and mimetype.decode("ascii", "replace").startswith(_ODF):
        return "odt"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    return "zip"
