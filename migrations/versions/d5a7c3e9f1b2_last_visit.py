"""A member's last visit (users.last_seen_at), which digests gather from.

Revision ID: d5a7c3e9f1b2
Revises: c4e8a1f7d2b3
Create Date: 2026-12-03 16:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5a7c3e9f1b2'
down_revision = 'c4e8a1f7d2b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
