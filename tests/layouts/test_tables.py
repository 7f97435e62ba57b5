"""Finding the table of needs in sheets laid out as workshops lay them out."""
from analysis.layouts.tables import find_tables
from analysis.reading.workbooks import Sheet, read_workbook
from tests.builders import HEADER, need, xlsx


def only_table(sheet):
    """The one table a sheet holds."""
    (table,) = find_tables(sheet)
    return table


def test_header_below_a_merged_title_block_and_blank_rows():
    data = xlsx({"Datos": [["Taller de identificación de necesidades"], ["Antigua Guatemala, noviembre 2017"], [],
                           [], HEADER, need(), need(necesidad="Extorsiones")]},
                merges={"Datos": ["A1:J1", "A2:J2"]})
    table = only_table(read_workbook(data, "t.xlsx")[0])
    assert table.header_row == 5
    assert table.row_numbers == [6, 7]


def test_blank_rows_total_row_notes_and_repeated_header_are_not_needs():
    rows = [HEADER, need(), [], need(necesidad="Extorsiones"), HEADER, need(necesidad="Robo de ganado"),
            ["TOTAL", None, None, None, 3], ["Fuente: mesas de trabajo del taller"]]
    table = only_table(Sheet("Datos", rows))
    assert table.row_numbers == [2, 4, 6]


def test_a_need_that_begins_with_the_word_total_is_kept():
    rows = [HEADER, need(necesidad="Total abandono del puesto de salud")]
    assert only_table(Sheet("Datos", rows)).row_numbers == [2]


def test_instructions_sheet_has_no_table():
    sheet = Sheet("Instrucciones", [["Llene una fila por necesidad"], ["Departamento", "Escriba el nombre"]])
    assert find_tables(sheet) == []


def test_sheet_name_supplies_ambito_and_departamento():
    header = ["Departamento", "Necesidad"]
    assert only_table(Sheet("Gestión de riesgos", [header])).defaults["ambito"] == "Gestión de Riesgos y Defensa Civil"
    assert only_table(Sheet("PETEN", [["Municipio", "Necesidad"]])).defaults["departamento"] == "Petén"


def test_values_stated_in_the_title_block_become_defaults():
    rows = [["Departamento: Sololá"], ["Evento", "Taller de Panajachel"], [], ["Municipio", "Nivel", "Necesidad"]]
    table = only_table(Sheet("Hoja1", rows))
    assert table.defaults == {"departamento": "Sololá", "evento": "Taller de Panajachel"}


def test_heading_rows_name_the_ambito_or_departamento_of_the_rows_below():
    header = ["No.", "Departamento", "Necesidad"]
    rows = [header, ["SEGURIDAD INTERIOR"], [1, "Petén", "Patrullas"], [2, "Izabal", "Extorsiones"],
            ["Gestión de Riesgos y Defensa Civil"], [3, "Sololá", "Deslaves"], [None, None, "Riesgo de inundación"]]
    table = only_table(Sheet("Matriz", rows))
    assert table.row_numbers == [3, 4, 6, 7]
    assert [s.get("ambito") for s in table.sections] == ["Seguridad Interior", "Seguridad Interior",
                                                          "Gestión de Riesgos y Defensa Civil",
                                                          "Gestión de Riesgos y Defensa Civil"]


def test_a_title_block_line_that_looks_like_a_header_gives_way_to_the_real_header():
    rows = [["Necesidades del taller", "Departamento: Petén"], ["Fecha", "09/11/2017"], [],
            ["No.", "Municipio", "Nivel", "Necesidad"], [1, "Flores", "Municipal", "Extorsiones a comercios"]]
    (table,) = find_tables(Sheet("Hoja1", rows))
    assert (table.header_row, table.row_numbers) == (4, [5])
    assert table.defaults == {"departamento": "Petén", "fecha": "09/11/2017"}


def test_rows_without_description_before_another_table_stay_to_be_rejected():
    rows = [["Departamento", "Nivel", "Necesidad"], ["Petén", "Municipal", ""], [], ["MESA 2"],
            ["Necesidad", "Departamento", "Ámbito"], ["Deslaves en la carretera", "Sololá", "Riesgos"]]
    assert [(t.header_row, t.row_numbers) for t in find_tables(Sheet("Hoja1", rows))] == [(1, [2]), (5, [6])]


def test_subtotal_lines_with_their_label_are_skipped():
    rows = [["Departamento", "Necesidad"], ["Petén", "Extorsiones a comercios"], ["Subtotal Petén: 1"],
            ["Totonicapán", "Deslaves en la carretera"], ["Subtotal", 1], ["TOTAL GENERAL", 2]]
    assert only_table(Sheet("Hoja1", rows)).row_numbers == [2, 4]
