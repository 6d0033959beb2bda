"""accounts: sign-ins that logout ends, and look-alike keys of names

Revision ID: a7c3e9d1f2b4
Revises: a7c3e91d5b20
Create Date: 2026-12-03 10:30:00

- sign_ins: one row per sign-in; the session and remember cookies carry its token and
  are checked against it on every request. users.session_version, which only a password
  change could bump, goes: everyone signs in again after this upgrade.
- users.username_skeleton, users.display_skeleton: core.spoofing.skeleton() of the
  username and display name, indexed, so a new name is compared with look-alikes without
  reading every member. Backfilled here from the existing names.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f2b4'
down_revision = 'a7c3e91d5b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_ins_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_ins')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sign_ins_token_hash'))
    )
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_ins_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_skeleton', sa.String(length=255), server_default='', nullable=False))
        batch_op.add_column(sa.Column('display_skeleton', sa.String(length=255), server_default='', nullable=False))
        batch_op.drop_column('session_version')

    from core.spoofing import skeleton

    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('username', sa.String()),
                     sa.column('display_name', sa.String()),
                     sa.column('username_skeleton', sa.String()),
                     sa.column('display_skeleton', sa.String()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.username, users.c.display_name)).all()
    if rows:
        connection.execute(
            users.update().where(users.c.id == sa.bindparam('user_id')).values(
                username_skeleton=sa.bindparam('username_key'),
                display_skeleton=sa.bindparam('display_key')),
            [{'user_id': row.id, 'username_key': skeleton(row.username),
              'display_key': skeleton(row.display_name or '')} for row in rows])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_username_skeleton'), ['username_skeleton'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_display_skeleton'), ['display_skeleton'], unique=False)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_display_skeleton'))
        batch_op.drop_index(batch_op.f('ix_users_username_skeleton'))
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_column('display_skeleton')
        batch_op.drop_column('username_skeleton')

    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_ins_user_id'))

    op.drop_table('sign_ins')
