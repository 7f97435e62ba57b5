"""Analysts' corrections of the needs' themes (added or removed, by whom and when).

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "theme_corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("departamento", sa.String(40), nullable=False),
        sa.Column("municipio", sa.String(80), nullable=False),
        sa.Column("clave", sa.Text, nullable=False),
        sa.Column("necesidad", sa.Text, nullable=False),
        sa.Column("tema", sa.String(120), nullable=False),
        sa.Column("accion", sa.String(10), nullable=False),
        sa.Column("usuario", sa.String(120), nullable=False),
        sa.Column("fecha", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_theme_corrections_clave", "theme_corrections", ["clave"])


def downgrade():
    op.drop_index("ix_theme_corrections_clave", "theme_corrections")
    op.drop_table("theme_corrections")
