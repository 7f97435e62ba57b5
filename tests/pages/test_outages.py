"""Clicks that meet a stopped PostgreSQL or a full disk: one Spanish sentence that says what happened and what to
do, never Streamlit's English error page, and nothing changed."""
from sqlalchemy import event

from analysis.ingest.importer import import_file
from analysis.store.database import Store
from analysis.store.outages import DISK_FULL, UNREACHABLE
from tests.builders import need, simple_xlsx
from tests.pages.conftest import open_page
from tests.pages.test_cargar import button, upload
from tests.support import create_database


def ask_to_delete(at):
    button(at, "Eliminar carga…").click().run()
    return button(at, "Sí, eliminar")


def said(at) -> list[str]:
    assert not at.exception, at.exception
    return [e.value for e in at.error]


def test_clicks_with_the_database_stopped_say_so_in_spanish(stoppable_postgres, monkeypatch):
    url = create_database(stoppable_postgres.url(), "tablero")
    store = Store(url)
    import_file(store, simple_xlsx([need()]), "taller.xlsx", user="ana")
    store.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    history = open_page("pages/historial.py")
    delete = ask_to_delete(history)
    loading = upload(open_page("pages/cargar.py"), "nuevo.xlsx", simple_xlsx([need(departamento="Izabal")]))
    importing = button(loading, "Importar 1 necesidad")

    stoppable_postgres.stop()
    delete.click().run()
    assert said(history) == [UNREACHABLE]
    importing.click().run()
    assert said(loading) == [UNREACHABLE]


def test_an_import_on_a_full_disk_says_so_in_spanish_and_stores_nothing(app, app_store):
    from ui import data
    loading = upload(app("pages/cargar.py"), "nuevo.xlsx", simple_xlsx([need(departamento="Izabal")] * 50))
    engine = data.store().engine  # the dashboard's own: from now on its database may not grow
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    def no_growth(dbapi, _record):
        dbapi.execute(f"PRAGMA max_page_count = {pages}")
    event.listen(engine, "connect", no_growth)
    engine.dispose()
    before = len(app_store.uploads())
    try:
        button(loading, "Importar 50 necesidades").click().run()
        assert said(loading)[0] == DISK_FULL
    finally:
        engine.dispose()
        event.remove(engine, "connect", no_growth)
    assert len(app_store.uploads()) == before
