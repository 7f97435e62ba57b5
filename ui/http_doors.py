"""What the server refuses before any script runs: foreign host names while no account exists, and uploads
from a session that may not load data.

- **Host names.** Without accounts the dashboard serves only this machine, and whoever uses it there may do
  everything. A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and so reach this
  server from the user's own browser; its requests carry that foreign name in `Host`. So while no account
  exists, only loopback names (localhost, 127.x.x.x, ::1) are served, HTTP and WebSocket alike.
- **Uploads.** Streamlit accepts a file for any open session, before any script decides; a visitor who has
  not signed in could park 50 MB per request in the server's memory. Only sessions whose last check found an
  account that may load data (`may_upload`, called by the guard in `ui.auth`) get their uploads through.
"""
import ipaddress
import re
import time

import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

HOST_REFUSED = ("Este tablero todavía no tiene cuentas y solo se abre en el equipo donde se ejecuta, con la "
                "dirección http://localhost o http://127.0.0.1.")
UPLOAD_REFUSED = "Solo una sesión iniciada con permiso para cargar datos puede subir archivos."
_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/")
_RECHECK_SECONDS = 2.0
_uploaders: set[str] = set()  # Streamlit sessions that may upload, as the guard last found them
_accounts_seen = {"exist": False, "at": float("-inf")}


def may_upload(allowed: bool) -> None:
    """Whether the Streamlit session of this run may send files (the guard says so on every check)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return
    (_uploaders.add if allowed else _uploaders.discard)(ctx.session_id)


def is_loopback(host: str) -> bool:
    """Whether a Host header names this machine: localhost, 127.x.x.x or ::1, with or without a port."""
    name = host.strip().lower()
    name = name[1:name.index("]")] if name.startswith("[") and "]" in name else name.rsplit(":", 1)[0] \
        if name.count(":") == 1 else name
    if name.rstrip(".") == "localhost" or name.rstrip(".").endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _accounts_exist() -> bool:
    from ui.server import importing
    with importing():
        from ui import data
    return data.store().accounts.any_active()


async def accounts_exist() -> bool:
    """Whether any active account exists (asked of the store at most every couple of seconds)."""
    if time.monotonic() - _accounts_seen["at"] > _RECHECK_SECONDS:
        _accounts_seen.update(exist=await anyio.to_thread.run_sync(_accounts_exist), at=time.monotonic())
    return _accounts_seen["exist"]


async def _refuse(scope: Scope, send: Send, sentence: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = sentence.encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Doors:
    """ASGI middleware: the two refusals above, before Streamlit sees the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"host"), "")
            if not is_loopback(host) and not await accounts_exist():
                await _refuse(scope, send, HOST_REFUSED)
                return
            upload = _UPLOAD.search(scope["path"]) if scope["type"] == "http" and scope["method"] == "PUT" else None
            if upload and upload.group(1) not in _uploaders:
                await _refuse(scope, send, UPLOAD_REFUSED)
                return
        await self.app(scope, receive, send)
