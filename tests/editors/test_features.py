"""Featuring: editors choose what the home page shows first, in their order, for a time."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from core.timeutil import utcnow
from editors import collections as curated
from editors import features
from editors.home import featured_now
from editors.models import Feature
from wiki import moderation


def feature(editor, address, **kwargs):
    kwargs.setdefault("blurb", "Worth reading.")
    item = features.feature(editor, address, **kwargs)
    db.session.commit()
    return item


def titles():
    return [card.title for card in featured_now()]


def test_editor_features_an_article_a_solution_and_a_collection_shown_in_order(
        app, editor, article, solved):
    collection = curated.create_collection(editor, "Makerspace readings", "Start here.")
    db.session.commit()
    feature(editor, f"/wiki/{article.slug}", blurb="**Three** printers", icon="tools")
    feature(editor, f"http://localhost/questions/{solved.id}/how-do-you-run", icon="leaf")
    feature(editor, "/collections/makerspace-readings", position=1)
    cards = featured_now()
    assert [card.kind for card in cards] == ["collection", "article", "question"]
    assert [card.label for card in cards] == ["Collection", "Article", "Solution"]
    assert cards[1].blurb_html == "<p><strong>Three</strong> printers</p>"
    assert cards[1].people[0].username == "mina"  # the article's lead author
    assert cards[2].url.startswith(f"/questions/{solved.id}/")
    assert cards[0].url == f"/collections/{collection.slug}"


def test_blurbs_are_sanitised(app, editor, article):
    item = feature(editor, f"/wiki/{article.slug}",
                   blurb='Hello <script>alert(1)</script><a href="javascript:x()">x</a>')
    assert "<script" not in item.blurb_html and "javascript:" not in item.blurb_html


def test_an_article_title_works_as_an_address(app, editor, article):
    item = feature(editor, "Starting a makerspace")
    assert item.article_id == article.id


def test_reordering_moves_one_place_and_stops_at_the_ends(app, editor, article, solved,
                                                          write, member):
    other = write(member, title="Seed libraries", body="Seeds.")
    first = feature(editor, f"/wiki/{article.slug}")
    second = feature(editor, f"/wiki/{other.slug}")
    third = feature(editor, f"/questions/{solved.id}")
    features.move_feature(editor, third, "up")
    db.session.commit()
    assert titles() == ["Starting a makerspace", solved.title, "Seed libraries"]
    features.move_feature(editor, first, "up")  # already first: nothing moves
    features.move_feature(editor, second, "down")  # already last
    db.session.commit()
    assert titles() == ["Starting a makerspace", solved.title, "Seed libraries"]
    assert [f.position for f in db.session.scalars(
        select(Feature).order_by(Feature.position))] == [1, 2, 3]


def test_retired_scheduled_and_ended_features_are_not_shown(app, editor, article, solved,
                                                            write, member):
    today = utcnow().date()
    later = write(member, title="Later article", body="Soon.")
    retired = feature(editor, f"/wiki/{article.slug}")
    feature(editor, f"/wiki/{later.slug}", starts_on=today + timedelta(days=3),
            ends_on=today + timedelta(days=10))
    current = feature(editor, f"/questions/{solved.id}", starts_on=today, ends_on=today)
    features.retire_feature(editor, retired, "Done with it")
    db.session.commit()
    assert titles() == [solved.title]
    desk = features.features_for_desk(editor)
    assert [item.id for item in desk.current] == [current.id]
    assert [item.article_id for item in desk.scheduled] == [later.id]
    assert [item.id for item in desk.past] == [retired.id]
    # The last day is shown in full; the day after, the feature is gone.
    current.ends_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert titles() == []


def test_content_hidden_after_featuring_leaves_the_home_page(app, editor, article):
    feature(editor, f"/wiki/{article.slug}")
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    assert titles() == []


@pytest.mark.parametrize("kwargs, field, message", [
    ({"blurb": ""}, "blurb", "blurb"),
    ({"icon": "rocket"}, "icon", "icons"),
    ({"image": "../app.py"}, "image", "under static/"),
    ({"image": "https://example.org/x.png"}, "image", "under static/"),
    ({"image": "css/site.css"}, "image", "under static/"),
])
def test_feature_input_is_checked(app, editor, article, kwargs, field, message):
    with pytest.raises(ValidationFailed) as error:
        features.feature(editor, f"/wiki/{article.slug}", **{"blurb": "x", **kwargs})
    assert error.value.field == field and message in error.value.message


def test_an_image_from_static_is_accepted(app, editor, article):
    item = feature(editor, f"/wiki/{article.slug}", image="/static/img/icon.svg",
                   image_alt="The Commonplace mark")
    assert item.image == "img/icon.svg"


def test_an_end_date_before_the_start_is_refused(app, editor, article):
    today = utcnow().date()
    with pytest.raises(ValidationFailed) as error:
        features.feature(editor, f"/wiki/{article.slug}", blurb="x",
                         starts_on=today + timedelta(days=5), ends_on=today + timedelta(days=2))
    assert error.value.field == "ends_on" and "before the start" in error.value.message
    with pytest.raises(ValidationFailed, match="has passed"):
        features.feature(editor, f"/wiki/{article.slug}", blurb="x",
                         ends_on=today - timedelta(days=1))


def test_hidden_content_cannot_be_featured(app, editor, article, solved, admin):
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    with pytest.raises(ValidationFailed, match="hidden"):
        features.feature(editor, f"/wiki/{article.slug}", blurb="x")
    collection = curated.create_collection(editor, "Hidden list")
    curated.edit_collection(editor, collection, "Hidden list", "", hidden=True)
    with pytest.raises(ValidationFailed, match="hidden"):
        features.feature(editor, f"/collections/{collection.slug}", blurb="x")


def test_unsolved_threads_and_unknown_addresses_cannot_be_featured(app, editor, unsolved):
    with pytest.raises(ValidationFailed, match="Only solved threads"):
        features.feature(editor, f"/questions/{unsolved.id}", blurb="x")
    with pytest.raises(ValidationFailed, match="Nothing on Commonplace"):
        features.feature(editor, "/wiki/no-such-article", blurb="x")
    with pytest.raises(ValidationFailed, match="Nothing on Commonplace"):
        features.feature(editor, "/users/mina", blurb="x")


def test_the_same_content_is_featured_once(app, editor, article):
    feature(editor, f"/wiki/{article.slug}")
    with pytest.raises(ValidationFailed, match="already featured"):
        features.feature(editor, f"/wiki/{article.slug}", blurb="again")


def test_members_cannot_feature_reorder_edit_or_retire(app, editor, member, article):
    item = feature(editor, f"/wiki/{article.slug}")
    for action in (lambda: features.feature(member, f"/wiki/{article.slug}", blurb="x"),
                   lambda: features.move_feature(member, item, "up"),
                   lambda: features.edit_feature(member, item, blurb="x"),
                   lambda: features.retire_feature(member, item)):
        with pytest.raises(PermissionDenied):
            action()


def test_featuring_and_retiring_are_logged(app, editor, article):
    item = feature(editor, f"/wiki/{article.slug}")
    features.retire_feature(editor, item, "Season over")
    db.session.commit()
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.actor_name) for e in entries] == [("feature.created", "edith"),
                                                           ("feature.retired", "edith")]
    assert entries[0].target_label == "Starting a makerspace"
    assert entries[1].reason == "Season over"


# ---------------------------------------------------------------- on the web

def test_editor_features_through_the_form_and_reorders_with_buttons(
        app, editor_client, editor, article, solved):
    page = editor_client.get(f"/editors/featured/new?target=/wiki/{article.slug}")
    assert page.status_code == 200 and f'value="/wiki/{article.slug}"' in page.get_data(
        as_text=True)
    response = editor_client.submit("/editors/featured/new", {
        "target": f"/wiki/{article.slug}", "blurb": "Read this first.", "icon": "book"})
    assert response.status_code == 302
    editor_client.submit("/editors/featured/new", {"target": f"/questions/{solved.id}",
                                                   "blurb": "Solved.", "icon": ""})
    second = db.session.scalar(select(Feature).where(Feature.question_id == solved.id))
    response = editor_client.submit(f"/editors/featured/{second.id}/move", {"direction": "up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert titles() == [solved.title, "Starting a makerspace"]
    home = editor_client.get("/").get_data(as_text=True)
    assert home.index(solved.title) < home.index("Read this first.")
    desk = editor_client.get("/editors/featured").get_data(as_text=True)
    assert "Move “Starting a makerspace” </span>Down" in desk


def test_the_feature_form_shows_errors_and_keeps_the_input(app, editor_client, article):
    today = utcnow().date()
    response = editor_client.submit("/editors/featured/new", {
        "target": f"/wiki/{article.slug}", "blurb": "Kept text",
        "starts_on": (today + timedelta(days=4)).isoformat(),
        "ends_on": (today + timedelta(days=1)).isoformat()})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The end date is before the start date." in page and "Kept text" in page
    assert db.session.scalar(select(Feature.id)) is None


def test_editor_edits_and_retires_a_feature_on_the_web(app, editor_client, editor, article):
    item = feature(editor, f"/wiki/{article.slug}")
    response = editor_client.submit(f"/editors/featured/{item.id}/edit", {
        "blurb": "New words", "icon": "star"})
    assert response.status_code == 302
    response = editor_client.submit(f"/editors/featured/{item.id}/retire", {"reason": "Old"})
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(Feature, item.id)
    assert item.blurb == "New words" and item.icon == "star" and item.retired_at is not None


def test_members_are_refused_the_featured_desk(app, member_client, client, editor, article):
    item = feature(editor, f"/wiki/{article.slug}")
    assert member_client.get("/editors/featured").status_code == 403
    response = member_client.submit(f"/editors/featured/{item.id}/move", {"direction": "up"})
    assert response.status_code == 403
    response = member_client.submit("/editors/featured/new", {
        "target": f"/wiki/{article.slug}", "blurb": "x"})
    assert response.status_code == 403
    assert client.get("/editors/featured").status_code == 302  # sign in first


def test_the_desk_counts_what_the_home_page_shows_not_every_live_feature(
        app, editor, editor_client, write, member, client):
    made = [write(member, title=f"Practice note {number}", body="Notes.")
            for number in range(8)]
    for article in made:
        feature(editor, f"/wiki/{article.slug}")
    moderation.set_hidden(made[0], editor, True)  # live, but its content is hidden
    db.session.commit()
    shown = [article.title for article in made[1:7]]
    assert titles() == shown  # the home page shows six
    home = client.get("/").get_data(as_text=True)
    start = home.index('class="feature-cards"')
    cards = home[start:home.index("</ol>", start)]
    assert all(title in cards for title in shown) and made[7].title not in cards
    desk = editor_client.get("/editors/").get_data(as_text=True)
    assert ">6</strong> on the home page now, 2 live but not shown." in desk
    page = editor_client.get("/editors/featured").get_data(as_text=True)
    assert page.count("not on the home page</strong>") == 2
    assert "not on the home page</strong> (its content is hidden)" in page
    assert "not on the home page</strong> (only the first 6 are shown)" in page
