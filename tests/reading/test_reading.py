"""Reading every format field teams send, and refusing what cannot be read."""
import io

import pytest

from analysis.reading.refusals import FileRefused
from analysis.reading.workbooks import decode_text, read_workbook, sniff_delimiter
from tests.builders import HEADER, csv_bytes, need, ods, simple_xlsx, xls


def test_cp1252_semicolon_csv_keeps_accents():
    data = csv_bytes([need(departamento="Sacatepéquez", necesidad="Señalización en la vía")], sep=";",
                     encoding="cp1252")
    (sheet,) = read_workbook(data, "taller.csv")
    assert sheet.rows[0] == HEADER
    assert sheet.rows[1][0] == "Sacatepéquez"
    assert sheet.rows[1][4] == "Señalización en la vía"


def test_utf8_bom_and_tab_separated():
    data = "\ufeff".encode() + csv_bytes([need()], sep="\t")
    (sheet,) = read_workbook(data, "datos.txt")
    assert sheet.rows[0][0] == "Departamento"
    assert len(sheet.rows[1]) == len(HEADER)


def test_quoted_field_with_newline_and_commas_stays_one_record():
    text = 'Departamento,Necesidad\nPetén,"Falta de patrullas, luz y agua\nen la aldea"\n'
    (sheet,) = read_workbook(text.encode(), "x.csv")
    assert sheet.rows[1] == ["Petén", "Falta de patrullas, luz y agua\nen la aldea"]


def test_semicolon_sniffed_even_when_descriptions_contain_commas():
    text = "Depto;Necesidad;Nivel\n" + "".join(f"Petén;Uno, dos, tres {i};Municipal\n" for i in range(10))
    assert sniff_delimiter(text) == ";"


def test_utf16_export_from_excel_is_decoded():
    assert decode_text("Departamento\tNecesidad\n".encode("utf-16")) == "Departamento\tNecesidad\n"


@pytest.mark.parametrize("builder,name", [(simple_xlsx, "a.xlsx"), (xls, "a.xls"), (ods, "a.ods")])
def test_workbook_formats_read_through_calamine(builder, name):
    sheets = read_workbook(builder([need(necesidad="Alumbrado público")]), name)
    assert sheets[0].rows[1][4] == "Alumbrado público"


def test_xlsm_is_read_like_xlsx():
    assert read_workbook(simple_xlsx([need()]), "macro.xlsm")[0].rows[0][0] == "Departamento"


@pytest.mark.parametrize("data,name,expected", [
    (b"", "vacio.xlsx", "vacío"),
    (b"PK\x03\x04 not really a zip", "roto.xlsx", "dañado"),
    (b"<html><body><p>Su sesi&oacute;n ha expirado</p></body></html>", "web.xls", "sin ninguna tabla"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.csv", "binarios"),
    (b"just some text", "nota.xlsx", "no es un libro"),
])
def test_unreadable_files_are_refused_with_a_spanish_reason(data, name, expected):
    with pytest.raises(FileRefused) as refusal:
        read_workbook(data, name)
    assert expected in str(refusal.value)


def test_truncated_xlsx_is_refused():
    data = simple_xlsx([need()])
    with pytest.raises(FileRefused):
        read_workbook(data[: len(data) // 2], "cortado.xlsx")


def test_a_sheet_formatted_out_to_column_xfd_reads_as_its_data():
    import openpyxl
    from openpyxl.styles import PatternFill
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for i in range(300):
        sheet.append(need(necesidad=f"Necesidad {i}"))
        sheet.cell(i + 2, 16384, " ")  # a stray space in column XFD on every row
    for row in range(400, 3000):  # thousands of styled, empty rows below the data
        sheet.cell(row, 1).fill = PatternFill("solid", fgColor="FFFF00")
        sheet.cell(row, 2).value = ""
    buffer = io.BytesIO()
    workbook.save(buffer)
    (read,) = read_workbook(buffer.getvalue(), "formateado.xlsx")
    assert len(read.rows) == 301
    assert max(len(row) for row in read.rows) == len(HEADER)


def test_data_not_starting_in_a1_keeps_excel_row_and_column_positions():
    from tests.builders import xlsx
    data = xlsx({"Hoja1": [[], [], [None, None, "Departamento", "Necesidad"], [None, None, "Petén", "Patrullas"]]},
                merges={"Hoja1": ["C5:C7"]})
    (sheet,) = read_workbook(data, "a.xlsx")
    assert sheet.rows[2] == ["", "", "Departamento", "Necesidad"]
    assert sheet.rows[3] == ["", "", "Petén", "Patrullas"]
    assert sheet.merged == []  # a merged block wholly below the data is no block of it


def test_html_table_saved_as_xls_is_read_like_a_sheet_with_entities_decoded():
    page = ("<html><head><meta charset='windows-1252'></head><body><h3>Reporte del sistema</h3>"
            "<table><tr><th>Departamento</th><th>&Aacute;mbito</th><th>Necesidad</th></tr>"
            "<tr><td>Pet&eacute;n</td><td>Seguridad&nbsp;Interior</td><td>Falta de patrullas<br>nocturnas</td></tr>"
            "</table></body></html>").encode("cp1252")
    (sheet,) = read_workbook(page, "reporte.xls")
    assert sheet.name == "reporte"
    assert sheet.rows == [["Reporte del sistema"], ["Departamento", "Ámbito", "Necesidad"],
                          ["Petén", "Seguridad\xa0Interior", "Falta de patrullas\nnocturnas"]]


def test_html_cells_spanning_rows_and_columns_are_merged_blocks():
    page = (b"<table><tr><th colspan=2>UBICACI&Oacute;N</th><th rowspan=2>Necesidad</th></tr>"
            b"<tr><th>Departamento</th><th>Municipio</th></tr>"
            b"<tr><td rowspan=2>Pet&eacute;n</td><td>Flores</td><td>Patrullas</td></tr>"
            b"<tr><td>San Benito</td><td>Extorsiones</td></tr></table>")
    (sheet,) = read_workbook(page, "a.xls")
    assert sheet.rows[3] == ["", "San Benito", "Extorsiones"]  # the spanned cell is left to the merged block
    assert sorted(sheet.merged) == [(0, 0, 0, 1), (0, 2, 1, 2), (2, 0, 3, 0)]
