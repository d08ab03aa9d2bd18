"""A plan with pictures and a template that places them, built in a test's folder."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from PIL import Image

from tests.support.plans import plan_with

WEBSITE = "https://zs.example.edu.cn"
IMAGES = f"""
images:
  logo: images/校徽.png
  site: {{qr: "{WEBSITE}", width_mm: 30, description: 招生网二维码}}
"""


def logo_png(width: int = 400, height: int = 200) -> bytes:
    """A red logo with a transparent corner (so it stays a PNG), twice as wide as high."""
    image = Image.new("RGBA", (width, height), (200, 20, 20, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header that states a huge size (a decompression bomb's header) with one tiny data chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def picture_plan(tmp_path: Path, images: str = IMAGES) -> Path:
    """The shipped plan with the letter's website and the plan's pictures, and the logo beside it."""
    plan = plan_with(tmp_path, ("  # website: 学校网址", f"  website: {WEBSITE}"))
    plan.write_text(plan.read_text(encoding="utf-8") + images, encoding="utf-8")
    (tmp_path / "images").mkdir(exist_ok=True)
    (tmp_path / "images" / "校徽.png").write_bytes(logo_png())
    return plan


def picture_template(path: Path, body: list[str], footer: str = "") -> Path:
    """A letter template whose body holds ``body`` (a paragraph each) and whose footer holds ``footer``."""
    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
