"""Article reads: a count per article and day, for the digests' most-read articles.

Revision ID: e6b8d4f0a2c3
Revises: d5a7c3e9f1b2
Create Date: 2026-12-03 16:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e6b8d4f0a2c3'
down_revision = 'd5a7c3e9f1b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('article_reads',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reads', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_reads_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'day', name=op.f('pk_article_reads'))
    )
    with op.batch_alter_table('article_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_reads_day'), ['day'], unique=False)


def downgrade():
    with op.batch_alter_table('article_reads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_reads_day'))

    op.drop_table('article_reads')
