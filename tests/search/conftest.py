"""Search fixtures: a small library of articles, indexed through the real outbox."""

import pytest

from core.extensions import db
from wiki import services

LIBRARY = [
    ("Starting a makerspace", "Makerspaces need 3D printers, a vinyl cutter and volunteers.",
     "makerspaces, teens", ["public"]),
    ("Teen technology clubs", "A weekly club where teens build robots. Some call it a "
     "makerspace for beginners.", "teens, technology", ["public", "school"]),
    ("Digital preservation checklist", "Checksums, file formats and storage for small "
     "archives. Preservation is a habit.", "preservation, archives", ["special"]),
    ("Information literacy sessions", "Embedding research skills in first-year courses "
     "at the university library.", "instruction", ["academic"]),
    ("Readers' advisory conversations", "Ask what they loved last. Café-style book chats "
     "work well.", "readers advisory", ["public"]),
]


@pytest.fixture
def library(app, member):
    articles = []
    for title, body, tags, sectors in LIBRARY:
        articles.append(services.create_article(member, title=title, body=body, tags=tags,
                                                 sectors=sectors).article)
        db.session.commit()
    return articles
