"""Dump the database `flask demo load` builds to canonical JSON, to compare two versions.

    cd <checkout> && .venv/bin/python tests/demo_snapshot.py /tmp/OUT.json

Not a test: run it in two checkouts (say main and a branch that changes the demo) and
compare the files with `cmp`; the same code gives byte-identical files.

Runs the demo into a fresh SQLite database under a fake clock (each call of
core.timeutil.utcnow advances 1 ms from a fixed moment), so two runs of the same code
give the same timestamps; every table is dumped in primary-key order, timestamps as
seconds before the clock's start. Password hashes (salted at random) are masked.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

import core.timeutil as timeutil  # noqa: E402

START = datetime(2026, 6, 1, 12, 0, 0)
_ticks = [0]


class _Clock(datetime):
    @classmethod
    def now(cls, tz=None):
        _ticks[0] += 1
        moment = START + timedelta(milliseconds=_ticks[0])
        return moment.replace(tzinfo=tz) if tz else moment


timeutil.datetime = _Clock  # utcnow() reads the module's `datetime`

MASK = {"password_hash"}


def value(v):
    if isinstance(v, datetime):
        return f"T-{(START - v).total_seconds():.3f}"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v


def main(out: str) -> None:
    from app import create_app
    from core.extensions import db

    tmp = Path(tempfile.mkdtemp())
    app = create_app({
        "TESTING": True, "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp / "index"),
        "SEARCH_DRAIN": "sync", "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'demo.db'}"})
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    dump = {"output": result.output, "tables": {}}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            rows = db.session.execute(table.select().order_by(*table.primary_key.columns))
            dump["tables"][table.name] = [
                {k: ("<masked>" if k in MASK else value(v)) for k, v in row._mapping.items()}
                for row in rows]
    Path(out).write_text(json.dumps(dump, indent=1, sort_keys=True, ensure_ascii=False))
    print(out, {k: len(v) for k, v in dump["tables"].items() if v})


if __name__ == "__main__":
    main(sys.argv[1])
