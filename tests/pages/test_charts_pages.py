"""Resumen, Territorio, Ámbitos, Niveles and Explorar show the numbers of the needs in view."""
import re

from analysis.ingest.importer import import_file
from tests.builders import need, simple_xlsx
from tests.pages.conftest import bar_counts, chart, metric

ROWS = [need(), need(municipio="Flores"), need(departamento="Izabal", ambito="Seguridad Exterior", nivel="COCODE"),
        need(departamento="Izabal", necesidad="Extorsiones", institucion="PNC", prioridad="Baja")]


def captions(at) -> list[str]:
    """Captions as read on screen: Markdown escapes and invisible joiners (`formatting.plain`) removed."""
    return [re.sub(r"\\(.)", r"\1", c.value).replace("\u2060", "") for c in at.caption]


def test_resumen_cards_and_charts_follow_the_data(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/resumen.py")
    assert metric(at, "Departamentos con registros") == "2 de 22"
    assert metric(at, "Departamento con más necesidades") == "Petén e Izabal"  # a tie is said once, the same way
    assert metric(at, "Necesidades en vista") == "4"
    assert bar_counts(chart(at, "panel_ambitos")) == {"Seguridad Interior": 3, "Seguridad Exterior": 1,
                                               "Gestión de Riesgos y Defensa Civil": 0, "Inteligencia de Estado": 0}
    assert "Seguridad Interior concentra el 75 % de las necesidades." in captions(at)
    assert "Petén e Izabal empatan como los departamentos con más necesidades: 2 cada uno (50 %)." in captions(at)
    assert list(chart(at, "panel_departamentos")["data"][0]["y"])[::-1][:2] == ["Petén", "Izabal"]  # top bar first


def test_territorio_tells_coverage_gaps_from_places_outside_the_filter(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/territorio.py")
    gaps = next(m.value for m in at.markdown if m.value.startswith("**Sin registros con los filtros actuales (20)"))
    assert "Guatemala" in gaps and "Petén" not in gaps and "no significa que no haya problemas" in gaps
    assert not any(c.startswith("Fuera del filtro") for c in captions(at))
    at.sidebar.multiselect(key="region").set_value(["III Nororiente"]).run()
    gaps = next(m.value for m in at.markdown if m.value.startswith("**Sin registros"))
    assert gaps.startswith("**Sin registros con los filtros actuales (3):** El Progreso, Zacapa, Chiquimula.")
    outside = next(c for c in captions(at) if c.startswith("Fuera del filtro de lugar"))
    assert outside.startswith("Fuera del filtro de lugar (18 departamentos): Guatemala, ")


def test_territorio_municipio_map_opens_on_the_busiest_department(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/territorio.py")
    box = at.selectbox(key="mapa_departamento")
    assert box.value is None and box.proto.placeholder == "Petén (el de más necesidades)"
    assert metric(at, "Necesidades en Petén") == "2"
    assert "1 necesidad de Petén no indica municipio y no aparece en este mapa." in [m.value for m in at.markdown]
    box.set_value("Izabal").run()
    assert metric(at, "Necesidades en Izabal") == "2"


def test_territorio_scope_by_ambito_colours_the_map_by_that_domain(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/territorio.py")
    at.selectbox(key="mapa_ambito").set_value("Seguridad Exterior").run()
    assert any(m.value.startswith("**Sin registros con los filtros actuales (21)") for m in at.markdown)
    assert ("1 de 22 departamentos tienen necesidades de Seguridad Exterior registradas; Izabal encabeza con 1."
            in captions(at))


def test_ambitos_ranks_needs_per_domain(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/ambitos.py")
    interior = at.dataframe[0].value
    assert list(interior["Necesidad"]) == ["Falta de patrullajes en las aldeas", "Extorsiones"]
    assert list(interior["Veces"]) == [2, 1]
    heat = chart(at, "panel_departamento_ambito")["data"][0]
    assert heat["y"][:3] == ["Guatemala", "El Progreso", "Sacatepéquez"] and len(heat["y"]) == 22
    at.sidebar.multiselect(key="departamento").set_value(["Izabal", "Petén"]).run()
    heat = chart(at, "panel_departamento_ambito")["data"][0]
    assert heat["y"] == ["Petén", "Izabal"]  # only the rows in the filter, in INE order


def test_niveles_draws_the_counts_of_the_data(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/niveles.py")
    assert bar_counts(chart(at, "panel_niveles")) == {"Nacional": 0, "Regional": 0, "Departamental": 0, "Municipal": 3,
                                               "Comunitario": 1}
    heat = chart(at, "panel_nivel_ambito")["data"][0]
    assert heat["y"] == ["Nacional", "Regional", "Departamental", "Municipal", "Comunitario"]
    assert [row[:2] for row in heat["z"]] == [[0, 0], [0, 0], [0, 0], [3, 0], [0, 1]]  # Interior, Exterior
    by_priority = {t["name"]: dict(zip(t["y"], t["x"])) for t in chart(at, "panel_instituciones_prioridad")["data"]
                   if t["type"] == "bar"}
    assert by_priority == {"Alta": {"PNC": 3}, "Baja": {"PNC": 1}}
    by_status = {t["name"]: dict(zip(t["y"], t["x"])) for t in chart(at, "panel_instituciones_estado")["data"]
                 if t["type"] == "bar"}
    assert by_status == {"Identificada": {"PNC": 4}}
    assert "4 de 4 necesidades con institución responsable siguen sin atenderse (100 %)." in captions(at)


def test_explorar_table_follows_filters_with_exact_row_numbers(app, app_store):
    import_file(app_store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/explorar.py")
    table = at.dataframe[0].value
    assert len(table) == 4 and set(table["archivo"]) == {"t.xlsx"} and list(table["fila"]) == [4, 5, 2, 3]
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    assert len(at.dataframe[0].value) == 2
    assert [b.label for b in at.get("download_button") if b.label.startswith("Descargar")] == [
        "Descargar Excel", "Descargar CSV"]
