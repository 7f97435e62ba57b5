"""The server around the visits (ui/server.py): a Spanish page from its first byte, and a warm start."""
import gzip
import re
import time
import urllib.request

from tests.e2e.conftest import counter, wait_ready


def fetch(url: str) -> tuple[str, str]:
    """The text at `url` (as a browser asking for gzip gets it) and its content type."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8"), response.headers.get("Content-Type", "")


def test_every_address_serves_a_spanish_page_with_its_translator_and_chart_library(sample_server):
    for address in ("/", "/territorio", "/cargar", "/no-existe"):  # Streamlit gzips all but the root
        page, _ = fetch(sample_server.url + address)
        assert '<html lang="es">' in page and "<title>Necesidades de seguridad — STCNS</title>" in page
        assert "Saltar al contenido principal" in page  # the translator, before Streamlit draws anything
        library = re.search(r'<link rel="modulepreload" crossorigin href="\./(static/js/PlotlyChart\.[^"]+\.js)">', page)
        assert library, "the chart library is not requested with the page"
    script, kind = fetch(f"{sample_server.url}/{library.group(1)}")
    assert kind.startswith(("text/javascript", "application/javascript")) and "plotly" in script


def test_a_server_nobody_has_opened_yet_loads_the_needs_and_says_so(fresh_server, page):
    deadline = time.monotonic() + 60
    while "Tablero listo" not in fresh_server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    log = fresh_server.log.read_text()
    assert re.search(r"Tablero listo: 1,667 necesidades en memoria \(\d+\.\d s\)\.", log)
    assert "ScriptRunContext" not in log and "Traceback" not in log
    page.goto(fresh_server.url)
    wait_ready(page)
    assert counter(page) == "1,667 de 1,667 necesidades"


def test_the_first_visit_of_a_fresh_server_may_be_a_deep_link(fresh_server, page):
    """Until a run has used the navigation, Streamlit would run a `pages/` file on its own: no sidebar of
    the dashboard, no import lock (the warm-up then broke the page with an import error)."""
    page.goto(f"{fresh_server.url}/territorio?departamento=Izabal")
    wait_ready(page)
    assert page.get_by_role("heading", name="Necesidades en el territorio").count() == 1
    links = [text.split("\n")[-1] for text in page.locator("[data-testid=stSidebarNav] a").all_inner_texts()]
    assert "Territorio" in links and "dashboard" not in links
    assert counter(page).endswith("de 1,667 necesidades") and counter(page) != "1,667 de 1,667 necesidades"
