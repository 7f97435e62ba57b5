"""The session cookie: what lets a reload or a new tab go on with the session instead of asking for the password
again (on a projector, in front of everyone).

A Streamlit run talks to the browser over its WebSocket and cannot set a cookie, so the cookie is issued by a
route of the server (`routes`): the run that signs someone in hands the page a one-time ticket, the page trades
it at `POST /api/sesion` for an HttpOnly, SameSite=Strict cookie (signed, expiring: `analysis.store.sessions`),
and every later connection of that browser presents the cookie, which `presented` reads. Signing out asks the
route (`DELETE /api/sesion`) to drop it; idle time, a password change or a disabled account end the session in
the store, so its cookie opens nothing.
"""
import json

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

COOKIE = "tablero_sesion"
PATH = "/api/sesion"
_TICKET = "_boleto_de_sesion"
_WITHDRAW = "_retirar_cookie"


def issue(ticket: str) -> None:
    """This tab has just signed in: the page trades the ticket for the cookie when it is next drawn."""
    st.session_state[_TICKET] = ticket
    st.session_state.pop(_WITHDRAW, None)


def withdraw() -> None:
    """This tab has signed out: the page drops the cookie when it is next drawn."""
    st.session_state[_WITHDRAW] = True
    st.session_state.pop(_TICKET, None)


def deliver() -> None:
    """Send the page what it must tell the route, once (a script that runs when it arrives)."""
    if ticket := st.session_state.pop(_TICKET, None):
        request = f'{{method: "POST", body: {json.dumps(ticket)}, credentials: "same-origin"}}'
    elif st.session_state.pop(_WITHDRAW, None):
        request = '{method: "DELETE", credentials: "same-origin"}'
    else:
        return
    st.html(f'<script>fetch(new URL("{PATH.lstrip("/")}", window.location.origin + "/"), {request});</script>',
            unsafe_allow_javascript=True)


def presented() -> str | None:
    """The cookie this browser sent when it connected."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # outside a browser session (scripts)
        return None
    return value if isinstance(value, str) else None  # AppTest hands a stand-in object


def _cookie(request: Request, value: str, max_age: int) -> str:
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    return (f"{COOKIE}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Strict"
            + ("; Secure" if secure else ""))


def _redeem(ticket: str):
    from ui.server import importing
    with importing():
        from ui import data
    return data.store().sessions.redeem(ticket)


async def _session_route(request: Request) -> Response:
    """POST: a ticket in, the cookie out (403 for an unknown, used or late ticket). DELETE: the cookie dropped."""
    if request.method == "DELETE":
        return Response(status_code=204, headers={"set-cookie": _cookie(request, "", 0)})
    import anyio.to_thread

    ticket = (await request.body())[:200].decode(errors="replace")
    issued = await anyio.to_thread.run_sync(_redeem, ticket)
    if issued is None:
        return Response(status_code=403)
    return Response(status_code=204, headers={"set-cookie": _cookie(request, issued.value, issued.max_age)})


def routes() -> list[Route]:
    return [Route(PATH, _session_route, methods=["POST", "DELETE"])]
