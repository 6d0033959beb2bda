"""Moderation: members flag; editors dismiss, hide, edit, mark outdated or merge; several
members' flags hide content pending review; every action is in the audit log."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community import answers, comments, questions, services
from community.models import Answer, Comment, Notification, Question, Watch
from core.audit import AUTOMATIC
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from editors import flags, log, merging, review
from editors.models import Flag, ModerationHold, OutdatedMark

WORD = "quokkanomics"  # a word only the flagged answer uses, to find it in search


@pytest.fixture
def spam(app, solved, make_user, no_rate_limit):
    spammer = make_user("spammer")
    answer = answers.answer(spammer, solved, f"Buy cheap {WORD} pills today!")
    db.session.commit()
    return answer


@pytest.fixture
def seasoned(make_user):
    """Members of two months' standing, whose flags count fully (see flag_weight)."""

    def make(username: str):
        user = make_user(username)
        user.created_at -= timedelta(days=60)
        db.session.commit()
        return user

    return make


def actions() -> list[tuple[str, str]]:
    return [(entry.action, entry.actor_name) for entry in
            db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def found(client, text: str) -> bool:
    """Whether search finds anything for this text."""
    return 'class="result"' in client.get(f"/search?q={text}").get_data(as_text=True)


# ---------------------------------------------------------------- flagging

def test_a_member_flags_content_with_a_reason_and_a_note(app, other_member, spam):
    item = flags.flag(other_member, "answer", spam.id, "spam", "  Selling  pills ")
    db.session.commit()
    assert (item.target_type, item.reason, item.note, item.status) == (
        "answer", "spam", "Selling pills", "open")
    [group] = flags.flag_groups(AUTOMATIC)
    assert group.kind == "answer" and group.flags == [item]
    assert WORD in group.excerpt and not group.held


@pytest.mark.parametrize("kind", ["article", "question", "answer", "comment"])
def test_every_kind_of_content_can_be_flagged(app, kind, article, solved, other_member,
                                             member):
    answer = db.session.scalar(select(Answer))
    remark = comments.add_comment(member, "question", solved.id, "A remark.")
    target = {"article": article, "question": solved, "answer": answer,
              "comment": remark}[kind]
    flags.flag(other_member, kind, target.id, "other", "Please look")
    assert db.session.scalar(select(func.count(Flag.id))) == 1


def test_flags_are_checked(app, other_member, spam, editor):
    with pytest.raises(PermissionDenied):
        flags.flag(None, "answer", spam.id, "spam")
    with pytest.raises(ValidationFailed, match="Choose what is wrong"):
        flags.flag(other_member, "answer", spam.id, "boring")
    with pytest.raises(ValidationFailed, match="Give your note"):
        flags.flag(other_member, "answer", spam.id, "other", "")
    with pytest.raises(NotFound):
        flags.flag(other_member, "answer", 999, "spam")
    with pytest.raises(NotFound):
        flags.flag(other_member, "vote", 1, "spam")
    flags.flag(other_member, "answer", spam.id, "spam")
    first = db.session.scalar(select(Flag))
    assert flags.flag(other_member, "answer", spam.id, "offensive") is first  # once only
    assert db.session.scalar(select(func.count(Flag.id))) == 1
    answers.set_answer_hidden(editor, spam, True)
    with pytest.raises(NotFound):  # members cannot flag what they cannot see
        flags.flag(other_member, "answer", spam.id, "spam")


def test_flags_from_several_members_hide_content_pending_review(app, spam, seasoned,
                                                               client):
    assert found(client, WORD)
    flaggers = [seasoned(f"reader{n}") for n in range(3)]
    flags.flag(flaggers[0], "answer", spam.id, "spam")
    flags.flag(flaggers[1], "answer", spam.id, "outdated")  # not about abuse
    flags.flag(flaggers[2], "answer", spam.id, "offensive")
    db.session.commit()
    assert not spam.hidden
    flags.flag(seasoned("reader3"), "answer", spam.id, "spam")
    db.session.commit()
    assert spam.hidden
    assert db.session.get(ModerationHold, ("answer", spam.id)).flaggers == 3
    assert not found(client, WORD)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "answer.held"))
    assert entry.actor_name == "automatic" and "3 members" in entry.reason
    [group] = flags.flag_groups(AUTOMATIC)
    assert group.held


def test_dismissing_flags_restores_what_they_hid(app, spam, seasoned, editor, client):
    for n in range(3):
        flags.flag(seasoned(f"reader{n}"), "answer", spam.id, "spam")
    db.session.commit()
    assert spam.hidden
    flags.dismiss_flags(editor, "answer", spam.id, "Not spam: a joke")
    db.session.commit()
    assert not spam.hidden and db.session.get(ModerationHold, ("answer", spam.id)) is None
    assert set(db.session.scalars(select(Flag.status))) == {"dismissed"}
    assert found(client, WORD)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "flags.dismissed"))
    assert (entry.actor_name, entry.reason, entry.detail) == ("edith", "Not spam: a joke",
                                                              "3 flags")


def test_held_articles_are_restored_on_dismissal_though_editors_cannot_unhide(
        app, article, seasoned, editor):
    for n in range(3):
        flags.flag(seasoned(f"reader{n}"), "article", article.id, "offensive")
    db.session.commit()
    assert article.hidden
    flags.dismiss_flags(editor, "article", article.id)
    db.session.commit()
    assert not article.hidden


# ---------------------------------------------------------------- acting on flags

def test_hiding_a_flagged_answer_takes_it_off_the_page_and_out_of_search(
        app, spam, other_member, editor, client, solved):
    flags.flag(other_member, "answer", spam.id, "spam", "Pills")
    db.session.commit()
    url = services.question_url(solved)
    assert WORD in client.get(url).get_data(as_text=True) and found(client, WORD)
    flags.hide_content(editor, "answer", spam.id, "Advertising")
    db.session.commit()
    assert spam.hidden and solved.answer_count == 1
    assert WORD not in client.get(url).get_data(as_text=True)
    assert not found(client, WORD)
    assert db.session.scalar(select(Flag.resolution)) == "hidden"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "answer.hidden"))
    assert (entry.actor_name, entry.reason) == ("edith", "Advertising")
    assert entry.target_url.endswith(f"#answer-{spam.id}")
    assert actions() == [("answer.hidden", "edith")]  # one entry, not one per flush


def test_the_reason_defaults_to_what_the_flags_said(app, spam, other_member, editor):
    flags.flag(other_member, "answer", spam.id, "spam")
    flags.hide_content(editor, "answer", spam.id, "")
    entry = db.session.scalar(select(AuditEntry))
    assert entry.reason == "flagged spam or advertising by 1"


def test_editing_a_flagged_answer_saves_a_revision_and_closes_the_flags(
        app, spam, other_member, editor):
    flags.flag(other_member, "answer", spam.id, "spam")
    flags.edit_flagged(editor, "answer", spam.id, body="Seed swaps work well.",
                          reason="Removed the advertising")
    db.session.commit()
    assert spam.body == "Seed swaps work well." and not spam.hidden
    assert db.session.scalar(select(Flag.resolution)) == "edited"
    [revision] = services.revisions_of("answer", spam.id)[:1]
    assert revision.summary.startswith("Moderated: Removed the advertising")
    assert ("answer.edited", "edith") in actions()


def test_editing_a_flagged_comment_and_article(app, article, member, other_member, editor,
                                              client):
    remark = comments.add_comment(member, "article", article.id, "Rude words here")
    db.session.commit()
    client.get(f"/wiki/{article.slug}")
    flags.flag(other_member, "comment", remark.id, "offensive")
    flags.edit_flagged(editor, "comment", remark.id, body="Kind words here")
    flags.flag(other_member, "article", article.id, "other", "Typo")
    flags.edit_flagged(editor, "article", article.id, title=article.title,
                          body="We began with four printers.")
    db.session.commit()
    assert remark.html == "<p>Kind words here</p>"
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Kind words here" in page and "four printers" in page


def test_marking_an_article_outdated_shows_a_banner_until_it_is_updated(
        app, article, other_member, editor, edit, client):
    flags.flag(other_member, "article", article.id, "outdated", "Prices from 2019")
    flags.outdated_from_flags(editor, article.id, "The prices are from 2019.")
    db.session.commit()
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "This article may be out of date." in page and "The prices are from 2019." in page
    assert db.session.scalar(select(Flag.resolution)) == "outdated"
    edit(article, other_member, "We began with three printers; prices updated for 2026.")
    assert db.session.get(OutdatedMark, article.id) is None
    assert "may be out of date" not in client.get(f"/wiki/{article.slug}").get_data(
        as_text=True)


def test_an_outdated_banner_needs_a_note_and_can_be_taken_down(app, article, editor):
    with pytest.raises(ValidationFailed, match="out of date"):
        review.mark_outdated(editor, article, "")
    review.mark_outdated(editor, article, "Old links")
    review.clear_outdated(editor, article, "Checked: still right")
    assert review.article_status(article).outdated is None
    assert [a for a, _ in actions()] == ["article.outdated", "article.current"]


# ---------------------------------------------------------------- merging duplicates

@pytest.fixture
def duplicate(app, ask, reply, make_user, member, no_rate_limit):
    asker = make_user("dora", display_name="Dora Duplicate")
    question = ask(asker, title="Starting a seed library: where to begin?",
                   body="Same question, again.")
    answer = reply(member, question, "Ask the garden club for seeds.")
    comments.add_comment(member, "question", question.id, "See the other thread.")
    db.session.commit()
    return question, answer


def test_merging_moves_answers_redirects_and_tells_both_askers(app, solved, duplicate,
                                                              editor, other_member, client):
    source, moved = duplicate
    flags.flag(other_member, "question", source.id, "duplicate", "Same as the seed one")
    merging.merge_questions(editor, source, solved, "Same question")
    db.session.commit()
    assert moved.question_id == solved.id
    assert solved.answer_count == 2 and source.answer_count == 0
    assert source.merged_into_id == solved.id and source.hidden
    comments = db.session.scalars(select(Comment.target_id)).all()
    assert comments == [solved.id]
    response = client.get(services.question_url(source))
    assert response.status_code == 301
    assert response.location == services.question_url(solved)
    assert client.get(f"/questions/{source.id}").status_code == 301
    page = client.get(services.question_url(solved)).get_data(as_text=True)
    assert "Ask the garden club for seeds." in page
    told = {row.user_id: row.text for row in db.session.scalars(
        select(Notification).where(Notification.kind == "merged"))}
    assert set(told) == {source.author_id, solved.author_id}
    assert "was merged into" in told[source.author_id]
    assert db.session.get(Watch, (source.author_id, "question", solved.id)) is not None
    assert db.session.scalar(select(Flag.resolution)) == "merged"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.merged"))
    assert entry.reason == "Same question" and f"question {solved.id}" in entry.detail


def test_merging_a_question_into_itself_or_a_hidden_or_merged_one_is_refused(
        app, solved, duplicate, editor, ask, member):
    source, _answer = duplicate
    with pytest.raises(ValidationFailed, match="into itself"):
        merging.merge_questions(editor, source, source)
    third = ask(member, title="A third seed library question?", body="Again.")
    questions.set_question_hidden(editor, third, True)
    with pytest.raises(ValidationFailed, match="hidden"):
        merging.merge_questions(editor, source, third)
    questions.set_question_hidden(editor, third, False)
    merging.merge_questions(editor, third, solved)
    with pytest.raises(ValidationFailed, match="itself merged"):
        merging.merge_questions(editor, source, third)
    with pytest.raises(ValidationFailed, match="already merged"):
        merging.merge_questions(editor, third, source)


def test_members_cannot_moderate(app, member, spam, solved, duplicate, article):
    source, _answer = duplicate
    for action in (lambda: flags.dismiss_flags(member, "answer", spam.id),
                   lambda: flags.hide_content(member, "answer", spam.id),
                   lambda: flags.edit_flagged(member, "answer", spam.id, body="x"),
                   lambda: flags.outdated_from_flags(member, article.id, "x"),
                   lambda: review.mark_outdated(member, article, "x"),
                   lambda: merging.merge_questions(member, source, solved),
                   lambda: flags.flag_groups(member),
                   lambda: log.log_query(member)):
        with pytest.raises(PermissionDenied):
            action()
    assert not spam.hidden and source.merged_into_id is None


# ---------------------------------------------------------------- on the web

def test_a_member_reports_an_answer_from_the_thread_page(app, member_client, spam, solved):
    page = member_client.get(services.question_url(solved)).get_data(as_text=True)
    assert f"/report?on=question:{solved.id}" in page
    form = member_client.get(f"/report?on=question:{solved.id}").get_data(as_text=True)
    assert f'value="answer:{spam.id}"' in form and "Answer by spammer" in form
    response = member_client.submit("/report", {
        "on": f"question:{solved.id}", "target": f"answer:{spam.id}", "reason": "spam",
        "note": "Pills"})
    assert response.status_code == 302
    assert response.location == services.question_url(solved)
    flag = db.session.scalar(select(Flag))
    assert (flag.target_type, flag.target_id, flag.reason) == ("answer", spam.id, "spam")
    again = member_client.submit("/report", {
        "on": f"question:{solved.id}", "target": f"answer:{spam.id}", "reason": "spam"})
    assert again.status_code == 302  # the same result as the first report
    assert "already flagged" in member_client.get(again.location).get_data(as_text=True)
    assert db.session.scalar(select(func.count(Flag.id))) == 1


def test_reports_are_for_members_about_things_on_the_page(app, client, member_client, spam,
                                                         solved, article):
    assert client.get(f"/report?on=question:{solved.id}").status_code == 302
    assert "Report a problem" not in client.get(services.question_url(solved)).get_data(
        as_text=True)
    assert member_client.get("/report").status_code == 404
    assert member_client.get("/report?on=question:999").status_code == 404
    response = member_client.submit("/report", {
        "on": f"article:{article.slug}", "target": f"answer:{spam.id}", "reason": "spam"})
    assert response.status_code == 422  # that answer is not on the article's page
    assert db.session.scalar(select(Flag.id)) is None
    page = member_client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert f"/report?on=article:{article.slug}" in page


def _chosen(form_html: str) -> list[str]:
    """The values of the checked radio buttons on the report form."""
    return re.findall(r'<input checked[^>]*value="([^"]+)"', form_html)


def test_report_page_starts_from_the_page_that_shows_the_item(app, member, editor, spam,
                                                              solved, article):
    remark = comments.add_comment(member, "answer", spam.id, "Looks like spam.")
    note = comments.add_comment(member, "article", article.id, "Prices have changed.")
    db.session.commit()
    thread = services.question_url(solved)
    assert flags.report_page(f"question:{solved.id}", member) == flags.ReportPage(
        "question", solved.id, thread, f"question:{solved.id}")
    assert flags.report_page(f"answer:{spam.id}", member) == flags.ReportPage(
        "question", solved.id, f"{thread}#answer-{spam.id}", f"answer:{spam.id}")
    assert flags.report_page(f"comment:{remark.id}", member) == flags.ReportPage(
        "question", solved.id, f"{thread}#comment-{remark.id}", f"comment:{remark.id}")
    assert flags.report_page(f"comment:{note.id}", member) == flags.ReportPage(
        "article", article.id, f"/wiki/{article.slug}#comment-{note.id}",
        f"comment:{note.id}")
    assert flags.report_page(f"article:{article.slug}", member).item == \
        f"article:{article.id}"
    for on in (None, "", "answer:", "answer:x", "answer:999", "vote:1", f"answer:{'9' * 13}",
               "article:no-such-article", f"feature:{spam.id}"):
        with pytest.raises(NotFound):
            flags.report_page(on, member)
    answers.set_answer_hidden(editor, spam, True)
    db.session.commit()
    for on in (f"answer:{spam.id}", f"comment:{remark.id}"):  # hidden, or on hidden content
        with pytest.raises(NotFound):
            flags.report_page(on, member)


def test_every_item_on_a_thread_has_its_own_flag_link(app, client, member_client,
                                                      editor_client, editor, member, spam,
                                                      solved):
    on_question = comments.add_comment(member, "question", solved.id, "Which seeds?")
    on_answer = comments.add_comment(member, "answer", spam.id, "Looks like spam.")
    db.session.commit()
    page = member_client.get(services.question_url(solved)).get_data(as_text=True)
    links = set(re.findall(r'class="flag-link" href="/report\?on=([a-z]+:\d+)"', page))
    good = db.session.scalar(select(Answer.id).where(Answer.id != spam.id))
    assert links == {f"question:{solved.id}", f"answer:{good}", f"answer:{spam.id}",
                     f"comment:{on_question.id}", f"comment:{on_answer.id}"}
    assert 'Flag<span class="visually-hidden"> the answer by spammer</span>' in page
    assert "flag-link" not in client.get(services.question_url(solved)).get_data(
        as_text=True)  # visitors sign in first: no links for them
    answers.set_answer_hidden(editor, spam, True)
    db.session.commit()
    page = editor_client.get(services.question_url(solved)).get_data(as_text=True)
    assert f"on=answer:{spam.id}" not in page and "quokkanomics" in page  # nothing to flag


def test_the_article_and_its_comments_have_flag_links(app, client, member_client, member,
                                                      article):
    remark = comments.add_comment(member, "article", article.id, "Prices have changed.")
    db.session.commit()
    page = member_client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert f'href="/report?on=article:{article.slug}"' in page
    assert f'href="/report?on=comment:{remark.id}"' in page
    assert "flag-link" not in client.get(f"/wiki/{article.slug}").get_data(as_text=True)


def test_a_member_flags_an_answer_and_a_comment_from_their_own_links(
        app, member_client, member, spam, solved, article):
    on_answer = comments.add_comment(member, "answer", spam.id, "Buy now!")
    on_article = comments.add_comment(member, "article", article.id, "Buy now!")
    db.session.commit()
    thread = services.question_url(solved)
    for on, page in ((f"answer:{spam.id}", f"{thread}#answer-{spam.id}"),
                     (f"comment:{on_answer.id}", f"{thread}#comment-{on_answer.id}"),
                     (f"comment:{on_article.id}",
                      f"/wiki/{article.slug}#comment-{on_article.id}")):
        form = member_client.get(f"/report?on={on}").get_data(as_text=True)
        assert _chosen(form) == [on]  # the item is chosen; the reason is the member's
        response = member_client.submit("/report", {"on": on, "target": on,
                                                    "reason": "spam"})
        assert (response.status_code, response.location) == (302, page)
    flags = db.session.execute(select(Flag.target_type, Flag.target_id).order_by(Flag.id))
    assert flags.all() == [("answer", spam.id), ("comment", on_answer.id),
                           ("comment", on_article.id)]
    assert member_client.get(f"/report?on=answer:{spam.id}&item=question:{solved.id}") \
        .status_code == 200  # another item on the page may still be chosen
    assert member_client.get("/report?on=comment:999").status_code == 404


def test_editors_work_through_flags_on_the_web(app, editor_client, spam, other_member,
                                               solved, duplicate, client):
    source, _answer = duplicate
    flags.flag(other_member, "answer", spam.id, "spam", "Pills again")
    flags.flag(other_member, "question", source.id, "duplicate", "Seed library twice")
    db.session.commit()
    page = editor_client.get("/editors/flags").get_data(as_text=True)
    assert "Pills again" in page and "Seed library twice" in page
    response = editor_client.submit(f"/editors/flags/answer/{spam.id}",
                                    {"action": "hide", "reason": "Spam"})
    assert response.status_code == 302
    response = editor_client.submit(f"/editors/flags/question/{source.id}", {
        "action": "merge", "merge_into": services.question_url(solved), "reason": "Dupe"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Answer, spam.id).hidden
    assert db.session.get(Question, source.id).merged_into_id == solved.id
    assert "No open flags" in editor_client.get("/editors/flags").get_data(as_text=True)
    closed = editor_client.get("/editors/flags?status=closed").get_data(as_text=True)
    assert "Pills again" in closed and "merged" in closed


def test_a_bad_merge_on_the_web_says_why_and_changes_nothing(app, editor_client, duplicate,
                                                            other_member):
    source, _answer = duplicate
    flags.flag(other_member, "question", source.id, "duplicate")
    db.session.commit()
    response = editor_client.submit(f"/editors/flags/question/{source.id}", {
        "action": "merge", "merge_into": str(source.id)}, follow_redirects=True)
    assert "cannot be merged into itself" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Question, source.id).merged_into_id is None
    assert db.session.scalar(select(Flag.status)) == "open"


def test_the_edit_page_corrects_flagged_content(app, editor_client, spam, other_member):
    flags.flag(other_member, "answer", spam.id, "spam")
    db.session.commit()
    page = editor_client.get(f"/editors/flags/answer/{spam.id}/edit").get_data(as_text=True)
    assert WORD in page
    response = editor_client.submit(f"/editors/flags/answer/{spam.id}/edit", {
        "body": "A useful answer now.", "reason": "Cleaned up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Answer, spam.id).body == "A useful answer now."


def test_members_are_refused_the_flags_desk(app, member_client, spam, other_member):
    flags.flag(other_member, "answer", spam.id, "spam")
    db.session.commit()
    assert member_client.get("/editors/flags").status_code == 403
    response = member_client.submit(f"/editors/flags/answer/{spam.id}", {"action": "hide"})
    assert response.status_code == 403
    assert member_client.get(f"/editors/flags/answer/{spam.id}/edit").status_code == 403
    db.session.expire_all()
    assert not db.session.get(Answer, spam.id).hidden


# ---------------------------------------------------------------- the audit log

def test_moderation_elsewhere_is_logged_too(app, editor_client, admin_client, article, solved,
                                            spam):
    editor_client.submit(f"/wiki/{article.slug}/protect", {"protect": "1"})
    editor_client.submit(f"/answers/{spam.id}/hide", {"hidden": "1"})
    editor_client.submit(f"/questions/{solved.id}/close", {"reason": "Answered elsewhere"})
    editor_client.submit(f"/wiki/{article.slug}/hide", {"hide": "1"})
    admin_client.submit(f"/wiki/{article.slug}/hide", {"hide": "0"})
    assert actions() == [("article.protected", "edith"), ("answer.hidden", "edith"),
                         ("question.closed", "edith"), ("article.hidden", "edith"),
                         ("article.shown", "adam")]
    closed = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.closed"))
    assert closed.reason == "Answered elsewhere"


def test_role_changes_are_logged_with_who_and_why(app, member, admin):
    result = app.test_cli_runner().invoke(args=["users", "set-role", "mina", "editor",
                                                "--reason", "Runs the makerspace group"])
    assert result.exit_code == 0, result.output
    from core import accounts

    accounts.set_role(member, "member", actor=admin, reason="Stepped down")
    db.session.commit()
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.actor_name, e.target_label, e.detail, e.reason) for e in entries] == [
        ("role.changed", "command line", "mina", "member → editor", "Runs the makerspace group"),
        ("role.changed", "adam", "mina", "editor → member", "Stepped down")]


def test_an_admin_changes_a_role_from_the_profile_page_and_it_is_logged(
        app, admin_client, editor_client, member_client, member):
    assert 'action="/users/mina/role"' in admin_client.get("/users/mina").get_data(
        as_text=True)
    for client in (editor_client, member_client):  # only admins see the form
        assert "/users/mina/role" not in client.get("/users/mina").get_data(as_text=True)
    response = admin_client.submit("/users/mina/role", {"role": "editor",
                                                        "reason": "Runs the makerspace group"})
    assert (response.status_code, response.location) == (302, "/users/mina#change-role")
    page = admin_client.get("/users/mina").get_data(as_text=True)
    assert "mina is now an editor; the change is in the audit log." in page
    assert "Mina Member is an editor." in page
    db.session.expire_all()
    assert db.session.get(type(member), member.id).role == "editor"
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.action, entry.actor_name, entry.target_label, entry.detail, entry.reason) == (
        "role.changed", "adam", "mina", "member → editor", "Runs the makerspace group")
    log = admin_client.get("/editors/log?action=role.changed").get_data(as_text=True)
    assert "Runs the makerspace group" in log


def test_role_changes_on_the_web_are_refused_with_reasons(app, admin_client, editor_client,
                                                         member_client, client, member,
                                                         admin):
    for refused in (editor_client, member_client):  # refused by the service: 403
        response = refused.submit("/users/mina/role", {"role": "admin", "reason": "Me"})
        assert response.status_code == 403
    response = client.submit("/users/mina/role", {"role": "admin", "reason": "Me"})
    assert response.status_code == 302 and "/login" in response.location
    for data, message in (({"role": "emperor", "reason": "Why not"},
                           "“emperor” is not a role: choose member, editor or admin."),
                          ({"role": "editor", "reason": " "}, "Say why, for the audit log."),
                          ({"role": "member", "reason": "Again"}, "mina is already a member.")):
        response = admin_client.submit("/users/mina/role", data)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
    response = admin_client.submit("/users/adam/role", {"role": "member",
                                                        "reason": "Stepping back"})
    assert response.status_code == 422
    assert "adam is the only admin" in response.get_data(as_text=True)
    assert admin_client.submit("/users/ghost/role", {"role": "editor",
                                                     "reason": "x"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(type(member), member.id).role == "member"
    assert db.session.get(type(admin), admin.id).role == "admin"
    assert db.session.scalar(select(AuditEntry.id)) is None


def test_editors_and_admins_read_and_filter_the_log(app, editor_client, admin_client,
                                                   member_client, editor, article, spam):
    review.mark_reviewed(editor, article, "Fine")
    flags.hide_content(editor, "answer", spam.id, "Spam pills")
    db.session.commit()
    page = editor_client.get("/editors/log").get_data(as_text=True)
    assert "article.reviewed" in page and "answer.hidden" in page and "Spam pills" in page
    page = admin_client.get("/editors/log?action=answer.hidden").get_data(as_text=True)
    assert "<title>Audit log: Answer hidden · Commonplace</title>" in page
    assert '<option value="answer.hidden" selected>Answer hidden</option>' in page
    assert "Spam pills" in page and "<td>Article reviewed" not in page
    page = editor_client.get("/editors/log?kind=article&actor=EDITH").get_data(as_text=True)
    assert "<td>Article reviewed" in page and "<td>Answer hidden" not in page
    page = editor_client.get("/editors/log?q=pills").get_data(as_text=True)
    assert "<td>Answer hidden" in page and "<td>Article reviewed" not in page
    assert member_client.get("/editors/log").status_code == 403


def test_every_action_the_services_log_has_words_for_the_log_page():
    import pathlib

    from editors.log import ACTION_LABELS, action_label

    root = pathlib.Path(__file__).resolve().parents[2]
    source = "\n".join(path.read_text() for part in ("editors", "community", "wiki", "core",
                                                     "orgs")
                       for path in (root / part).glob("*.py"))
    written = set(re.findall(r'record\(\w+, "([a-z_]+\.[a-z_]+)"', source))
    # record(actor, "x.on" if on else "x.off", ...)
    for pair in re.findall(r'record\(\w+, "([a-z_]+\.[a-z_]+)" if \w+ else "([a-z_]+\.[a-z_]+)"',
                           source):
        written |= set(pair)
    assert {"affiliation.not_admin", "membership.added", "organisation.merged"} <= written
    assert written and written <= ACTION_LABELS.keys()
    for kind in ("article", "question", "answer", "comment"):  # f"{kind}.hidden" and kin
        assert {f"{kind}.hidden", f"{kind}.held", f"{kind}.edited"} <= ACTION_LABELS.keys()
    assert action_label("question.locked") == "Question locked"
    assert action_label("something.new") == "something.new"


def test_a_duplicate_flag_fills_in_the_question_to_merge_into(app, editor_client, solved,
                                                              duplicate, other_member):
    source, _answer = duplicate
    flags.flag(other_member, "question", source.id, "duplicate",
               f"Same as http://localhost/questions/{solved.id}/how-do-you-run.")
    db.session.commit()
    page = editor_client.get("/editors/flags").get_data(as_text=True)
    assert (f'name="merge_into" autocomplete="off" '
            f'value="http://localhost/questions/{solved.id}/how-do-you-run"') in page
    response = editor_client.submit(f"/editors/flags/question/{source.id}", {
        "action": "merge", "merge_into": f"http://localhost/questions/{solved.id}/how-do-you-run",
        "reason": "Same question"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(source), source.id).merged_into_id == solved.id
