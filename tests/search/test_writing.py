"""search.writing writes the index files Whoosh's own writer writes, byte for byte:
one segment, a segment whose postings went to runs on disk (the same postings), segments merged
(with deletions), and a multi-process rebuild's segments (the same postings)."""

import random
from datetime import datetime, timedelta

import pytest
from whoosh import index as whoosh_index
from whoosh import writing as whoosh_writing

from search import schema, writing

pytestmark = [pytest.mark.whoosh, pytest.mark.speedups]  # search/writing.py against Whoosh

WORDS = ("library libraries librarian makerspace makerspaces teen teens catalogue "
         "catalogues preservation archive archives café naïve Æsir İstanbul reading "
         "readers advisory metadata literacy outreach budget grant volunteers shelving "
         "weeding circulation digitisation consortium academic public school special "
         "the of and a to in").split()


def documents(count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    found = []
    for number in range(count):
        # Common words in every document (several blocks of postings, the dense copy),
        # rare ones in a few, repeated words (weights above one).
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 120)))
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 6)))
        document = {
            "key": f"article:{number}", "type": "article", "object_id": number,
            "title": title, "title_prefix": ",".join(title.lower().split()),
            "body": body + f" unique{number} " + ("zymurgy " * (number % 7)),
            "tags": ",".join(rng.sample(WORDS[:12], rng.randint(0, 3))),
            "sectors": ",".join(rng.sample(["public", "academic", "school"], 1)),
            "authors": "mina,jo", "author_name": "Mina", "url": f"/wiki/{number}",
            "solved": number % 3 == 0, "updated": start + timedelta(hours=number),
            "stamp": str(number),
        }
        if number % 11 == 0:
            document["_title_boost"] = 2.0  # a boost given with the document
        if number % 5 == 0:
            document["accepted"] = " ".join(rng.choice(WORDS) for _ in range(30))
            document["workgroup"] = "cataloguing"
        found.append(document)
    return found


@pytest.fixture
def whooshs_writer(monkeypatch):
    """Whoosh's own pool, add_document and segment writing, for the duration."""
    def use():
        monkeypatch.setattr(whoosh_writing, "PostingPool", writing.WhooshPostingPool)
        monkeypatch.setattr(whoosh_writing.SegmentWriter, "add_document",
                            writing._add_document)
        monkeypatch.setattr(whoosh_writing.SegmentWriter, "_flush_segment",
                            writing._flush_segment)
    return use


def segment_files(ix) -> list[dict[str, bytes]]:
    """Each segment's files, named without the segment's random id."""
    found = []
    for segment in ix._segments():
        store = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
        names = [name for name in store.list() if segment.segment_id() in name]
        found.append({name.replace(segment.segment_id(), "#"): store.open_file(name).read()
                      for name in names})
    return found


def build(directory, batches, limitmb=64, deletions=(), optimize=False, procs=1):
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), schema.make_schema(),
                                indexname=schema.INDEX_NAME)
    for batch in batches:
        writer = ix.writer(limitmb=limitmb) if procs == 1 else \
            ix.writer(procs=procs, limitmb=limitmb, multisegment=True)
        for document in batch:
            writer.add_document(**document)
        writer.commit(merge=False)
    if deletions or optimize:
        writer = ix.writer()
        for key in deletions:
            writer.delete_by_term("key", key)
        writer.commit(optimize=optimize, merge=not optimize)
    return ix


def postings(ix) -> dict:
    """Every term's statistics and postings, as a reader decodes them."""
    found = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            found[fieldname, text] = (info.weight(), info.doc_frequency(), info.min_length(),
                                      info.max_length(), info.max_weight(), info.min_id(),
                                      info.max_id(), items)
    return found


def same_postings(tmp_path, whooshs_writer, **options):
    ours = postings(build(tmp_path / "ours", **options))
    whooshs_writer()
    assert ours == postings(build(tmp_path / "whoosh", **options))


def same_files(tmp_path, whooshs_writer, **options):
    ours = segment_files(build(tmp_path / "ours", **options))
    whooshs_writer()
    theirs = segment_files(build(tmp_path / "whoosh", **options))
    assert [sorted(files) for files in ours] == [sorted(files) for files in theirs]
    for our_files, their_files in zip(ours, theirs, strict=True):
        for name in their_files:
            assert our_files[name] == their_files[name], name
    return ours


def test_our_pool_and_writer_are_installed(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), schema.make_schema(),
                                indexname=schema.INDEX_NAME)
    writer = ix.writer()
    assert isinstance(writer.pool, writing.TermPool)
    writer.cancel()


def test_one_segment_is_whooshs_byte_for_byte(tmp_path, whooshs_writer):
    files = same_files(tmp_path, whooshs_writer, batches=[documents(400)])
    names = files[0]
    assert any(name.endswith(".pst") for name in names)
    assert any(name.endswith(".dps") for name in names)  # the dense copies were made


def test_postings_that_went_to_runs_on_disk_are_whooshs(tmp_path, whooshs_writer,
                                                         monkeypatch):
    spilled = []
    save = writing.TermPool.save

    def counted(pool):
        if pool.terms:
            spilled.append(len(pool.terms))
        save(pool)
    monkeypatch.setattr(writing.TermPool, "save", counted)
    monkeypatch.setattr(writing, "POSTING_BYTES", 100 * writing.POSTING_BYTES)
    # Not byte for byte: a value repeated in a term's postings is written once in a run
    # of ours (marshal keeps shared values shared), so its blocks pickle it once.
    same_postings(tmp_path, whooshs_writer, batches=[documents(400)], limitmb=1)
    assert len(spilled) >= 5  # several runs were merged


def test_many_runs_are_merged_so_that_few_files_are_open_at_once(tmp_path, whooshs_writer,
                                                                  monkeypatch):
    opened, open_now, most = [], set(), [0]
    read_run = writing.TermPool._read_run

    def counted(pool, name):
        opened.append(name)
        open_now.add(name)
        most[0] = max(most[0], len(open_now))
        try:
            yield from read_run(pool, name)
        finally:
            open_now.discard(name)
    monkeypatch.setattr(writing.TermPool, "_read_run", counted)
    monkeypatch.setattr(writing, "MAX_RUNS", 3)
    monkeypatch.setattr(writing, "POSTING_BYTES", 100 * writing.POSTING_BYTES)
    same_postings(tmp_path, whooshs_writer, batches=[documents(400)], limitmb=1)
    # Merged each time three runs were written: never more than three read together.
    assert len(opened) > 6 and most[0] <= 3


def test_several_processes_need_a_segment_each(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), schema.make_schema(),
                                indexname=schema.INDEX_NAME)
    with pytest.raises(ValueError, match="multisegment=True"):
        ix.writer(procs=2)
    writer = ix.writer()  # nothing was left locked
    writer.cancel()


def test_merged_segments_with_deletions_are_whooshs(tmp_path, whooshs_writer):
    batches = [documents(150, seed=1), documents(150, seed=2), documents(40, seed=3)]
    files = same_files(tmp_path, whooshs_writer, batches=batches,
                       deletions=["article:3", "article:100", "article:7"], optimize=True)
    assert len(files) == 1


def by_key(ix) -> dict:
    """Every term's postings by the key of their document (segments in any order)."""
    found = {}
    with ix.reader() as reader:
        keys = {docnum: fields["key"] for docnum, fields in reader.iter_docs()}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            items = []
            while matcher.is_active():
                items.append((keys.get(matcher.id()), matcher.weight(), matcher.value()))
                matcher.next()
            found[fieldname, text] = sorted(items, key=repr)
    return found


def test_a_multi_process_rebuild_holds_what_whooshs_single_writer_does(tmp_path,
                                                                       whooshs_writer):
    # Which worker indexes which documents varies from run to run: compare by key.
    ours = build(tmp_path / "ours", batches=[documents(300)], procs=2)
    assert len(ours._segments()) == 2
    whooshs_writer()
    theirs = build(tmp_path / "whoosh", batches=[documents(300)])
    ours_by_key, theirs_by_key = by_key(ours), by_key(theirs)
    # The separate spelling field's words are postings at document 0 in each segment.
    spelling = {term for term in theirs_by_key if term[0].startswith("spell_")}
    assert spelling
    assert {term: ours_by_key[term] for term in ours_by_key if term not in spelling} == \
        {term: theirs_by_key[term] for term in theirs_by_key if term not in spelling}
    assert set(ours_by_key) == set(theirs_by_key)


def test_the_index_reads_back_what_was_added(tmp_path):
    added = documents(200)
    ix = build(tmp_path / "ours", batches=[added[:120], added[120:]], limitmb=1)
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 200
        assert {fields["key"] for fields in searcher.all_stored_fields()} == \
            {document["key"] for document in added}
        found = searcher.search(schema_query("unique17"), limit=None)
        assert [hit["key"] for hit in found] == ["article:17"]
        brewing = sum(1 for number in range(200) if number % 7)
        assert len(searcher.search(schema_query("zymurgy"), limit=None)) == brewing


def schema_query(word):
    from whoosh.qparser import QueryParser
    return QueryParser("body", schema.make_schema()).parse(word)


def test_a_pool_keeps_postings_in_document_order_whatever_the_order_added(tmp_path):
    pool = writing.TermPool(None, None, limitmb=64)
    for docnum in (5, 1, 3):
        pool.add(("body", b"shelf", docnum, 1.0, b"v%d" % docnum))
    pool.add(("body", b"archive", 2, 2.0, b"w"))
    pool.add(("body", b"spelling", -1, 1, None))  # Whoosh's add_postings skips these
    assert list(pool.iter_postings()) == [
        ("body", b"archive", 2, 2.0, b"w"), ("body", b"shelf", 1, 1.0, b"v1"),
        ("body", b"shelf", 3, 1.0, b"v3"), ("body", b"shelf", 5, 1.0, b"v5")]
