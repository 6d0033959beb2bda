"""search documents: the PostgreSQL engine's tables (tsvector, GIN index, pg_trgm)

The tables are created on every database, so that models and migrations agree
everywhere; only the PostgreSQL engine (SEARCH_ENGINE=postgres) writes them, and only
on PostgreSQL is the document a tsvector behind a GIN index and pg_trgm installed.

Revision ID: a7c3e1f04b92
Revises: a7c3e9d1f2b4
Create Date: 2026-12-03 10:30:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'a7c3e1f04b92'
down_revision = 'a7c3e9d1f2b4'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public')
    op.create_table('search_documents',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('title_words', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('sectors', sa.Text(), nullable=False),
    sa.Column('author_name', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('solved', sa.Boolean(), nullable=False),
    sa.Column('updated', sa.DateTime(), nullable=True),
    sa.Column('stamp', sa.Text(), nullable=False),
    sa.Column('document', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'),
              nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_search_documents'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_document', ['document'], unique=False,
                              postgresql_using='gin')

    op.create_table('search_words',
    sa.Column('word', sa.String(length=100), nullable=False),
    sa.Column('field', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('word', name=op.f('pk_search_words'))
    )


def downgrade():
    op.drop_table('search_words')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_document', postgresql_using='gin')

    op.drop_table('search_documents')
