"""The README's «Varios analistas» recipe, started on this machine: one PostgreSQL database, several Streamlit
processes, and nginx in front with TLS, configured by the very block the README shows.

Only ports and paths are changed in that block (the upstream ports, the two `listen` ports, the certificate,
the access log), so a change to the README's configuration is a change to what the tests and the load
benchmark run. The certificate is made here, for 127.0.0.1, with openssl.
"""
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.support import ROOT, Server, free_port

README = ROOT / "README.md"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def readme_nginx_block() -> str:
    """The nginx configuration of README's «Varios analistas» section, as written there."""
    section = README.read_text(encoding="utf-8").split("## Varios analistas", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```nginx\n(.*?)```", section, re.S)
    if block is None:
        raise AssertionError("README's «Varios analistas» section shows no nginx configuration")
    return "\n".join(line[3:] if line.startswith("   ") else line for line in block.group(1).splitlines())


def configured(block: str, upstreams: list[int], https_port: int, http_port: int, folder: Path) -> str:
    """The README's block with this machine's ports and paths; fails if any of them is no longer there."""
    replacements = [
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"/etc/ssl/tablero/fullchain\.pem", str(folder / "cert.pem")),
        (r"/etc/ssl/tablero/privkey\.pem", str(folder / "key.pem")),
        (r"/var/log/nginx/tablero\.log", str(folder / "acceso.log")),
    ]
    for pattern, value in replacements:
        block, found = re.subn(pattern, value, block)
        assert found == 1, f"README's nginx block no longer has «{pattern}»"
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;$", block, re.M)
    assert len(servers) >= 2, "README's upstream lists fewer than two Streamlit processes"
    block = re.sub(r"^(\s*)server 127\.0\.0\.1:\d+;\n", "", block, flags=re.M)
    lines = "".join(f"    server 127.0.0.1:{port};\n" for port in upstreams)
    return re.sub(r"(upstream tablero \{\n(?:[^\n]*\n)*?\s*hash [^\n]*\n)", lambda m: m.group(1) + lines, block)


def make_certificate(folder: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)


class Recipe:
    """PostgreSQL at `db_url` (already migrated), `processes` dashboards, and nginx with TLS at `url`."""

    def __init__(self, db_url: str, folder: Path, processes: int = 2):
        if not Path(NGINX).exists():
            raise RuntimeError("nginx is needed for the README's recipe (Debian: apt-get install nginx)")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o777)  # nginx's workers (another user when started as root) write request bodies here
        self.servers = [Server(db_url, folder / f"tablero{i + 1}.log") for i in range(processes)]
        self.port, http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        make_certificate(folder)
        block = configured(readme_nginx_block(), [s.port for s in self.servers], self.port, http_port, folder)
        (folder / "tablero.conf").write_text(block)
        (folder / "nginx.conf").write_text(
            f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'nginx-error.log'};\nevents {{}}\nhttp {{\n"
            f"    client_body_temp_path {folder / 'cuerpos'};\n    proxy_temp_path {folder / 'proxy'};\n"
            f"    access_log off;\n    include {folder / 'tablero.conf'};\n}}\n")
        self.nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                                      stdout=subprocess.DEVNULL, stderr=(folder / "nginx.out").open("wb"))
        self._wait_for_nginx()

    def _wait_for_nginx(self) -> None:
        import ssl
        context = ssl.create_default_context(cafile=str(self.folder / "cert.pem"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.nginx.poll() is not None:
                raise RuntimeError(f"nginx did not start:\n{(self.folder / 'nginx.out').read_text()}")
            try:
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2, context=context).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not answer within 30 s")

    def upstreams(self) -> dict[str, set[str]]:
        """Affinity cookie → the Streamlit processes (host:port) that served its requests, from nginx's log."""
        served: dict[str, set[str]] = {}
        for line in (self.folder / "acceso.log").read_text().splitlines():
            *_, upstream, affinity = line.split(" ")
            if upstream != "-":
                served.setdefault(affinity, set()).add(upstream)
        return served

    def served_by(self, affinity: str) -> set[str]:
        """The processes that served this affinity cookie's requests (nginx logs a request a moment after
        answering it, so this waits for the first line)."""
        for _ in range(250):
            if served := self.upstreams().get(affinity):
                return served
            time.sleep(0.02)
        raise AssertionError(f"nginx's log never showed a request of the browser with affinity {affinity}")

    def pids(self) -> list[int]:
        return [s.process.pid for s in self.servers]

    def stop(self) -> None:
        self.nginx.terminate()
        self.nginx.wait(timeout=20)
        for server in self.servers:
            server.stop()
