"""One process at a time migrates a database; the others wait, then find the work done.

Several dashboards, command-line imports and tests may open a new database at the same
moment. Each sees an old schema and would run the migrations, and all but one would fail
(«table uploads already exists»). So the migration runs under a lock that every process
opening the database takes: a PostgreSQL advisory lock held by the migrating transaction,
or an exclusive lock on a file beside a SQLite database (SQLite runs DDL outside a
transaction, so the database cannot lock itself here).
"""
from contextlib import contextmanager, nullcontext

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

# The advisory lock's key: any fixed number; this one spells "STCNS" in ASCII.
ADVISORY_KEY = 0x5354434E53


@contextmanager
def migrating(engine: Engine):
    """A connection, in a transaction, that only one process migrating this database holds at a time."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})
            yield connection
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    on_disk = database and database != ":memory:" and not database.startswith("file::memory:")
    with file_lock(f"{database}.lock") if on_disk else nullcontext():
        with engine.begin() as connection:
            yield connection


def _lock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        return
    while True:  # msvcrt waits about 10 s per call, then raises: keep waiting
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            return
        except OSError:
            continue


def _unlock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


@contextmanager
def file_lock(path: str):
    """Hold an exclusive lock on the file at `path` (created if missing) for the block."""
    with open(path, "a+b") as handle:
        handle.seek(0)
        _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is at, or None for a database never migrated."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()

