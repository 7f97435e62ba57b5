"""Reading spreadsheet bytes into raw grids of cells, one per sheet.

Everything a field team may send goes through here: Excel and LibreOffice workbooks
(through python-calamine), HTML pages and «XML Spreadsheet 2003» files saved as `.xls` by
government web systems, and CSV/TXT exports in whatever encoding and separator an old
Excel produced. Anything that cannot be read is refused whole with a Spanish
reason (`FileRefused`), never an arbitrary exception.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from analysis.errors import FileRefused
from analysis.html_tables import has_table, html_layout
from analysis.ods_merges import ods_merged_blocks
from analysis.spreadsheetml import MARKER as SPREADSHEETML, spreadsheetml_sheets

WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
ACCEPTED_EXTENSIONS = WORKBOOK_EXTENSIONS | TEXT_EXTENSIONS

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 60
_HTML_STARTS = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta", b"<style", b"<title")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class Sheet:
    """A sheet as a grid: rows[i][j] is the cell on spreadsheet row i+1, column j+1.

    Rows stop at their last non-blank cell and the grid at its last non-blank row, so a
    sheet formatted out to column XFD costs what its data costs. `merged` lists the merged
    blocks as (first row, first column, last row, last column), 0-based and inclusive;
    only the top-left cell of a block holds its value.
    """

    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def read_workbook(data: bytes, filename: str) -> list[Sheet]:
    """Every sheet of the file as a raw grid; raises FileRefused if it cannot be read."""
    if not data:
        raise FileRefused("El archivo está vacío (0 bytes). Vuelva a exportarlo desde la hoja de cálculo.")
    extension = PurePath(filename).suffix.lower()
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return _read_binary_workbook(data)
    if _is_spreadsheetml(data):
        return _read_spreadsheetml(data, filename)
    if _is_html(data):
        return [_read_html(data, filename)]
    if extension in WORKBOOK_EXTENSIONS:
        raise FileRefused(
            f"El archivo «{filename}» no es un libro de Excel u OpenDocument válido (puede estar dañado "
            "o incompleto). Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx."
        )
    return [Sheet(PurePath(filename).stem or "Hoja1", _read_text_table(data, filename))]


def _read_binary_workbook(data: bytes) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, ods_blocks = [], None
        for meta in workbook.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = _grid(sheet)
            blocks = sheet.merged_cell_ranges
            if blocks is None:  # calamine reports merges for .xlsx and .xls only
                ods_blocks = ods_merged_blocks(data) if ods_blocks is None else ods_blocks
                blocks = ods_blocks.get(meta.name, [])
            else:
                blocks = [(top, left, bottom, right) for (top, left), (bottom, right) in blocks]
            sheets.append(Sheet(meta.name, rows, _clamped(blocks, len(rows))))
    except python_calamine.PasswordError:
        raise FileRefused("El libro está protegido con contraseña. Quite la contraseña y vuelva a cargarlo.") from None
    except BaseException as exc:  # calamine may raise pyo3 panics, which are BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise FileRefused(
            "No se pudo leer el libro: el archivo está dañado o no es una hoja de cálculo. "
            "Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx."
        ) from None
    if not sheets:
        raise FileRefused("El libro no contiene hojas de cálculo con datos.")
    return sheets


def _is_spreadsheetml(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and SPREADSHEETML in head


def _read_spreadsheetml(data: bytes, filename: str) -> list[Sheet]:
    """An «XML Spreadsheet 2003» workbook (see `analysis.spreadsheetml`)."""
    try:
        found = spreadsheetml_sheets(data)
    except Exception:  # expat's ParseError and the errors of a truncated file
        raise FileRefused(f"El archivo «{filename}» es una hoja XML de Excel 2003 dañada o incompleta. Ábralo en "
                          "Excel y guárdelo como .xlsx.") from None
    sheets = []
    for name, rows, merged in found:
        grid = trimmed(rows)
        sheets.append(Sheet(name, grid, _clamped(merged, len(grid))))
    if not sheets:
        raise FileRefused("El libro no contiene hojas de cálculo con datos.")
    return sheets


def _is_html(data: bytes) -> bool:
    """A web page, whatever its extension says (BOM, XML declaration and comments before the tag allowed)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if head.startswith(b"<?xml") or head.startswith(b"<!--"):
        return b"<html" in head or b"<table" in head
    return head.startswith(_HTML_STARTS)


def _read_html(data: bytes, filename: str) -> Sheet:
    """An HTML page as the one sheet Excel would show (see `analysis.html_tables`)."""
    text = _decode_html(data)
    if not has_table(text):
        raise FileRefused(
            f"El archivo «{filename}» es una página web (HTML) sin ninguna tabla: puede ser una página de error "
            "del sistema que lo exportó. Vuelva a exportarlo o ábralo en Excel para revisar qué contiene."
        )
    try:
        rows, merged = html_layout(text)
    except Exception:  # html.parser is lenient; this is a last guard against a page it cannot take
        raise FileRefused(f"No se pudo leer la página web (HTML) «{filename}». Ábrala en Excel y guárdela como "
                          ".xlsx.") from None
    grid = trimmed(rows)
    return Sheet(PurePath(filename).stem or "Hoja1", grid, _clamped(merged, len(grid)))


def _decode_html(data: bytes) -> str:
    """The page's text in the encoding it declares (meta charset or XML declaration), else as a CSV is decoded."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        if declared := _CHARSET.search(data[:4096]):
            try:
                return data.decode(declared[1].decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data)


def _blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _filled_width(row: list, hint: int) -> int:
    """Index after the last non-blank cell. Cells past `hint` (the widest filled row so far)
    are checked in bulk first: a row declared 16,384 cells wide is nearly always blank there."""
    end = len(row)
    if end > hint:
        tail = row[hint:]
        if tail.count("") == len(tail) or all(_blank(v) for v in set(tail)):
            end = hint
    while end and _blank(row[end - 1]):
        end -= 1
    return end


def trimmed(rows) -> list[list]:
    """Rows without their trailing blank cells, and no blank rows after the last filled one.

    Formulas that return "" filled down a template, or a stray space far to the right,
    declare a used range far larger than the data; trimming each row as it is read
    keeps the grid (and everything after it) the size of the data.
    """
    return _trim(rows)[0]


def _trim(rows) -> tuple[list[list], int, int | None]:
    """`trimmed`, with how many rows were read and how wide the first one was."""
    grid, blank_run, widest, consumed, first_width = [], 0, 0, 0, None
    for consumed, row in enumerate(rows, 1):
        if first_width is None:
            first_width = len(row)
        last = row[-1] if row else None
        if len(row) <= widest and last is not None and (last.__class__ is not str or last.strip()):
            end = len(row)  # the common row: as wide as the data, its last cell filled
        else:
            end = _filled_width(row, widest)
        if not end:
            blank_run += 1
            continue
        if blank_run:
            grid.extend([] for _ in range(blank_run))
            blank_run = 0
        widest = max(widest, end)
        grid.append(row if end == len(row) else row[:end])
    return grid, consumed, first_width


def _grid(sheet) -> list[list]:
    """A calamine sheet as rows from spreadsheet row 1 and column A, trimmed.

    `iter_rows` streams rows (a dense `to_python` of a range declared out to XFD would
    build millions of empty cells). Which row and column it starts from is restored from
    the sheet's extent, so row numbers stay the ones Excel shows.
    """
    if sheet.start is None or sheet.end is None:
        return []
    last_row, last_column = sheet.end
    grid, consumed, first_width = _trim(sheet.iter_rows())
    leading = [[] for _ in range(max(0, last_row + 1 - consumed))]
    pad = [""] * max(0, last_column + 1 - (first_width or last_column + 1))
    if pad:
        grid = [pad + row if row else row for row in grid]
    return leading + grid


def _clamped(merged, height: int) -> list[tuple[int, int, int, int]]:
    """Merged blocks within the data (a block may be declared far below the last row)."""
    blocks = []
    for top, left, bottom, right in merged:
        bottom = min(bottom, height - 1)
        if top <= bottom and (bottom > top or right > left):
            blocks.append((top, left, bottom, right))
    return blocks


def decode_text(data: bytes) -> str:
    """Text of a CSV export: UTF-16 (with BOM), UTF-8 (with or without BOM) or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused("El archivo de texto está en UTF-16 pero tiene caracteres inválidos.") from None
    if b"\x00" in data:
        raise FileRefused(
            "El archivo no es una hoja de cálculo ni un texto CSV (contiene datos binarios). "
            "Cargue un archivo .xlsx, .xls, .ods o .csv."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Older Excel on Windows exports CSV in Windows-1252; its five undefined bytes
    # fall back to Latin-1 so no byte is ever lost.
    return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def sniff_delimiter(text: str) -> str:
    """The separator whose first records split into the most consistent number of fields."""
    best, best_score = ",", (0.0, 0)
    sample = text[:200_000]
    for delimiter in _DELIMITERS:
        counts = []
        try:
            for record in csv.reader(io.StringIO(sample), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (wide.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text_table(data: bytes, filename: str) -> list[list]:
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    try:
        csv.field_size_limit(10_000_000)
        rows = trimmed(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileRefused(f"El archivo de texto «{filename}» no es un CSV válido ({exc}).") from None
    return rows
