"""The README's recipe for many analysts, run: PostgreSQL, two Streamlit processes, nginx with TLS in front (the
README's own configuration, `tests.recipe`). An upload in one browser reaches a browser served by the other
process after one rerun, and every browser stays on its process."""
import time

import pytest

from analysis.store.database import Store
from tests.builders import need, simple_xlsx
from tests.e2e.conftest import counter, wait_ready
from tests.recipe import Recipe
from tests.support import create_database

PASSWORD = "clave de ana 1234"


@pytest.fixture
def recipe(postgres_admin_url, tmp_path):
    url = create_database(postgres_admin_url, f"receta{time.time_ns()}")
    Store(url).accounts.create("ana", "analista", PASSWORD, actor="prueba")  # the README's migration step, too
    started = Recipe(url, tmp_path / "receta")
    yield started
    started.stop()


def _affinity(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "tablero_afinidad")


def _signed_in_tab(browser, recipe, avoid: set[str] = frozenset()):
    """A new browser signed in through nginx; with `avoid`, one that nginx sends to another process than those."""
    for _ in range(16):  # each new browser lands on either process by chance: 16 misses are 1 in 65,536
        context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="es-GT",
                                      ignore_https_errors=True)
        page = context.new_page()
        page.goto(f"{recipe.url}/")
        page.get_by_role("button", name="Entrar").wait_for(timeout=60_000)
        process = recipe.served_by(_affinity(context))
        if not process & avoid:
            page.get_by_label("Usuario").fill("ana")
            page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Entrar").click()
            wait_ready(page)
            return page, process
        context.close()
    raise AssertionError(f"of sixteen new browsers, none was served only by a process other than {avoid}")


def test_an_upload_behind_nginx_reaches_the_other_process_and_each_browser_keeps_its_own(browser, recipe):
    first, first_process = _signed_in_tab(browser, recipe)
    second, second_process = _signed_in_tab(browser, recipe, avoid=first_process)
    assert counter(first) == counter(second) == "1,667 de 1,667 necesidades"  # the sample, in both processes
    assert next(c for c in first.context.cookies() if c["name"] == "tablero_sesion")["secure"]  # https said so

    first.goto(f"{recipe.url}/cargar")
    first.locator("input[type=file]").set_input_files(files=[{
        "name": "taller.xlsx", "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": simple_xlsx([need(), need(departamento="Izabal", necesidad="Contrabando en la frontera")])}])
    first.get_by_role("button", name="Importar 2 necesidades").click()
    first.get_by_text("Se importaron 2 necesidades").wait_for(timeout=60_000)

    second.locator(".st-key-departamento").click()  # one rerun of the other process's page: a filter chosen
    second.keyboard.type("Pet")
    second.get_by_role("option", name="Petén", exact=True).click()
    second.wait_for_function("() => document.querySelector('.conteo').innerText.includes(' de 2 ')", timeout=30_000)
    assert counter(second) == "1 de 2 necesidades"  # the sample gave way to the first real file, in both

    served = recipe.upstreams()
    assert served[_affinity(first.context)] == first_process and served[_affinity(second.context)] == second_process
    assert len(first_process | second_process) == 2  # two processes, one each, for every request of each browser
    for page in (first, second):
        page.context.close()
