"""Accounts, roles, sign-in throttling and the audit trail every write leaves behind."""
import datetime as dt
import io
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, update

from analysis.cli.commands import main
from analysis.ingest.importer import import_file
from analysis.store import accounts as accounts_module
from analysis.store import throttle
from analysis.store.accounts import Account, AccountError, LoginRefused
from analysis.store.database import Store
from analysis.store.schema import accounts as accounts_table
from analysis.store.schema import sign_in_failures
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


def expire_locks(store) -> None:
    """The lock's minutes pass."""
    with store.engine.begin() as conn:
        conn.execute(update(sign_in_failures).values(locked_until=dt.datetime.now(dt.timezone.utc)
                                                     - dt.timedelta(seconds=1)))


def test_sign_in_and_its_throttle(store):
    store.accounts.create("ana", "lector", "una clave larga", actor="admin")
    assert store.accounts.authenticate("ANA ", "una clave larga").role == "lector"
    for _ in range(throttle.LOCK_AFTER - 1):
        with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
            store.accounts.authenticate("ana", "no es")
    with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos. Demasiados intentos fallidos: espere 1 "
                                           "minuto y vuelva a intentarlo.$"):
        store.accounts.authenticate("ana", "no es")  # the third in a row locks the account, as the README says
    with pytest.raises(LoginRefused, match="^Demasiados intentos fallidos: espere 1 minuto"):
        store.accounts.authenticate("ana", "una clave larga")  # even the right password waits
    expire_locks(store)
    with pytest.raises(LoginRefused, match="espere 2 minutos"):
        store.accounts.authenticate("ana", "no es")  # one more failure locks it for longer
    expire_locks(store)
    assert store.accounts.authenticate("ana", "una clave larga").username == "ana"
    assert store.accounts.all()["failed_logins"].tolist() == [0]  # a good sign-in starts the count again
    store.accounts.set_active("ana", False, actor="admin")
    with pytest.raises(LoginRefused, match="^Usuario o contraseña incorrectos.$"):
        store.accounts.authenticate("ana", "una clave larga")
    actions = list(store.events()["action"])[::-1]
    assert actions.count("login") == 2 and actions.count("login_failed") == 6 and "account_disabled" in actions


def test_an_unknown_name_gets_the_same_answers_as_a_known_one_lock_included(store):
    store.accounts.create("ana", "lector", "una clave larga", actor="admin")

    def answers(name: str) -> list[str]:
        said = []
        for _ in range(throttle.LOCK_AFTER + 1):
            with pytest.raises(LoginRefused) as refused:
                store.accounts.authenticate(name, "no es la clave")
            said.append(str(refused.value))
        return said

    assert answers("nadie") == answers("ana")
    assert answers("nadie")[-1].startswith("Demasiados intentos fallidos")


def test_an_unknown_name_costs_the_same_as_a_known_one(store):
    """The wrong password of an existing account used to take the Argon2 check longer than an unknown name."""
    store.accounts.create("ana", "lector", "una clave larga", actor="admin")
    times = {"ana": [], "nadie": []}
    for _ in range(9):
        for name in times:  # alternated, so both share whatever else the machine is doing
            expire_locks(store)
            started = time.perf_counter()
            with pytest.raises(LoginRefused):
                store.accounts.authenticate(name, "no es la clave")
            times[name].append(time.perf_counter() - started)
    known, unknown = (statistics.median(times[name]) for name in ("ana", "nadie"))
    assert 0.6 < unknown / known < 1.6, (known, unknown)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_parallel_attempts_count_one_by_one(backend, db_url, request):
    """Eight attempts at the same moment used to raise the count by one: 23 wrong passwords in three bursts, and
    then the right one, hidden in the third burst, signed in."""
    store = Store(db_url if backend == "sqlite" else request.getfixturevalue("pg_url"))
    store.accounts.create("ana", "analista", "la clave correcta", actor="admin")

    def burst(passwords: list[str]) -> list[str]:
        start = threading.Barrier(len(passwords))

        def attempt(password: str) -> str:
            start.wait()
            try:
                return store.accounts.authenticate("ana", password).username
            except LoginRefused as refused:
                return str(refused)
        with ThreadPoolExecutor(len(passwords)) as pool:
            return list(pool.map(attempt, passwords))

    first = burst(["mala"] * 8)
    assert sum(not answer.startswith("Demasiados") for answer in first) == throttle.LOCK_AFTER  # the rest: locked
    expire_locks(store)
    second = burst(["mala"] * 8)
    assert sum(not answer.startswith("Demasiados") for answer in second) == 1  # one failure, then a longer lock
    third = burst(["mala"] * 4 + ["la clave correcta"] + ["mala"] * 3)
    assert all(answer.startswith("Demasiados intentos fallidos: espere 2 minutos") for answer in third)
    assert store.accounts.all()["failed_logins"].tolist() == [throttle.LOCK_AFTER + 1]
    trail = store.events()
    assert (trail["action"] == "login").sum() == 0 and (trail["action"] == "login_failed").sum() == 24


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_write_leaves_an_event_with_its_author(backend, db_url, request):
    store = Store(db_url if backend == "sqlite" else request.getfixturevalue("pg_url"))
    first = import_file(store, simple_xlsx([need()]), "taller.xlsx", user="ana").upload_id
    second = import_file(store, simple_xlsx([need(), need(departamento="Izabal")]), "taller_corregido.xlsx",
                         user="ana", replace=first).upload_id
    store.delete_upload(second, actor="luis", address="10.0.0.7")
    store.restore_upload(second, actor="luis")
    view = store.views.save("Petén", "inicio", {"departamento": ["Petén"]}, "ana")
    store.views.delete(view["id"], Account("ana", "", "lector"))
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
