"""Imported files: a wiki's files brought in with `flask import mediawiki --files DIR`,
by their name on the wiki, and the uploads they became.

Revision ID: 28ec8e995a32
Revises: 6c1e1a59663c
Create Date: 2026-12-03 19:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '28ec8e995a32'
down_revision = '6c1e1a59663c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('imported_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.Column('wiki_name', sa.String(length=255), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['files.id'], name=op.f('fk_imported_files_file_id_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_files')),
    sa.UniqueConstraint('source', 'wiki_name', name='uq_imported_files_name')
    )
    with op.batch_alter_table('imported_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_files_file_id'), ['file_id'], unique=False)


def downgrade():
    with op.batch_alter_table('imported_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_files_file_id'))
    op.drop_table('imported_files')
