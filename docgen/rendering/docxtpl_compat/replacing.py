"""Pictures, media and embedded files replaced in a saved document: docxtpl's ``replace_*`` methods.

``replace_pic(name, file)`` swaps the bytes of the picture whose name, title or description (as
Word shows them in the picture's properties) is ``name``; ``replace_media(old, new)`` swaps every
picture whose bytes are those of ``old`` (compared by CRC-32, as the zip stores it), also in
headers and footers; ``replace_embedded`` does the same for embedded files and
``replace_zipname`` for one package member named as it is in the zip. All of them work on the
finished package when it is saved; a picture keeps the size it has in the template.
"""

from __future__ import annotations

import posixpath
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from docgen.rendering.pictures import relationships_part
from docgen.rendering.zipwriter import Member, deflate

_STORY = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_GRAPHIC = "{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData"
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


@dataclass
class Replacements:
    """What ``save`` replaces: pictures by name, media and embedded files by CRC-32, members by name."""

    pictures: dict[str, bytes] = field(default_factory=dict)
    media: dict[int, bytes] = field(default_factory=dict)
    embedded: dict[int, bytes] = field(default_factory=dict)
    members: dict[str, bytes] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.pictures or self.media or self.embedded or self.members)


def payload(member: Member) -> bytes:
    """A member's bytes as they were before they were deflated."""
    return zlib.decompress(member.data, -15)


def _targets(members: Mapping[str, Member], part: str) -> dict[str, str]:
    """The package members a part's relationships point at, by id (external ones left out)."""
    rels = members.get(relationships_part(part))
    if rels is None:
        return {}
    targets = {}
    for relationship in etree.fromstring(payload(rels), _PARSER).iter(_REL):
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            targets[str(relationship.get("Id"))] = target.lstrip("/")
        else:
            targets[str(relationship.get("Id"))] = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    return targets


def pictures(members: Mapping[str, Member]) -> list[tuple[str, str, str, str]]:
    """Every picture of the body, headers and footers: (media part, name, title, description)."""
    found: list[tuple[str, str, str, str]] = []
    for part, member in members.items():
        if not _STORY.match(part):
            continue
        targets = _targets(members, part)
        for graphic in etree.fromstring(payload(member), _PARSER).iter(_GRAPHIC):
            blip = graphic.find(f"{_PIC}pic/{_PIC}blipFill/{_BLIP}")
            properties = graphic.find(f"{_PIC}pic/{_PIC}nvPicPr/{_PIC}cNvPr")
            if graphic.get("uri") != _PICTURE_URI or blip is None or properties is None:
                continue
            media = targets.get(blip.get(_EMBED, ""))
            if media is not None:
                names = (properties.get("name", ""), properties.get("title", ""), properties.get("descr", ""))
                found.append((media, *names))
    return found


def replaced(members: list[Member], replacements: Replacements, allow_missing_pics: bool = False) -> list[Member]:
    """``members`` with the replacements made; ``ValueError`` for a picture name no picture has.

    ``allow_missing_pics`` lets a picture name go unfound, as docxtpl's attribute of that name does.
    """
    if not replacements:
        return members
    by_name = {member.name.decode("utf-8"): member for member in members}
    new: dict[str, bytes] = {}
    if replacements.pictures:
        found = set()
        for media, *names in pictures(by_name):
            key = next((key for key in replacements.pictures if key in names), None)
            if key is not None:
                new[media] = replacements.pictures[key]
                found.add(key)
        missing = [key for key in replacements.pictures if key not in found]
        if missing and not allow_missing_pics:
            raise ValueError(f"Picture {missing[0]} not found in the docx template")
    for name, member in by_name.items():
        if name in replacements.members:
            new[name] = replacements.members[name]
        elif name.startswith("word/media/") and member.crc in replacements.media:
            new[name] = replacements.media[member.crc]
        elif name.startswith("word/embeddings/") and member.crc in replacements.embedded:
            new[name] = replacements.embedded[member.crc]
    return [deflate(name, new[name]) if name in new else by_name[name] for name in by_name]
