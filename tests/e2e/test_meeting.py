"""In a meeting: every page fits a 1280×720 projector, presentation mode, downloads, saved views."""
import io
import re
import zipfile

import pytest

from analysis.store.database import Store
from tests.e2e.conftest import new_page, wait_ready
from tests.e2e.test_browser import open_spec
from ui import site

# What sticks out: content wider than the window, cards or charts past the right edge, chart text
# drawn outside its own drawing (where the browser cuts it off).
OVERFLOW = """() => {
  const problems = [];
  const width = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  if (main.scrollWidth > main.clientWidth + 1) problems.push(`page ${main.scrollWidth} > ${main.clientWidth}`);
  for (const el of document.querySelectorAll('.tarjeta, [data-testid="stMetric"], .js-plotly-plot')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 1 || r.left < -1)) problems.push(`${el.className} at ${r.left}-${r.right}`);
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const box = plot.querySelector('svg.main-svg').getBoundingClientRect();
    for (const text of plot.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (!r.width || !text.textContent.trim()) continue;
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2)
        problems.push(`«${text.textContent}» cut in ${plot.closest('[class*=st-key]')?.className.match(/st-key-\\S+/)}`);
    }
  }
  return problems;
}"""

CHART_PAGES = [p for p in site.PAGES if p.url in ("inicio", "territorio", "ambitos", "niveles", "explorar")]


@pytest.mark.parametrize("spec", CHART_PAGES, ids=[p.url for p in CHART_PAGES])
def test_every_page_fits_a_projector_and_cuts_no_label(sample_server, projector, spec):
    open_spec(projector, sample_server, spec)
    projector.wait_for_timeout(2500)  # charts and maps finish drawing
    assert projector.evaluate(OVERFLOW) == []


def test_presentation_fits_1280x720_without_scrolling_and_follows_the_arrow_keys(sample_server, projector):
    projector.goto(f"{sample_server.url}/presentar?departamento=Pet%C3%A9n")
    projector.locator(".diapositiva-titulo").wait_for(timeout=60_000)
    total = int(re.search(r"/ (\d+)", projector.get_by_text(re.compile(r"^\d+ / \d+")).first.inner_text()).group(1))
    assert projector.locator("[data-testid=stSidebar]").is_hidden()
    for number in range(1, total + 1):
        projector.wait_for_function(f"() => location.search.includes('diapositiva={number}') || {number} === 1")
        projector.wait_for_timeout(1200)  # the slide draws
        main = projector.locator("[data-testid=stMain]")
        assert main.evaluate("m => m.scrollHeight <= m.clientHeight + 2"), f"slide {number} scrolls"
        assert projector.evaluate(OVERFLOW) == [], f"slide {number}"
        assert projector.locator(".diapositiva-marca").is_visible()
        projector.keyboard.press("ArrowRight")
    assert "diapositiva=" + str(total) in projector.url
    projector.keyboard.press("ArrowLeft")
    projector.wait_for_function(f"() => location.search.includes('diapositiva={total - 1}')")


def download(page, trigger) -> tuple[str, bytes]:
    with page.expect_download(timeout=90_000) as event:
        trigger()
    path = event.value.path()
    return event.value.suggested_filename, open(path, "rb").read()


def is_office(data: bytes, inner: str) -> bool:
    return data[:2] == b"PK" and any(n.startswith(inner) for n in zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_every_download_gives_a_real_file_of_its_kind(fresh_server, browser, tmp_path):
    page = new_page(browser)
    page.goto(f"{fresh_server.url}/explorar?departamento=Pet%C3%A9n")
    wait_ready(page)
    name, data = download(page, lambda: page.get_by_role("button", name="Descargar Excel").click())
    assert re.fullmatch(r"necesidades_Peten_\d{4}-\d{2}-\d{2}\.xlsx", name) and is_office(data, "xl/")
    name, data = download(page, lambda: page.get_by_role("button", name="Descargar CSV").click())
    assert name.endswith(".csv") and data.startswith(b"\xef\xbb\xbfDepartamento,")
    name, data = download(page, lambda: page.get_by_role("button", name="PowerPoint").click())
    assert re.fullmatch(r"presentacion_Peten_\d{4}-\d{2}-\d{2}\.pptx", name) and is_office(data, "ppt/")
    page.goto(f"{fresh_server.url}/territorio")
    wait_ready(page)
    menu = page.locator(".st-key-panel_mapa_departamentos").locator("xpath=following::button[.//*[text()='Imagen']]")
    for label, magic in (("PNG (1920 × 1080)", b"\x89PNG"), ("SVG (vectorial)", b"<svg")):
        menu.first.click()  # the menu's buttons are drawn by the rerun that opening it starts
        page.get_by_role("button", name=label).wait_for(timeout=30_000)
        name, data = download(page, lambda: page.get_by_role("button", name=label).click())
        assert name.startswith("mapa_departamentos_") and data.lstrip()[:4] == magic[:4]
        page.keyboard.press("Escape")
        wait_ready(page)  # closing it reruns the page too
    page.goto(f"{fresh_server.url}/cargar")
    wait_ready(page, counter=False)
    name, data = download(page, lambda: page.get_by_role("button", name="Descargar plantilla").click())
    assert name == "plantilla_necesidades.xlsx" and is_office(data, "xl/")
    page.goto(f"{fresh_server.url}/historial")
    wait_ready(page, counter=False)
    name, data = download(page, lambda: page.get_by_role("button", name="Descargar archivo original").click())
    assert name == "muestra_necesidades.xlsx" and is_office(data, "xl/")
    name, data = download(page, lambda: page.get_by_role("button", name="Descargar el informe (Excel)").click())
    assert name.startswith("informe_carga_") and is_office(data, "xl/")
    assert page.outside_requests == []
    exports = Store(fresh_server.db_url).events().query("action == 'export'")["detail"].map(lambda d: d["archivo"])
    assert sorted(name.split("_")[0] for name in exports) == [  # every export of data is in the activity record
        "informe", "mapa", "mapa", "muestra", "necesidades", "necesidades", "presentacion"]
    page.context.close()


def test_a_view_saved_on_screen_reopens_from_its_short_link(fresh_server, browser):
    page = new_page(browser)
    page.goto(f"{fresh_server.url}/territorio?departamento=Izabal&departamento=Zacapa")
    wait_ready(page)
    page.locator(".st-key-mapa_ambito").click()
    page.get_by_role("option", name="Seguridad Exterior").click()
    page.wait_for_function("() => location.search.includes('mapa_ambito=')", timeout=30_000)
    wait_ready(page)
    page.get_by_role("button", name="Guardar vista").click()
    page.get_by_label("Nombre de la vista").fill("Frontera oriental")
    page.get_by_role("button", name="Guardar", exact=True).click()
    link = page.locator("[data-testid=stCode] code").first
    link.wait_for(timeout=30_000)
    short = link.inner_text().strip()
    assert re.fullmatch(rf"{re.escape(fresh_server.url)}/\?vista=[\w-]{{8}}", short)
    other = new_page(browser)
    other.goto(short)
    other.wait_for_function("() => location.pathname.endsWith('/territorio')", timeout=60_000)
    wait_ready(other)
    assert other.locator(".resumen-filtros").inner_text() == "2 departamentos"
    title = other.locator(".st-key-panel_mapa_departamentos .gtitle")
    title.wait_for(timeout=30_000)
    assert title.text_content() == "Necesidades de Seguridad Exterior por departamento"
    assert "mapa_ambito=Seguridad+Exterior" in other.url or "mapa_ambito=Seguridad%20Exterior" in other.url
    page.context.close()
    other.context.close()
