"""Accounts, roles, sign-in throttling and the audit trail every write leaves behind."""
import datetime as dt
import io
import sys

import pytest
from sqlalchemy import select, update

from analysis.cli.commands import main
from analysis.ingest.importer import import_file
from analysis.store import accounts as accounts_module
from analysis.store.accounts import AccountError, LoginRefused
from analysis.store.database import Store
from analysis.store.schema import accounts as accounts_table
from tests.builders import need, simple_xlsx


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    """Failed sign-ins wait a second on purpose; the tests need not."""
    monkeypatch.setattr(accounts_module, "FAILURE_DELAY_SECONDS", 0)


def test_accounts_are_checked_and_passwords_kept_only_as_argon2_hashes(store):
    made = store.accounts.create("Ana.Lopez", "analista", "una clave larga", actor="admin", display_name="Ana López")
    assert (made.username, made.role) == ("ana.lopez", "analista")
    with store.engine.connect() as conn:
        stored = conn.execute(select(accounts_table.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "una clave larga" not in stored
    for name, role, password, message in (
            ("ana.lopez", "lector", "otra clave larga", "Ya existe la cuenta «ana.lopez»."),
            ("x", "lector", "otra clave larga", "El nombre de usuario lleva de 3 a 64"),
            ("luis", "jefe", "otra clave larga", "Rol no válido: «jefe»."),
            ("luis", "lector", "corta", "La contraseña debe tener al menos 10 caracteres.")):
        with pytest.raises(AccountError, match=message):
            store.accounts.create(name, role, password, actor="admin")
    assert list(store.accounts.all()["username"]) == ["ana.lopez"]


def test_sign_in_and_its_throttle(store):
    store.accounts.create("ana", "lector", "una clave larga", actor="admin")
    assert store.accounts.authenticate("ANA ", "una clave larga").role == "lector"
    for _ in range(accounts_module.FREE_FAILURES):
        with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
            store.accounts.authenticate("ana", "no es")
    with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
        store.accounts.authenticate("ana", "no es")  # one too many: the account locks for a minute
    with pytest.raises(LoginRefused, match="Demasiados intentos fallidos: espere 1 minuto"):
        store.accounts.authenticate("ana", "una clave larga")  # even the right password waits
    with store.engine.begin() as conn:  # the minute passes
        conn.execute(update(accounts_table).values(locked_until=dt.datetime.now(dt.timezone.utc)
                                                   - dt.timedelta(seconds=1)))
    assert store.accounts.authenticate("ana", "una clave larga").username == "ana"
    with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
        store.accounts.authenticate("nadie", "una clave larga")  # the same words: no hint that «nadie» is unknown
    store.accounts.set_active("ana", False, actor="admin")
    with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
        store.accounts.authenticate("ana", "una clave larga")
    actions = list(store.events()["action"])[::-1]
    assert actions.count("login") == 2 and actions.count("login_failed") == 7 and "account_disabled" in actions


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_write_leaves_an_event_with_its_author(backend, db_url, request):
    store = Store(db_url if backend == "sqlite" else request.getfixturevalue("pg_url"))
    first = import_file(store, simple_xlsx([need()]), "taller.xlsx", user="ana").upload_id
    second = import_file(store, simple_xlsx([need(), need(departamento="Izabal")]), "taller_corregido.xlsx",
                         user="ana", replace=first).upload_id
    store.delete_upload(second, actor="luis", address="10.0.0.7")
    store.restore_upload(second, actor="luis")
    view = store.views.save("Petén", "inicio", {"departamento": ["Petén"]}, "ana")
    store.views.delete(view["id"], "ana")
    store.record("ana", "export", detail={"archivo": "necesidades.xlsx", "filas": 2})
    trail = store.events()[::-1]
    assert list(zip(trail["actor"], trail["action"], trail["upload_id"].astype("Int64").astype(object).where(trail["upload_id"].notna(), None))) == [
        ("ana", "import", first), ("ana", "replace", second), ("luis", "delete", second),
        ("luis", "restore", second), ("ana", "view_saved", None), ("ana", "view_deleted", None),
        ("ana", "export", None)]
    assert trail["detail"].iloc[1] == {"archivo": "taller_corregido.xlsx", "filas": 2, "rechazadas": 0,
                                       "reemplaza": first}
    assert trail["address"].iloc[2] == "10.0.0.7"


def test_a_refused_write_leaves_no_event(sample_db_url):
    from analysis.store.database import SampleMixRefused
    store = Store(sample_db_url)
    import_file(store, simple_xlsx([need()]), "real.xlsx", user="ana")
    before = len(store.events())
    with pytest.raises(SampleMixRefused):
        store.restore_upload(1, actor="ana")
    assert len(store.events()) == before


def run_cli(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_accounts_from_the_command_line(db_url, monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, ["users", "list", "--db", db_url])
    assert code == 0 and "No hay cuentas" in out
    code, out, _ = run_cli(monkeypatch, capsys, ["users", "add", "admin", "--role", "administrador", "--nombre",
                                                 "Jefa de análisis", "--db", db_url], "clave de la jefa\n")
    assert code == 0 and out.strip() == "Cuenta «admin» creada con el rol administrador."
    code, _, err = run_cli(monkeypatch, capsys, ["users", "add", "ana", "--role", "lector", "--db", db_url], "corta\n")
    assert code == 2 and "al menos 10 caracteres" in err
    run_cli(monkeypatch, capsys, ["users", "add", "ana", "--role", "lector", "--db", db_url], "clave de ana 1\n")
    assert run_cli(monkeypatch, capsys, ["users", "role", "ana", "analista", "--db", db_url])[0] == 0
    assert run_cli(monkeypatch, capsys, ["users", "passwd", "ana", "--db", db_url], "clave de ana 2\n")[0] == 0
    assert run_cli(monkeypatch, capsys, ["users", "disable", "ana", "--db", db_url, "--user", "admin"])[0] == 0
    code, out, _ = run_cli(monkeypatch, capsys, ["users", "list", "--db", db_url])
    assert "ana" in out and "Analista" in out and "desactivada" in out
    store = Store(db_url)
    with pytest.raises(LoginRefused):
        store.accounts.authenticate("ana", "clave de ana 2")  # disabled
    trail = store.events()[::-1]
    assert list(trail["action"]) == ["account_created", "account_created", "role_changed", "password_changed",
                                     "account_disabled", "login_failed"]
    assert trail["actor"].iloc[-2] == "admin" and trail["actor"].iloc[0].startswith("consola")


def test_console_imports_record_who_ran_them(db_url, tmp_path, monkeypatch, capsys):
    path = tmp_path / "t.xlsx"
    path.write_bytes(simple_xlsx([need()]))
    assert run_cli(monkeypatch, capsys, ["import", str(path), "--db", db_url])[0] == 0
    assert run_cli(monkeypatch, capsys, ["export", "--format", "csv", "-o", str(tmp_path / "e.csv"), "--db",
                                         db_url, "--user", "ana"])[0] == 0
    store = Store(db_url)
    assert store.uploads()["uploaded_by"].iloc[0].startswith("consola")
    assert list(store.events()["actor"])[::-1][1] == "ana"
