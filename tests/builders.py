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


def xlsx(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with the given rows per sheet (rows start at row 1; None leaves a cell empty)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
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
