"""Wiki fixtures: articles written through the real service."""

import pytest

from core.extensions import db
from wiki import saving


@pytest.fixture
def write(app):
    """Create an article as `author` and commit, returning it."""

    def write(author, title="Starting a makerspace", body="We began with three printers.",
              **kwargs):
        result = saving.create_article(author, title=title, body=body, **kwargs)
        db.session.commit()
        return result.article

    return write


@pytest.fixture
def edit(app):
    def edit(article, author, body, base=None, title=None, **kwargs):
        result = saving.save_edit(
            article, author, title=title or article.title, body=body,
            base_revision=base if base is not None else article.current_revision.number,
            tags=kwargs.pop("tags", [tag.name for tag in article.tags]),
            sectors=kwargs.pop("sectors", article.sectors), **kwargs)
        db.session.commit()
        return result

    return edit
