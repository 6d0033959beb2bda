"""Importing MediaWiki dumps: the shared real ones, and small ones made here for each rule."""

from __future__ import annotations

from sqlalchemy import func, select

from core import accounts
from core.extensions import db
from tests.transfer.conftest import dump_bytes, page_xml, revision_xml, run_import, shared_dumps
from transfer.dump import open_raw
from transfer.importing import import_dump
from transfer.models import ImportedRevision, Placeholder
from wiki import saving
from wiki.models import Article, ArticleAuthor, Revision
from wiki.reading import get_article


def _expected(path) -> dict[str, list]:
    """Main-namespace pages that are not redirects now, and their revisions, read from
    the XML with mwxml alone."""
    from transfer.dump import DumpReader

    reader = DumpReader(open_raw(path))
    pages = {}
    for page in reader.pages():
        revisions = sorted(page, key=lambda r: (r.timestamp, r.id))
        if page.namespace == 0 and not (revisions[-1].text or "").lstrip().upper().startswith(
                "#REDIRECT"):
            pages[page.title] = revisions
    reader.close()
    return pages


def test_every_shared_dump_comes_in_with_history_authors_and_bylines(app):
    total = 0
    for path in shared_dumps():
        expected = _expected(path)
        report = import_dump(open_raw(path), commit=db.session.commit)
        assert report.pages_created == len(expected), (path.name, report.lines())
        assert report.revisions_imported == sum(map(len, expected.values())), path.name
        total += len(expected)
        for title, revisions in expected.items():
            article = db.session.scalar(select(Article).where(
                Article.title.in_([title, f"{title} ({report.wiki})"]))
                .order_by(Article.id.desc()))
            rows = db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                      .order_by(Revision.number)).all()
            assert len(rows) == len(revisions) == article.revision_count
            for row, revision in zip(rows, revisions, strict=True):
                assert row.created_at.isoformat() == str(revision.timestamp)[:19]
                name = revision.user.text if revision.user else ""
                if revision.user and revision.user.id:
                    assert row.author.display_name == name[:80]
                assert row.summary == " ".join((revision.comment or "").split())[:300] or (
                    row.number == 1 and not revision.comment)
            assert article.authors and any(author.lead for author in article.authors)
    assert db.session.scalar(select(func.count()).select_from(Article)) == total
    tables = db.session.scalar(select(Article).where(
        Article.title == "Constructive vote of no confidence"))
    html = tables.current_revision.html
    assert "<table>" in html and 'class="wikilink"' in html
    notes = db.session.scalar(select(ImportedRevision.dropped).where(
        ImportedRevision.revision_id == tables.current_revision_id))
    assert {"name": "see also", "params": {"1": "Politics of Germany"}} in notes
    assert {tag.name for tag in tables.tags} >= {"german-constitutional-law"}
    bulgarian = db.session.scalar(select(Article).where(Article.title == "Григориански календар"))
    assert bulgarian.slug == "григориански-календар" and "<h2" in bulgarian.current_revision.html


def test_utf16_dump_reads_as_its_utf8_twin():
    from transfer.dump import DumpReader

    def read(name):
        reader = DumpReader(open_raw(next(p for p in shared_dumps() if p.name == name)))
        out = [(page.title, [(r.id, r.text) for r in page]) for page in reader.pages()]
        reader.close()
        return out

    assert read("pywikibot_article-pyrus-utf16.xml") == read("pywikibot_article-pyrus.xml")


def test_redirects_become_old_slugs_and_placeholders_cannot_sign_in(app, client):
    data = dump_bytes(
        page_xml("Seed library", 1, [revision_xml(10, "Seeds. [[Category:Lending]]"),
                                     revision_xml(11, "Seeds to lend. [[Category:Lending]]",
                                                  ip="10.0.0.1", stamp="2020-02-01T00:00:00Z"),
                                     revision_xml(12, "Seeds to lend, free.",
                                                  ip="10.0.0.2", stamp="2020-03-01T00:00:00Z")]),
        page_xml("Seed libraries", 2, [revision_xml(20, "#REDIRECT [[Seed library]]")]),
        page_xml("Template:Box", 3, [revision_xml(30, "{{{1}}}")], ns=10))
    report = run_import(data)
    assert report.redirects == 1 and report.skipped_namespaces == {"Template": 1}
    assert get_article("seed-libraries").title == "Seed library"
    assert client.get("/wiki/seed-libraries").status_code in (200, 301, 302)
    article = get_article("seed-library")
    names = {row.user.display_name for row in article.authors}
    assert names == {"Ada", "Anonymous contributors (Practice Wiki)"}
    people = db.session.scalars(select(Placeholder)).all()
    assert len(people) == 2  # Ada, and one for both IP addresses
    for placeholder in people:
        user = placeholder.user
        assert not user.active and "Imported from Practice Wiki" in user.bio
        assert accounts.authenticate(user.username, "!imported") is None
        assert accounts.authenticate(user.username, "") is None


def test_rerun_adds_only_new_revisions_and_never_duplicates(app):
    first = dump_bytes(page_xml("Loans", 1, [revision_xml(10, "One.")]))
    run_import(first)
    again = run_import(first)
    assert again.revisions_imported == 0 and again.revisions_already == 1
    newer = dump_bytes(page_xml("Loans", 1, [
        revision_xml(10, "One."),
        revision_xml(11, "One. Two.", user="Bo", user_id=2, stamp="2020-02-01T00:00:00Z")]))
    report = run_import(newer)
    assert (report.pages_created, report.pages_updated, report.revisions_imported) == (0, 1, 1)
    assert db.session.scalar(select(func.count()).select_from(Article)) == 1
    assert get_article("loans").revision_count == 2


def test_rerun_after_a_local_edit_merges_or_reports_a_conflict(app, member):
    base = "Para one.\n\nPara two.\n\nPara three.\n"
    run_import(dump_bytes(page_xml("Loans", 1, [revision_xml(10, base)])))
    article = get_article("loans")
    saving.save_edit(article, member, title="Loans", body=base.replace("one.", "one, here."),
                     base_revision=1)
    db.session.commit()
    wiki_two = base.replace("three.", "three, on the wiki.")
    report = run_import(dump_bytes(page_xml("Loans", 1, [
        revision_xml(10, base), revision_xml(11, wiki_two, stamp="2020-02-01T00:00:00Z")])))
    assert report.revisions_merged == 1 and not report.conflicts
    body = get_article("loans").current_revision.body
    assert "one, here." in body and "three, on the wiki." in body
    clash = wiki_two.replace("Para one.", "Para one, as the wiki says.")
    report = run_import(dump_bytes(page_xml("Loans", 1, [
        revision_xml(10, base), revision_xml(11, wiki_two, stamp="2020-02-01T00:00:00Z"),
        revision_xml(12, clash, stamp="2020-03-01T00:00:00Z")])))
    assert report.conflicts == ["Loans"] and report.revisions_imported == 0
    assert get_article("loans").current_revision.body == body  # never overwritten


def test_dry_run_writes_nothing(app):
    report = run_import(dump_bytes(page_xml("Loans", 1, [revision_xml(10, "{{Stub}}Hi")])),
                        dry_run=True)
    assert report.pages_created == 1 and report.dropped == {"Stub": 1}
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Article)) == 0
    assert db.session.scalar(select(func.count()).select_from(Placeholder)) == 0


def test_out_of_order_revisions_are_sorted_by_time(app):
    report = run_import(dump_bytes(page_xml("Loans", 1, [
        revision_xml(12, "Third.", stamp="2020-03-01T00:00:00Z"),
        revision_xml(10, "First.", stamp="2020-01-01T00:00:00Z"),
        revision_xml(11, "Second.", stamp="2020-02-01T00:00:00Z")])))
    assert report.out_of_order == ["Loans"]
    article = get_article("loans")
    bodies = db.session.scalars(select(Revision.body).where(Revision.article_id == article.id)
                                .order_by(Revision.number)).all()
    assert [body.strip() for body in bodies] == ["First.", "Second.", "Third."]


def test_titles_colliding_after_slugging_both_come_in(app):
    report = run_import(dump_bytes(
        page_xml("C++", 1, [revision_xml(10, "Plus plus.")]),
        page_xml("C", 2, [revision_xml(20, "Just C. See [[C++]].")])))
    assert report.pages_created == 2 and report.renamed == [("C", "C (Practice Wiki)")]
    assert get_article("c").title == "C++"
    other = get_article("c-practice-wiki")
    assert "[[C++]]" in other.current_revision.body


def test_imported_bylines_match_a_native_history(app, member, other_member):
    """The same two edits, imported or made here, give the same shares."""
    run_import(dump_bytes(page_xml("Loans", 1, [
        revision_xml(10, "alpha beta gamma delta", user="Mina"),
        revision_xml(11, "alpha beta gamma delta epsilon zeta", user="Otto", user_id=2,
                     stamp="2020-02-01T00:00:00Z")])))
    native = saving.create_article(member, title="Native", body="alpha beta gamma delta\n")
    saving.save_edit(native.article, other_member, title="Native",
                     body="alpha beta gamma delta epsilon zeta\n", base_revision=1)
    db.session.commit()
    shares = lambda slug: sorted(row.share for row in db.session.scalars(  # noqa: E731
        select(ArticleAuthor).join(Article).where(Article.slug == slug)))
    assert shares("loans") == shares("native") == [2, 4]


def test_talk_pages_become_the_articles_discussion(app, client):
    from community.models import Comment

    report = run_import(dump_bytes(
        page_xml("Loans", 1, [revision_xml(10, "Loans text.")]),
        page_xml("Talk:Loans", 2, [
            revision_xml(30, "== Scope ==\nShould this cover ILL? ~~~~", user="Bo", user_id=2),
            revision_xml(31, "== Scope ==\nShould this cover ILL?\n:Yes.", user="Cy",
                         user_id=3, stamp="2020-02-01T00:00:00Z")], ns=1)))
    assert report.talk_pages == 1
    remark = db.session.scalar(select(Comment))
    assert remark.target_id == get_article("loans").id and remark.author.display_name == "Cy"
    assert "by Bo, Cy" in remark.body and "Should this cover ILL?" in remark.body
    assert "Should this cover ILL?" in client.get("/wiki/loans").get_data(as_text=True)
    again = run_import(dump_bytes(page_xml("Talk:Loans", 2, [
        revision_xml(31, "== Scope ==", user="Cy", user_id=3)], ns=1)))
    assert again.talk_pages == 1
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 1


def test_deleted_text_and_hidden_contributors_still_count(app):
    deleted = ("<revision><id>11</id><timestamp>2020-02-01T00:00:00Z</timestamp>"
               '<contributor deleted="deleted" /><text deleted="deleted" /></revision>')
    report = run_import(dump_bytes(page_xml("!!!", 1, [revision_xml(10, "Hello."), deleted])))
    assert report.revisions_imported == 2 and report.renamed == [("!!!", "!!! (Practice Wiki)")]
    article = db.session.scalar(select(Article))
    assert article.revision_count == 2 and "was empty" in article.current_revision.body
    assert article.current_revision.author.display_name.startswith("Anonymous contributors")
