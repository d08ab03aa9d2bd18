"""Pictures the units send: opened under limits, turned upright by their EXIF orientation, scaled.

A phone's photo stores its pixels sideways and an EXIF tag saying how to turn them; Word, a
browser and a print all need the pixels upright, so every picture is re-encoded once here with
its orientation applied. Pillow reads the header first: a picture whose stated size passes
``MAX_PIXELS`` (a decompression bomb) is refused before any pixel is decoded.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from docgen.errors import FormError, Problem

MAX_PICTURE_BYTES = 30 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel camera; a bomb states far more
_ORIENTATION = 0x0112  # the EXIF tag
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}


@dataclass(frozen=True)
class ScaledPicture:
    """A picture ready to place: upright, at most the size asked for, as JPEG or PNG bytes."""

    data: bytes
    extension: str  # "jpeg" or "png"
    width: int
    height: int

    @property
    def content_type(self) -> str:
        """The MIME type of ``data``."""
        return f"image/{self.extension}"


def _error(name: str, code: str, **params: object) -> FormError:
    return FormError([Problem(code, dict(params), file=name)])


def scale_picture(data: bytes, name: str, max_width: int, max_height: int) -> ScaledPicture:
    """``data`` upright and scaled to fit ``max_width`` × ``max_height`` pixels (never enlarged).

    ``FormError`` (picture-too-large, picture-unreadable) when it is too big or no picture
    Pillow can read; ``name`` names it in the problem.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_PICTURE_BYTES:
        raise _error(name, "picture-too-large", limit=MAX_PICTURE_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS or width < 1 or height < 1:
                    raise _error(name, "picture-too-many-pixels", width=width, height=height)
                _decode_smaller(opened, max_width, max_height)
                picture = ImageOps.exif_transpose(opened)
                picture.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
                return _encoded(picture)
    except FormError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error(name, "picture-too-many-pixels", width="?", height="?") from None
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        MemoryError,
    ) as exc:
        raise _error(name, "picture-unreadable", detail=str(exc) or type(exc).__name__) from None


def _decode_smaller(opened: object, max_width: int, max_height: int) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 of its size when that still covers the size asked for.

    The pixels are stored sideways when the EXIF orientation turns them (5 to 8), so the box is
    turned too. Decoding a 12-megapixel photo at a quarter of its size is many times faster.
    """
    from PIL import Image

    assert isinstance(opened, Image.Image)
    width, height = opened.size
    turned = opened.getexif().get(_ORIENTATION) in (5, 6, 7, 8)
    box_width, box_height = (max_height, max_width) if turned else (max_width, max_height)
    scale = min(box_width / width, box_height / height, 1.0)
    opened.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))


def _encoded(picture: object) -> ScaledPicture:
    """JPEG for a photograph, PNG where the picture has transparency or a palette (a chart, a logo)."""
    from PIL import Image

    assert isinstance(picture, Image.Image)
    buffer = io.BytesIO()
    if picture.mode in ("RGBA", "LA", "P", "PA") or "transparency" in picture.info:
        picture = picture.convert("RGBA")
        picture.save(buffer, "PNG", optimize=True)
        extension = "png"
    else:
        picture = picture.convert("RGB")
        picture.save(buffer, "JPEG", quality=85, optimize=True)
        extension = "jpeg"
    return ScaledPicture(buffer.getvalue(), extension, picture.width, picture.height)
