"""The index never drifts from the database: outbox, drains, rebuilds, crashes."""

import itertools
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.extensions import db
from search import bitsets, engine, indexer
from search.models import SearchOutbox
from tests.conftest import TEST_DATABASE_URL, on_postgres
from wiki import moderation, saving
from wiki.models import Article

ROOT = Path(__file__).resolve().parents[2]


def keys_in_index(app):
    return set(engine.current().stamps())


def test_saves_reach_the_index_through_the_outbox(app, library):
    assert indexer.pending() == 0
    assert keys_in_index(app) == {f"article:{a.id}" for a in library}
    assert indexer.check().clean


def test_a_rolled_back_change_leaves_no_outbox_row_and_no_document(app, member):
    saving.create_article(member, title="Never saved", body="Gone.")
    db.session.rollback()
    assert indexer.pending() == 0
    assert keys_in_index(app) == set()


def test_hidden_articles_leave_the_index_and_return_when_restored(app, library, editor,
                                                                   admin):
    moderation.set_hidden(library[0], editor, True)
    db.session.commit()
    assert f"article:{library[0].id}" not in keys_in_index(app)
    moderation.set_hidden(library[0], admin, False)
    db.session.commit()
    assert f"article:{library[0].id}" in keys_in_index(app)
    assert indexer.check().clean


@pytest.mark.whoosh
def test_check_reports_drift_and_rebuild_repairs_it(app, library):
    ix = indexer.open_index(app)
    with ix.writer() as writer:
        writer.delete_by_term("key", f"article:{library[0].id}")
        writer.add_document(key="article:999", type="article", object_id=999, title="Ghost",
                            stamp="x")
    drift = indexer.check()
    assert drift.missing == [f"article:{library[0].id}"] and drift.extra == ["article:999"]
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and "missing from the index" in result.output
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Indexed 5 documents." in result.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0


@pytest.mark.whoosh
def test_rebuild_command_lets_the_indexer_choose_processes_unless_told(app, library,
                                                                        monkeypatch):
    chosen = []
    real = indexer.rebuild

    def recording(progress=None, procs=None, **options):
        chosen.append(procs)
        return real(progress=progress, procs=procs, **options)

    monkeypatch.setattr(indexer, "rebuild", recording)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["search", "rebuild", "--procs", "2"]).exit_code == 0
    assert chosen == [None, 2]  # None: indexer.rebuild_procs decides
    assert runner.invoke(args=["search", "rebuild", "--procs", "0"]).exit_code == 2
    assert indexer.rebuild_procs(10) == 1
    assert indexer.rebuild_procs(indexer.PARALLEL_FROM) >= 1
    assert indexer.check().clean


@pytest.mark.whoosh
def test_a_busy_index_keeps_the_rows_for_later(app, member):
    ix = indexer.open_index(app)
    holder = ix.writer()  # another process would hold this lock
    try:
        saving.create_article(member, title="Waiting", body="In the outbox.")
        db.session.commit()
        assert indexer.pending() == 1  # the member's save succeeded all the same
    finally:
        holder.cancel()
    result = app.test_cli_runner().invoke(args=["search", "drain"])
    assert result.exit_code == 0 and "Indexed 1 changes" in result.output
    assert indexer.check().clean


@pytest.mark.whoosh
def test_stale_documents_are_found_by_check(app, library, member):
    app.extensions["search.drainer"].mode = "off"
    article = db.session.get(Article, library[1].id)
    saving.save_edit(article, member, title=article.title, body="Rewritten completely.",
                     base_revision=1)
    db.session.commit()
    assert indexer.check().stale == [f"article:{article.id}"]
    indexer.drain()
    assert indexer.check().clean


TITLES = itertools.count(1)
OPERATIONS = st.lists(st.tuples(st.sampled_from(["create", "edit", "hide", "restore", "retag"]),
                                st.integers(0, 4)), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_random_sequences_of_changes_leave_no_drift(app, member, editor, admin, operations,
                                                    tmp_path_factory):
    # Hypothesis reseeds `random` for every example, and Whoosh names its segments with
    # it: each example gets a fresh index directory so names cannot collide.
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path_factory.mktemp("index"))
    engine.current().rebuild()
    for number, (operation, which) in enumerate(operations):
        articles = db.session.query(Article).order_by(Article.id).all()
        target = articles[which % len(articles)] if articles else None
        if operation == "create" or target is None:
            saving.create_article(member, title=f"Article {next(TITLES)}",
                                  body=f"Body {number}")
        elif operation == "edit" and not target.hidden:
            saving.save_edit(target, member, title=target.title,
                             body=f"Edited {number} " + target.current_revision.body)
        elif operation == "hide":
            moderation.set_hidden(target, editor, True)
        elif operation == "restore":
            moderation.set_hidden(target, admin, False)
        elif operation == "retag" and not target.hidden:
            saving.save_edit(target, member, title=target.title,
                             body=target.current_revision.body, tags=f"tag{number}")
        db.session.commit()
        drainer = app.extensions.get("search.drainer")  # the Whoosh engine's
        assert drainer is None or drainer.last_error is None
        assert indexer.check().clean, (number, operation)
    assert indexer.pending() == 0


DRAIN_SCRIPT = textwrap.dedent("""
    import os, signal, sys, time
    sys.path.insert(0, {root!r})
    from app import create_app
    from search import indexer
    app = create_app({{"SQLALCHEMY_DATABASE_URI": os.environ["URL"], "SECRET_KEY": "x",
                      "SEARCH_INDEX_DIR": os.environ["INDEX"], "SEARCH_DRAIN": "off"}})
    if os.environ.get("DIE_MID_DRAIN"):
        real = indexer._write
        def dying(writer, kind, ids):
            real(writer, kind, ids)
            os.kill(os.getpid(), signal.SIGKILL)  # after documents, before the commit
        indexer._write = dying
    with app.app_context():
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if indexer.drain_once(timeout=0.2, batch=int(os.environ.get("BATCH", "7"))) == 0:
                    break
            except indexer.IndexBusy:
                time.sleep(0.05)
""")


def run_drainers(app, count, **env):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    environment = dict(os.environ, URL=url, INDEX=app.config["SEARCH_INDEX_DIR"], **env)
    if on_postgres():
        schema = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"]
        environment["PGOPTIONS"] = schema
        environment["URL"] = TEST_DATABASE_URL
    script = DRAIN_SCRIPT.format(root=str(ROOT))
    processes = [subprocess.Popen([sys.executable, "-c", script], env=environment)
                 for _ in range(count)]
    return [process.wait(90) for process in processes]


def make_pending_changes(app, member, count=30):
    app.extensions["search.drainer"].mode = "off"
    for number in range(count):
        saving.create_article(member, title=f"Pending {number}", body=f"Text {number}.")
        db.session.commit()
    assert indexer.pending() == count


@pytest.mark.whoosh
def test_two_processes_draining_at_once_lose_nothing(app, member):
    make_pending_changes(app, member)
    assert run_drainers(app, 2) == [0, 0]
    db.session.expire_all()
    assert indexer.pending() == 0
    assert indexer.check().clean


@pytest.mark.whoosh
def test_a_process_killed_mid_drain_loses_nothing(app, member):
    make_pending_changes(app, member, count=10)
    codes = run_drainers(app, 1, DIE_MID_DRAIN="1")
    assert codes == [-signal.SIGKILL]
    db.session.expire_all()
    assert indexer.pending() == 10  # nothing was taken out of the outbox
    assert run_drainers(app, 1) == [0]  # the lock died with the process; the next drain runs
    db.session.expire_all()
    assert indexer.pending() == 0 and indexer.check().clean
    assert db.session.query(SearchOutbox).count() == 0


def _first_block_protocol(app) -> int:
    import zlib

    ix = indexer.open_index(app)
    with ix.searcher() as searcher:
        leaf = searcher.leaf_searchers()[0][0]
        matcher = leaf.reader().postings("body", "makerspac")
        matcher = getattr(matcher, "child", matcher)
        data = matcher._postfile.get(matcher._dataoffset,
                                     matcher._nextoffset - matcher._dataoffset)
        data = zlib.decompress(data) if matcher._compression else data
        assert data[0] == 0x80  # a pickle that names its protocol
        return data[1]


@pytest.mark.speedups
@pytest.mark.whoosh
def test_postings_are_pickled_so_that_bytes_stay_bytes_and_old_indexes_still_read(
        app, library, monkeypatch):
    import pickle

    from whoosh.codec import whoosh3

    from search import query

    assert _first_block_protocol(app) == 5
    found = [hit.title for hit in query.search("makerspace teens").hits]
    monkeypatch.setattr(whoosh3, "dumps", lambda value, protocol=2: pickle.dumps(value, 2))
    indexer.rebuild(procs=1)
    assert _first_block_protocol(app) == 2  # as Whoosh writes on its own
    assert [hit.title for hit in query.search("makerspace teens").hits] == found


@pytest.mark.speedups
@pytest.mark.whoosh
def test_field_lengths_read_at_once_are_whooshs_own(app, library, member):
    from search import storage

    saving.save_edit(library[0], member, title=library[0].title, body="Short now.",
                     base_revision=1)
    db.session.commit()
    ix = indexer.open_index(app)
    with ix.searcher() as searcher:
        for leaf, _offset in searcher.leaf_searchers():
            perdoc = leaf.reader()._perdoc
            for fieldname in ("title", "body", "accepted", "tags", "nosuch"):
                for docnum in range(perdoc.doc_count_all() + 1):
                    ours = storage._doc_field_length(perdoc, docnum, fieldname, 7)
                    whoosh = storage._read_doc_field_length(perdoc, docnum, fieldname, 7)
                    assert ours == whoosh, (fieldname, docnum)


@pytest.mark.speedups
@pytest.mark.whoosh
def test_stored_field_offsets_kept_are_whooshs_own(app, library, member):
    from whoosh.codec import whoosh3

    from search import storage

    saving.save_edit(library[0], member, title=library[0].title, body="Short now.",
                     base_revision=1)
    db.session.commit()
    ix = indexer.open_index(app)
    for _ in range(2):  # the second time, the offsets come from what was kept
        with ix.searcher() as searcher:
            for leaf, _offset in searcher.leaf_searchers():
                column = leaf.reader()._perdoc._cached_reader("_stored",
                                                              whoosh3.STORED_COLUMN)._child
                ours = (list(column._offsets), list(column._lengths))
                storage._read_offsets_and_lengths(column)
                assert (list(column._offsets), list(column._lengths)) == ours


def _as_lists(dense) -> tuple[list, list]:
    """A dense copy's postings as Whoosh's blocks give them: numbers and weights."""
    docnums, values, scale, counts = dense
    if counts is not None:
        docnums = [docnum for docnum, count in enumerate(counts) if count]
        values = [count for count in counts if count]
    return docnums, [value * scale for value in values]


@pytest.mark.speedups
@pytest.mark.whoosh
@pytest.mark.parametrize("procs", [1, 2])
def test_dense_postings_say_what_whooshs_blocks_say(app, library, member, monkeypatch, procs):
    from search import storage

    monkeypatch.setattr(storage, "DENSE_FROM", 1)
    indexer.rebuild(procs=procs)
    for article in library[:3]:  # a second segment, deletions, and a merge
        saving.save_edit(article, member, title=article.title,
                         body=article.current_revision.body + " makerspace teens",
                         base_revision=article.current_revision.number)
        db.session.commit()
    ix = indexer.open_index(app)
    checked = 0
    with ix.searcher() as searcher:
        for leaf, _offset in searcher.leaf_searchers():
            reader = leaf.reader()
            for fieldname, btext in reader.all_terms():
                dense = storage.dense_postings(reader, fieldname, btext)
                if fieldname not in storage.DENSE_FIELDS:
                    assert dense is None
                    continue
                blocks = bitsets._read_blocks(reader.postings(fieldname, btext))
                assert _as_lists(dense) == blocks, (fieldname, btext)
                checked += 1
    assert checked > 20


@pytest.mark.speedups
@pytest.mark.whoosh
@pytest.mark.parametrize("boost", [1.0, 0.1, 3.0])
def test_dense_postings_keep_any_weight_exactly(tmp_path, monkeypatch, boost):
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    from search import storage

    monkeypatch.setattr(storage, "DENSE_FROM", 1)
    ix = index.create_in(str(tmp_path), Schema(key=ID(stored=True),
                                               body=TEXT(field_boost=boost)))
    with ix.writer() as writer:
        for number in range(300):
            writer.add_document(key=str(number), body="word " * (number % 7 + 1) + "other")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        docnums, weights = _as_lists(storage.dense_postings(reader, "body", b"word"))
        assert (docnums, weights) == bitsets._read_blocks(reader.postings("body", b"word"))
        assert len(docnums) == 300


def test_text_for_the_index_reads_as_the_page_does():
    from search.sources import html_to_text

    assert html_to_text('<p>See <a href="/wiki/x">Starting a <em>library</em> makerspace</a>. '
                        "Then</p><ul><li>one</li><li>two</li></ul>line<br>break "
                        '<abbr title="American Library Association">ALA</abbr>, '
                        "&amp; <article>z</article>") == \
        "See Starting a library makerspace. Then · one · two · line · break ALA, & z"
