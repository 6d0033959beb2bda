"""Create the load-test members through the app's account service; write the site's facts.

    .venv/bin/python bench/load/seed.py --members 40 --out facts.json

Runs against the database in DATABASE_URL (set by harness.prepare_site, after
`flask db upgrade` and `flask demo load`). The facts are what the virtual users need
(members, articles, open questions, search terms) and the baseline of the derived
counters (answer counts, scores) that check.py compares after the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import MEMBER_PASSWORD  # noqa: E402

HOT_ARTICLES = 3
SEARCH_TERMS = ["makerspace", "digital preservation", "oral history", "grant writing",
                "volunteers", "information literacy", "device lending", "weeding", "archives",
                "readers advisory", "social media", "teachers", "consent", "fixity",
                "budget", "outreach", "library", "catalogue", "survey", "training"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=40)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    from sqlalchemy import func, select

    from app import create_app
    from community.models import Answer, Question, Vote
    from core import accounts
    from core.extensions import db
    from core.markup import slugify
    from wiki.models import Article

    app = create_app()
    with app.app_context():
        members = []
        for number in range(1, args.members + 1):
            username = f"load{number:02d}"
            user = accounts.register(username, f"{username}@example.org", MEMBER_PASSWORD,
                                     display_name=f"Load Tester {number:02d}",
                                     library="Load Test Library", sector="public")
            members.append({"username": username, "id": None, "_user": user})
        db.session.commit()
        for member in members:
            member["id"] = member.pop("_user").id

        articles = db.session.execute(
            select(Article.id, Article.slug, Article.title)
            .where(Article.hidden.is_(False), Article.protected.is_(False))
            .order_by(Article.id)).all()
        questions = db.session.scalars(select(Question).where(
            Question.hidden.is_(False), Question.merged_into_id.is_(None))
            .order_by(Question.id)).all()
        answer_counts = dict(db.session.execute(
            select(Answer.question_id, func.count()).group_by(Answer.question_id)).all())
        vote_sums = dict(db.session.execute(
            select(Vote.target_id, func.sum(Vote.value)).where(Vote.target_type == "answer")
            .group_by(Vote.target_id)).all())
        answer_scores = db.session.execute(select(Answer.id, Answer.score)).all()
        facts = {
            "password": MEMBER_PASSWORD,
            "members": members,
            "articles": [{"id": row.id, "slug": row.slug, "title": row.title}
                         for row in articles],
            "hot_articles": [row.slug for row in articles[:HOT_ARTICLES]],
            # Their text before the run: afterwards, without the load's notes, it must be
            # exactly this again (merges neither drop nor duplicate anyone's words).
            "hot_bodies": {row.slug: db.session.get(Article, row.id).current_revision.body
                           for row in articles[:HOT_ARTICLES]},
            "questions": [{"id": q.id, "path": f"/questions/{q.id}/{slugify(q.title)[:60]}",
                           "open": not q.locked and not q.closed_reason}
                          for q in questions],
            "search_terms": SEARCH_TERMS + [row.title.split()[0].lower() for row in articles],
            # Derived counters before the run: the run may change them only by its own writes.
            "answer_count_offset": {str(q.id): q.answer_count - answer_counts.get(q.id, 0)
                                    for q in questions},
            "score_offset": {str(answer_id): score - (vote_sums.get(answer_id) or 0)
                             for answer_id, score in answer_scores},
        }
    Path(args.out).write_text(json.dumps(facts, indent=1))
    print(f"{len(members)} members, {len(facts['articles'])} articles, "
          f"{len(facts['questions'])} questions")


if __name__ == "__main__":
    main()
