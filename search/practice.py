"""Practice from an organisation's people: the filter `org=<slug>` on /search.

A search limited to an organisation finds the articles its staff lead and the solutions
they gave (the accepted answer is theirs), done while they worked there: a member who
moved on leaves that work with the organisation (`orgs.consortia.staff_periods`); for a
consortium or umbrella body, the staff of its member organisations count too. The
documents are read from the database at query time, so an affiliation approved or ended
counts at once, with nothing to re-index; each list is bounded, newest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from core.extensions import db
from search.sources import key

# At most this many articles and as many solutions: a filter, not an export.
LIMIT = 1000
SLUG_RE = re.compile(r"[\w-]{1,80}")


@dataclass(frozen=True)
class Practice:
    organisation: object  # orgs.models.Organisation
    keys: frozenset[str]  # the index keys the search is limited to


def practice_of(slug: str) -> Practice | None:
    """The organisation with this slug (merged ones are not offered) and the keys of its
    people's articles and solutions; None when there is no such organisation."""
    from community.models import Answer, Question
    from orgs.consortia import during, staff_periods
    from orgs.models import Organisation
    from wiki.models import ArticleAuthor

    slug = (slug or "").strip()
    if not SLUG_RE.fullmatch(slug):  # not a slug (a control character, too long): no filter
        return None
    organisation = db.session.scalar(select(Organisation).where(
        Organisation.slug == slug, Organisation.status != "merged"))
    if organisation is None:
        return None
    periods = staff_periods(organisation)
    articles = db.session.scalars(
        select(ArticleAuthor.article_id).join(periods, during(
            periods, ArticleAuthor.user_id, ArticleAuthor.first_edit_at,
            ArticleAuthor.last_edit_at)).where(ArticleAuthor.lead.is_(True))
        .distinct().order_by(ArticleAuthor.article_id.desc()).limit(LIMIT))
    solutions = db.session.scalars(
        select(Question.id).where(Question.accepted_answer_id.in_(
            select(Answer.id).join(periods, during(periods, Answer.author_id,
                                                   Answer.created_at))))
        .order_by(Question.id.desc()).limit(LIMIT))
    return Practice(organisation, frozenset(
        [key("article", article_id) for article_id in articles]
        + [key("question", question_id) for question_id in solutions]))


def member_sectors(user) -> frozenset[str]:
    """The sectors a signed-in member works in: their profile's, and those of the
    organisations of their approved, current affiliations (for "from other sectors than
    mine"); "other" names no sector."""
    from orgs.models import Affiliation, OrganisationSector

    if not getattr(user, "is_authenticated", False):
        return frozenset()
    found = {user.sector} if user.sector else set()
    found |= set(db.session.scalars(select(OrganisationSector.sector).where(
        OrganisationSector.organisation_id.in_(select(Affiliation.organisation_id).where(
            Affiliation.user_id == user.id, Affiliation.status == "approved",
            Affiliation.end_date.is_(None))))))
    return frozenset(found - {"other", ""})
