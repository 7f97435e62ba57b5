"""Store each need's normalised description (`clave`), so loading needs skips normalising them.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from analysis.text import normalize

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("clave", sa.Text, nullable=False, server_default=""))
    connection = op.get_bind()
    needs = sa.table("needs", sa.column("id", sa.Integer), sa.column("necesidad", sa.Text),
                     sa.column("clave", sa.Text))
    rows = connection.execute(sa.select(needs.c.id, needs.c.necesidad)).all()
    if rows:
        connection.execute(needs.update().where(needs.c.id == sa.bindparam("row_id")).values(clave=sa.bindparam("key")),
                           [{"row_id": row_id, "key": normalize(text)} for row_id, text in rows])


def downgrade():
    with op.batch_alter_table("needs") as batch:
        batch.drop_column("clave")
