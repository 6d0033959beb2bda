"""moderation: flag weights, one open flag per member and item, suppressed revisions

Revision ID: a7c3e91d5b20
Revises: cf8cd295f5e4
Create Date: 2026-12-03 10:10:00.000000

Before the partial unique index on open flags is made, any duplicate open flags a race
left behind are closed (the oldest of each member's flags on an item stays open).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e91d5b20'
down_revision = 'cf8cd295f5e4'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "UPDATE flags SET status = 'dismissed', resolution = 'duplicate' "
        "WHERE status = 'open' AND EXISTS (SELECT 1 FROM flags AS older "
        "WHERE older.status = 'open' AND older.target_type = flags.target_type "
        "AND older.target_id = flags.target_id AND older.flagger_id = flags.flagger_id "
        "AND older.id < flags.id)")
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weight', sa.Float(), server_default='1', nullable=False))
        batch_op.create_index('uq_flags_one_open', ['target_type', 'target_id', 'flagger_id'],
                              unique=True, sqlite_where=sa.text("status = 'open'"),
                              postgresql_where=sa.text("status = 'open'"))

    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suppressed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('suppressed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_revisions_suppressed_by_id_users'), 'users',
                                    ['suppressed_by_id'], ['id'])

    with op.batch_alter_table('post_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suppressed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('suppressed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_post_revisions_suppressed_by_id_users'),
                                    'users', ['suppressed_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('post_revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_post_revisions_suppressed_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('suppressed_by_id')
        batch_op.drop_column('suppressed_at')

    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_revisions_suppressed_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('suppressed_by_id')
        batch_op.drop_column('suppressed_at')

    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index('uq_flags_one_open')
        batch_op.drop_column('weight')
