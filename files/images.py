"""Images are decoded and written anew by Pillow, so what is stored is an image and only
that: no EXIF (camera, GPS position), no comments or text chunks, nothing appended after
the image data (a GIF that is also a script loses the script). Orientation from EXIF is
applied to the pixels first. Sizes are bounded before decoding (pixel count, frames), and
Pillow's own decompression-bomb checks are errors too. Smaller widths are made for
display on narrow screens."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import BinaryIO

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from core.errors import ValidationFailed

WIDTHS = (480, 960, 1600)
FRAMES_MAX = 300
SAVE_OPTIONS = {
    "JPEG": {"quality": 88},
    "PNG": {"optimize": False, "compress_level": 6},
    "WEBP": {"quality": 85, "method": 4},
    "GIF": {},
}


@dataclass
class Processed:
    data: bytes
    width: int
    height: int
    variants: list[tuple[int, int, bytes]] = field(default_factory=list)


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, "file")


def _mode_for(image: Image.Image, fmt: str) -> Image.Image:
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    if fmt == "WEBP" and image.mode not in ("RGB", "RGBA"):
        return image.convert("RGBA" if "A" in image.getbands() or "transparency"
                             in image.info else "RGB")
    if fmt == "PNG" and image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        return image.convert("RGBA")
    return image


def _encode(image: Image.Image, fmt: str, **extra) -> bytes:
    out = io.BytesIO()
    options = dict(SAVE_OPTIONS[fmt])
    icc = image.info.get("icc_profile")
    if icc and fmt in ("JPEG", "PNG", "WEBP"):
        options["icc_profile"] = icc
    if fmt == "GIF" and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    image.save(out, format=fmt, **options, **extra)
    return out.getvalue()


def process(stream: BinaryIO, fmt: str, max_pixels: int) -> Processed:
    """Decode the image (of format `fmt`, found from its signature) and encode it again."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream, formats=[fmt]) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise _refuse("This image has no pixels.")
                if width * height > max_pixels:
                    raise _refuse(f"This image is {width} × {height} pixels, more than the "
                                  f"{max_pixels // 1_000_000} million we accept. Make it "
                                  "smaller and upload it again.")
                frames = getattr(image, "n_frames", 1)
                if frames > FRAMES_MAX or frames * width * height > max_pixels * 4:
                    raise _refuse(f"This animation has {frames} frames, more than we accept "
                                  f"({FRAMES_MAX} frames of at most this size).")
                if frames > 1:
                    return _animated(image, fmt)
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                upright = _mode_for(upright, fmt)
                upright.info.pop("exif", None)
                data = _encode(upright, fmt)
                return Processed(data, upright.width, upright.height,
                                 _variants(upright, fmt))
    except ValidationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse("This image would take far more memory to open than its size "
                      "suggests (a “decompression bomb”), so it was refused.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError,
            TypeError, MemoryError):
        raise _refuse(f"This file starts like a {fmt} image but could not be read as one. "
                      "Open it in an image editor, save it again and upload that.") from None


def _animated(image: Image.Image, fmt: str) -> Processed:
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        frames.append(_mode_for(frame.copy(), fmt) if fmt != "GIF" else frame.copy())
        durations.append(frame.info.get("duration", 100))
    extra = {"save_all": True, "append_images": frames[1:], "duration": durations,
             "loop": image.info.get("loop", 0)}
    data = _encode(frames[0], fmt, **extra)
    return Processed(data, image.width, image.height)


def _variants(image: Image.Image, fmt: str) -> list[tuple[int, int, bytes]]:
    """The smaller widths, largest first, each made from the one before (reducing_gap
    lets Pillow shrink by whole factors first: a 12-megapixel photo in well under a
    second), then listed smallest first."""
    made, source = [], image
    if source.mode in ("P", "1"):
        source = source.convert("RGBA" if "transparency" in source.info else "RGB")
    for width in sorted((w for w in WIDTHS if w < image.width), reverse=True):
        height = max(1, round(image.height * width / image.width))
        source = source.resize((width, height), Image.Resampling.BICUBIC, reducing_gap=2.0)
        source.info = {key: value for key, value in image.info.items()
                       if key == "icc_profile"}
        made.append((width, height, _encode(_mode_for(source, fmt), fmt)))
    return sorted(made)
