"""SQL that reads the same on SQLite and PostgreSQL where their dialects differ."""
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflict(conn, table, key: str, **values) -> None:
    """Insert a row unless one with the same `key` exists (then nothing happens), on SQLite or PostgreSQL."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=[key]))
