"""In Chromium: the sign-in door, what a reader can reach, and users' text shown exactly as written."""
from analysis.store.database import Store
from tests.builders import need, simple_xlsx
from tests.e2e.conftest import counter, wait_ready
from ui import site

HOSTILE_NAME = "**negrita** <img src=http://ejemplo.invalid/x.png> [enlace](http://ejemplo.invalid).xlsx"
HOSTILE_INSTITUTION = "<b>PNC</b> <i>SAAS</i>"


def sign_in(page, server, username: str, password: str, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña", exact=True).fill(password)
    page.get_by_role("button", name="Entrar").click()
    wait_ready(page)


def test_only_the_sign_in_until_signed_in_and_a_reader_has_no_way_to_load(fresh_server, page):
    accounts = Store(fresh_server.db_url).accounts
    accounts.create("luis", "lector", "clave de luis 1", actor="prueba")
    for spec in site.PAGES:
        page.goto(f"{fresh_server.url}/{'' if spec.default else spec.url}")
        page.get_by_role("button", name="Entrar").wait_for(timeout=60_000)
        page.locator("[data-testid=stSidebar]").wait_for(state="hidden", timeout=10_000)  # its style may come a moment later
        assert page.locator(".js-plotly-plot").count() == 0 and page.locator(".conteo").count() == 0
    assert page.outside_requests == []
    sign_in(page, fresh_server, "luis", "clave de luis 1")
    assert counter(page) == "1,667 de 1,667 necesidades"
    links = [text.split("\n")[-1] for text in page.locator("[data-testid=stSidebarNav] a").all_inner_texts()]
    assert "Resumen" in links and "Cargar datos" not in links and "Administración" not in links
    assert page.get_by_role("button", name="Quitar ejemplo").count() == 0
    page.goto(f"{fresh_server.url}/cargar")  # typed by hand: the session goes on (its cookie), the page is refused
    wait_ready(page)
    assert page.get_by_role("heading", name="Resumen de necesidades de seguridad").count() == 1
    assert page.locator("input[type=file]").count() == 0
    page.get_by_role("dialog").get_by_text("Página no encontrada").wait_for(timeout=10_000)  # said in Spanish
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Salir").click()
    page.get_by_role("button", name="Entrar").wait_for(timeout=60_000)


def test_names_and_values_from_a_file_are_shown_as_written_never_as_markup(fresh_server, page, tmp_path):
    path = tmp_path / "taller.xlsx"
    path.write_bytes(simple_xlsx([need(institucion=HOSTILE_INSTITUTION, necesidad=text) for text in (
        "Falta de patrullajes en las aldeas", "Alumbrado público en el centro", "Cámaras en el mercado")]))
    page.goto(f"{fresh_server.url}/cargar")
    wait_ready(page, counter=False)
    page.locator("input[type=file]").set_input_files(files=[{
        "name": HOSTILE_NAME, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": path.read_bytes()}])
    page.get_by_role("button", name="Importar 3 necesidades").click()
    page.get_by_text("Se importaron 3 necesidades").wait_for(timeout=60_000)
    page.goto(f"{fresh_server.url}/historial")
    wait_ready(page, counter=False)
    details = page.locator("[data-testid=stMarkdownContainer]", has_text="Archivo:").inner_text()
    assert HOSTILE_NAME in details.replace("\u2060", "")  # an invisible joiner keeps «http:» from becoming a link
    assert page.locator("a[href*='ejemplo.invalid'], img[src*='ejemplo.invalid']").count() == 0
    page.goto(f"{fresh_server.url}/ambitos")
    wait_ready(page)
    chart = page.locator(".st-key-panel_instituciones_ambito")
    chart.get_by_text(HOSTILE_INSTITUTION).first.wait_for(timeout=30_000)  # tags as text, not bold
    assert page.locator(".js-plotly-plot a[href*='ejemplo.invalid'], img[src*='ejemplo.invalid'], "
                        "a[href*='ejemplo.invalid']").count() == 0
    assert page.outside_requests == []
