"""Record which upload replaced a hidden one (`uploads.replaced_by`), so the history can say so.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    # A plain nullable column: SQLite adds it in place (ALTER TABLE ADD COLUMN), without
    # rebuilding `uploads`, which every need refers to.
    op.add_column("uploads", sa.Column("replaced_by", sa.Integer, nullable=True))


def downgrade():
    with op.batch_alter_table("uploads") as batch:
        batch.drop_column("replaced_by")
