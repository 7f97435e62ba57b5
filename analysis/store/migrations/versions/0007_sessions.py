"""Sessions that every click checks: password versions, server-side sessions, sign-in failures by name.

Failed sign-ins move from the accounts to a table of their own keyed by the name typed, so that
unknown names are throttled exactly like known ones; `password_version` lets a password change end
the sessions opened with the old one; `secrets` keeps the key that signs session cookies.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_failures",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.execute("INSERT INTO sign_in_failures (name, failures, locked_until, last_failure_at) "
               "SELECT username, failed_logins, locked_until, locked_until FROM accounts WHERE failed_logins > 0")
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("password_version", sa.Integer, nullable=False, server_default="1"))
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ticket_hash", sa.String(64), nullable=True),
        sa.Column("ticket_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("address", sa.String(64), nullable=True),
    )
    op.create_index("ix_sessions_username", "sessions", ["username"])
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )


def downgrade():
    op.drop_table("secrets")
    op.drop_index("ix_sessions_username", "sessions")
    op.drop_table("sessions")
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.drop_column("password_version")
    op.drop_table("sign_in_failures")
