"""Shared fixtures: a fresh store per test (SQLite file, or PostgreSQL where asked)."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from analysis.store import Store

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), Path("/nonexistent"))


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'necesidades.db'}"


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on loopback, for the store's PostgreSQL tests."""
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it.")
    base = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    port = _free_port()
    subprocess.run(_as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                "--no-sync"), check=True, capture_output=True)
    subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                                f"-p {port} -c listen_addresses=127.0.0.1 -k {base} -c fsync=off", "start"),
                   check=True, capture_output=True)
    try:
        yield port
    finally:
        subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"),
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(postgres_server) -> str:
    name = f"t{time.time_ns()}"
    subprocess.run(_as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(postgres_server), "-U",
                                "postgres", name), check=True, capture_output=True)
    return f"postgresql://postgres@127.0.0.1:{postgres_server}/{name}"
