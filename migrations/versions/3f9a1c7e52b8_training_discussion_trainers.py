"""Training register: comments on topics, trainer profiles, withdrawn offers

Revision ID: 3f9a1c7e52b8
Revises: 28ec8e995a32
Create Date: 2026-12-03 19:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '3f9a1c7e52b8'
down_revision = '28ec8e995a32'
branch_labels = None
depends_on = None

TARGETS_OLD = "target_type IN ('question', 'answer', 'article')"
TARGETS_NEW = "target_type IN ('question', 'answer', 'article', 'training_topic')"
OFFERS_OLD = "status IN ('made', 'shortlisted', 'accepted', 'declined')"
OFFERS_NEW = "status IN ('made', 'shortlisted', 'accepted', 'declined', 'withdrawn')"


def _check(table: str, name: str, condition: str) -> None:
    with op.batch_alter_table(table, recreate="always") as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)


def upgrade():
    op.create_table(
        'trainer_profiles',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('region', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_trainer_profiles_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_trainer_profiles')),
    )
    _check("comments", "target_known", TARGETS_NEW)
    _check("training_offers", "status_known", OFFERS_NEW)


def downgrade():
    op.execute("DELETE FROM comments WHERE target_type = 'training_topic'")
    op.execute("UPDATE training_offers SET status = 'declined' WHERE status = 'withdrawn'")
    _check("training_offers", "status_known", OFFERS_OLD)
    _check("comments", "target_known", TARGETS_OLD)
    op.drop_table('trainer_profiles')
