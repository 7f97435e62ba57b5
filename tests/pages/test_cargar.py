"""Cargar datos: see the mapping and the report, correct a column, confirm or cancel."""
from tests.builders import csv_bytes, need, simple_xlsx
from tests.pages.conftest import sidebar_count

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(at, name: str, data: bytes, mime: str = XLSX):
    at.file_uploader[0].set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def test_upload_shows_report_then_imports_and_every_page_follows(app, store):
    at = app("pages/cargar.py")
    data = simple_xlsx([need(), need(departamento="Sacatepeques"), need(departamento="Izabal", nivel="")])
    upload(at, "taller.xlsx", data)
    values = {m.label: m.value for m in at.metric}
    assert values == {"Filas que se importarán": "2", "Filas rechazadas": "1", "Filas con advertencias": "1"}
    report = at.dataframe[-1].value
    assert "¿Quiso decir «Sacatepéquez»?" in " ".join(report["Mensaje"])
    assert list(report["Fila"].dropna()) == [3, 4]
    button(at, "Importar 2 necesidades").click().run()
    assert any("Se importaron 2 necesidades" in s.value for s in at.success)
    assert store.count_needs() == 2  # the sample was hidden by the first real upload
    assert not at.sidebar.multiselect  # no filters here: they do nothing on this page
    at.switch_page("pages/resumen.py").run()
    assert "2</b> de 2 necesidades" in sidebar_count(at)


def test_cancel_stores_nothing(app, store):
    at = app("pages/cargar.py")
    upload(at, "t.xlsx", simple_xlsx([need()]))
    button(at, "Cancelar").click().run()
    assert any("no se guardó nada" in i.value for i in at.info)
    assert len(store.uploads()) == 1  # only the sample


def test_a_missing_column_can_be_assigned_and_the_file_revalidates(app, store):
    at = app("pages/cargar.py")
    data = csv_bytes([["Petén", "Patrullas", "Municipal"]], header=["Lugar del taller", "Necesidad", "Nivel"])
    upload(at, "raro.csv", data, "text/csv")
    assert any("falta la columna de Departamento" in e.value for e in at.error)
    (editor,) = at.data_editor  # the column editor is offered for the headers found
    rows = editor.value
    assert list(rows["Encabezado en el archivo"]) == ["Lugar del taller", "Necesidad", "Nivel"]
    assert list(rows["Dato"]) == ["Evento", "Necesidad", "Nivel"]  # «taller» reads as the workshop
    # The analyst picks «Departamento» for «Lugar del taller» in the editor's first row:
    at.session_state[editor.key] = {"edited_rows": {0: {"Dato": "Departamento"}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Filas que se importarán"] == "1"
    button(at, "Importar 1 necesidad").click().run()
    assert store.needs()["departamento"].tolist() == ["Petén"]


def test_a_refused_file_says_why_in_spanish(app, store):
    at = app("pages/cargar.py")
    upload(at, "roto.xlsx", b"PK\x03\x04 esto no es un libro")
    assert any("el archivo está dañado" in e.value for e in at.error)
    assert not any(b.label.startswith("Importar") for b in at.button)


def test_a_duplicate_is_recognised(app, store):
    from analysis.importer import import_file
    data = simple_xlsx([need()])
    import_file(store, data, "primero.xlsx")
    at = app("pages/cargar.py")
    upload(at, "copia.xlsx", data)
    assert any("ya se cargó antes como «primero.xlsx»" in i.value for i in at.info)


def test_template_is_offered(app):
    at = app("pages/cargar.py")
    assert any(b.label == "Descargar plantilla" for b in at.get("download_button"))
