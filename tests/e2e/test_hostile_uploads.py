"""Hostile files uploaded through the real file input of a real `streamlit run`: each is refused in Spanish
naming the limit it broke, and the server keeps answering everyone (it used to die, for every user)."""
import urllib.request

from analysis.store.database import Store
from tests.builders import need, simple_xlsx
from tests.e2e.conftest import wait_ready
from tests.ingest.test_sandbox import HOSTILE


def test_hostile_uploads_are_refused_and_the_server_keeps_answering(fresh_server, page, tmp_path):
    needs_before = Store(fresh_server.db_url).count_needs()
    page.goto(f"{fresh_server.url}/cargar")
    wait_ready(page, counter=False)
    for name, (build, words) in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(build())
        page.locator("input[type=file]").set_input_files(str(path))
        refusal = page.locator("[data-testid=stAlert]", has_text=words[0])
        refusal.wait_for(timeout=60_000)
        assert all(word in refusal.inner_text() for word in words), refusal.inner_text()
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.get_by_text("Connection error").count() == 0
    assert urllib.request.urlopen(f"{fresh_server.url}/_stcore/health", timeout=10).read() == b"ok"
    assert fresh_server.process.poll() is None
    assert Store(fresh_server.db_url).count_needs() == needs_before

    # The same page still reads a good file.
    good = tmp_path / "taller_bueno.xlsx"
    good.write_bytes(simple_xlsx([need(), need(departamento="Izabal")]))
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Importar 2 necesidades").wait_for(timeout=60_000)
