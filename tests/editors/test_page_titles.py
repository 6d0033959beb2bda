"""Every page state has its own title: filtered lists, tabs, histories, pages of a list and
forms with errors (WCAG 2.4.2), so a tab bar or a screen reader tells them apart."""

import re

from sqlalchemy import update

from community.models import Question
from core.extensions import db


def title(client, url: str) -> str:
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    return re.search(r"<title>(.*?) · Commonplace</title>", page).group(1)


def test_filtered_lists_tabs_and_histories_have_their_own_titles(
        app, client, editor_client, write, member, solved):
    question = solved
    answer = question.accepted_answer
    write(member, title="Seed swaps", body="Swap seeds.", tags="seeds")
    assert title(client, "/questions/") == "Newest questions"
    assert title(client, "/questions/?tab=unanswered") == "Unanswered questions"
    assert title(client, "/questions/?tab=solved&tag=seeds") == "Solved questions tagged “seeds”"
    assert title(client, "/wiki/?tag=seeds") == "Articles tagged “seeds”"
    assert title(client, "/wiki/?sector=public&sort=updated") == \
        "Articles · Public library, recently changed first"
    assert title(client, "/solutions/?tag=seeds") == "Solutions tagged “seeds”"
    assert title(editor_client, "/editors/flags") == "Open flags"
    assert title(editor_client, "/editors/flags?status=closed") == "Recently closed flags"
    assert title(client, f"/questions/{question.id}/history") == \
        f"History of the question “{question.title}”"
    assert title(client, f"/answers/{answer.id}/history") == \
        f"History of an answer to “{question.title}”"


def test_a_later_page_of_a_list_and_a_form_with_errors_say_so(
        app, client, member_client, ask, member):
    for number in range(30):
        ask(member, title=f"Question number {number} about seeds", body="Details.")
    db.session.execute(update(Question).values(hidden=False))
    db.session.commit()
    assert title(client, "/questions/?page=2") == "Newest questions · page 2"
    response = member_client.submit("/questions/ask", {"title": "", "body": ""})
    assert re.search(r"<title>Error: Ask the community · Commonplace</title>",
                     response.get_data(as_text=True))
