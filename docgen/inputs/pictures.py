"""Pictures opened under limits, turned upright, scaled; QR codes made from a text.

Every picture docgen reads (a school's logo named in the plan, a photo a unit sends) is opened
here. Pillow reads the header first: a picture whose stated size passes ``MAX_PIXELS`` (a
decompression bomb) is refused before any pixel is decoded, and only the formats a document can
show are opened at all (never EPS, whose reader runs Ghostscript). A phone's photo stores its
pixels sideways and an EXIF tag saying how to turn them; Word, a browser and a print all need
the pixels upright, so such a picture is re-encoded with its orientation applied.

A refusal is an ``InputRefusedError`` whose code (``picture-too-large``,
``picture-too-many-pixels``, ``picture-format``, ``picture-unknown``, ``picture-unreadable``, ``qr-empty``,
``qr-too-long``) each caller turns into a finding of its own stage.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.inputs.bounded import InputRefusedError, check_regular, read_regular

if TYPE_CHECKING:
    from PIL import Image

MAX_PICTURE_BYTES = 30 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel camera; a bomb states far more
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}
FORMATS = ("JPEG", "PNG", "GIF", "BMP", "WEBP")  # what Pillow may open
PLACED_PIXELS = 2400  # longest side kept in a document: the 156 mm text block at about 390 dpi
DEFAULT_DPI = 96  # what Word assumes of a picture that states none
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules
QR_PIXELS = 1800  # at least this many pixels a side: sharp boxes at any width on the page
QR_MODULE_MM = 0.5  # a QR code's default width gives each module at least this much
QR_MIN_WIDTH_MM = 25.0
QR_MAX_BYTES = 2331  # what a QR code holds at error correction level M (version 40)
_ORIENTATION = 0x0112  # the EXIF tag
_MM_PER_INCH = 25.4
_OWN_FORMATS = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"BM", "BMP"), (b"RIFF", "WebP"))
_OTHER_FORMATS = (  # files people take for pictures, named so the fix can say what to do
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF", "PDF"),
    (b"%!PS", "EPS"),
    (b"\xc5\xd0\xd3\xc6", "EPS"),
    (b"8BPS", "PSD"),
    (b"\xd7\xcd\xc6\x9a", "WMF"),
    (b"\x00\x00\x01\x00", "ICO"),
)


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


@dataclass(frozen=True)
class PlacedPicture(ScaledPicture):
    """A picture to place in a document, with the width it has when nobody asks for one."""

    natural_width_mm: float = 0.0
    modules: int = 0  # a QR code's modules a side, its quiet zone included; 0 for other pictures

    @cached_property
    def digest(self) -> str:
        """A short hash of ``data``: the same picture gets the same name in every package."""
        return hashlib.sha256(self.data).hexdigest()[:16]


def _other_format(data: bytes) -> str | None:
    """What a file Pillow is not allowed to open is, when it is a picture format people use."""
    found = next((name for magic, name in _OTHER_FORMATS if data.startswith(magic)), None)
    if found is not None:
        return found
    if data[4:8] == b"ftyp":
        return "AVIF" if data[8:12] in (b"avif", b"avis") else "HEIC"
    if data[40:44] == b" EMF":
        return "EMF"
    return "SVG" if b"<svg" in data[:2048] else None


@contextlib.contextmanager
def opened_picture(data: bytes) -> Iterator[Image.Image]:
    """``data`` opened by Pillow, its stated size checked; raises ``InputRefusedError`` when it cannot be used.

    What fails while the caller decodes it inside the ``with`` is refused the same way.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_PICTURE_BYTES:
        raise InputRefusedError("picture-too-large", limit=MAX_PICTURE_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            # Pillow's remarks on a picture it reads all the same (a palette's transparency, odd EXIF) name
            # its own files: not the user's business; a picture it cannot read raises below
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS or width < 1 or height < 1:
                    raise InputRefusedError("picture-too-many-pixels", width=width, height=height)
                yield opened
    except InputRefusedError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputRefusedError("picture-too-many-pixels", width="?", height="?") from None
    except UnidentifiedImageError:
        other = _other_format(data)
        if other is not None:
            raise InputRefusedError("picture-format", format=other) from None
        known = next((name for magic, name in _OWN_FORMATS if data.startswith(magic)), None)
        if known is None:
            raise InputRefusedError("picture-unknown") from None
        raise InputRefusedError("picture-unreadable", detail=f"a damaged {known} file") from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise InputRefusedError("picture-unreadable", detail=str(exc) or type(exc).__name__) from None


def scale_picture(data: bytes, max_width: int, max_height: int) -> ScaledPicture:
    """``data`` upright and scaled to fit ``max_width`` × ``max_height`` pixels (never enlarged).

    Raises ``InputRefusedError`` when it is too big, of another format or no picture at all.
    """
    with opened_picture(data) as opened:
        return _scaled(opened, max_width, max_height)


def _scaled(opened: Image.Image, max_width: int, max_height: int) -> ScaledPicture:
    from PIL import Image, ImageOps

    _decode_smaller(opened, max_width, max_height)
    picture = ImageOps.exif_transpose(opened)
    picture.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
    return _encoded(picture)


def _decode_smaller(opened: Image.Image, max_width: int, max_height: int) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 of its size when that still covers the size asked for.

    The pixels are stored sideways when the EXIF orientation turns them (5 to 8), so the box is
    turned too. Decoding a 12-megapixel photo at a quarter of its size is many times faster.
    """
    width, height = opened.size
    box_width, box_height = (max_height, max_width) if _turned(opened) else (max_width, max_height)
    scale = min(box_width / width, box_height / height, 1.0)
    opened.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))


def _turned(opened: Image.Image) -> bool:
    return opened.getexif().get(_ORIENTATION) in (5, 6, 7, 8)


def _encoded(picture: Image.Image) -> ScaledPicture:
    """JPEG for a photograph, PNG where the picture has transparency or a palette (a chart, a logo)."""
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


def placed_picture(data: bytes) -> PlacedPicture:
    """``data`` as a document holds it: a PNG or JPEG as it is, when upright and not too large, else re-encoded.

    Decoded in full once, so a damaged file is found here, not by Word.
    """
    with opened_picture(data) as opened:
        width, height = opened.size
        turned = _turned(opened)
        if turned:
            width, height = height, width
        natural = width / _dpi(opened) * _MM_PER_INCH
        upright = opened.getexif().get(_ORIENTATION, 1) in (0, 1)
        if opened.format in ("JPEG", "PNG") and upright and max(width, height) <= PLACED_PIXELS:
            opened.load()
            extension = "jpeg" if opened.format == "JPEG" else "png"
            return PlacedPicture(data, extension, width, height, natural)
        scaled = _scaled(opened, PLACED_PIXELS, PLACED_PIXELS)
    return PlacedPicture(scaled.data, scaled.extension, scaled.width, scaled.height, natural)


def _dpi(opened: Image.Image) -> float:
    """The resolution a picture states (horizontally), where it is believable; else Word's default."""
    stated = opened.info.get("dpi")
    try:
        dpi = float(stated[0]) if isinstance(stated, tuple) else 0.0
    except (TypeError, ValueError):
        dpi = 0.0
    return dpi if 24 <= dpi <= 2400 else DEFAULT_DPI


_files: dict[tuple[Path, int, int], PlacedPicture] = {}
_files_lock = threading.Lock()


def read_picture(path: Path) -> PlacedPicture:
    """The picture file at ``path``, read and prepared once per process while the file is unchanged.

    Raises ``FileNotFoundError`` (and ``OSError``) as ``open`` does, and ``InputRefusedError``
    for what is no regular file, a file above ``MAX_PICTURE_BYTES`` or no picture docgen places.
    """
    try:
        info = check_regular(path, MAX_PICTURE_BYTES)
        key = (path.resolve(), info.st_mtime_ns, info.st_size)
        with _files_lock:
            found = _files.get(key)
        if found is None:
            found = placed_picture(read_regular(path, MAX_PICTURE_BYTES))
            with _files_lock:
                _files[key] = found
    except InputRefusedError as exc:
        if exc.code != "input-too-large":
            raise
        raise InputRefusedError("picture-too-large", **exc.params) from None
    return found


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code of ``text`` (quiet zone included), error correction level M.

    Raises ``InputRefusedError`` (``qr-empty``, ``qr-too-long``) for a text no QR code can hold.
    """
    import qrcode
    from qrcode.exceptions import DataOverflowError

    if not text.strip():
        raise InputRefusedError("qr-empty")
    length = len(text.encode("utf-8"))
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=QR_BORDER)
    try:
        code.add_data(text)
        code.make(fit=True)
    except (DataOverflowError, ValueError):  # qrcode says "Invalid version (was 41 ...)" when it does not fit
        raise InputRefusedError("qr-too-long", length=length, limit=QR_MAX_BYTES) from None
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


@lru_cache(maxsize=64)
def qr_picture(text: str) -> PlacedPicture:
    """A black-and-white PNG of the QR code of ``text``, each module a square of whole pixels.

    Its natural width gives every module ``QR_MODULE_MM`` (at least ``QR_MIN_WIDTH_MM``).
    """
    from PIL import Image

    matrix = qr_matrix(text)
    modules = len(matrix)
    box = -(-QR_PIXELS // modules)
    image = Image.new("1", (modules, modules), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    image = image.resize((modules * box, modules * box), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    width_mm = max(QR_MIN_WIDTH_MM, modules * QR_MODULE_MM)
    return PlacedPicture(buffer.getvalue(), "png", image.width, image.height, width_mm, modules)
