"""End to end in headless Chromium: every page offline, upload, shared links, click-to-filter."""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analysis.filters import Filters
from analysis.store import Store
from tests.builders import need, simple_xlsx
from tests.e2e.conftest import counter, wait_ready

PATHS = ["resumen", "territorio", "ambitos", "niveles", "explorar", "cargar", "historial"]


@pytest.mark.parametrize("path", PATHS)
def test_each_page_opens_with_no_error_and_no_request_outside_the_machine(sample_server, page, path):
    page.goto(f"{sample_server.url}/{path}")
    wait_ready(page)
    page.wait_for_timeout(1500)  # let charts and maps finish loading their assets
    assert counter(page) == "1,667 de 1,667 necesidades"
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.title() == "Necesidades de seguridad — STCNS"
    assert page.outside_requests == []


def test_maps_draw_offline(sample_server, page):
    page.goto(f"{sample_server.url}/territorio")
    wait_ready(page)
    page.wait_for_selector(".st-key-territorio_mapa canvas", timeout=30_000)
    assert page.locator(".st-key-territorio_mapa canvas").count() >= 1
    assert page.outside_requests == []


def test_a_shared_link_reopens_the_same_filters(sample_server, page):
    page.goto(f"{sample_server.url}/ambitos?departamento=Pet%C3%A9n&ambito=Seguridad+Interior")
    wait_ready(page)
    needs = Store(sample_server.db_url).needs()
    expected = len(Filters.of(departamento=["Petén"], ambito=["Seguridad Interior"]).apply(needs))
    assert counter(page) == f"{expected} de 1,667 necesidades"
    assert page.locator(".resumen-filtros").inner_text() == "Petén · Seguridad Interior"
    assert page.get_by_role("heading", name="Necesidades por ámbito de seguridad").count() == 1


def test_clicking_a_bar_narrows_the_filters_and_undo_restores(sample_server, page):
    page.goto(f"{sample_server.url}/resumen")
    wait_ready(page)
    bars = page.locator(".st-key-resumen_ambitos .bars .point path")
    bars.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # plotly attaches its click handlers after drawing
    for _ in range(3):
        box = bars.nth(1).bounding_box()  # plotly draws bars under its drag layer: click where the bar is
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("() => location.search.includes('ambito=')", timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    assert "ambito=" in page.url
    wait_ready(page)
    assert "de 1,667 necesidades" in counter(page) and not counter(page).startswith("1,667")
    page.get_by_role("button", name="Deshacer").click()
    page.wait_for_function("() => !location.search.includes('ambito=')", timeout=30_000)
    wait_ready(page)
    assert counter(page) == "1,667 de 1,667 necesidades"


def test_upload_through_the_real_file_input(fresh_server, page, tmp_path):
    path = tmp_path / "taller_peten.xlsx"
    path.write_bytes(simple_xlsx([need(), need(municipio="Flores"), need(departamento="Narnia")]))
    page.goto(f"{fresh_server.url}/cargar")
    wait_ready(page)
    assert counter(page) == "1,667 de 1,667 necesidades"
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("Filas que se importarán").wait_for(timeout=60_000)
    rejected = page.locator("[data-testid=stMetric]", has_text="Filas rechazadas")
    assert rejected.locator("[data-testid=stMetricValue]").inner_text() == "1"
    page.get_by_role("button", name="Importar 2 necesidades").click()
    page.get_by_text("Se importaron 2 necesidades").wait_for(timeout=60_000)
    wait_ready(page)
    assert counter(page) == "2 de 2 necesidades"
    page.goto(f"{fresh_server.url}/historial")
    wait_ready(page)
    assert page.get_by_text("taller_peten.xlsx").count() >= 1


def click_center(page, locator) -> None:
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_heatmap_cell_and_a_department_on_the_map(sample_server, page):
    page.goto(f"{sample_server.url}/ambitos")
    wait_ready(page)
    cells = page.locator(".st-key-ambitos_mapa_calor .scatterlayer .point")
    cells.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    click_center(page, cells.nth(4))  # second row (El Progreso), first column (Seguridad Interior)
    page.wait_for_function("() => document.querySelector('.resumen-filtros').innerText.includes('·')",
                           timeout=30_000)
    assert page.locator(".resumen-filtros").inner_text() == "El Progreso · Seguridad Interior"
    page.get_by_role("button", name="Limpiar").click()
    page.wait_for_function("() => document.querySelector('.resumen-filtros').innerText === 'Todas las necesidades'",
                           timeout=30_000)
    page.goto(f"{sample_server.url}/territorio")
    wait_ready(page)
    canvas = page.locator(".st-key-territorio_mapa canvas").first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(3000)  # the map's tiles-free style and shapes finish drawing
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.45)  # northern Guatemala
    page.wait_for_function("() => document.querySelector('.resumen-filtros').innerText !== 'Todas las necesidades'",
                           timeout=30_000)
    assert page.locator(".resumen-filtros").inner_text() == "Petén"


def test_explorar_downloads_exactly_the_filtered_rows(sample_server, page, tmp_path):
    page.goto(f"{sample_server.url}/explorar?departamento=Izabal")
    wait_ready(page)
    expected = int(counter(page).split(" de ")[0])
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Descargar CSV").click()
    path = tmp_path / "descarga.csv"
    download.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("departamento,municipio,nivel,ambito,necesidad")
    assert len(lines) == expected + 1 and all(line.startswith("Izabal,") for line in lines[1:])
