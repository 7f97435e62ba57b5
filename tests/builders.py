"""Fixture spreadsheets built in code, shaped like the ones workshops send."""
import datetime as dt
import io

import openpyxl
import pandas as pd

HEADER = ["Departamento", "Municipio", "Nivel", "Ámbito", "Necesidad", "Prioridad", "Institución", "Evento",
          "Fecha", "Estado"]


def need(departamento="Petén", municipio="", nivel="Municipal", ambito="Seguridad Interior",
         necesidad="Falta de patrullajes en las aldeas", prioridad="Alta", institucion="PNC",
         evento="Taller Petén", fecha="09/11/2017", estado="Identificada") -> list:
    return [departamento, municipio, nivel, ambito, necesidad, prioridad, institucion, evento, fecha, estado]


def xlsx(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None, hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook with the given rows per sheet (rows start at row 1; None leaves a cell empty); the sheets named
    in `hidden` are hidden, as Excel's «Ocultar» leaves them."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.sheet_state = "hidden" if name in hidden else "visible"
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as a hostile file carries it
        for merged in (merges or {}).get(name, []):
            sheet.merge_cells(merged)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def simple_xlsx(rows: list[list], header: list[str] = HEADER, sheet: str = "Datos") -> bytes:
    return xlsx({sheet: [header, *rows]})


def csv_bytes(rows: list[list], header: list[str] = HEADER, sep: str = ",", encoding: str = "utf-8") -> bytes:
    frame = pd.DataFrame(rows, columns=header)
    return frame.to_csv(index=False, sep=sep).encode(encoding)


def xls(rows: list[list], header: list[str] = HEADER) -> bytes:
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("Hoja1")
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(rows: list[list], header: list[str] = HEADER) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=header).to_excel(buffer, engine="odf", index=False, sheet_name="Necesidades")
    return buffer.getvalue()


DATE = dt.datetime(2017, 11, 9)


def html_xls(rows: list[list], header: list[str] = HEADER, before: str = "", charset: str = "utf-8") -> bytes:
    """A web system's «export to Excel»: an HTML table (entities and all) meant to be saved as .xls."""
    import html

    def cells(tag, values):
        return "".join(f"<{tag}>{html.escape(str(v), quote=False).encode('ascii', 'xmlcharrefreplace').decode()}"
                       f"</{tag}>" for v in values)
    body = "".join(f"<tr>{cells('td', row)}</tr>\n" for row in rows)
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>'
            f"{before}<table border=1><tr>{cells('th', header)}</tr>\n{body}</table></body></html>")
    return page.encode(charset)


def ods_with_merges(rows: list[list], merges: list[tuple[int, int, int, int]], sheet: str = "Hoja1") -> bytes:
    """A LibreOffice sheet with merged blocks (first row, first column, last row, last column; 0-based)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P
    spans = {(top, left): (bottom - top + 1, right - left + 1) for top, left, bottom, right in merges}
    covered = {(r, c) for top, left, bottom, right in merges for r in range(top, bottom + 1)
               for c in range(left, right + 1)} - set(spans)
    document, table = OpenDocumentSpreadsheet(), Table(name=sheet)
    for i, row in enumerate(rows):
        line = TableRow()
        for j in range(max(len(r) for r in rows)):
            value = row[j] if j < len(row) else None
            if (i, j) in covered:
                line.addElement(CoveredTableCell())
                continue
            span = spans.get((i, j))
            cell = TableCell(valuetype="string" if value is not None else None,
                             **({"numberrowsspanned": span[0], "numbercolumnsspanned": span[1]} if span else {}))
            if value is not None:
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
