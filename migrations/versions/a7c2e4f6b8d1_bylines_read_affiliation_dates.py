"""Bylines read affiliations with their dates: the member's stored byline label goes.

An article's byline now shows the organisations each lead author worked for while they
wrote it (orgs.affiliations.labels_during), so an ended affiliation stays on old work; the
one current label kept on `users` is no longer read.

Revision ID: a7c2e4f6b8d1
Revises: 15eba2e93efa
Create Date: 2026-12-03 18:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c2e4f6b8d1'
down_revision = '15eba2e93efa'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('affiliation_label')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('affiliation_label', sa.String(length=160),
                                      server_default='', nullable=False))
