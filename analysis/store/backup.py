"""Backups of the store, taken while the dashboard runs, and restoring one without losing who may come in.

SQLite: sqlite3's online backup API copies the database under its own locks, so the copy is
consistent even while analysts import (a plain copy of a database in WAL mode may not be).
PostgreSQL: pg_dump's custom format. pg_dump, pg_restore and psql are taken from $PG_BIN, else
from PATH (pg_dump must be as new as the server).

A restore first checks that the file is a backup of this dashboard (its tables, and a schema
revision this code can migrate from). It then builds the restored store aside — a scratch file
beside a SQLite database, a scratch schema in PostgreSQL (pg_restore's script through psql, in one
transaction) — and migrates it to the current schema. Into it go, from the live store, the
accounts and their sessions and sign-in failures (unless the restore is asked to bring the
backup's accounts back) and the whole audit trail, to which the restore itself is appended; its
revision counter is set past the one dashboards have cached, so every page reloads. Only then does
it take the live store's place, in one step (SQLite's backup API; a swap of schemas in one
PostgreSQL transaction): all or nothing, and an account disabled after the backup stays disabled.
"""
import os
import shutil
import sqlite3
import subprocess
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import make_url

from analysis.formatting import plural
from analysis.store import audit
from analysis.store.database import Store
from analysis.store.schema import (
    accounts,
    events,
    needs,
    saved_views,
    secrets,
    sessions,
    sign_in_failures,
    store_state,
    uploads,
)

PG_BIN = "PG_BIN"
# Tables without which a file is not a backup of this dashboard.
_TABLES = ("alembic_version", "uploads", "needs", "store_state")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MAGIC = b"PGDMP"
# What a restore keeps from the live store: the audit trail always, who may come in unless the backup's accounts
# are asked for (then everyone signs in again: the sessions go).
TRAIL = (events,)
ACCESS = (accounts, sessions, sign_in_failures, secrets)
WITH_BACKUP_ACCOUNTS = (sign_in_failures, secrets)
_SCRATCH_SCHEMA, _LIVE_SCHEMA, _OLD_SCHEMA = "tablero_restauracion", "tablero_vigente", "tablero_anterior"


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


def _contents(conn) -> Contents:
    count = lambda table: conn.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
    return Contents(count(uploads), count(needs), count(saved_views))


def contents(store: Store) -> Contents:
    with store.engine.connect() as conn:
        return _contents(conn)


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


@dataclass(frozen=True)
class Restored:
    """What a restore did, to say so."""

    before: Contents
    after: Contents
    accounts_before: dict[str, tuple[str, bool]]  # username -> (role, active)
    accounts_after: dict[str, tuple[str, bool]]
    with_backup_accounts: bool
    events: int  # the trail's length now, the restore included


def _accounts(conn) -> dict[str, tuple[str, bool]]:
    return {name: (role, bool(active)) for name, role, active in
            conn.execute(select(accounts.c.username, accounts.c.role, accounts.c.active))}


def restore(store: Store, path: Path, *, actor: str, with_backup_accounts: bool = False) -> Restored:
    """Replace the store's uploads, needs and saved views with the backup at `path`, keeping the current
    accounts (or, when asked, the backup's) and the audit trail, to which the restore is appended.

    Raises BackupError, leaving the store untouched, when the file is not a backup of this dashboard.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No existe el archivo «{path}».")
    with store.engine.connect() as conn:
        before, accounts_before = contents(store), _accounts(conn)
    kept = TRAIL + (WITH_BACKUP_ACCOUNTS if with_backup_accounts else ACCESS)
    event = audit.Event(actor, "restore_backup", detail={
        "archivo": path.name, "antes": str(before),
        "cuentas": "las de la copia" if with_backup_accounts else "las actuales"})
    if store.engine.dialect.name == "sqlite":
        _check_sqlite_backup(path)
        _restore_sqlite(store, path, kept, event)
    else:
        _check_pg_backup(path)
        _restore_pg(store, path, kept, event)
    restored = Store(store.url)
    with restored.engine.connect() as conn:
        trail = conn.execute(select(func.count()).select_from(events)).scalar_one()
        return Restored(before, contents(restored), accounts_before, _accounts(conn), with_backup_accounts, trail)


def _merge(conn, live: str, kept, event: audit.Event, revision: int) -> None:
    """In the restored store (the connection's own tables): the live store's `kept` tables (read through the
    prefix `live`) in place of the backup's, then the restore's event and a revision past `revision`."""
    if sessions not in kept:  # the backup's accounts: its sessions open nothing either
        conn.execute(sessions.delete())
    for table in kept:
        columns = ", ".join(column.name for column in table.columns)
        conn.execute(table.delete())
        conn.execute(text(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {live}{table.name}"))
        if conn.dialect.name == "postgresql" and "id" in table.columns:  # new rows go on after the kept ones
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                              f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"))
    event.detail["ahora"] = str(_contents(conn))
    audit.record(conn, event)
    restored_revision = conn.execute(select(store_state.c.revision)).scalar_one()
    conn.execute(update(store_state).values(revision=max(restored_revision, revision) + 1))


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


def _restore_sqlite(store: Store, path: Path, kept, event: audit.Event) -> None:
    """The backup copied beside the live file and migrated there, the kept tables merged in from the live
    file, then the whole of it copied over the live file in one step."""
    live = _sqlite_path(store)
    scratch = live.with_name(live.name + ".restaurando")
    leftovers = [scratch.with_name(scratch.name + suffix) for suffix in ("", "-wal", "-shm", ".lock")]
    try:
        _sqlite_copy(_read_only(path), scratch)
        copy = Store(f"sqlite:///{scratch}")  # migrates a backup taken before the latest migrations
        revision = store.revision()
        with copy.engine.connect() as conn:
            conn.exec_driver_sql("ATTACH DATABASE ? AS vigente", (str(live),))
            conn.commit()  # SQLite attaches outside a transaction
            with conn.begin():
                _merge(conn, "vigente.", kept, event, revision)
            conn.exec_driver_sql("DETACH DATABASE vigente")
            conn.commit()
        copy.engine.dispose()  # the last connection folds its WAL into the file
        store.engine.dispose()
        _sqlite_copy(sqlite3.connect(scratch), live)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


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


def _restore_pg(store: Store, path: Path, kept, event: audit.Event) -> None:
    """The backup loaded into a scratch schema (one psql transaction that leaves `public` as it was) and migrated
    there, then, in one transaction, the kept tables merged in from `public` and the two schemas swapped."""
    _load_into_scratch_schema(store, path)
    scratch = make_url(store.url).update_query_dict({"options": f"-csearch_path={_SCRATCH_SCHEMA}"})
    copy = Store(scratch.render_as_string(hide_password=False))  # migrates a backup taken before the latest
    copy.engine.dispose()
    revision = store.revision()
    with store.engine.begin() as conn:
        conn.execute(text(f"LOCK TABLE {', '.join(f'public.{t.name}' for t in kept)} IN EXCLUSIVE MODE"))
        conn.execute(text(f"SET LOCAL search_path TO {_SCRATCH_SCHEMA}"))
        _merge(conn, "public.", kept, event, revision)
        for statement in (f"ALTER SCHEMA public RENAME TO {_OLD_SCHEMA}",
                          f"ALTER SCHEMA {_SCRATCH_SCHEMA} RENAME TO public", f"DROP SCHEMA {_OLD_SCHEMA} CASCADE"):
            conn.execute(text(statement))
    store.engine.dispose()


def _load_into_scratch_schema(store: Store, path: Path) -> None:
    """pg_restore's script through psql in one transaction: loaded into a new `public`, which then becomes the
    scratch schema while the live one gets its name back, so no one ever sees a half-restored store."""
    script = subprocess.Popen([_binary("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_environment(store))
    psql = subprocess.Popen([_binary("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                             f"--dbname={_libpq_url(store)}"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=_environment(store))

    def feed():
        try:
            psql.stdin.write(f"DROP SCHEMA IF EXISTS {_SCRATCH_SCHEMA} CASCADE;\n"
                             f"ALTER SCHEMA public RENAME TO {_LIVE_SCHEMA};\nCREATE SCHEMA public;\n".encode())
            shutil.copyfileobj(script.stdout, psql.stdin)
            psql.stdin.write(f"\n;ALTER SCHEMA public RENAME TO {_SCRATCH_SCHEMA};\n"
                             f"ALTER SCHEMA {_LIVE_SCHEMA} RENAME TO public;\n".encode())
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


def _account_words(name: str, role_active: tuple[str, bool]) -> str:
    role, active = role_active
    return f"{name} ({role}{'' if active else ', desactivada'})"


def _accounts_replaced(before: dict, after: dict) -> str:
    """How the backup's accounts differ from those they replaced."""
    parts = []
    if gone := sorted(set(before) - set(after)):
        parts.append("dejan de existir " + ", ".join(_account_words(n, before[n]) for n in gone))
    if back := sorted(set(after) - set(before)):
        parts.append("vuelven " + ", ".join(_account_words(n, after[n]) for n in back))
    if changed := sorted(n for n in set(before) & set(after) if before[n] != after[n]):
        parts.append("cambian " + ", ".join(f"{_account_words(n, before[n])} → {_account_words(n, after[n])}"
                                            for n in changed))
    return "; ".join(parts) if parts else "son las mismas que había"


def describe_restore(path: Path, done: Restored) -> str:
    """What `restore` did, for the analyst."""
    said = (f"Se restauró la copia «{Path(path).name}»: la base tiene ahora {done.after}. Antes de restaurar tenía "
            f"{done.before}; eso se reemplazó. ")
    if done.with_backup_accounts:
        replaced = _accounts_replaced(done.accounts_before, done.accounts_after)
        said += f"Las cuentas se reemplazaron por las de la copia: {replaced}; las sesiones abiertas se cerraron. "
    else:
        said += (f"Se conservaron las cuentas actuales ({len(done.accounts_before)}) tal como están (para volver a "
                 "las de la copia, use --cuentas). ")
    return said + (f"El registro de actividad se conservó entero ({plural(done.events, 'evento')}, esta restauración "
                   "incluida). Los tableros abiertos muestran los datos restaurados al recargar.")
