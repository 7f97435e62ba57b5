"""A real `streamlit run dashboard.py` and a Chromium-family browser driven by Playwright.

These tests never skip: without Chromium, Chrome or Edge (or $BROWSER_PATH) they fail,
saying how to get one.
"""
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.support import CHROMIUM_ARGS, Server, browser_path


@pytest.fixture(scope="session")
def browser():
    try:
        executable = browser_path()
    except RuntimeError as missing:
        pytest.fail(str(missing))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory, sample_db_file):
    """A server over a copy of the sample store, shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("e2e")
    shutil.copyfile(sample_db_file, folder / "n.db")
    server = Server(f"sqlite:///{folder / 'n.db'}", folder / "server.log")
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path, sample_db_file):
    """A server of this test's own (it may write), starting with the sample."""
    shutil.copyfile(sample_db_file, tmp_path / "n.db")
    server = Server(f"sqlite:///{tmp_path / 'n.db'}", tmp_path / "server.log")
    yield server
    server.stop()


def new_page(browser, width: int = 1500, height: int = 1000):
    """A page in a fresh browser context that records every request leaving the machine."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="es-GT", accept_downloads=True)
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda r: page.outside_requests.append(r.url)
            if not r.url.split("://", 1)[-1].startswith(("127.0.0.1", "localhost")) and
            not r.url.startswith(("data:", "blob:")) else None)
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def projector(browser):
    """A page the size of a meeting-room projector: 1280×720."""
    page = new_page(browser, 1280, 720)
    yield page
    page.context.close()


def wait_ready(page, counter: bool = True) -> None:
    """Until the page is drawn (with the sidebar counter on data pages) and no script run is pending."""
    page.wait_for_selector(".conteo" if counter else "[data-testid=stMain] h1", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(300)


def counter(page) -> str:
    return page.locator(".conteo").inner_text().replace("\xa0", " ")


def click_until(page, locator, condition: str, attempts: int = 4) -> None:
    """Click the middle of `locator` until the JavaScript `condition` holds (plotly attaches its click
    handlers a moment after drawing, and draws bars under its drag layer)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    locator.wait_for(timeout=30_000)
    for _ in range(attempts):
        box = locator.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function(f"() => {condition}", timeout=10_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"clicking never made true: {condition}")
