"""The server around the visits: a Spanish page from its first byte, and a process ready before the first visitor.

`streamlit run dashboard.py` finds the `st.App` that dashboard.py declares and serves it; an App's
lifespan and middleware are Streamlit's supported hooks into the server, and a script has none.

- **Warm-up.** A script runs only once a browser has connected, so the first visitor after a start
  waits for pandas, SQLAlchemy and the dashboard's modules to import and for the needs to load
  (about 1.4 s at 100,000 needs). The lifespan does that work in a thread a few seconds after the
  start, so that a server started before anyone looks is ready when they do. Not at once: a browser
  already waiting gets Streamlit's hundred files from this same process, and measured in Chromium
  the warm-up then slowed that page by more than it saved (the GIL is shared). So a visit that
  starts first loads what it needs itself, while the browser runs the chart library, and the
  warm-up stands down.
- **No full collection after every run.** Streamlit collects all garbage after each run (`runner.postScriptGC`),
  which walks every object alive. With the views that every session shares kept in memory (`ui.data.SHARED`),
  that walk grew with the day's views: at 100,000 needs a rerun went from 93 to 205 ms after 200 views, for no
  memory saved (570 MB either way). `.streamlit/config.toml` turns it off; Python's own collector still runs
  by its thresholds, and what runs leave behind is mostly freed by reference counting. After a run that
  loaded new code, what is alive moves to the collector's permanent generation (`gc.freeze`), so the
  collections that do run walk only what later runs create.
- **The page shell.** Streamlit's index.html says `lang="en"` and «Streamlit» until the script runs,
  its controls speak English until a translator arrives, and its chart library (4.7 MB) starts to
  load only when the first chart reaches the browser. `SpanishShell` rewrites that page as it is
  served: Spanish language and title, the translator (espanol.js) running before Streamlit draws
  anything, and the chart library loading alongside Streamlit's own code.
"""
import gc
import gzip
import html
import importlib
import logging
import pkgutil
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TITLE = "Necesidades de seguridad — STCNS"
TRANSLATOR = Path(__file__).with_name("espanol.js")
CHART_NAMES = Path(__file__).with_name("accesible.js")
_LOG = logging.getLogger("dashboard")
_THREAD = "preparar-tablero"
GRACE_SECONDS = 3.0  # a browser that is already waiting loads Streamlit's page in about 1.5 s here
_visited = threading.Event()
_importing = threading.Lock()


@contextmanager
def importing() -> Iterator[None]:
    """The dashboard's modules are imported by one thread at a time (a visit, the warm-up, a route): two threads
    importing the store's modules at once can each hold half of an import cycle, and Python then hands one of
    them a module not yet initialised."""
    with _importing:
        yield


_drawing = threading.Lock()


@contextmanager
def drawing() -> Iterator[None]:
    """Views are drawn one at a time per process, the others waiting their turn.

    A rerun is Python under one interpreter lock: ten sessions redrawing at once share it in 5 ms slices,
    so all ten finish together, after ten reruns' work and more (each thread's data pushed out of the
    processor's cache by the others', and every finished run's messages waiting for the lock too). One
    after another, the first finishes after one rerun, the median after half of them: measured with ten
    sessions on different views at 100,000 needs, 849 ms median instead of 1,633 ms (benchmarks/bench_sessions.py).
    More analysts are served by more processes (README, «Varios analistas»), not by more threads."""
    with _drawing:
        yield


def pages_through_navigation_only() -> None:
    """Every run goes through the dashboard's navigation, the first one of a fresh process included.

    Streamlit treats an app with a `pages/` folder as a multipage app of its first version until a run calls
    `st.navigation`: the first visit to a deep link (`/territorio`) would run that page's file on its own,
    without the sign-in, the sidebar or the import lock. Its own flag says which mode is in use."""
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False


def visiting() -> None:
    """Every run says so: once a visit has begun, it loads what it needs and the warm-up is not wanted."""
    _visited.set()


_modules_frozen = 0


def freeze_what_is_loaded() -> None:
    """After a run: if it loaded new code, collect once and freeze what is left (see the module's doc)."""
    global _modules_frozen
    if len(sys.modules) != _modules_frozen:
        gc.collect()
        gc.freeze()
        _modules_frozen = len(sys.modules)


def _load_everything() -> None:
    """Load the needs and their text index into the shared cache, and import every module of the dashboard."""
    started = time.perf_counter()
    import analysis
    import ui
    from analysis.formatting import format_int
    from ui import data

    needs = data.needs().needs
    for package in (ui, analysis):  # what the pages import; `analysis.__main__` would run the CLI
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.endswith(".__main__"):
                importlib.import_module(module.name)
    print(f"Tablero listo: {format_int(len(needs))} necesidades en memoria "
          f"({time.perf_counter() - started:.1f} s).", flush=True)


class _NoContextWarning(logging.Filter):
    """Streamlit warns of a «missing ScriptRunContext» when a cached function runs outside a visit:
    here that is the point, and the warning would only alarm whoever reads the server's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != _THREAD


def _warm_up() -> None:
    try:
        with importing():
            if not _visited.is_set():
                _load_everything()
    except Exception:  # the first visit then loads on its own, and shows the error in Spanish
        _LOG.exception("No se pudo preparar el tablero al arrancar")


@asynccontextmanager
async def warm_up(_app) -> AsyncIterator[None]:
    """The App's lifespan: serve at once, and load in the background unless a visitor comes first."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NoContextWarning())
    timer = threading.Timer(GRACE_SECONDS, _warm_up)
    timer.name, timer.daemon = _THREAD, True
    timer.start()
    yield
    timer.cancel()


def _chart_library() -> str | None:
    """Streamlit's chart-drawing bundle, as index.html names its own (None if a release renames it)."""
    from streamlit.file_util import get_static_dir

    bundle = next((Path(get_static_dir()) / "static" / "js").glob("PlotlyChart.*.js"), None)
    return f"./static/js/{bundle.name}" if bundle else None


# Runs the chart library as soon as the server starts running the page: its evaluation (about 0.75 s
# of the browser's time) then overlaps the server's work instead of following the first chart.
_LOAD_CHARTS = """<script>new MutationObserver((_, watch) => {
  if (!document.querySelector('[data-test-script-state="running"]')) return;
  watch.disconnect();
  setTimeout(() => import(new URL("%s", document.baseURI).href));
}).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
  attributeFilter: ["data-test-script-state"]});</script>"""


@cache
def _additions() -> bytes:
    """What goes at the end of the page's head: the chart library, fetched with Streamlit's own code, and
    the translator and the script that names the charts for screen readers."""
    library = _chart_library()
    charts = f'<link rel="modulepreload" crossorigin href="{library}">{_LOAD_CHARTS % library}' if library else ""
    scripts = "".join(f"<script>{path.read_text(encoding='utf-8')}</script>" for path in (TRANSLATOR, CHART_NAMES))
    return f"{charts}{scripts}</head>".encode()


def spanish_page(page: bytes) -> bytes:
    """Streamlit's index.html in Spanish, its translator first, its chart library on the way.

    Any other HTML (a release that changed the page) is returned as it came."""
    if b"</head>" not in page or b"<html" not in page:
        return page
    return (page.replace(b'<html lang="en">', b'<html lang="es">', 1)
            .replace(b"<title>Streamlit</title>", f"<title>{html.escape(TITLE)}</title>".encode(), 1)
            .replace(b"</head>", _additions(), 1))


class SpanishShell:
    """ASGI middleware: every HTML page the server sends goes through `spanish_page`.

    Streamlit gzips the page at every address but the root; it is small, so the rewritten page goes
    out uncompressed. Its validators are dropped, because the rewritten page is not the file they
    describe."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=message["headers"])
                if message["status"] == 200 and headers.get("content-type", "").startswith("text/html"):
                    # A browser opening a page is a visit about to start: the warm-up stands down now, not
                    # when the script first runs. A shared link to a page (Presentar) runs that page before
                    # dashboard.py, outside `importing()`, and a warm-up importing meanwhile broke it.
                    visiting()
                    start = message
                    return
            elif start is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                headers = MutableHeaders(raw=start["headers"])
                page = b"".join(body)
                page = spanish_page(gzip.decompress(page) if headers.get("content-encoding") == "gzip" else page)
                for stale in ("etag", "last-modified", "content-encoding"):
                    if stale in headers:
                        del headers[stale]
                headers["content-length"] = str(len(page))
                await send(start)
                message = {"type": "http.response.body", "body": page}
            await send(message)

        await self.app(scope, receive, rewrite)
