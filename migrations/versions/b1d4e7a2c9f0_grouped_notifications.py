"""grouped notifications: what a notification is about, and how many changes it holds

Revision ID: b1d4e7a2c9f0
Revises: b8d4f2a61c07
Create Date: 2026-12-03 13:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1d4e7a2c9f0'
down_revision = 'b8d4f2a61c07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('repeats', sa.Integer(), server_default='1',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('repeats')
        batch_op.drop_column('subject')
