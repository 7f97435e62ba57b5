"""AppTest fixtures: the real dashboard.py over a store of the test's own (a copy of the sample store)."""
import base64
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from analysis.store.database import Store
from analysis.store.schema import sessions
from ui import site

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = [p.path for p in site.PAGES]
DATA_PAGES = [p.path for p in site.PAGES if p.filters]


@pytest.fixture
def app_db(sample_db_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", sample_db_url)
    return sample_db_url


def open_page(page: str | None = None, query: dict | None = None) -> AppTest:
    """The dashboard at `page` (pages/x.py; the default page when None), drawn once, with no error."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params.update(query or {})
    if page:
        at.switch_page(page)  # before the first run: only the chosen page is drawn
    at.run()
    assert not at.exception, at.exception
    return at


def unexpected_errors(at: AppTest) -> list[str]:
    """The dashboard's «could not show this page» messages (it catches errors to keep tracebacks off screen)."""
    return [e.value for e in at.error if e.value.startswith("No se pudo mostrar")]


@pytest.fixture(autouse=True)
def no_unexpected_errors(monkeypatch, request):
    """Every run of every page test fails on the dashboard's «could not show this page» message:
    the dashboard catches errors to keep tracebacks off screen, so `at.exception` stays empty."""
    if request.node.get_closest_marker("shows_unexpected_error"):
        return
    run = AppTest.run

    def checked(self, *args, **kwargs):
        done = run(self, *args, **kwargs)
        assert not unexpected_errors(done), unexpected_errors(done)
        return done
    monkeypatch.setattr(AppTest, "run", checked)


@pytest.fixture
def app(app_db):
    return open_page


@pytest.fixture
def app_store(app_db) -> Store:
    """The store the dashboard under test reads (a copy of the sample store): not the empty `store` of tests/conftest."""
    return Store(app_db)


ADMIN, ANALYST, READER = ("jefa", "clave de la jefa"), ("ana", "clave de ana 1"), ("luis", "clave de luis 1")


@pytest.fixture
def with_accounts(app_store):
    """The sample store with one account of each role."""
    for (name, password), role in zip((ADMIN, ANALYST, READER), ("administrador", "analista", "lector")):
        app_store.accounts.create(name, role, password, actor="prueba")
    return app_store


def sign_in(at, username: str, password: str):
    at.text_input(key="_usuario").input(username)
    at.text_input(key="_clave").input(password)
    next(b for b in at.button if b.label == "Entrar").click()
    at.run()
    assert not at.exception, at.exception
    return at


def on_login_page(at) -> bool:
    return any(b.label == "Entrar" for b in at.button) and not at.get("plotly_chart")


def idle(store, minutes: int) -> None:
    """Every open session was last seen `minutes` ago."""
    with store.engine.begin() as conn:
        conn.execute(update(sessions).values(last_seen_at=dt.datetime.now(dt.timezone.utc)
                                             - dt.timedelta(minutes=minutes)))


def metric(at: AppTest, label: str) -> str:
    """The value of a headline figure: a Streamlit metric or one of the dashboard's cards."""
    found = [m.value for m in at.metric if m.label == label] + [value for name, value in cards(at) if name == label]
    assert found, f"no figure labelled {label!r}"
    return found[0]


def cards(at: AppTest) -> list[tuple[str, str]]:
    """(label, value) of every headline card drawn, as the user reads them."""
    import html
    import re
    pattern = re.compile(r"<div class='tarjeta-valor[^']*'>(.*?)</div><div class='tarjeta-etiqueta'>(.*?)</div>")
    return [(html.unescape(label), html.unescape(value)) for element in at.get("html")
            for value, label in pattern.findall(element.proto.body)]


def sidebar_count(at: AppTest) -> str:
    """The «N de M necesidades» line of the sidebar, as text."""
    return next(m.value for m in at.sidebar.markdown if "necesidades" in m.value and "conteo" in m.value)


def chart(at: AppTest, key: str) -> dict:
    """The plotly figure drawn under widget key `key`, as the browser receives it."""
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, f"no single chart with key {key!r}"
    return _decoded(json.loads(found[0].proto.spec))


def _decoded(value):
    """Plotly's typed arrays ({"dtype", "bdata", "shape"}) as plain lists, everything else as is."""
    import numpy as np
    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


def bar_counts(figure: dict) -> dict[str, int]:
    """{category: count} of a bar chart as drawn (categories as the hover names them, unwrapped)."""
    (bars,) = [t for t in figure["data"] if t["type"] == "bar"]
    return {custom[0]: count for custom, count in zip(bars["customdata"], bars["x"])}
