"""From other sectors (sectors.matches) on whichever engine SEARCH_ENGINE chooses: the
rules of the list (pure, no index), and the similar-documents query judged on a small
hand-labelled set of cross-sector pairs these tests own; exclusions, the per-sector cap,
pins and removals, and the list kept by document version off the request path."""

import pytest
from sqlalchemy import select

from community import answers, questions
from community.models import Question
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from sectors import matches
from sectors.models import CrossSectorList
from tests.conftest import register_user
from wiki import moderation, saving
from wiki.models import Article

# ---------------------------------------------------------------- the rules, pure

DOC = matches.Document("article:1", "article", 1, "Makerspaces", "/wiki/makerspaces", "3",
                       frozenset({"public"}), frozenset({"question:9"}))


def _item(key, sector, title=None):
    return {"key": key, "type": "article", "title": title or key, "url": f"/x/{key}",
            "sectors": [sector] if sector else []}


def test_the_list_keeps_to_other_sectors_two_each_pins_first_and_no_duplicates():
    candidates = [
        _item("article:1", "academic"),              # the document itself
        _item("question:9", "school"),               # the thread it was promoted from
        _item("article:2", "public"),                # its own sector
        _item("article:3", ""),                      # no sector
        _item("article:4", "academic"),
        _item("article:5", "academic", "MAKERSPACES"),  # the same title
        _item("article:6", "academic"),
        _item("article:7", "academic"),              # a third academic one: over the cap
        _item("article:8", "special"),               # removed by an editor
        _item("article:10", "school"),
        _item("article:11", "special"),
        _item("article:12", "school"),
    ]
    pinned = [_item("article:20", "special")]
    shown = matches.choose(DOC, candidates, {"article:8": "remove", "article:20": "pin"},
                           pinned)
    assert [item["key"] for item in shown] == ["article:20", "article:4", "article:6",
                                               "article:10", "article:11"]
    assert shown[0]["pinned"] and not any(item["pinned"] for item in shown[1:])
    assert [item["sector"] for item in shown] == ["special", "academic", "academic", "school",
                                                  "special"]
    # A document of several sectors names an item by a sector that is not its own.
    both = matches.choose(DOC, [{**_item("article:30", "public"),
                                 "sectors": ["public", "school"]}], {}, [])
    assert both[0]["sector"] == "school"


# ---------------------------------------------------------------- the engine, labelled

# (title, sector, body): articles; each pair below is the same practice in two sectors.
ARTICLES = {
    "school-infolit": ("Teaching information literacy to year 9 students", "school",
                       "Information literacy lessons: evaluating sources, citing sources, "
                       "spotting misinformation, search strategies and source evaluation "
                       "with a checklist, taught with the history teachers."),
    "academic-infolit": ("Information literacy sessions for first-year undergraduates",
                         "academic", "Embedded information literacy: evaluating sources, "
                         "citing sources and search strategies, with a source evaluation "
                         "checklist in the first-year seminar."),
    "public-maker": ("Running a makerspace with 3D printers for teens", "public",
                     "A makerspace with 3D printers, a laser cutter and soldering irons; "
                     "safety inductions, booking slots and volunteer mentors for makers."),
    "special-maker": ("A makerspace in a hospital library", "special",
                      "Clinicians prototype devices in the library makerspace: 3D printers, "
                      "a laser cutter, safety inductions and booking slots."),
    "academic-weeding": ("Weeding the print collection with usage data", "academic",
                         "Weeding by circulation data: loans in the last ten years, "
                         "last circulation date, duplicate copies, withdrawal lists."),
    "public-weeding": ("Weeding branch collections by circulation", "public",
                       "Weeding with circulation data: last circulation date, loans per "
                       "year, worn and duplicate copies, withdrawal lists for each branch."),
    # Noise: the same sector as a labelled article, or another subject altogether.
    "school-maker": ("A makerspace club at lunchtime", "school",
                     "Lego robotics and a 3D printer at lunchtime; booking slots for makers."),
    "academic-data": ("Research data management training", "academic",
                      "Data management plans, repositories and metadata for researchers."),
    "public-storytime": ("Bilingual storytime", "public",
                         "Songs and picture books in two languages for toddlers."),
    "hidden-maker": ("Hidden makerspace notes", "special",
                     "Makerspace 3D printers laser cutter safety inductions booking slots."),
}
PAIRS = [("school-infolit", "academic-infolit"), ("public-maker", "special-maker"),
         ("academic-weeding", "public-weeding")]


def _build(loader):
    loader.config["RATELIMIT_ENABLED"] = False
    people = {sector: register_user(f"writer-{sector}", sector=sector)
              for sector in ("public", "academic", "school", "special")}
    editor = register_user("sector-editor", role="editor")
    made = {}
    for name, (title, sector, body) in ARTICLES.items():
        made[name] = saving.create_article(people[sector], title=title, body=body,
                                           sectors=[sector]).article
    moderation.set_hidden(made["hidden-maker"], editor, True)
    # A public librarian's solved thread and an unsolved one, both about makerspaces.
    solved = questions.ask(people["public"], title="Makerspace safety inductions for the "
                           "laser cutter?", body="How do you run safety inductions for the "
                           "laser cutter and 3D printers in a makerspace?")
    answers.accept(people["public"], answers.answer(
        people["special"], solved, "Book slots; a safety induction before the laser cutter."))
    questions.ask(people["public"], title="Makerspace 3D printers booking slots?",
                  body="Laser cutter safety inductions and booking slots in a makerspace?")
    db.session.commit()
    return {name: article.id for name, article in made.items()} | {"solved": solved.id}


@pytest.fixture
def corpus(app, snapshots):
    return snapshots.get("sectors-corpus", _build).fill(app)


def _shown(kind, object_id):
    row = matches.compute(kind, object_id)
    db.session.commit()
    return row


def test_labelled_pairs_find_each_other_across_sectors_and_nothing_excluded(app, corpus,
                                                                            client):
    names = {object_id: name for name, object_id in corpus.items() if name != "solved"}
    solved_key = f"question:{corpus['solved']}"
    unsolved = db.session.scalar(select(Question.id).where(Question.accepted_answer_id.is_(None)))
    for left, right in PAIRS:
        for one, other in ((left, right), (right, left)):
            row = _shown("article", corpus[one])
            keys = [item["key"] for item in row.items]
            top = [names.get(int(key.split(":")[1])) if key.startswith("article:") else key
                   for key in keys[:2]]
            assert other in top, (one, top)
            own = ARTICLES[one][1]
            assert all(item["sector"] != own for item in row.items)
            assert f"article:{corpus[one]}" not in keys
            assert f"article:{corpus['hidden-maker']}" not in keys
            assert f"question:{unsolved}" not in keys
            counts = {}
            for item in row.items:
                counts[item["sector"]] = counts.get(item["sector"], 0) + 1
            assert max(counts.values()) <= 2 and len(row.items) <= matches.SHOWN
            assert row.version == str(db.session.get(Article, corpus[one]).view_version)
    # The special library's makerspace finds the public librarian's solved thread.
    keys = [item["key"] for item in _shown("article", corpus["special-maker"]).items]
    assert solved_key in keys
    solution = _shown("question", corpus["solved"])
    assert solution is not None and all(item["sector"] != "public" for item in solution.items)
    assert solution.items, "the solved makerspace thread has matches in other sectors"
    page = client.get(f"/questions/{corpus['solved']}", follow_redirects=True)
    assert "From other sectors" in page.get_data(as_text=True)
    assert solution.items[0]["title"] in page.get_data(as_text=True)
    assert _shown("question", unsolved) is None  # an unsolved thread has no list


def test_editors_remove_and_pin_and_the_page_reads_the_kept_list(app, corpus, client,
                                                                 editor_client, member_client):
    school = corpus["school-infolit"]
    _shown("article", school)
    slug = db.session.get(Article, school).slug
    page = client.get(f"/wiki/{slug}").get_data(as_text=True)
    assert "From other sectors" in page and "Academic library:" in page
    assert "Information literacy sessions for first-year undergraduates" in page
    partner = f"article:{corpus['academic-infolit']}"
    refused = member_client.submit(f"/sectors/matches/article/{school}",
                                   {"target": partner, "action": "remove"})
    assert refused.status_code == 403
    removed = editor_client.submit(f"/sectors/matches/article/{school}",
                                   {"target": partner, "action": "remove"})
    assert removed.status_code == 302
    assert partner not in [item["key"] for item in _shown("article", school).items]
    pin = f"/wiki/{db.session.get(Article, corpus['public-storytime']).slug}"
    editor_client.submit(f"/sectors/matches/article/{school}", {"target": pin, "action": "pin"})
    items = db.session.get(CrossSectorList, f"article:{school}").items
    assert items[0]["key"] == f"article:{corpus['public-storytime']}" and items[0]["pinned"]
    hidden = f"article:{corpus['hidden-maker']}"
    bad = editor_client.submit(f"/sectors/matches/article/{school}",
                               {"target": hidden, "action": "pin"})
    assert bad.status_code == 302 and hidden not in str(
        db.session.get(CrossSectorList, f"article:{school}").items)
    # An item hidden since the list was made is left out at once.
    from wiki import moderation

    editor = db.session.scalar(select(User).where(User.username == "sector-editor"))
    storytime = db.session.get(Article, corpus["public-storytime"])
    moderation.set_hidden(storytime, editor, True)
    db.session.commit()
    assert "Bilingual storytime" not in client.get(f"/wiki/{slug}").get_data(as_text=True)
    storytime.hidden = False  # restored (an admin's action; the list only reads the flag)
    db.session.commit()
    # A new version of the article: the page shows the kept list and asks for a new one.
    article = db.session.get(Article, school)
    saving.save_edit(article, article.created_by, title=article.title,
                     body=article.current_revision.body + " Updated.", base_revision=1)
    db.session.commit()
    matches._ASKED.clear()
    queued_before = len(app.extensions["huey"].pending())
    page = client.get(f"/wiki/{slug}").get_data(as_text=True)
    assert "Bilingual storytime" in page  # the old list meanwhile
    assert len(app.extensions["huey"].pending()) == queued_before + 1
    client.get(f"/wiki/{slug}")
    assert len(app.extensions["huey"].pending()) == queued_before + 1  # asked once


def test_the_digest_takes_from_other_sectors_from_the_same_lists(app, corpus):
    from datetime import timedelta

    from core.models import User
    from mail.digests import gather

    school = corpus["school-infolit"]
    kept = _shown("article", school).items
    reader = db.session.scalar(select(User).where(User.username == "writer-school"))
    now = utcnow() + timedelta(minutes=1)
    sections = gather(reader, now - timedelta(days=7), now)
    assert sections["elsewhere"][0]["title"] == kept[0]["title"]
    assert kept[0]["sector"] != "school"


def test_a_document_not_indexed_yet_keeps_no_empty_list(app, corpus):
    engine = app.extensions["search.engine"]
    article_id = corpus["public-weeding"]
    engine.delete("article", [article_id])
    db.session.commit()
    assert engine.similar_documents(f"article:{article_id}", {"public"}) is None
    assert matches.compute("article", article_id) is None
    db.session.commit()
    assert db.session.get(CrossSectorList, f"article:{article_id}") is None
    engine.index("article", [article_id])
    db.session.commit()
    assert matches.compute("article", article_id).items
