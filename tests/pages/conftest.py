"""AppTest fixtures: the real dashboard.py over a store of the test's own."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import Store

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/resumen.py", "pages/territorio.py", "pages/ambitos.py", "pages/niveles.py", "pages/explorar.py",
         "pages/cargar.py", "pages/historial.py"]


@pytest.fixture
def app_db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def app(app_db):
    def run(page: str | None = None) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, at.exception
        return at
    return run


@pytest.fixture
def store(app_db) -> Store:
    return Store(app_db)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sidebar_count(at: AppTest) -> str:
    """The «N de M necesidades» line of the sidebar, as text."""
    return next(m.value for m in at.sidebar.markdown if "necesidades" in m.value and "conteo" in m.value)
