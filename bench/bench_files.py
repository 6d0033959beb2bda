"""Files benchmarks: processing a 12-megapixel photo, and serving a file against the
baseline page.

    .venv/bin/python bench/bench_files.py [--seconds 10] [--workers 2]

1. Upload of a 12-megapixel JPEG (4000 × 3000, with EXIF): the type check, Pillow's
   decode, EXIF orientation, the re-encode and the three smaller widths, and the whole
   upload service (storage and the database row), median of a few runs.
2. Serving: gunicorn (sync workers) on 127.0.0.1 serves the real app; wrk requests a
   stored image (~1 MB) through /files/<sha256>/<name> (the visibility check, the headers,
   the file streamed) and, from the same server in the same run, the baseline page of
   bench/wiki_app.py (a Jinja template of an article's size, no database). Throughput in
   requests/s and MB/s for each.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_wiki import serving, wait_for, wrk  # noqa: E402


def photo(width: int = 4000, height: int = 3000) -> bytes:
    """A camera-like JPEG: noise over a gradient (so it compresses like a photo), EXIF with
    an orientation and a GPS position."""
    from PIL import Image

    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    picture = Image.blend(base, noise, 0.35)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def bench_processing(runs: int = 3) -> None:
    from files import images, sniffing

    data = photo()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        kind, fmt = sniffing.detect(io.BytesIO(data))
        result = images.process(io.BytesIO(data), fmt, 50_000_000)
        timings.append(time.perf_counter() - started)
    print(f"12-megapixel photo: {len(data) / 1e6:.1f} MB JPEG, 4000 × 3000, with EXIF")
    print(f"  type check + decode + orientation + re-encode + {len(result.variants)} widths: "
          f"median {statistics.median(timings) * 1000:.0f} ms over {runs} runs "
          f"(stored {len(result.data) / 1e6:.1f} MB, {result.width} × {result.height})")

    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        from core.extensions import db
        from files.uploads import Upload, upload

        with app.app_context():
            member = _member()
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                upload(member, Upload(io.BytesIO(data), "photo.jpg", alt="A photo"))
                db.session.commit()
                timings.append(time.perf_counter() - started)
    print(f"  the whole upload service (filesystem storage, SQLite row): median "
          f"{statistics.median(timings) * 1000:.0f} ms")


def _app(workdir: Path):
    os.environ.update({"DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
                       "SECRET_KEY": "bench", "SEARCH_INDEX_DIR": str(workdir / "index"),
                       "FILES_DIR": str(workdir / "files"), "RATELIMIT_DISABLED": "1",
                       "RENDER_POOL": "inline"})
    from app import create_app
    from core.extensions import db

    app = create_app({"PASSWORD_HASH_METHOD": "scrypt:1024:8:1"})
    with app.app_context():
        db.create_all()
    return app


def _member():
    from core import accounts
    from core.extensions import db

    user = accounts.register("bencher", "bench@example.org", "a long passphrase")
    db.session.commit()
    return user


def prepare_site(workdir: Path) -> str:
    """A public article using a ~1 MB image; returns the image's path."""
    from PIL import Image

    app = _app(workdir)
    from core.extensions import db
    from files.uploads import Upload, markdown_for, upload
    from wiki import saving

    noise = Image.effect_noise((1400, 1000), 60).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=92)
    with app.app_context():
        member = _member()
        record = upload(member, Upload(io.BytesIO(out.getvalue()), "plan.jpg", alt="Plan"))
        saving.create_article(member, title="Floor plan", body=markdown_for(record))
        db.session.commit()
        path = f"/files/{record.sha256}/plan.jpg"
        size = record.size
        html = app.test_client().get("/wiki/floor-plan").get_data(as_text=True)
    import re

    body = re.search(r"<body>(.*)</body>", html, re.S).group(1)
    (workdir / "baseline.html").write_text(body)
    print(f"serving: an image of {size / 1e6:.2f} MB at {path[:24]}...")
    return path


def bench_serving(seconds: int, workers: int) -> None:
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): serving benchmark skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = prepare_site(workdir)
        with serving(workdir, workers) as base:
            wait_for(base + path)
            wrk(base + path, 2)
            wrk(f"{base}/_bench/baseline", 2)
            baseline = wrk(f"{base}/_bench/baseline", seconds)
            served = wrk(base + path, seconds)
            import urllib.request

            with urllib.request.urlopen(base + path) as response:  # noqa: S310
                size = len(response.read())
    print(f"  {workers} sync workers, wrk -t2 -c8 -d{seconds}s")
    print(f"  baseline Flask+Jinja page:  {baseline:8.1f} requests/s")
    print(f"  the image from /files/:     {served:8.1f} requests/s "
          f"({served * size / 1e6:.0f} MB/s)")
    print(f"  ratio: {served / baseline:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-serving", action="store_true")
    args = parser.parse_args()
    bench_processing()
    if not args.skip_serving:
        bench_serving(args.seconds, args.workers)


if __name__ == "__main__":
    main()
