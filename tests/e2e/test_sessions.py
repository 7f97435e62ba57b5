"""In Chromium against a real server: a reload or a new tab keeps the session (its cookie), signing out or a
change from the console ends it; before the first account only this machine's names are served; a session that
has not signed in cannot upload."""
import http.client
import io
import socket
import sys
import time

from analysis.cli.commands import main
from analysis.store import sessions as session_words
from analysis.store.database import Store
from tests.e2e.conftest import counter, wait_ready
from tests.e2e.test_access import sign_in

READER = ("luis", "clave de luis 1")


def session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "tablero_sesion"), None)


def wait_for_cookie(page) -> dict:
    for _ in range(100):
        if found := session_cookie(page):
            return found
        page.wait_for_timeout(100)
    raise AssertionError("the page never received its session cookie")


def on_sign_in(page) -> None:
    page.get_by_role("button", name="Entrar").wait_for(timeout=60_000)


def test_a_reload_and_a_new_tab_keep_the_session_until_signing_out(fresh_server, page):
    Store(fresh_server.db_url).accounts.create(*READER[:1], "lector", READER[1], actor="prueba")
    sign_in(page, fresh_server, *READER)
    cookie = wait_for_cookie(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("tablero_sesion") == -1  # no script of the page can read it
    page.reload()
    wait_ready(page)  # the dashboard itself, not the sign-in
    assert counter(page) == "1,667 de 1,667 necesidades"
    other = page.context.new_page()
    other.goto(f"{fresh_server.url}/ambitos")
    wait_ready(other)
    other.get_by_role("button", name="Salir").wait_for(timeout=30_000)  # the sidebar's account box, signed in
    assert other.get_by_role("button", name="Entrar").count() == 0
    page.get_by_role("button", name="Salir").click()
    on_sign_in(page)
    for _ in range(100):  # the page drops its cookie
        if session_cookie(page) is None:
            break
        page.wait_for_timeout(100)
    assert session_cookie(page) is None
    assert page.get_by_text("La sesión se cerró").count() == 0  # the cookie it connected with opens nothing more
    other.reload()  # the other tab's session ended with it
    on_sign_in(other)
    page.reload()
    on_sign_in(page)
    sign_in(page, fresh_server, *READER)  # and signing in again starts a new one
    assert counter(page) == "1,667 de 1,667 necesidades"


def test_a_password_changed_from_the_console_ends_the_remembered_session(fresh_server, page, monkeypatch):
    Store(fresh_server.db_url).accounts.create(*READER[:1], "lector", READER[1], actor="prueba")
    sign_in(page, fresh_server, *READER)
    wait_for_cookie(page)
    monkeypatch.setattr(sys, "stdin", io.StringIO("otra clave de luis\n"))
    assert main(["users", "passwd", READER[0], "--db", fresh_server.db_url]) == 0
    page.reload()
    on_sign_in(page)
    assert page.get_by_text(session_words.PASSWORD_CHANGED).count() == 1


def _status(server, host: str, path: str = "/") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    return response.status, response.read().decode(errors="replace")


def _websocket_status(server, host: str) -> str:
    """The status line the server answers a WebSocket handshake with."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
        return connection.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_before_the_first_account_only_this_machines_names_are_served(fresh_server):
    status, body = _status(fresh_server, "rebind.example:80")
    assert status == 403 and "solo se abre en el equipo donde se ejecuta" in body
    assert " 403 " in _websocket_status(fresh_server, "rebind.example")
    assert _status(fresh_server, f"localhost:{fresh_server.port}")[0] == 200
    assert " 101 " in _websocket_status(fresh_server, f"127.0.0.1:{fresh_server.port}")
    Store(fresh_server.db_url).accounts.create("jefa", "administrador", "clave de la jefa", actor="prueba")
    for _ in range(50):  # with accounts, every page asks for a sign-in: a proxy's name is served
        if _status(fresh_server, "tablero.stcns.gob.gt")[0] == 200:
            break
        time.sleep(0.2)
    assert _status(fresh_server, "tablero.stcns.gob.gt")[0] == 200


def test_a_session_that_has_not_signed_in_cannot_upload(fresh_server, page):
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    Store(fresh_server.db_url).accounts.create("ana", "analista", "clave de ana 1", actor="prueba")
    session_ids = []

    def listen(socket_):
        def received(payload):
            if isinstance(payload, bytes):
                message = ForwardMsg.FromString(payload)
                if message.HasField("new_session"):
                    session_ids.append(message.new_session.initialize.session_id)
        socket_.on("framereceived", received)
    page.on("websocket", listen)
    page.goto(fresh_server.url)
    on_sign_in(page)
    assert session_ids
    connection = http.client.HTTPConnection("127.0.0.1", fresh_server.port, timeout=30)
    connection.request("PUT", f"/_stcore/upload_file/{session_ids[-1]}/archivo", body=b"x" * 1_000_000,
                       headers={"Host": f"127.0.0.1:{fresh_server.port}"})
    response = connection.getresponse()
    assert response.status == 403 and "sesión iniciada" in response.read().decode()
