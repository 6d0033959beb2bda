"""list pages: an index per list and order, article title keys, tag article counts

Revision ID: 4546cd513dab
Revises: db0dbc1baf54
Create Date: 2026-11-23 16:43:17.681829

Measured at 100,000 articles (bench/bench_site_scale.py --plans): the lone index on
articles.hidden led SQLite to read every visible article and sort them for each page of the
article index; the tag lists counted every article_tags row on each view; questions were
sorted the same way. Each list now has an index with its equalities first and its order
last, the title sorts by a stored key, and tags carry their article count.

No table is rebuilt (a batch rebuild of articles on SQLite would drop the table, and with
foreign keys on, cascade to its revisions): columns are added and dropped in place.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4546cd513dab'
down_revision = 'db0dbc1baf54'
branch_labels = None
depends_on = None

CHUNK = 5000


def _fill_title_keys(connection) -> None:
    """title_key = title.lower(), as wiki.models.title_key (in Python: SQLite's lower()
    folds ASCII letters only)."""
    articles = sa.table('articles', sa.column('id', sa.Integer), sa.column('title', sa.String),
                        sa.column('title_key', sa.String))
    rows = connection.execute(sa.select(articles.c.id, articles.c.title)).all()
    statement = (articles.update().where(articles.c.id == sa.bindparam('row_id'))
                 .values(title_key=sa.bindparam('key')))
    for start in range(0, len(rows), CHUNK):
        connection.execute(statement, [{'row_id': row_id, 'key': title.lower()}
                                       for row_id, title in rows[start:start + CHUNK]])


def _count_tags(connection) -> None:
    tags = sa.table('tags', sa.column('id', sa.Integer), sa.column('article_count', sa.Integer))
    articles = sa.table('articles', sa.column('id', sa.Integer), sa.column('hidden', sa.Boolean))
    article_tags = sa.table('article_tags', sa.column('article_id', sa.Integer),
                            sa.column('tag_id', sa.Integer))
    visible = (sa.select(sa.func.count()).select_from(article_tags)
               .join(articles, articles.c.id == article_tags.c.article_id)
               .where(article_tags.c.tag_id == tags.c.id, articles.c.hidden.is_(sa.false()))
               .scalar_subquery())
    connection.execute(tags.update().values(article_count=visible))


def upgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_author_id'))
        batch_op.create_index('ix_answers_author', ['author_id', 'created_at'], unique=False)

    op.add_column('articles', sa.Column('title_key', sa.String(length=200), server_default='',
                                        nullable=False))
    _fill_title_keys(op.get_bind())
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_hidden'))
        batch_op.create_index(batch_op.f('ix_articles_title_key'), ['title_key'], unique=False)
        batch_op.create_index('ix_articles_visible_title', ['hidden', 'title_key'], unique=False)
        batch_op.create_index('ix_articles_visible_updated', ['hidden', 'updated_at'],
                              unique=False)

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_author_id'))
        batch_op.drop_index(batch_op.f('ix_questions_workgroup_id'))
        batch_op.create_index('ix_questions_author', ['author_id', 'created_at'], unique=False)
        batch_op.create_index('ix_questions_newest', ['hidden', 'created_at'], unique=False)
        batch_op.create_index('ix_questions_unanswered',
                              ['hidden', 'answer_count', 'closed_reason', 'created_at'],
                              unique=False)
        batch_op.create_index('ix_questions_workgroup',
                              ['workgroup_id', 'hidden', 'last_activity_at',
                               'accepted_answer_id'], unique=False)

    with op.batch_alter_table('article_authors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_authors_user_id'))
        batch_op.create_index('ix_article_authors_user', ['user_id', 'lead', 'share',
                                                          'article_id'], unique=False)

    op.add_column('tags', sa.Column('article_count', sa.Integer(), server_default='0',
                                    nullable=False))
    _count_tags(op.get_bind())
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tags_article_count'), ['article_count'],
                              unique=False)


def downgrade():
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tags_article_count'))
    if sqlite:  # SQLite 3.35+ drops a column in place (no batch rebuild: see the docstring)
        op.execute('ALTER TABLE tags DROP COLUMN article_count')
    else:
        op.drop_column('tags', 'article_count')

    with op.batch_alter_table('article_authors', schema=None) as batch_op:
        batch_op.drop_index('ix_article_authors_user')
        batch_op.create_index(batch_op.f('ix_article_authors_user_id'), ['user_id'],
                              unique=False)

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index('ix_questions_workgroup')
        batch_op.drop_index('ix_questions_unanswered')
        batch_op.drop_index('ix_questions_newest')
        batch_op.drop_index('ix_questions_author')
        batch_op.create_index(batch_op.f('ix_questions_workgroup_id'), ['workgroup_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_questions_author_id'), ['author_id'],
                              unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_visible_updated')
        batch_op.drop_index('ix_articles_visible_title')
        batch_op.drop_index(batch_op.f('ix_articles_title_key'))
        batch_op.create_index(batch_op.f('ix_articles_hidden'), ['hidden'], unique=False)
    if sqlite:
        op.execute('ALTER TABLE articles DROP COLUMN title_key')
    else:
        op.drop_column('articles', 'title_key')

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index('ix_answers_author')
        batch_op.create_index(batch_op.f('ix_answers_author_id'), ['author_id'], unique=False)
