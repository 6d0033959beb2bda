"""Look-alike names (UTS #39 skeletons) and bidirectional controls, in the services."""

import pytest

from core import accounts
from core.errors import ValidationFailed
from core.spoofing import check_no_bidi_controls, skeleton
from tests.conftest import PASSWORD

BIDI = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f"]


@pytest.mark.parametrize(("one", "other"), [
    ("agnes.admin", "agnes.admln"),           # i and l: the example
    ("agnes.admin", "agnes.adm1n"),           # 1, l, I and | are one prototype in UTS #39
    ("paypal", "\u0440\u0430\u0443\u0440\u0430l"),  # Cyrillic р, а, у
    ("Agnes Whitfield", "AGNES  WHITFIELD"),  # case and spacing
    ("mina", "rnina"),                        # m and rn
    ("bob", "B0b"),                           # 0 and O
    ("Mina", "\uff2dina"),                    # fullwidth M
    ("Mina Member", "Mina\u200b Member"),     # an invisible zero-width space
])
def test_look_alikes_share_a_skeleton(one, other):
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize(("one", "other"), [
    ("mina", "nina"), ("agnes.admin", "agnes.adam"), ("tom.chen", "tom.chan")])
def test_different_names_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_a_username_like_an_existing_one_is_refused(app, make_user):
    make_user("agnes.admin", role="admin", display_name="Agnes Whitfield")
    for lookalike in ("agnes.admln", "Agnes.AdmlN", "agnes.adm1n", "agnes.adrnin"):
        with pytest.raises(ValidationFailed) as error:
            accounts.register(lookalike, f"{lookalike}@example.org", PASSWORD)
        assert error.value.field == "username" and "agnes.admin" in error.value.message
    assert accounts.register("agnes.adams", "adams@example.org", PASSWORD)


def test_a_username_like_a_reserved_one_is_refused(app):
    with pytest.raises(ValidationFailed, match="reserved"):
        accounts.register("adm1n", "x@example.org", PASSWORD)


def test_a_display_name_like_another_members_name_is_refused(app, make_user, member):
    admin = make_user("agnes.admin", role="admin", display_name="Agnes Whitfield")
    for name in ("Agnes Whitfield", "agnes whitfield", "Agnes Whitfie1d", "AGNES.ADMlN",
                 "Agnes\u00a0Whitfield"):
        with pytest.raises(ValidationFailed) as error:
            accounts.update_profile(member, display_name=name, library="", sector="", bio="")
        assert error.value.field == "display_name"
    with pytest.raises(ValidationFailed):
        accounts.register("newbie", "newbie@example.org", PASSWORD, display_name="Agnes Whitfield")
    assert member.display_name == "Mina Member"
    # One's own username, and one's own name unchanged, are fine.
    accounts.update_profile(member, display_name="MINA", library="", sector="", bio="")
    accounts.update_profile(admin, display_name="Agnes Whitfield", library="", sector="",
                            bio="")
    assert member.display_name == "MINA"


def test_the_skeletons_are_kept_in_indexed_columns(app, member):
    assert member.username_skeleton == skeleton("mina")
    assert member.display_skeleton == skeleton("Mina Member")
    accounts.update_profile(member, display_name="Mina M", library="", sector="", bio="")
    assert member.display_skeleton == skeleton("Mina M")


@pytest.mark.parametrize("control", BIDI)
def test_bidirectional_controls_are_refused_in_names_and_titles(app, member, control):
    with pytest.raises(ValidationFailed) as error:
        check_no_bidi_controls(f"abc{control}def", "title", "The title")
    assert error.value.field == "title" and "direction" in error.value.message
    with pytest.raises(ValidationFailed):
        accounts.update_profile(member, display_name=f"Mina{control}Member", library="",
                                sector="", bio="")
    with pytest.raises(ValidationFailed):
        accounts.update_profile(member, display_name="Mina", library=f"Town{control}",
                                sector="", bio="")


def test_bidirectional_controls_are_refused_in_article_and_question_titles(app, member):
    from community import questions
    from wiki import saving

    with pytest.raises(ValidationFailed) as error:
        saving.create_article(member, title="Invoices \u202efdp.exe", body="Text.")
    assert error.value.field == "title"
    with pytest.raises(ValidationFailed) as error:
        questions.ask(member, title="How do we \u2067weed\u2069 the stacks?", body="Body.")
    assert error.value.field == "title"


def test_on_the_web_a_look_alike_is_refused_on_its_field_and_nothing_changes(
        app, client, member_client, make_user):
    make_user("agnes.admin", role="admin", display_name="Agnes Whitfield")
    response = member_client.submit("/settings", {
        "profile-display_name": "Agnes Whitfie1d", "profile-library": "",
        "profile-sector": "", "profile-bio": "", "profile-submit": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "looks too much like another member" in page and 'aria-invalid="true"' in page
    assert "Mina Member" in member_client.get("/users/mina").get_data(as_text=True)
    response = client.submit("/register", {"username": "agnes.admln",
                                           "email": "a@example.org", "password": PASSWORD,
                                           "confirm": PASSWORD})
    assert response.status_code == 200
    assert "looks too much like" in response.get_data(as_text=True)
    assert client.get("/users/agnes.admln").status_code == 404
