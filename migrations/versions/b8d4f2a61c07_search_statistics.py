"""search statistics: per-field lengths of each search document, document frequencies
and totals, kept by the PostgreSQL engine so that BM25 reads them instead of counting
them for every query

Revision ID: b8d4f2a61c07
Revises: a7c3e1f04b92
Create Date: 2026-12-03 13:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d4f2a61c07'
down_revision = 'a7c3e1f04b92'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        for name in ('length_a', 'length_b', 'length_c'):
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False,
                                          server_default='0'))
    op.create_table('search_terms',
    sa.Column('lexeme', sa.Text(), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('lexeme', name=op.f('pk_search_terms'))
    )
    op.create_table('search_stats',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_stats'))
    )
    # Documents indexed before: their lengths from their tsvectors, then the totals
    # (search.postgres_engine.refresh_statistics, written out here).
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            UPDATE search_documents SET
                length_a = (SELECT count(*) FROM unnest(document) AS t,
                            unnest(t.weights) AS w WHERE w = 'A'),
                length_b = (SELECT count(*) FROM unnest(document) AS t,
                            unnest(t.weights) AS w WHERE w = 'B'),
                length_c = (SELECT count(*) FROM unnest(document) AS t,
                            unnest(t.weights) AS w WHERE w IN ('C', 'D'))
        """)
        op.execute("""
            INSERT INTO search_terms (lexeme, documents)
            SELECT lexeme, count(*) FROM search_documents,
                unnest(tsvector_to_array(document)) AS lexeme GROUP BY lexeme
        """)
        op.execute("""
            INSERT INTO search_stats (name, value)
            SELECT 'documents', count(*) FROM search_documents
            UNION ALL SELECT 'length_a', coalesce(sum(length_a), 0) FROM search_documents
            UNION ALL SELECT 'length_b', coalesce(sum(length_b), 0) FROM search_documents
            UNION ALL SELECT 'length_c', coalesce(sum(length_c), 0) FROM search_documents
        """)


def downgrade():
    op.drop_table('search_stats')
    op.drop_table('search_terms')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        for name in ('length_c', 'length_b', 'length_a'):
            batch_op.drop_column(name)
