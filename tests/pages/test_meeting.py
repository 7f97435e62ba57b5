"""Meeting features on the pages: presentation mode, saved views and their short links, the action bar."""
import html
import re

from streamlit.testing.v1 import AppTest

from analysis.presentation.panels import PANELS, Context
from analysis.reports import deck
from analysis.view.filters import Filters
from tests.pages.conftest import DASHBOARD, sidebar_count


def slide_text(at) -> dict[str, list[str]]:
    """What a presentation slide says, by block (titulo, subtitulo, texto, marca)."""
    found: dict[str, list[str]] = {}
    for element in at.get("html"):
        for css, text in re.findall(r"<(?:div|h1) class='diapositiva-(\w+)'>(.*?)</(?:div|h1)>", element.proto.body):
            found.setdefault(css, []).append(html.unescape(text))
    return found


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_presentation_walks_the_same_slides_as_the_powerpoint(app, app_store):
    at = app("pages/presentar.py", {"departamento": ["Petén"]})
    context = Context.of(app_store.needs(), Filters.of(departamento=["Petén"]))
    slides = deck.slides(context)
    keys = [s.key for s in slides]
    assert "municipios" in keys and "departamentos" not in keys  # one departamento: its municipios instead
    assert slide_text(at)["titulo"] == [deck.TITLE]
    assert f"**1 / {len(slides)}**" in at.markdown[0].value and button(at, "Anterior").disabled
    assert "Departamento: Petén" in slide_text(at)["texto"]
    button(at, "Siguiente").click().run()
    assert slide_text(at)["titulo"] == [PANELS[slides[1].key].draw(context).takeaway]
    assert slide_text(at)["subtitulo"] == ["Necesidades por ámbito de seguridad · Petén"]
    assert slide_text(at)["marca"][0].startswith("USO OFICIAL — RESERVADO")
    assert len(at.get("plotly_chart")) == 1
    button(at, "Anterior").click().run()
    assert slide_text(at)["titulo"] == [deck.TITLE]
    last = app("pages/presentar.py", {"departamento": ["Petén"], "diapositiva": str(len(slides))})
    assert slide_text(last)["titulo"] == [deck.METHOD_TITLE] and button(last, "Siguiente").disabled
    assert not any("Datos de ejemplo" in w.value for w in at.warning)  # nothing but the slide


def test_the_arrow_keys_move_between_slides(app):
    at = app("pages/presentar.py")
    assert button(at, "Siguiente").proto.shortcut.lower() == "right"
    assert button(at, "Anterior").proto.shortcut.lower() == "left"


def open_save_menu(at, page_url: str) -> None:
    at.session_state[f"_guardar_vista_{page_url}"] = True  # what a click on «Guardar vista» sets
    at.run()


def test_a_saved_view_reopens_exactly_from_its_short_link(app, app_store):
    at = app("pages/territorio.py")
    at.sidebar.multiselect(key="departamento").set_value(["Izabal", "Zacapa"]).run()
    at.selectbox(key="mapa_ambito").set_value("Seguridad Exterior").run()
    open_save_menu(at, "territorio")
    at.text_input(key="_nombre_vista_territorio").input("Frontera oriental").run()
    button(at, "Guardar").click().run()
    (saved,) = app_store.views.all().itertuples()
    assert (saved.name, saved.page) == ("Frontera oriental", "territorio")
    assert saved.params == {"departamento": ["Izabal", "Zacapa"], "mapa_ambito": "Seguridad Exterior"}
    assert f"/?vista={saved.slug}" in " ".join(c.value for c in at.get("code"))

    reopened = AppTest.from_file(DASHBOARD, default_timeout=60)
    reopened.query_params["vista"] = saved.slug
    reopened.run()
    assert reopened.selectbox(key="mapa_ambito").value == "Seguridad Exterior"
    assert reopened.sidebar.multiselect(key="departamento").value == ["Izabal", "Zacapa"]
    expected = len(Filters.of(departamento=["Izabal", "Zacapa"]).apply(app_store.needs()))
    assert f"{expected}</b> de 1,667 necesidades" in sidebar_count(reopened)


def test_a_missing_view_says_so_and_opens_the_default_page(app):
    at = app(query={"vista": "no-existe"})
    assert any("ya no existe" in t.value for t in at.get("toast"))
    assert "1,667</b> de 1,667 necesidades" in sidebar_count(at)


def test_saved_views_page_lists_renames_and_deletes(app, app_store):
    app_store.views.save("Petén interior", "ambitos", {"departamento": ["Petén"], "ambito": ["Seguridad Interior"]},
                     "ana")
    at = app("pages/vistas.py")
    table = at.dataframe[0].value
    assert list(table["Nombre"]) == ["Petén interior"] and list(table["Página"]) == ["Ámbitos"]
    assert list(table["Filtros"]) == ["Petén · Seguridad Interior"]
    at.text_input(key="_nuevo_nombre").input("Petén: seguridad interior").run()
    button(at, "Renombrar").click().run()
    assert list(app_store.views.all()["name"]) == ["Petén: seguridad interior"]
    button(at, "Eliminar…").click().run()
    button(at, "Sí, eliminar").click().run()
    assert app_store.views.all().empty
    assert any("Todavía no hay vistas guardadas" in i.value for i in at.info)


def test_an_empty_name_is_refused_in_spanish(app, app_store):
    at = app()  # Resumen, the default page («inicio»)
    assert not [b for b in at.button if b.label == "Guardar"]  # the menu's content is drawn only while it is open
    open_save_menu(at, "inicio")
    button(at, "Guardar").click().run()
    assert any(e.value == "Escriba un nombre para la vista." for e in at.error)
    assert app_store.views.all().empty


def test_the_action_bar_offers_presenting_the_powerpoint_and_saving(app):
    at = app("pages/ambitos.py", {"ambito": ["Seguridad Interior"]})
    links = [link for link in at.get("page_link") if link.proto.label == "Presentar"]
    assert links and "ambito=Seguridad+Interior" in links[0].proto.query_string
    assert [b.label for b in at.get("download_button") if b.label == "PowerPoint"] == ["PowerPoint"]


def test_a_saved_view_keeps_the_choices_its_page_declares(app, app_store):
    at = app("pages/explorar.py")
    at.multiselect(key="columnas").set_value(["departamento", "necesidad"]).run()
    at.selectbox(key="orden").set_value("necesidad").run()
    open_save_menu(at, "explorar")
    at.text_input(key="_nombre_vista_explorar").input("Tabla corta").run()
    button(at, "Guardar").click().run()
    (saved,) = app_store.views.all().itertuples()
    assert saved.params == {"columnas": ["departamento", "necesidad"], "orden": "necesidad", "desc": "false",
                            "filas": "50", "pagina": "1"}
