"""Any number of processes opening a new database at the same moment all succeed, and the schema is
migrated once (SQLite and PostgreSQL)."""
import multiprocessing
import sys
import traceback

import pytest

from analysis.store.database import SCHEMA_REVISION, Store
from analysis.store.migration_lock import file_lock

PROCESSES = 8


def _open_at_once(url: str, barrier) -> None:
    """In a fresh process: wait until all are ready, then open (and so migrate) the store."""
    import alembic.command  # noqa: F401 — imported before the barrier, so the processes migrate in step
    barrier.wait(timeout=120)
    try:
        Store(url).engine.dispose()
    except Exception:
        traceback.print_exc()
        sys.exit(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'nueva.db'}"
    return request.getfixturevalue("pg_url")


def test_eight_processes_open_a_new_database_at_once(new_database):
    context = multiprocessing.get_context("spawn")  # each a whole new interpreter, as separate dashboards are
    barrier = context.Barrier(PROCESSES)
    processes = [context.Process(target=_open_at_once, args=(new_database, barrier)) for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    assert [p.exitcode for p in processes] == [0] * PROCESSES
    store = Store(new_database)
    assert store.revision() == 0 and store.count_needs() == 0
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [SCHEMA_REVISION]


def test_the_file_lock_is_exclusive_between_processes(tmp_path):
    context = multiprocessing.get_context("spawn")
    path = str(tmp_path / "n.db.lock")
    with file_lock(path):
        other = context.Process(target=_take_lock, args=(path,))
        other.start()
        other.join(timeout=3)
        assert other.is_alive(), "another process took a lock this one holds"
    other.join(timeout=60)
    assert other.exitcode == 0


def _take_lock(path: str) -> None:
    with file_lock(path):
        pass


def test_the_explicit_migration_step(tmp_path):
    import subprocess
    from pathlib import Path
    done = subprocess.run([sys.executable, "-m", "analysis", "migrate", "--db", f"sqlite:///{tmp_path / 'n.db'}"],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == f"La base está al día (esquema {SCHEMA_REVISION})."
    assert Store(f"sqlite:///{tmp_path / 'n.db'}").revision() == 0
