"""Whole-file import: all or nothing, duplicates, refusals, per-domain sheets."""
import pytest

from analysis.ingest.importer import analyse_file, import_file
from analysis.reading.refusals import FileRefused
from tests.builders import csv_bytes, need, simple_xlsx, xlsx


def test_valid_rows_imported_and_rejects_reported(store):
    data = simple_xlsx([need(), need(departamento="Narnia"), need(necesidad="Extorsiones")])
    report = import_file(store, data, "taller.xlsx")
    assert (report.status, report.rows_imported, report.rows_rejected) == ("imported", 2, 1)
    assert report.exit_code == 0
    stored = store.needs()
    assert list(stored["fila"]) == [2, 4] and set(stored["archivo"]) == {"taller.xlsx"}
    upload = store.upload(report.upload_id)
    assert upload["rows_imported"] == 2 and upload["column_mapping"]["Departamento"] == "departamento"
    assert store.upload_content(report.upload_id) == data


def test_per_ambito_sheets_without_ambito_column(store):
    header = ["Depto", "Necesidad"]
    data = xlsx({"Instrucciones": [["Una necesidad por fila"]],
                 "Seguridad Interior": [header, ["Petén", "Patrullas"], ["Izabal", "Extorsiones"]],
                 "Gestión de riesgos": [header, ["Sololá", "Deslaves"]]})
    report = import_file(store, data, "mesas.xlsx")
    assert report.rows_imported == 3
    counts = store.needs().groupby("ambito").size().to_dict()
    assert counts == {"Seguridad Interior": 2, "Gestión de Riesgos y Defensa Civil": 1}
    sheets = {s["hoja"]: s for s in analyse_file(data, "mesas.xlsx").sheets}
    assert "no contiene una tabla" in sheets["Instrucciones"]["nota"]


def test_same_bytes_twice_is_a_duplicate_stored_once(store):
    data = simple_xlsx([need()])
    first = import_file(store, data, "a.xlsx")
    again = import_file(store, data, "copia de a.xlsx")
    assert (again.status, again.upload_id, again.exit_code) == ("duplicate", first.upload_id, 0)
    assert "ya se cargó" in again.reason
    assert len(store.uploads()) == 1 and store.count_needs() == 1


def test_strict_mode_aborts_the_whole_file(store):
    report = import_file(store, simple_xlsx([need(), need(nivel="Barrial")]), "a.xlsx", strict=True)
    assert (report.status, report.exit_code, report.rows_imported) == ("rejected", 1, 0)
    assert store.count_needs() == 0 and store.uploads().empty


def test_dry_run_validates_without_storing(store):
    report = import_file(store, simple_xlsx([need()]), "a.xlsx", dry_run=True)
    assert (report.status, report.rows_imported, report.upload_id) == ("imported", 1, None)
    assert store.uploads().empty


def test_missing_departamento_column_refuses_the_file(store):
    report = import_file(store, simple_xlsx([["Municipal", "Patrullas"]], header=["Nivel", "Necesidad"]), "a.xlsx")
    assert (report.status, report.exit_code) == ("rejected", 2)
    assert "falta la columna de Departamento" in report.reason


def test_no_table_of_needs_refuses_the_file():
    with pytest.raises(FileRefused, match="No se encontró una tabla de necesidades"):
        analyse_file(xlsx({"Presupuesto": [["Rubro", "Monto"], ["Vehículos", 1000]]}), "p.xlsx")


def test_header_without_rows_refuses_the_file():
    with pytest.raises(FileRefused, match="no tiene filas de datos"):
        analyse_file(simple_xlsx([]), "vacia.xlsx")


def test_all_rows_invalid_stores_nothing(store):
    report = import_file(store, simple_xlsx([need(departamento="Narnia")]), "a.xlsx")
    assert (report.status, report.exit_code) == ("rejected", 2)
    assert store.uploads().empty


def test_mapping_override_for_an_unusual_header(store):
    data = csv_bytes([["Petén", "Patrullas"]], header=["Lugar del taller", "Planteamiento"])
    refused = import_file(store, data, "a.csv")
    assert refused.status == "rejected"
    report = import_file(store, data, "a.csv", overrides={"Lugar del taller": "departamento"})
    assert report.rows_imported == 1 and report.columns == {"Lugar del taller": "departamento",
                                                            "Planteamiento": "necesidad"}


def test_cp1252_csv_with_semicolons_and_ine_codes(store):
    rows = [need(departamento="05", necesidad="Señalización vial"), need(departamento="3")]
    report = import_file(store, csv_bytes(rows, sep=";", encoding="cp1252"), "viejo.csv")
    assert report.rows_imported == 2
    assert list(store.needs()["departamento"]) == ["Escuintla", "Sacatepéquez"]


def test_hostile_cells_are_stored_as_plain_text(store):
    data = simple_xlsx([need(necesidad="=HYPERLINK(\"http://x\",\"clic\")"), need(institucion="@SUM(1+1)")])
    import_file(store, data, "a.xlsx")
    stored = store.needs()
    assert list(stored["necesidad"])[0] == '=HYPERLINK("http://x","clic")'
    assert list(stored["institucion"])[1] == "@SUM(1+1)"


def test_upper_case_abbreviated_headers(store):
    header = ["NO.", "DEPTO.", "MPIO.", "NIV.", "ÁMB.", "NECESIDAD IDENTIFICADA", "PRIOR.", "INST. RESP.", "FECHA"]
    row = [1, "SOLOLA", "PANAJACHEL", "MUNICIPAL", "GESTION DE RIESGOS", "DESLAVES EN LA CARRETERA", "1", "CONRED",
           "09/11/2017"]
    report = import_file(store, simple_xlsx([row], header=header), "mayusculas.xlsx")
    assert (report.rows_imported, report.rows_rejected) == (1, 0)
    stored = store.needs().iloc[0]
    assert (stored.departamento, stored.municipio, stored.nivel, stored.ambito, stored.prioridad,
            stored.institucion) == ("Sololá", "Panajachel", "Municipal", "Gestión de Riesgos y Defensa Civil", "Alta",
                                    "CONRED")


def test_english_headers_from_partners_with_spanish_values(store):
    header = ["Department", "Municipality", "Level", "Security domain", "Need", "Priority", "Institution", "Date",
              "Status"]
    row = ["Petén", "Flores", "Comunitario", "Seguridad Exterior", "Contrabando por pasos no controlados", "Media",
           "Ejército", "09/11/2017", "En seguimiento"]
    report = import_file(store, simple_xlsx([row], header=header), "partner.xlsx")
    assert report.rows_imported == 1 and report.columns["Security domain"] == "ambito"
    stored = store.needs().iloc[0]
    assert (stored.departamento, stored.municipio, stored.nivel, stored.ambito, stored.necesidad, stored.prioridad,
            stored.institucion, stored.estado) == ("Petén", "Flores", "Comunitario", "Seguridad Exterior",
                                                   "Contrabando por pasos no controlados", "Media", "Ejército",
                                                   "En seguimiento")
    assert stored.fecha.date().isoformat() == "2017-11-09"


def test_html_table_exported_as_xls_by_a_web_system(store):
    from tests.builders import html_xls
    rows = [need(departamento="Sacatepéquez", municipio="Antigua Guatemala", necesidad="Señalización vial"),
            need(departamento="Quiché", necesidad="Linchamientos")]
    report = import_file(store, html_xls(rows, charset="windows-1252", before="<h2>Sistema de seguimiento</h2>"),
                         "exportacion.xls")
    assert (report.rows_imported, report.rows_rejected) == (2, 0)
    stored = store.needs()
    assert list(stored["departamento"]) == ["Sacatepéquez", "Quiché"]
    assert list(stored["necesidad"]) == ["Señalización vial", "Linchamientos"]
    assert list(stored["fila"]) == [3, 4]  # the heading above the table is row 1, as Excel shows it
    assert stored["fecha"].dt.strftime("%d/%m/%Y").tolist() == ["09/11/2017"] * 2
