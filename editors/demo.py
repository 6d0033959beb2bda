"""Demo desk for `flask demo load`: features, two collections and a review mark, made
through editors.services after the wiki's and the community's demo content exists."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from community.models import Question
from core.extensions import db
from core.timeutil import utcnow
from editors import services
from wiki.services import article_by_title

MAKERSPACE = {
    "title": "Starting a makerspace: seven readings",
    "intro": "For a library planning its first makerspace, in the order we would read them: "
             "the practice article first, then the threads where members worked through the "
             "problems that come up in the first year.",
    "readings": [
        ("article", "Starting a library makerspace",
         "Start here: space, kit, staffing and the first programmes, with costs."),
        ("question", "How do you stop the 3D printer queue",
         "Booking rules that keep the printers fair once they are popular."),
        ("article", "Running a fair 3D printing service",
         "The same thread, promoted to an article with everyone's practice in one place."),
        ("question", "What safety induction do you require",
         "Inductions and sign-off for the laser cutter: borrow the checklist."),
        ("question", "Can we lend Arduino and micro:bit kits",
         "Kit lending without losing the parts: bags, checklists and fines (or not)."),
        ("question", "Sewing machines in a school library",
         "Storage and supervision for a school setting."),
        ("question", "How do you show makerspace impact",
         "When the funder asks what it achieved: measures beyond headcounts."),
    ],
}

INFORMATION_LITERACY = {
    "title": "Teaching information literacy, from school to clinic",
    "intro": "How librarians in schools, universities and hospitals teach people to find and "
             "judge information, and how they know it worked.",
    "readings": [
        ("article", "Embedding information literacy in first-year courses",
         "Working inside the curriculum instead of one-off sessions."),
        ("question", "A one-shot session in 50 minutes",
         "When one session is all you get: what to cut and what to keep."),
        ("article", "Inquiry-based learning with the school library",
         "The school version: inquiry units planned with teachers."),
        ("question", "Teaching Year 9 to spot AI-generated sources",
         "Classroom activities for judging sources that were written by a machine."),
        ("question", "How do you teach clinicians to build a PICO search",
         "Search skills for busy clinicians, without a lecture."),
        ("question", "Assessing information literacy",
         "Evidence that the teaching worked."),
    ],
}


def _question(prefix: str) -> Question:
    return db.session.scalar(select(Question).where(Question.title.startswith(prefix)))


def _address(kind: str, name: str) -> str | None:
    if kind == "article":
        article = article_by_title(name)
        return f"/wiki/{article.slug}" if article else None
    question = _question(name)
    return f"/questions/{question.id}" if question else None


def _collection(editor, spec: dict):
    collection = services.create_collection(editor, spec["title"], spec["intro"])
    for kind, name, note in spec["readings"]:
        address = _address(kind, name)
        if address:
            services.add_to_collection(editor, collection, address, note)
    return collection


def load_demo_desk(users: dict) -> None:
    editor = users["eddie.editor"]
    makerspace = _collection(editor, MAKERSPACE)
    literacy = _collection(editor, INFORMATION_LITERACY)
    features = [
        (f"/collections/{makerspace.slug}", "list",
         "Planning a makerspace? Seven readings from libraries that have run one, in the "
         "order to read them."),
        (_address("article", "Reading for pleasure in schools"), "book",
         "How school librarians build a **reading culture**, with the evidence that it "
         "works."),
        (_address("question", "How do you show makerspace impact"), "lightbulb",
         "Solved: measures that convinced funders, from four libraries."),
        (f"/collections/{literacy.slug}", "compass",
         "Information literacy teaching across sectors: schools, universities and clinics."),
        (_address("article", "Device lending and digital inclusion"), "people",
         "Lending laptops and hotspots, and helping people use them."),
    ]
    for address, icon, blurb in features:
        if address:
            services.feature(editor, address, blurb=blurb, icon=icon)
    reviewed = article_by_title("Starting a library makerspace")
    if reviewed is not None:
        mark = services.mark_reviewed(editor, reviewed, "Checked the costs and suppliers.")
        # Reviewed a little while after its last change, as an editor would have.
        mark.created_at = min(reviewed.updated_at + timedelta(days=12),
                              utcnow() - timedelta(days=1))
    db.session.flush()
