"""End to end in Chromium: every page offline, shared links, click-to-filter, upload, filters that persist."""
import pytest

from analysis.store.database import Store
from analysis.view.filters import Filters
from tests.builders import need, simple_xlsx
from tests.e2e.conftest import click_until, counter, wait_ready
from ui import site


def address(spec) -> str:
    return "" if spec.default else spec.url


def open_spec(page, server, spec, query: str = "") -> None:
    page.goto(f"{server.url}/{address(spec)}{query}")
    if spec.url == "presentar":
        page.wait_for_selector(".diapositiva-titulo", timeout=60_000)
    else:
        wait_ready(page, counter=spec.filters)


@pytest.mark.parametrize("spec", site.PAGES, ids=[p.url for p in site.PAGES])
def test_each_page_opens_with_no_error_and_no_request_outside_the_machine(sample_server, page, spec):
    open_spec(page, sample_server, spec)
    page.wait_for_timeout(1000)  # let charts finish loading their assets
    if spec.filters and spec.url != "presentar":
        assert counter(page) == "1,667 de 1,667 necesidades"
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stAlert]", has_text="No se pudo mostrar").count() == 0
    assert page.title() == "Necesidades de seguridad — STCNS"
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.outside_requests == []


def test_an_address_with_the_default_page_name_forwards_without_a_not_found_notice(sample_server, page):
    page.goto(f"{sample_server.url}/resumen?departamento=Pet%C3%A9n")
    wait_ready(page)
    assert page.get_by_text("Página no encontrada").count() == 0 and page.get_by_text("Page not found").count() == 0
    assert page.locator(".resumen-filtros").inner_text() == "Petén"
    assert page.locator("[data-testid=stAlert]", has_text="No se pudo mostrar").count() == 0
    assert page.get_by_role("heading", name="Resumen de necesidades de seguridad").count() == 1


def test_a_shared_link_reopens_the_same_filters(sample_server, page):
    page.goto(f"{sample_server.url}/ambitos?departamento=Pet%C3%A9n&ambito=Seguridad+Interior")
    wait_ready(page)
    needs = Store(sample_server.db_url).needs()
    expected = len(Filters.of(departamento=["Petén"], ambito=["Seguridad Interior"]).apply(needs))
    assert counter(page) == f"{expected} de 1,667 necesidades"
    assert page.locator(".resumen-filtros").inner_text() == "Petén · Seguridad Interior"
    assert page.get_by_role("heading", name="Necesidades por ámbito de seguridad").count() == 1


def test_a_filter_chosen_by_hand_goes_into_the_address_and_survives_a_visit_to_cargar(sample_server, page):
    page.goto(f"{sample_server.url}/")
    wait_ready(page)
    page.locator(".st-key-departamento input").click()
    page.keyboard.type("Izabal")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('departamento=Izabal')", timeout=30_000)
    wait_ready(page)
    shown = counter(page)
    assert shown.endswith("de 1,667 necesidades") and not shown.startswith("1,667")
    page.get_by_role("link", name="Cargar datos").click()
    page.get_by_role("heading", name="Cargar datos").wait_for(timeout=30_000)
    page.locator(".conteo").wait_for(state="detached", timeout=30_000)  # no filters where they do nothing
    page.get_by_role("link", name="Resumen").click()
    wait_ready(page)
    assert counter(page) == shown and page.locator(".resumen-filtros").inner_text() == "Izabal"


def test_clicking_a_bar_narrows_the_filters_and_undo_restores(sample_server, page):
    page.goto(f"{sample_server.url}/")
    wait_ready(page)
    click_until(page, page.locator(".st-key-panel_ambitos .bars .point path").nth(1),
                "location.search.includes('ambito=')")
    wait_ready(page)
    assert "de 1,667 necesidades" in counter(page) and not counter(page).startswith("1,667")
    page.get_by_role("button", name="Deshacer").click()
    page.wait_for_function("() => !location.search.includes('ambito=')", timeout=30_000)
    wait_ready(page)
    assert counter(page) == "1,667 de 1,667 necesidades"


def test_clicking_a_heatmap_cell_and_a_department_on_the_map(sample_server, page):
    page.goto(f"{sample_server.url}/ambitos")
    wait_ready(page)
    cells = page.locator(".st-key-panel_departamento_ambito .scatterlayer .point")
    click_until(page, cells.nth(4),  # second row (El Progreso), first column (Seguridad Interior)
                "document.querySelector('.resumen-filtros').innerText.includes('·')")
    assert page.locator(".resumen-filtros").inner_text() == "El Progreso · Seguridad Interior"
    page.get_by_role("button", name="Limpiar").click()
    page.wait_for_function("() => document.querySelector('.resumen-filtros').innerText === 'Todas las necesidades'",
                           timeout=30_000)
    page.goto(f"{sample_server.url}/territorio")
    wait_ready(page)
    label = page.locator(".st-key-panel_mapa_departamentos .annotation", has_text="Petén").first
    click_until(page, label,  # the middle of Petén, where its name is written
                "document.querySelector('.resumen-filtros').innerText !== 'Todas las necesidades'")
    assert page.locator(".resumen-filtros").inner_text() == "Petén"


def test_upload_through_the_real_file_input(fresh_server, page, tmp_path):
    path = tmp_path / "taller_peten.xlsx"
    path.write_bytes(simple_xlsx([need(), need(municipio="Flores"), need(departamento="Narnia")]))
    page.goto(f"{fresh_server.url}/cargar")
    wait_ready(page, counter=False)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("Filas que se importarán").wait_for(timeout=60_000)
    rejected = page.locator("[data-testid=stMetric]", has_text="Filas rechazadas")
    assert rejected.locator("[data-testid=stMetricValue]").inner_text() == "1"
    page.get_by_role("button", name="Importar 2 necesidades").click()
    page.get_by_text("Se importaron 2 necesidades").wait_for(timeout=60_000)
    page.goto(f"{fresh_server.url}/")
    wait_ready(page)
    assert counter(page) == "2 de 2 necesidades"
    page.goto(f"{fresh_server.url}/historial")
    wait_ready(page, counter=False)
    assert page.get_by_text("taller_peten.xlsx").count() >= 1
