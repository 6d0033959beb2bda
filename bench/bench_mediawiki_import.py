"""MediaWiki import benchmark: revisions per second and peak memory.

    .venv/bin/python bench/bench_mediawiki_import.py [--revisions 100000] [--pages 100]

1. The largest dump in ../shared/data/mediawiki/ (real Wikipedia articles: long texts,
   many templates), imported into an empty SQLite database.
2. A generated dump of --revisions revisions over --pages pages (each revision a
   paragraph longer or reworded, as a wiki grows), made as it is read, never on disk.

Each import runs in its own process so that its peak resident memory (ru_maxrss) is its
own; the figure that matters is that it stays flat as the dump grows (the dump is
streamed page by page, a page's texts spooled to disk).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data" / "mediawiki"

HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
          "<siteinfo><sitename>Bench Wiki</sitename><dbname>benchwiki</dbname>"
          "<base>https://bench.example/wiki/Main_Page</base></siteinfo>\n")
WORDS = ("library loan catalogue patron reference archive shelf reading branch school "
         "public academic special collection digital service community volunteer").split()


class GeneratedDump(io.RawIOBase):
    """`revisions` revisions over `pages` pages, written as they are read."""

    def __init__(self, revisions: int, pages: int):
        self.parts = self._parts(revisions, pages)
        self.buffer = b""

    @staticmethod
    def _parts(revisions: int, pages: int):
        yield HEADER.encode()
        per_page = max(1, revisions // pages)
        number = 0
        for page in range(1, pages + 1):
            yield (f"<page><title>Practice {page}</title><ns>0</ns><id>{page}</id>\n").encode()
            paragraphs: list[str] = []
            for step in range(per_page):
                number += 1
                words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(40))
                if step % 5 == 4 and paragraphs:
                    paragraphs[step % len(paragraphs)] = words  # a rewording
                else:
                    paragraphs.append(f"'''{page}.{step}''' {words} [[Practice {page + 1}]]")
                text = "\n\n".join(paragraphs[-30:])
                stamp = f"{2000 + number // 40000:04d}-01-01T00:00:{number % 60:02d}Z"
                yield (f"<revision><id>{number}</id><timestamp>{stamp}</timestamp>"
                       f"<contributor><username>User {number % 50}</username><id>"
                       f"{number % 50 + 1}</id></contributor><comment>edit {step}</comment>"
                       f'<text xml:space="preserve">{text}</text></revision>\n').encode()
            yield b"</page>\n"
        yield b"</mediawiki>\n"

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while len(self.buffer) < len(target):
            try:
                self.buffer += next(self.parts)
            except StopIteration:
                break
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


def run_one(kind: str, revisions: int, pages: int) -> dict:
    """In this process: import into an empty database, return the figures."""
    from app import create_app
    from core.extensions import db
    from transfer.dump import open_raw
    from transfer.importing import import_dump

    folder = Path(tempfile.mkdtemp(prefix="bench-mw-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
                      "SEARCH_INDEX_DIR": str(folder / "index"), "SECRET_KEY": "bench",
                      "JOBS_BACKEND": "memory", "MAIL_DIR": str(folder / "mail")})
    with app.app_context():
        db.create_all()
        if kind == "shared":
            path = max(SHARED.iterdir(), key=lambda p: p.stat().st_size)
            stream, label = open_raw(path), path.name
        else:
            stream, label = GeneratedDump(revisions, pages), f"generated {revisions:,}"
        started = time.perf_counter()
        report = import_dump(stream, commit=db.session.commit)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"dump": label, "revisions": report.revisions_imported,
            "pages": report.pages_created, "seconds": round(seconds, 1),
            "revisions_per_second": round(report.revisions_imported / seconds, 1),
            "peak_rss_mb": round(peak_mb)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--one", choices=["shared", "generated"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(run_one(options.one, options.revisions, options.pages)))
        return
    kinds = (["shared"] if SHARED.is_dir() else []) + ["generated"]
    for kind in kinds:
        output = subprocess.run(
            [sys.executable, __file__, "--one", kind, "--revisions", str(options.revisions),
             "--pages", str(options.pages)], capture_output=True, text=True, check=True,
            env={**os.environ, "RENDER_POOL": os.environ.get("RENDER_POOL", "process")})
        figures = json.loads(output.stdout.strip().splitlines()[-1])
        print(f"{figures['dump']}: {figures['revisions']:,} revisions in {figures['pages']} "
              f"pages, {figures['seconds']} s, {figures['revisions_per_second']} revisions/s,"
              f" peak memory {figures['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
