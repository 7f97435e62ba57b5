"""Pivot tables, count sheets and «Resumen» sheets are recognised as summaries: skipped with a note,
never stored as needs, never a reason to refuse the workbook."""
import pytest

from analysis.ingest.importer import analyse_file, import_file
from analysis.reading.refusals import FileRefused
from tests.builders import HEADER, need, xlsx

DATA = [HEADER, need(), need(departamento="Izabal", necesidad="Narcomenudeo cerca de las escuelas"),
        need(departamento="Sololá", ambito="Gestión de riesgos", necesidad="Deslaves en la carretera")]
PIVOT_BY_NIVEL = [["Etiquetas de fila", "Cuenta de Necesidad"], ["Municipal", 3], ["Total general", 3]]
PIVOT_CROSSTAB = [["Cuenta de Necesidad", "Etiquetas de columna"],
                  ["Etiquetas de fila", "Seguridad Interior", "Gestión de Riesgos y Defensa Civil", "Total general"],
                  ["Izabal", 1, None, 1], ["Petén", 1, None, 1], ["Sololá", None, 1, 1], ["Total general", 2, 1, 3]]
COUNT_PER_DEPARTAMENTO = [["Departamento", "Necesidades"], ["Petén", 1], ["Izabal", 1], ["Sololá", 1]]
NIVEL_COUNT = [["Nivel", "Número de necesidades"], ["Municipal", 3]]  # maps nivel + necesidad, no departamento
TOP_NEEDS = [["Departamento", "Necesidad", "Cantidad"], ["Petén", "Falta de patrullajes en las aldeas", 12],
             ["Izabal", "Narcomenudeo cerca de las escuelas", 7]]


def notes(data):
    return {s["hoja"]: s["nota"] for s in analyse_file(data, "libro.xlsx").sheets}


def test_pivot_and_count_sheets_beside_the_data_are_skipped_with_a_note(store):
    data = xlsx({"Datos": DATA, "TD Nivel": PIVOT_BY_NIVEL, "Tabla dinámica": PIVOT_CROSSTAB,
                 "Por departamento": COUNT_PER_DEPARTAMENTO, "Niveles": NIVEL_COUNT, "Principales": TOP_NEEDS})
    report = import_file(store, data, "libro.xlsx")
    assert (report.status, report.rows_imported, report.rows_rejected) == ("imported", 3, 0)
    assert set(store.needs()["hoja"]) == {"Datos"}
    sheet_notes = notes(data)
    assert sheet_notes["Datos"] == ""
    assert "tabla dinámica" in sheet_notes["TD Nivel"] and "tabla dinámica" in sheet_notes["Tabla dinámica"]
    assert "conteo" in sheet_notes["Por departamento"] and "conteo" in sheet_notes["Niveles"]
    assert "conteo" in sheet_notes["Principales"]  # needs listed with their count, beside the list itself


def test_a_summary_sheet_listing_needs_beside_the_data_is_not_imported_again(store):
    top = [["Departamento", "Necesidad principal"], ["Petén", "Falta de patrullajes en las aldeas"]]
    data = xlsx({"Necesidades": DATA, "Resumen": top})
    assert import_file(store, data, "libro.xlsx").rows_imported == 3
    assert "hoja de resumen" in notes(data)["Resumen"]


def test_a_workbook_whose_only_list_is_on_a_sheet_named_resumen_is_imported(store):
    assert import_file(store, xlsx({"Resumen": DATA}), "resumen.xlsx").rows_imported == 3


def test_a_workbook_of_only_summaries_is_refused_clearly():
    data = xlsx({"TD Nivel": PIVOT_BY_NIVEL, "Por departamento": COUNT_PER_DEPARTAMENTO, "Niveles": NIVEL_COUNT})
    with pytest.raises(FileRefused, match="solo contiene resúmenes"):
        analyse_file(data, "resumenes.xlsx")


def test_a_block_of_counts_under_the_data_is_not_read_as_needs(store):
    rows = [*DATA, [], ["RESUMEN POR ÁMBITO"], ["Ámbito", "Cantidad"], ["Seguridad Interior", 2],
            ["Gestión de Riesgos y Defensa Civil", 1], ["Total", 3]]
    report = import_file(store, xlsx({"Datos": rows}), "con_resumen.xlsx")
    assert (report.rows_imported, report.rows_rejected) == (3, 0)


def test_a_numbered_need_column_is_an_index_not_a_count(store):
    rows = [["No. de necesidad", "Departamento", "Necesidad"], [1, "Petén", "Extorsiones a comercios"],
            [2, "Izabal", "Robo de ganado"], [3, "Sololá", "Deslaves"]]
    assert import_file(store, xlsx({"Resumen": rows}), "numeradas.xlsx").rows_imported == 3


def test_a_list_of_needs_with_a_quantity_column_is_imported_when_it_is_the_only_list(store):
    rows = [["Departamento", "Necesidad", "Cantidad"], ["Petén", "Patrullas para la subestación", 4],
            ["Izabal", "Cámaras de videovigilancia", 12]]
    report = import_file(store, xlsx({"Necesidades": rows}), "cantidades.xlsx")
    assert report.rows_imported == 2
