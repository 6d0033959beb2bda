"""`flask orgs import`: all or nothing, a report per row, idempotent, malformed files."""

import time

from core.extensions import db
from orgs.models import ConsortiumMembership, Organisation
from search import engine

GOOD = ("name,kind,sectors,country,region,isil,parent,consortium,website\n"
        "Northshire Libraries,consortium,public,GB,Northshire,GB-NSH,,,https://nsh.example\n"
        "Riverside Library Service,service,public,GB,Northshire,GB-RLS,,GB-NSH,\n"
        "\"Riverside East\nBranch\",library,public,GB,Northshire,,GB-RLS,gb-nsh,\n")


def run(app, tmp_path, content, *args, encoding="utf-8"):
    path = tmp_path / "orgs.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return app.test_cli_runner().invoke(args=["orgs", "import", str(path), *args])


def counts():
    db.session.expire_all()
    return (db.session.query(Organisation).count(),
            db.session.query(ConsortiumMembership).count())


def test_import_then_again_changes_nothing(app, tmp_path):
    result = run(app, tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert "3 created, 0 updated, 0 unchanged, 2 memberships added." in result.output
    branch = db.session.query(Organisation).filter_by(name="Riverside East Branch").one()
    assert branch.parent.isil == "GB-RLS"  # a quoted newline is part of the name, folded
    again = run(app, tmp_path, GOOD)
    assert "0 created, 0 updated, 3 unchanged, 0 memberships added." in again.output
    assert counts() == (3, 2)


def test_a_file_with_a_bad_row_changes_nothing_unless_told(app, tmp_path):
    bad = GOOD + ("Bad One,castle,public,GB,,,,,\nTwin,library,public,GB,,gb-nsh,,,\n"
                  "No country,library,,ZZ,,,,,\n")
    result = run(app, tmp_path, bad)
    assert result.exit_code == 1
    assert "line 6: refused: Choose what kind" in result.output
    assert "line 7: refused: the ISIL gb-nsh is already on line 2" in result.output
    assert "line 8: refused: Choose a country" in result.output
    assert "nothing was imported" in result.output and counts() == (0, 0)
    result = run(app, tmp_path, bad, "--skip-bad-rows")
    assert result.exit_code == 0 and "3 rows skipped" in result.output
    assert counts() == (3, 2)


def test_malformed_files_are_refused_whole(app, tmp_path):
    latin = run(app, tmp_path, "name,kind\nBibliothèque,library\n", encoding="latin-1")
    assert latin.exit_code == 1 and "not UTF-8 text (line 2)" in latin.output
    missing = run(app, tmp_path, "name,sectors\nA library,public\n")
    assert "Missing column: kind" in missing.output
    assert run(app, tmp_path, b"").exit_code == 1
    assert counts() == (0, 0)


def test_ten_thousand_rows(app, tmp_path):
    # Each organisation waits in the search outbox (drained by the next web process, or
    # `flask search drain`): indexing 10,000 documents here would triple the test's time.
    if "search.drainer" in app.extensions:
        app.extensions["search.drainer"].mode = "off"
    lines = ["name,kind,isil,consortium", "Big Network,consortium,XX-BIG,"]
    lines += [f"Library {n},library,XX-L{n},XX-BIG" for n in range(9999)]
    started = time.perf_counter()
    result = run(app, tmp_path, "\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "10000 created" in result.output and counts() == (10000, 9999)
    assert time.perf_counter() - started < 60
    assert engine.current().pending() == (10000 if engine.current().name == "whoosh" else 0)
