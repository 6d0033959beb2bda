"""Files made in memory for the tests: every accepted type, and hostile ones."""

from __future__ import annotations

import io
import zipfile

from PIL import Image


def image(fmt: str = "PNG", size=(64, 48), color="teal", **save) -> bytes:
    out = io.BytesIO()
    mode = "RGB" if fmt in ("JPEG",) else "RGBA" if fmt != "GIF" else "P"
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_exif(size=(60, 40), orientation=6) -> bytes:
    """A JPEG whose EXIF says: rotate 90° (orientation 6), taken at a GPS position."""
    picture = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SecretCam"  # Make
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf(text: str = "Makerspace induction checklist", javascript: bool = False) -> bytes:
    """A one-page PDF showing `text` (and, if asked, an OpenAction running JavaScript)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    action = b" /OpenAction 6 0 R" if javascript else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + action + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /S /JavaScript /JS (app.alert\\('pwned'\\)) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
              "%%EOF\n".encode())
    return out.getvalue()


def _zip(members: dict[str, str | bytes], first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(first, members.pop(first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="x"></Types>'


def docx(text: str = "Loan policy for e-readers") -> bytes:
    document = ('<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r>'
                f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>")
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document})


def xlsx() -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>",
                 "xl/sharedStrings.xml": "<sst><si><t>Budget</t></si></sst>"})


def pptx() -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": "<p/>",
                 "ppt/slides/slide1.xml": "<p:sld xmlns:p='p'><a>Welcome</a></p:sld>"})


def odf(kind: str = "text", text: str = "Story time rota") -> bytes:
    return _zip({"mimetype": f"application/vnd.oasis.opendocument.{kind}",
                 "content.xml": f"<office:document-content xmlns:office='o'><p>{text}</p>"
                                "</office:document-content>"}, first="mimetype")


CSV = b"branch,loans,visits\nNorth,120,400\nSouth,80,310\n"
TEXT = "Opening hours: 9–5, Monday to Friday.\nClosed on holidays.\n".encode()
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
       b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>")
# A GIF header that is also JavaScript (GIF89a=...), with the script after the image data.
GIF_JS_POLYGLOT = image("GIF", (3, 3)) + b"\n*/=1;alert(document.cookie);/*"
ZIP = _zip({"notes.txt": "hello"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def bomb_png(side: int = 20_000) -> bytes:
    """A small PNG whose header says side × side pixels (a decompression bomb: its
    compressed rows would inflate to that many), made by rewriting a small PNG's IHDR."""
    import struct
    import zlib

    data = bytearray(image("PNG", (8, 8)))
    ihdr = bytearray(data[12:29])  # b"IHDR" + 13 bytes
    ihdr[4:12] = struct.pack(">II", side, side)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)
