"""Resumen, Territorio, Ámbitos, Niveles and Explorar show the numbers of the needs in view."""
from analysis.importer import import_file
from tests.builders import need, simple_xlsx
from tests.pages.conftest import metric

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
    assert not at.exception


def test_niveles_renders_institutions(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/niveles.py")
    assert not at.exception and len(at.get("plotly_chart")) == 4


def test_explorar_table_follows_filters_and_offers_downloads(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/explorar.py")
    table = at.dataframe[0].value
    assert len(table) == 4 and set(table["archivo"]) == {"t.xlsx"} and list(table["fila"]) == [4, 5, 2, 3]
    at.sidebar.multiselect(key="departamento").set_value(["Izabal"]).run()
    assert len(at.dataframe[0].value) == 2
    assert [b.label for b in at.get("download_button")] == ["Descargar Excel", "Descargar CSV"]


def test_explorar_offers_the_ine_codes_as_columns(app, store):
    import_file(store, simple_xlsx(ROWS), "t.xlsx")
    at = app("pages/explorar.py")
    at.multiselect(key="tabla_columnas").set_value(["municipio", "codigo_municipio", "codigo_departamento"]).run()
    at.selectbox(key="tabla_orden").set_value("codigo_municipio").run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["municipio", "codigo_municipio", "codigo_departamento"]
    assert table["codigo_municipio"].iloc[0] == 1701 and set(table["codigo_departamento"]) == {17, 18}
