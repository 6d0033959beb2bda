"""The demo's images, drawn with Pillow when the demo loads (no binary files in the
repository) and stored through the real upload service. A demo article's Markdown names
one as `(demo-image:NAME)`; `with_demo_images` uploads it (once) as the revision's author
and puts its address there."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw, ImageFont

from files.uploads import Upload, file_url, upload

PLACEHOLDER_RE = re.compile(r"\(demo-image:([a-z0-9-]{1,60})\)")
INK, WALL, ZONE, DOOR = "#1f2933", "#1f2933", "#e6f2f0", "#b5451b"


def floor_plan() -> bytes:
    """A makerspace of about 40 m², from above: walls, door, machines and benches."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    small = ImageFont.load_default(size=24)
    draw.rectangle((40, 40, width - 40, height - 40), outline=WALL, width=10)
    draw.line((520, height - 40, 680, height - 40), fill="white", width=12)  # the doorway
    draw.arc((520, height - 200, 680, height - 40), 180, 270, fill=DOOR, width=4)
    draw.text((600, height - 70), "Door", font=small, fill=DOOR, anchor="ms")
    zones = [
        ((70, 70, 420, 300), "3D printers (2)"),
        ((450, 70, 760, 300), "Vinyl cutter"),
        ((790, 70, 1130, 300), "Sewing machine"),
        ((70, 360, 420, 700), "Project shelf"),
        ((790, 360, 1130, 560), "Kit to lend"),
    ]
    for box, label in zones:
        draw.rectangle(box, fill=ZONE, outline=INK, width=3)
        draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), label, font=font,
                  fill=INK, anchor="mm")
    for top in (360, 470):  # two workbenches in the middle
        draw.rectangle((470, top, 750, top + 80), fill="#f4e3c1", outline=INK, width=3)
        draw.text((610, top + 40), "Workbench", font=small, fill=INK, anchor="mm")
    draw.rectangle((790, 600, 1130, 700), fill="#fdf1d6", outline=INK, width=3)
    draw.text((960, 650), "Induction sheets", font=small, fill=INK, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# name: (how it is drawn, the description stored with the upload)
DEMO_IMAGES = {
    "makerspace-floor-plan": (
        floor_plan,
        "Floor plan of the makerspace: 3D printers, vinyl cutter and sewing machine along "
        "the back wall, two workbenches in the middle, the project shelf on the left, kit "
        "to lend and the induction sheets on the right, the door in the front wall."),
}


def with_demo_images(body: str, uploader, made: dict[str, str]) -> str:
    """`body` with each `(demo-image:NAME)` replaced by the address of that image,
    uploaded by `uploader` the first time (`made` keeps the addresses)."""
    def address(match: re.Match) -> str:
        name = match.group(1)
        if name not in DEMO_IMAGES:
            raise KeyError(f"no demo image {name!r}")
        if name not in made:
            draw, alt = DEMO_IMAGES[name]
            record = upload(uploader, Upload(io.BytesIO(draw()), f"{name}.png", alt=alt))
            made[name] = file_url(record)
        return f"({made[name]})"

    return PLACEHOLDER_RE.sub(address, body) if "(demo-image:" in body else body
