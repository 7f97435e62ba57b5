"""Backups of the store, taken while the dashboard runs, and restoring one.

SQLite: sqlite3's online backup API copies the database under its own locks, so the copy is
consistent even while analysts import (a plain copy of a database in WAL mode may not be).
PostgreSQL: pg_dump's custom format. Restoring it runs pg_restore's script through psql in a
single transaction that first empties the schema: all or nothing, and no table left over
from a newer schema to trip the migrations. pg_dump, pg_restore and psql are taken from
$PG_BIN, else from PATH (pg_dump must be as new as the server).

A restore first checks that the file is a backup of this dashboard (its tables, and a schema
revision this code can migrate from), then replaces the store's contents with it, migrates
it to the current schema and sets the revision counter past the one dashboards have cached,
so every page reloads what was restored.
"""
import os
import shutil
import sqlite3
import subprocess
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from analysis.formatting import plural
from analysis.store.database import Store
from analysis.store.schema import needs, saved_views, store_state, uploads

PG_BIN = "PG_BIN"
# Tables without which a file is not a backup of this dashboard.
_TABLES = ("alembic_version", "uploads", "needs", "store_state")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Spanish."""


@dataclass(frozen=True)
class Contents:
    """What a store holds, to say what a backup or a restore did."""

    uploads: int
    needs: int
    views: int

    def __str__(self) -> str:
        return (f"{plural(self.uploads, 'carga')}, {plural(self.needs, 'necesidad')} y "
                f"{plural(self.views, 'vista guardada', 'vistas guardadas')}")


def contents(store: Store) -> Contents:
    with store.engine.connect() as conn:
        count = lambda table: conn.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
        return Contents(count(uploads), count(needs), count(saved_views))


def backup(store: Store, path: Path) -> Contents:
    """Write a consistent copy of the store to `path` (replaced if it exists); what it holds."""
    path = Path(path)
    partial = path.with_name(path.name + ".parcial")
    try:
        if store.engine.dialect.name == "sqlite":
            _sqlite_copy(sqlite3.connect(_sqlite_path(store)), partial)
            with sqlite3.connect(partial) as copy:  # one self-contained file, not a database in WAL mode
                copy.execute("PRAGMA journal_mode=DELETE")
        else:
            _run([_binary("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", _libpq_url(store)],
                 "pg_dump")
        os.replace(partial, path)
    except OSError as error:
        raise BackupError(f"No se pudo escribir la copia en «{path}»: {error.strerror or error}.") from None
    finally:
        partial.unlink(missing_ok=True)
    return contents(store)


def restore(store: Store, path: Path) -> tuple[Contents, Contents]:
    """Replace the store's contents with the backup at `path`; what it held before and holds now.

    Raises BackupError, leaving the store untouched, when the file is not a backup of this dashboard.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No existe el archivo «{path}».")
    before, revision = contents(store), store.revision()
    if store.engine.dialect.name == "sqlite":
        _check_sqlite_backup(path)
        store.engine.dispose()
        _sqlite_copy(_read_only(path), _sqlite_path(store))
    else:
        _check_pg_backup(path)
        store.engine.dispose()
        _pg_restore(store, path)
    restored = Store(store.url)  # migrates a backup taken before the latest migrations
    with restored.engine.begin() as conn:  # past any revision a dashboard has cached
        conn.execute(update(store_state).values(revision=func.max(store_state.c.revision, revision) + 1)
                     if conn.dialect.name == "sqlite" else
                     update(store_state).values(revision=func.greatest(store_state.c.revision, revision) + 1))
    return before, contents(restored)


# SQLite ------------------------------------------------------------------------------------------

def _sqlite_path(store: Store) -> Path:
    database = store.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("Una base en memoria no tiene copia de seguridad.")
    return Path(database)


def _read_only(path: Path) -> sqlite3.Connection:
    """A file that is not a live database (a backup), opened without writing a byte to it or beside it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _sqlite_copy(reader: sqlite3.Connection, target: Path) -> None:
    """Copy the database open in `reader` into the file `target` through the online backup API
    (page by page under SQLite's locks: consistent while others write, atomic for others reading)."""
    writer = sqlite3.connect(target)
    try:
        writer.execute("PRAGMA busy_timeout=30000")
        reader.execute("PRAGMA busy_timeout=30000")
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()


def _check_sqlite_backup(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(_PG_MAGIC):
        raise BackupError(f"«{path.name}» es una copia de una base PostgreSQL: restáurela en una base PostgreSQL "
                          "(--db o DATABASE_URL).")
    if head != _SQLITE_MAGIC:
        raise _not_a_backup(path)
    reader = _read_only(path)
    try:
        tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = (reader.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0] \
            if "alembic_version" in tables else None
    except sqlite3.DatabaseError:
        raise _not_a_backup(path) from None
    finally:
        reader.close()
    _check_contents(path, set(_TABLES) <= tables, version)


# PostgreSQL --------------------------------------------------------------------------------------

def _binary(name: str) -> str:
    folder = os.environ.get(PG_BIN)
    found = shutil.which(name, path=folder) if folder else shutil.which(name)
    if not found:
        raise BackupError(f"No se encontró {name}: instale el cliente de PostgreSQL (p. ej. «apt-get install "
                          f"postgresql-client») o indique su carpeta en la variable {PG_BIN}.")
    return found


def _libpq_url(store: Store) -> str:
    """The store's URL as PostgreSQL's own tools take it; the password goes in PGPASSWORD (see `_run`)."""
    return make_url(store.url).set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _environment(store: Store | None) -> dict:
    password = make_url(store.url).password if store else None
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def _run(command: list[str], what: str, store: Store | None = None, **options) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, env=_environment(store), **options)
    if done.returncode:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise BackupError(f"{what} no terminó bien: {detail[-1] if detail else f'código {done.returncode}'}.")
    return done


def _check_pg_backup(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == _SQLITE_MAGIC:
        raise BackupError(f"«{path.name}» es una copia de una base SQLite: restáurela en una base SQLite "
                          "(--db sqlite:///ruta.db).")
    if not head.startswith(_PG_MAGIC):
        raise _not_a_backup(path)
    listing = _run([_binary("pg_restore"), "--list", str(path)], "pg_restore").stdout.decode(errors="replace")
    tables = {line.split(" TABLE public ", 1)[1].split()[0] for line in listing.splitlines()
              if " TABLE public " in line}
    data = _run([_binary("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(path)],
                "pg_restore").stdout.decode(errors="replace").splitlines()
    copy = next((i for i, line in enumerate(data) if line.startswith("COPY public.alembic_version")), None)
    version = data[copy + 1].strip() if copy is not None and copy + 1 < len(data) else None
    _check_contents(path, set(_TABLES) <= tables, version)


def _pg_restore(store: Store, path: Path) -> None:
    """pg_restore's script through psql in one transaction that empties the schema first."""
    script = subprocess.Popen([_binary("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_environment(store))
    psql = subprocess.Popen([_binary("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                             f"--dbname={_libpq_url(store)}"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=_environment(store))

    def feed():
        try:
            psql.stdin.write(b"DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n")
            shutil.copyfileobj(script.stdout, psql.stdin)
        except BrokenPipeError:  # psql stopped at an error: it says which
            pass
        finally:
            psql.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    errors = psql.stderr.read().decode(errors="replace").strip().splitlines()
    feeder.join()
    script.wait()
    if psql.wait() or script.returncode:
        raise BackupError(f"No se pudo restaurar la copia (la base quedó como estaba): "
                          f"{errors[-1] if errors else 'pg_restore no pudo leerla'}.")


# Both --------------------------------------------------------------------------------------------

def _known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory
    scripts = ScriptDirectory(str(resources.files("analysis.store") / "migrations"))
    return [script.revision for script in scripts.walk_revisions()]


def _not_a_backup(path: Path) -> BackupError:
    return BackupError(f"«{path.name}» no es una copia de seguridad de este tablero. No se cambió nada.")


def _check_contents(path: Path, has_tables: bool, version: str | None) -> None:
    if not has_tables:
        raise _not_a_backup(path)
    if version not in _known_revisions():
        raise BackupError(f"«{path.name}» es una copia de una versión del tablero que esta no conoce (esquema "
                          f"{version}): restáurela con esa versión o una posterior. No se cambió nada.")


def describe_restore(path: Path, before: Contents, after: Contents) -> str:
    """What `restore` did, for the analyst."""
    return (f"Se restauró la copia «{Path(path).name}»: la base tiene ahora {after}. Antes de restaurar tenía "
            f"{before}; eso se reemplazó. Los tableros abiertos muestran los datos restaurados al recargar.")

