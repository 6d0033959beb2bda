"""Exports: Markdown with front matter, MediaWiki XML, and the round trip back in."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

from sqlalchemy import select

from core.extensions import db
from tests.transfer.conftest import dump_bytes, page_xml, revision_xml, run_import
from transfer.export_markdown import write_markdown_zip
from transfer.export_mediawiki import write_mediawiki_xml
from transfer.exporting import Names
from transfer.to_wikitext import html_to_wikitext
from wiki import saving
from wiki.models import Article, Revision

WIKI = dump_bytes(
    page_xml("Seed library", 1, [
        revision_xml(10, "A '''seed library''' lends seeds.\n== How ==\n* Ask\n* Plant",
                     user="Ada", comment="start"),
        revision_xml(11, "A '''seed library''' lends seeds.<ref>Guide, 2020</ref>\n== How ==\n"
                         "* Ask\n* Plant\n* Return\n{| \n! Month !! Seeds\n|-\n| May || 40\n|}\n"
                         "See [[Tool library]]. [[Category:Lending]]",
                     user="Bo", user_id=2, stamp="2020-02-01T00:00:00Z", comment="more"),
        revision_xml(12, "A '''seed library''' lends seeds, free.<ref>Guide, 2020</ref>\n"
                         "== How ==\n* Ask\n* Plant\n* Return\n{| \n! Month !! Seeds\n|-\n"
                         "| May || 40\n|}\nSee [[Tool library|tools]]. [[Category:Lending]]",
                     ip="10.1.1.1", stamp="2020-03-01T00:00:00Z")]),
    page_xml("Tool library", 2, [revision_xml(20, "Lend ''tools'' too.", user="Bo",
                                              user_id=2)]))


def _history(names: Names | None = None) -> dict:
    """Each article's title, tags and revisions (author, time, summary, words)."""
    names = names or Names()
    out = {}
    for article in db.session.scalars(select(Article).order_by(Article.title)):
        rows = db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                  .order_by(Revision.number)).all()
        out[article.title] = ([tag.name for tag in article.tags],
                              [(names(row.author_id), row.created_at.replace(microsecond=0),
                                row.summary,
                                row.body.split()) for row in rows])
    return out


def test_markdown_export_has_front_matter_licence_and_index(app, member):
    run_import(WIKI)
    hidden = saving.create_article(member, title="Hidden one", body="Secret.\n").article
    hidden.hidden = True
    db.session.commit()
    buffer = io.BytesIO()
    assert write_markdown_zip(buffer) == 2
    archive = zipfile.ZipFile(buffer)
    assert sorted(archive.namelist()) == ["LICENCE.txt", "articles/seed-library.md",
                                          "articles/tool-library.md", "index.md"]
    text = archive.read("articles/seed-library.md").decode()
    assert text.startswith('---\ntitle: "Seed library"\nslug: "seed-library"\n')
    assert '"username": "Bo"' in text and '"lead": true' in text
    assert 'tags: ["lending"]' in text and 'revision: 3' in text
    assert 'licence: "CC BY-SA 4.0"' in text and "lends seeds, free." in text
    assert "CC BY-SA 4.0" in archive.read("index.md").decode()
    assert "Hidden one" not in archive.read("index.md").decode()


def test_mediawiki_export_round_trips_articles_histories_and_authors(app, tmp_path,
                                                                       pg_schema, member):
    run_import(WIKI)
    saving.save_edit(db.session.scalar(select(Article).where(Article.slug == "tool-library")),
                     member, title="Tool library", body="Lend *tools* too, and ladders.\n",
                     summary="ladders", base_revision=1)
    db.session.commit()
    before = _history()
    out = io.BytesIO()
    assert write_mediawiki_xml(out) == (2, 5)
    xml = out.getvalue().decode()
    assert "export-0.11" in xml and "CC BY-SA 4.0" in xml
    assert "'''seed library'''" in xml and "[[Tool library|tools]]" in xml
    assert "&lt;ref&gt;Guide, 2020&lt;/ref&gt;" in xml and "[[Category:lending]]" in xml
    assert "<username>mina</username>" in xml
    # Into an empty site: the same articles, histories and authors come back.
    db.session.remove()
    from tests.conftest import empty_database

    empty_database(app)
    with app.app_context():
        if pg_schema is None:
            db.drop_all()
            db.create_all()
        report = run_import(out.getvalue())
        assert report.pages_created == 2 and report.revisions_imported == 5
        after = _history()
    assert after.keys() == before.keys()
    for title in before:
        assert after[title][0] == before[title][0]
        assert [row[:3] for row in after[title][1]] == [row[:3] for row in before[title][1]]
        assert after[title][1][-1][3] == before[title][1][-1][3]  # the same words


def test_html_back_to_wikitext_covers_the_constructs():
    html = ('<h2 id="h-x">How</h2><p>A <strong>b</strong> <em>c</em> '
            '<a class="wikilink" href="/wiki/tool-library">tools</a> '
            '<a href="https://example.org" rel="nofollow">site</a><sup id="fnref:1">'
            '<a class="footnote-ref" href="#fn:1">1</a></sup></p><ul><li>one<ul><li>two'
            '</li></ul></li></ul><ol><li>first</li></ol><dl><dt>T</dt><dd>D</dd></dl>'
            '<pre><code>x &lt; y</code></pre><p>[[not a link]]</p>'
            '<div class="footnote"><ol><li id="fn:1"><p>Note. <a class="footnote-backref" '
            'href="#fnref:1">↩</a></p></li></ol></div>')
    text = html_to_wikitext(html, {"tool-library": "Tool library"}.get)
    assert "== How ==" in text and "'''b''' ''c''" in text
    assert "[[Tool library|tools]]" in text and "[https://example.org site]" in text
    assert "<ref>Note.</ref>" in text and "* one\n** two\n" in text and "# first" in text
    assert "; T\n: D" in text and "<pre>x &lt; y</pre>" in text
    assert "<nowiki>[[not a link]]</nowiki>" in text


def test_the_demo_site_round_trips_through_mediawiki_xml(app, demo, pg_schema):
    before = _history()
    out = io.BytesIO()
    write_mediawiki_xml(out)
    db.session.remove()
    from tests.conftest import empty_database

    empty_database(app)
    with app.app_context():
        if pg_schema is None:
            db.drop_all()
            db.create_all()
        report = run_import(out.getvalue())
        after = _history()
    assert report.pages_created == len(before) and not report.renamed
    assert after.keys() == before.keys()
    for title in before:
        assert after[title][0] == before[title][0], title  # tags
        assert [row[:3] for row in after[title][1]] == [row[:3] for row in before[title][1]]
        words = lambda body: {w.strip("*_`#[]().,:;|") for w in body} - {""}  # noqa: E731
        kept = words(after[title][1][-1][3]) & words(before[title][1][-1][3])
        assert len(kept) >= 0.9 * len(words(before[title][1][-1][3])), title


def test_markdown_export_carries_files_check_by_and_the_byline_organisation(
        app, member, tmp_path):
    from datetime import date

    from files.storage import get_storage
    from files.uploads import Upload, markdown_for, upload
    from orgs.models import Affiliation, Organisation
    from tests.files.samples import image, pdf

    app.config["FILES_DIR"] = str(tmp_path / "store")
    picture = upload(member, Upload(io.BytesIO(image("PNG")), "Shelf plan.png",
                                    alt="A shelf plan"))
    document = upload(member, Upload(io.BytesIO(pdf()), "Rota.pdf"))
    body = (f"The plan: {markdown_for(picture)} and the {markdown_for(document)}.\n\n"
            f"Gone: [old](/files/{'0' * 64}/old.pdf)\n")
    article = saving.create_article(member, title="Shelf plan", body=body).article
    article.check_by = date(2027, 6, 30)
    library = Organisation(slug="town-library", name="Town Library", kind="public")
    db.session.add(library)
    db.session.flush()
    db.session.add(Affiliation(user_id=member.id, organisation_id=library.id,
                               status="approved", show_in_byline=True))
    db.session.commit()

    buffer = io.BytesIO()
    assert write_markdown_zip(buffer) == 1
    archive = zipfile.ZipFile(buffer)
    png_path = f"files/{picture.sha256}/{picture.name}"
    pdf_path = f"files/{document.sha256}/{document.name}"
    assert {png_path, pdf_path} <= set(archive.namelist())
    assert archive.read(png_path) == get_storage().read(picture.sha256)
    assert archive.read(pdf_path) == pdf()
    text = archive.read("articles/shelf-plan.md").decode()
    assert f"![A shelf plan](../{quote(png_path)})" in text  # Shelf%20plan.png
    assert f"[Rota.pdf](../{pdf_path})" in text
    assert f"(/files/{'0' * 64}/old.pdf)" in text  # a file that is gone: left as it was
    assert "/files/" + picture.sha256 not in text.replace("../files/", "")
    assert 'check_by: "2027-06-30"' in text
    assert 'organisation: ["Town Library"]' in text
    assert '"lead": true, "organisation": "Town Library"' in text
