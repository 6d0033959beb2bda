"""hyphenated tags: a tag typed with spaces ("seed library") becomes seed-library

Tags are now kept in one form, words joined by hyphens. Existing tags with spaces are
renamed; where the hyphenated tag already exists, their articles and questions move to it
and the spaced tag goes. Counts are recomputed for the tags touched. The search index keeps
the old names until `flask search rebuild`.

Revision ID: b1d4e7a2c9f1
Revises: b1d4e7a2c9f0
Create Date: 2026-12-03 13:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1d4e7a2c9f1'
down_revision = 'b1d4e7a2c9f0'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    spaced = bind.execute(sa.text("SELECT id, name FROM tags WHERE name LIKE '% %'")).all()
    for tag_id, name in spaced:
        hyphenated = "-".join(name.split())
        existing = bind.execute(sa.text("SELECT id FROM tags WHERE name = :name"),
                                {"name": hyphenated}).scalar()
        if existing is None:
            bind.execute(sa.text("UPDATE tags SET name = :name WHERE id = :id"),
                         {"name": hyphenated, "id": tag_id})
            continue
        for table, owner in (("article_tags", "article_id"), ("question_tags", "question_id")):
            bind.execute(sa.text(
                f"INSERT INTO {table} ({owner}, tag_id) SELECT {owner}, :keep FROM {table} "
                f"WHERE tag_id = :old AND {owner} NOT IN "
                f"(SELECT {owner} FROM {table} WHERE tag_id = :keep)"),
                {"keep": existing, "old": tag_id})
            bind.execute(sa.text(f"DELETE FROM {table} WHERE tag_id = :old"), {"old": tag_id})
        bind.execute(sa.text("DELETE FROM tags WHERE id = :old"), {"old": tag_id})
        bind.execute(sa.text(
            "UPDATE tags SET article_count = (SELECT count(*) FROM article_tags "
            "JOIN articles ON articles.id = article_tags.article_id "
            "WHERE article_tags.tag_id = tags.id AND articles.hidden = :no) WHERE id = :keep"),
            {"keep": existing, "no": False})


def downgrade():
    pass  # the spaced forms are not kept: the hyphenated tags stay
