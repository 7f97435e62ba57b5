"""Layouts offices really produce: merged blocks, two-row headers, stacked tables, printed reports.

Each workbook is built in code the way an office makes it, imported through the real
store, and the stored needs are checked field by field.
"""
from analysis.ingest.importer import analyse_file, import_file
from tests.builders import html_xls, xls, xlsx

ROBO, DESLAVES = "Robo de ganado en las fincas", "Deslaves en la carretera principal"


def stored(store, *fields):
    return [tuple(row) for row in store.needs()[list(fields)].itertuples(index=False)]


def test_values_merged_down_a_block_apply_to_every_row_it_spans(store):
    rows = [["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad"],
            ["Petén", "Flores", "Municipal", "Seguridad Interior", "Extorsiones a comercios del mercado"],
            [None, "San Benito", None, None, "Falta de alumbrado en el parque central"],
            [None, "San Andrés", "Comunitario", None, ROBO],
            ["Izabal", "Puerto Barrios", "Municipal", "Gestión de riesgos", "Inundaciones por desborde del río"],
            [None, "Livingston", None, None, "Falta de albergues temporales equipados"],
            [None, None, None, None, None],  # inside the merged blocks but empty: not a need
            [None, "Morales", "Municipal", "Interior", "Asaltos en la carretera al Atlántico"]]  # not merged
    merges = ["A2:A4", "C2:C3", "D2:D4", "A5:A7", "C5:C7", "D5:D7"]
    report = import_file(store, xlsx({"Matriz": rows}, {"Matriz": merges}), "combinadas.xlsx")
    assert (report.rows_imported, report.rows_rejected) == (6, 0)
    assert stored(store, "departamento", "municipio", "nivel", "ambito", "fila") == [
        ("Petén", "Flores", "Municipal", "Seguridad Interior", 2),
        ("Petén", "San Benito", "Municipal", "Seguridad Interior", 3),
        ("Petén", "San Andrés", "Comunitario", "Seguridad Interior", 4),
        ("Izabal", "Puerto Barrios", "Municipal", "Gestión de Riesgos y Defensa Civil", 5),
        ("Izabal", "Livingston", "Municipal", "Gestión de Riesgos y Defensa Civil", 6),
        ("Izabal", "Morales", "Municipal", "Seguridad Interior", 8),  # Morales is in Izabal: inferred, not filled
    ]


def test_a_blank_departamento_that_is_not_merged_stays_unspecified(store):
    rows = [["Departamento", "Nivel", "Necesidad"], ["Petén", "Municipal", ROBO], [None, "Municipal", DESLAVES]]
    report = import_file(store, xlsx({"Hoja1": rows}), "sin_combinar.xlsx")
    assert stored(store, "departamento") == [("Petén",), ("Sin especificar",)]
    assert [(p.row, p.column) for p in report.problems if p.row] == [(3, "Departamento")]


def test_group_cells_over_a_two_row_header(store):
    rows = [["TALLER DE IDENTIFICACIÓN DE NECESIDADES — REGIÓN NORTE"],
            ["No.", "UBICACIÓN", None, "Nivel", "NECESIDAD IDENTIFICADA", "RESPONSABLE", None],
            [None, "Departamento", "Municipio", None, None, "Institución", "Fecha"],
            [1, "Alta Verapaz", "Cobán", "Municipal", "Falta de patrullas en el área rural", "PNC", "09/11/2017"],
            [2, "Baja Verapaz", "Salamá", "Departamental", DESLAVES, "CONRED", "10/11/2017"]]
    merges = ["A1:G1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:G2"]
    report = import_file(store, xlsx({"Norte": rows}, {"Norte": merges}), "dos_filas.xlsx")
    assert report.columns == {"Departamento": "departamento", "Municipio": "municipio", "Nivel": "nivel",
                              "NECESIDAD IDENTIFICADA": "necesidad", "Institución": "institucion", "Fecha": "fecha"}
    assert stored(store, "departamento", "municipio", "nivel", "institucion", "fila") == [
        ("Alta Verapaz", "Cobán", "Municipal", "PNC", 4), ("Baja Verapaz", "Salamá", "Departamental", "CONRED", 5)]


def test_a_two_row_header_without_merged_cells_takes_names_from_both_rows(store):
    from tests.builders import csv_bytes
    rows = [["", "Municipio", "", ""], ["Petén", "Flores", "Municipal", ROBO]]
    data = csv_bytes(rows, header=["Departamento", "", "Nivel", "Necesidad"])
    report = import_file(store, data, "dos_filas.csv")
    assert report.rows_imported == 1 and report.columns["Municipio"] == "municipio"
    assert stored(store, "departamento", "municipio", "fila") == [("Petén", "Flores", 3)]


def test_stacked_tables_each_with_its_title_header_and_column_order(store):
    rows = [["CONSOLIDADO DEL SEMINARIO DE GOBERNANZA LOCAL Y SEGURIDAD"], [],
            ["MESA 1: SEGURIDAD INTERIOR"],
            ["Departamento", "Nivel", "Necesidad"],
            ["Petén", "Municipal", "Extorsiones a comercios del mercado"],
            ["Izabal", "Comunitario", "Narcomenudeo cerca de las escuelas"],
            [], [],
            [None, "MESA 2: GESTIÓN DE RIESGOS"],
            [None, "Necesidad", "Departamento", "Prioridad"],
            [None, DESLAVES, "Sololá", "Alta"],
            [None, "Sin sistema de alerta temprana comunitario", "Escuintla", "Media"],
            [],
            ["MESA 3 — PETÉN"],
            ["Municipio", "Ámbito", "Descripción de la necesidad"],
            ["Flores", "Seguridad Exterior", "Contrabando por pasos fronterizos no controlados"]]
    data = xlsx({"Mesas": rows})
    report = import_file(store, data, "mesas.xlsx")
    assert (report.rows_imported, report.rows_rejected) == (5, 0), report.problems
    assert stored(store, "departamento", "municipio", "ambito", "nivel", "prioridad", "necesidad", "fila") == [
        ("Petén", "", "Seguridad Interior", "Municipal", "", "Extorsiones a comercios del mercado", 5),
        ("Izabal", "", "Seguridad Interior", "Comunitario", "", "Narcomenudeo cerca de las escuelas", 6),
        ("Sololá", "", "Gestión de Riesgos y Defensa Civil", "Sin especificar", "Alta", DESLAVES, 11),
        ("Escuintla", "", "Gestión de Riesgos y Defensa Civil", "Sin especificar", "Media",
         "Sin sistema de alerta temprana comunitario", 12),
        ("Petén", "Flores", "Seguridad Exterior", "Sin especificar", "", "Contrabando por pasos fronterizos no controlados",
         16),
    ]
    sheets = analyse_file(data, "mesas.xlsx").sheets
    assert [(s["fila_encabezado"], s["filas"], s["nota"]) for s in sheets] == [
        (4, 2, "Tabla «MESA 1: SEGURIDAD INTERIOR»"), (10, 2, "Tabla «MESA 2: GESTIÓN DE RIESGOS»"),
        (15, 1, "Tabla «MESA 3 — PETÉN»")]


def test_a_printed_report_skips_page_headers_footers_and_the_closing_total(store):
    title, header = ["SISTEMA DE SEGUIMIENTO — REPORTE DE NECESIDADES"], ["Departamento", "Nivel", "Necesidad"]
    rows = [title, ["Fecha de impresión: 12/03/2018"], header,
            ["Petén", "Municipal", "Extorsiones a comercios del mercado"],
            ["Izabal", "Comunitario", "Narcomenudeo cerca de las escuelas"],
            ["", "", "", "Página 1 de 2"],
            title, ["Fecha de impresión: 12/03/2018"], header,
            ["Sololá", "Municipal", DESLAVES],
            ["Total de registros: 3"],
            ["", "", "", "Página 2 de 2"]]
    report = import_file(store, xls(rows[1:], header=rows[0]), "reporte.xls")
    assert (report.rows_imported, report.rows_rejected, report.rows_warned) == (3, 0, 0)
    assert stored(store, "departamento", "fila") == [("Petén", 4), ("Izabal", 5), ("Sololá", 10)]


def test_html_export_with_spanning_cells_and_a_report_title(store):
    page = ("<html><body><h2>Reporte de necesidades &mdash; Regi&oacute;n Norte</h2><table border=1>"
            "<tr><th rowspan=2>No.</th><th colspan=2>UBICACI&Oacute;N</th><th rowspan=2>Necesidad</th></tr>"
            "<tr><th>Departamento</th><th>Municipio</th></tr>"
            "<tr><td>1</td><td rowspan=2>Alta Verapaz</td><td>Cob&aacute;n</td><td>Falta de patrullas nocturnas</td></tr>"
            "<tr><td>2</td><td>Chisec</td><td>Robo&nbsp;de ganado en las fincas</td></tr>"
            "</table></body></html>").encode()
    report = import_file(store, page, "exportacion.xls")
    assert (report.rows_imported, report.rows_rejected) == (2, 0)
    assert stored(store, "departamento", "municipio", "necesidad", "fila") == [
        ("Alta Verapaz", "Cobán", "Falta de patrullas nocturnas", 4), ("Alta Verapaz", "Chisec", ROBO, 5)]


def test_html_builder_round_trip_keeps_every_field(store):
    from tests.builders import need
    report = import_file(store, html_xls([need(nivel="Comunitario", prioridad="Baja")]), "web.xls")
    assert report.rows_imported == 1
    assert stored(store, "nivel", "prioridad", "institucion") == [("Comunitario", "Baja", "PNC")]


def test_values_merged_down_a_libreoffice_sheet_apply_to_every_row(store):
    from tests.builders import ods_with_merges
    rows = [["Departamento", "Ámbito", "Necesidad"], ["Petén", "Seguridad Interior", ROBO],
            [None, None, "Extorsiones a comercios del mercado"], ["Sololá", "Gestión de riesgos", DESLAVES]]
    report = import_file(store, ods_with_merges(rows, [(1, 0, 2, 0), (1, 1, 2, 1)]), "libreoffice.ods")
    assert (report.rows_imported, report.rows_rejected, report.rows_warned) == (3, 0, 0)
    assert stored(store, "departamento", "ambito") == [
        ("Petén", "Seguridad Interior"), ("Petén", "Seguridad Interior"),
        ("Sololá", "Gestión de Riesgos y Defensa Civil")]


def test_xml_spreadsheet_2003_exported_as_xls(store):
    page = b"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Reporte"><Table>
  <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">REPORTE DE NECESIDADES</Data></Cell></Row>
  <Row ss:Index="3"><Cell><Data ss:Type="String">Departamento</Data></Cell><Cell><Data ss:Type="String">Nivel</Data></Cell>
   <Cell><Data ss:Type="String">Necesidad</Data></Cell><Cell><Data ss:Type="String">Fecha</Data></Cell></Row>
  <Row><Cell ss:MergeDown="1"><Data ss:Type="String">Pet\xc3\xa9n</Data></Cell><Cell><Data ss:Type="String">Municipal</Data></Cell>
   <Cell><Data ss:Type="String">Extorsiones a comercios del mercado</Data></Cell>
   <Cell><Data ss:Type="DateTime">2017-11-09T00:00:00.000</Data></Cell></Row>
  <Row><Cell ss:Index="2"><Data ss:Type="String">Comunitario</Data></Cell>
   <Cell><Data ss:Type="String">Robo de ganado en las fincas</Data></Cell><Cell><Data ss:Type="Number">43048</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>"""
    report = import_file(store, page, "sistema.xls")
    assert (report.rows_imported, report.rows_rejected) == (2, 0)
    assert stored(store, "departamento", "nivel", "fila") == [("Petén", "Municipal", 4), ("Petén", "Comunitario", 5)]
    assert [d.date().isoformat() for d in store.needs()["fecha"]] == ["2017-11-09", "2017-11-09"]
