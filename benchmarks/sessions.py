"""Browser-less dashboard sessions: Streamlit's own WebSocket protocol, spoken by a small client.

A browser would spend the machine's two cores drawing charts; this client only sends what a browser
sends after a filter change (the widgets' states) and waits for the server's «script finished», so the
time measured is the server's: its rerun and the messages it writes, nothing drawn.
"""
import asyncio
import ssl
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def no_verify() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own certificate, on this machine
    return context


def session_cookie(base: str, ticket: str, cookies: str = "") -> str:
    """Trade a sign-in ticket (`Store.sessions.start`) at the dashboard's route for the session cookie."""
    request = urllib.request.Request(f"{base}/api/sesion", data=ticket.encode(), method="POST",
                                     headers={"Cookie": cookies} if cookies else {})
    context = no_verify() if base.startswith("https") else None
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        value = response.headers["set-cookie"].split(";", 1)[0]
    return "; ".join(c for c in (cookies, value) if c)


@dataclass
class Session:
    """One tab: its connection, its filters' widget ids (by label), and the time each redraw took."""
    base: str  # http(s)://host:port
    cookies: str = ""
    host: str | None = None  # the Host header, when it is not the address's own
    times: list[float] = field(default_factory=list)
    _socket: object = None
    _filters: dict[str, str] = field(default_factory=dict)  # label → widget id

    async def open(self) -> None:
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Cookie": self.cookies} if self.cookies else {}
        if self.host:
            headers["Host"] = self.host
        self._socket = await websockets.connect(url, subprotocols=["streamlit"], additional_headers=headers,
                                                max_size=None, ssl=no_verify() if url.startswith("wss") else None)
        await self.redraw({}, timed=False)
        if "Departamento" not in self._filters:
            raise RuntimeError("the first page drew no filters (not signed in?)")

    async def redraw(self, view: dict[str, list[str]], timed: bool = True) -> None:
        """Set the filters ({label: values}; the others: all) as a browser does, and wait until the server has
        redrawn the page."""
        message = BackMsg()
        message.rerun_script.page_name = ""
        for label, widget in self._filters.items():
            state = message.rerun_script.widget_states.widgets.add()
            state.id = widget
            state.string_array_value.data.extend(view.get(label, []))
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        while True:
            forward = ForwardMsg.FromString(await self._socket.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "multiselect":
                widget = forward.delta.new_element.multiselect
                self._filters.setdefault(widget.label, widget.id)
            elif kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                break
        if timed:
            self.times.append(time.perf_counter() - started)

    async def close(self) -> None:
        await self._socket.close()


async def run_sessions(sessions: list[Session], views: list[list[dict[str, list[str]]]], opened: bool = False) -> None:
    """Every session redraws its own list of views ({filter label: values}), all sessions at once."""
    if not opened:
        await asyncio.gather(*(s.open() for s in sessions))

    async def one(session: Session, sequence: list[dict[str, list[str]]]) -> None:
        for view in sequence:
            await session.redraw(view)
    await asyncio.gather(*(one(s, v) for s, v in zip(sessions, views)))
    await asyncio.gather(*(s.close() for s in sessions))
