"""Initial schema: uploads, needs and the store revision counter.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(120), nullable=False),
        sa.Column("sheets", sa.JSON, nullable=False),
        sa.Column("column_mapping", sa.JSON, nullable=False),
        sa.Column("rows_imported", sa.Integer, nullable=False),
        sa.Column("rows_rejected", sa.Integer, nullable=False),
        sa.Column("rows_warned", sa.Integer, nullable=False),
        sa.Column("problems", sa.JSON, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("is_sample", sa.Boolean, nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "needs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id", ondelete="CASCADE"), nullable=False),
        sa.Column("departamento", sa.String(40), nullable=False),
        sa.Column("departamento_codigo", sa.Integer),
        sa.Column("municipio", sa.String(80), nullable=False),
        sa.Column("municipio_codigo", sa.Integer),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("nivel", sa.String(20), nullable=False),
        sa.Column("ambito", sa.String(60), nullable=False),
        sa.Column("necesidad", sa.Text, nullable=False),
        sa.Column("prioridad", sa.String(10), nullable=False),
        sa.Column("institucion", sa.Text, nullable=False),
        sa.Column("evento", sa.Text, nullable=False),
        sa.Column("fecha", sa.Date),
        sa.Column("estado", sa.Text, nullable=False),
        sa.Column("hoja", sa.String(255), nullable=False),
        sa.Column("fila", sa.Integer, nullable=False),
    )
    op.create_index("ix_needs_upload_id", "needs", ["upload_id"])
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.execute("INSERT INTO store_state (id, revision) VALUES (1, 0)")


def downgrade():
    op.drop_table("store_state")
    op.drop_index("ix_needs_upload_id", "needs")
    op.drop_table("needs")
    op.drop_table("uploads")
