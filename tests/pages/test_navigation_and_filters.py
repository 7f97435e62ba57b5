"""Every page renders; the shared filters narrow every number and live in the URL."""
import pytest

from analysis.ingest.importer import import_file
from analysis.view.filters import Filters
from tests.builders import need, simple_xlsx
from tests.pages.conftest import DASHBOARD, DATA_PAGES, PAGES, metric, sidebar_count
from ui import site


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample_with_filters_only_where_they_act(app, page):
    at = app(page)
    if page in DATA_PAGES:
        assert "1,667</b> de 1,667 necesidades" in sidebar_count(at)
        assert at.sidebar.multiselect(key="departamento").options[0] == "Guatemala"
    else:
        assert not at.sidebar.multiselect and not at.sidebar.markdown
    sample_notice = any("Datos de ejemplo" in w.value for w in at.warning)
    assert sample_notice is next(p.banner for p in site.PAGES if p.path == page)  # e.g. none when presenting


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_data_page_explains_an_empty_store(app, app_store, page):
    app_store.delete_upload(1, actor="prueba")  # an emptied app_store: the sample is not loaded again
    at = app(page)
    assert "0</b> de 0 necesidades" in sidebar_count(at)
    assert any("Todavía no hay necesidades" in i.value for i in at.info)


def test_an_empty_store_opens_with_the_sample(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nueva.db'}")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert "1,667</b> de 1,667 necesidades" in sidebar_count(at)
    assert any("Datos de ejemplo" in w.value for w in at.warning)


def test_filters_change_the_numbers_and_the_url(app, app_store):
    import_file(app_store, simple_xlsx([need(), need(departamento="Izabal", ambito="Seguridad Exterior"),
                                    need(departamento="Izabal", necesidad="Extorsiones a transportistas")]),
                "real.xlsx")
    at = app()
    assert metric(at, "Necesidades en vista") == "3"
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    assert metric(at, "Necesidades en vista") == "2"
    assert metric(at, "Departamentos con registros") == "1 de 1"  # counted within the place filter
    assert "2</b> de 3 necesidades" in sidebar_count(at) and "Izabal" in sidebar_count(at)
    at.sidebar.text_input(key="buscar").input("EXTORSION").run()
    assert metric(at, "Necesidades en vista") == "1"
    at.sidebar.button[0].click().run()  # «Limpiar»
    assert metric(at, "Necesidades en vista") == "3"
    at.sidebar.button[1].click().run()  # «Deshacer» brings the filters back…
    assert metric(at, "Necesidades en vista") == "1"
    at.sidebar.button[1].click().run()  # …and each change made by hand, one at a time
    assert metric(at, "Necesidades en vista") == "2" and at.sidebar.text_input(key="buscar").value == ""
    at.sidebar.button[1].click().run()
    assert metric(at, "Necesidades en vista") == "3" and at.sidebar.multiselect(key="departamento").value == []
    assert at.sidebar.button[1].disabled


def test_municipio_options_narrow_to_the_chosen_department(app, app_store):
    import_file(app_store, simple_xlsx([need(municipio="Flores"), need(departamento="Izabal", municipio="Livingston")]),
                "m.xlsx")
    at = app()
    assert set(at.sidebar.multiselect(key="municipio").options) == {"Flores", "Livingston"}
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    assert at.sidebar.multiselect(key="municipio").options == ["Livingston"]


def test_a_shared_url_reopens_the_same_view(app, app_store, app_db):
    import_file(app_store, simple_xlsx([need(), need(departamento="Izabal"), need(departamento="Izabal",
                                                                              nivel="Comunitario")]), "u.xlsx")
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["departamento"] = ["Izabal"]
    at.query_params["nivel"] = ["Comunitario"]
    at.run()
    assert metric(at, "Necesidades en vista") == "1"
    assert "Izabal · Comunitario" in sidebar_count(at)


def test_removing_the_sample_in_one_click(app):
    at = app()
    next(b for b in at.button if b.label == "Quitar ejemplo").click().run()
    assert "0</b> de 0 necesidades" in sidebar_count(at)
    assert not any("Datos de ejemplo" in w.value for w in at.warning)


@pytest.mark.shows_unexpected_error
def test_an_unreachable_database_shows_a_spanish_message_not_a_traceback(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from analysis.store.outages import UNREACHABLE
    monkeypatch.setenv("DATABASE_URL", "postgresql://nadie@127.0.0.1:1/ninguna")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [UNREACHABLE]  # what happened and what to do, in one sentence


def test_filters_persist_when_switching_pages_and_nothing_matching_says_so(app, app_store):
    import_file(app_store, simple_xlsx([need(), need(departamento="Izabal")]), "p.xlsx")
    at = app()
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    at.switch_page("pages/explorar.py")
    at.run()
    assert "1</b> de 2 necesidades" in sidebar_count(at) and len(at.dataframe[0].value) == 1
    at.sidebar.text_input(key="buscar").input("zzzz").run()
    assert any("Ninguna necesidad coincide con los filtros" in w.value for w in at.warning)
    assert not at.exception


def test_the_default_page_name_in_an_address_forwards_with_its_filters(app, app_store):
    at = app("pages/resumen.py", {"departamento": ["Petén"], "ambito": ["Seguridad Interior"]})
    assert not at.error
    assert at.title[0].value == "Resumen de necesidades de seguridad"
    expected = len(Filters.of(departamento=["Petén"], ambito=["Seguridad Interior"]).apply(app_store.needs()))
    assert f"{expected}</b> de 1,667 necesidades" in sidebar_count(at)


def test_the_theme_filter_narrows_the_count_and_lives_in_the_url(app, app_store):
    import_file(app_store, simple_xlsx([need(necesidad="Extorsiones a transportistas"), need(necesidad="Cobro de renta"),
                                    need(departamento="Izabal", necesidad="Contrabando de mercancías"),
                                    need(departamento="Izabal", necesidad="Falta de alumbrado público")]), "t.xlsx")
    at = app()
    assert metric(at, "Necesidades en vista") == "4"
    box = at.sidebar.multiselect(key="tema")
    assert box.label == "Tema" and box.options[-1] == "Otros temas" and "Extorsión" in box.options
    box.set_value(["Extorsión", "Contrabando"]).run()
    assert metric(at, "Necesidades en vista") == "3"
    assert "3</b> de 4 necesidades" in sidebar_count(at) and "2 temas" in sidebar_count(at)
    from tests.pages.conftest import chart
    assert {"tema": "Extorsión"} in chart(at, "panel_temas")["data"][0]["meta"]  # a click on a bar narrows by tema
    reopened = app(None, {"tema": ["Contrabando"]})
    assert metric(reopened, "Necesidades en vista") == "1" and "Contrabando" in sidebar_count(reopened)
