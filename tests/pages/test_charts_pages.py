"""Resumen, Territorio, Ámbitos, Niveles and Explorar show the numbers of the needs in view."""
from analysis.importer import import_file
from tests.builders import need, simple_xlsx
from tests.pages.conftest import chart, metric

ROWS = [need(), need(municipio="Flores"), need(departamento="Izabal", ambito="Seguridad Exterior", nivel="COCODE"),
        need(departamento="Izabal", necesidad="Extorsiones", institucion="PNC", prioridad="Baja")]


def test_territorio_shows_coverage_gaps_and_municipios(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/territorio.py")
    gaps = next(m.value for m in at.markdown if m.value.startswith("**Sin registros (20)"))
    assert "Guatemala" in gaps and "Petén" not in gaps and "no significa que no haya problemas" in gaps
    assert at.selectbox(key="mapa_departamento").value == "Petén"  # the department with most needs
    assert metric(at, "Necesidades en Petén") == "2"
    assert "1 necesidad de Petén no indica municipio y no aparece en este mapa." in [m.value for m in at.markdown]


def test_territorio_scope_by_ambito(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/territorio.py")
    at.segmented_control(key="mapa_ambito").set_value("Seguridad Exterior").run()
    assert any(m.value.startswith("**Sin registros (21)") for m in at.markdown)


def test_ambitos_ranks_needs_per_domain(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/ambitos.py")
    interior = at.dataframe[0].value
    assert list(interior["necesidad"]) == ["Falta de patrullajes en las aldeas", "Extorsiones"]
    assert list(interior["necesidades"]) == [2, 1]


def test_niveles_draws_the_counts_of_the_data(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/niveles.py")
    (bars,) = chart(at, "niveles_barras")["data"]
    assert dict(zip(bars["y"], bars["x"])) == {"Nacional": 0, "Regional": 0, "Departamental": 0, "Municipal": 3,
                                               "Comunitario": 1}
    heat = chart(at, "niveles_matriz")["data"][0]
    assert heat["y"] == ["Nacional", "Regional", "Departamental", "Municipal", "Comunitario"]
    assert [row[:2] for row in heat["z"]] == [[0, 0], [0, 0], [0, 0], [3, 0], [0, 1]]  # Interior, Exterior
    by_priority = {t["name"]: dict(zip(t["y"], t["x"])) for t in chart(at, "niveles_instituciones_prioridad")["data"]}
    assert by_priority == {"Alta": {"PNC": 3}, "Baja": {"PNC": 1}}
    by_status = {t["name"]: dict(zip(t["y"], t["x"])) for t in chart(at, "niveles_instituciones_estado")["data"]}
    assert by_status == {"Identificada": {"PNC": 4}}


def test_explorar_table_follows_filters_and_offers_downloads(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/explorar.py")
    table = at.dataframe[0].value
    assert len(table) == 4 and set(table["archivo"]) == {"t.xlsx"} and list(table["fila"]) == [4, 5, 2, 3]
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    assert len(at.dataframe[0].value) == 2
    assert [b.label for b in at.get("download_button")] == ["Descargar Excel", "Descargar CSV"]
