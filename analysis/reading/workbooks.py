"""Reading spreadsheet bytes into raw grids of cells, one per sheet.

Everything a field team may send goes through here: Excel and LibreOffice workbooks
(through python-calamine), Word memorias (`analysis.reading.word_documents`), HTML pages and
«XML Spreadsheet 2003» files saved as `.xls` by government web systems, and CSV/TXT exports
in whatever encoding and separator the tool that wrote them used (detected by content). Anything that cannot be read is refused whole with a Spanish
reason (`FileRefused`), never an arbitrary exception. A file larger than the reading
limits (`analysis.reading.limits`: rows, columns, cells, text per cell) is refused before its
grid is built: workbooks from their zip structure (`analysis.reading.structure`) and the extent
calamine reports, CSV as its records are read.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from analysis.formatting import format_int
from analysis.reading.html_tables import has_table, html_layout
from analysis.reading.limits import Limits, limits
from analysis.reading.ods_merges import ods_merged_blocks
from analysis.reading.refusals import DAMAGED_WORKBOOK, PROTECTED_WORKBOOK, FileRefused
from analysis.reading.spreadsheetml import MARKER as SPREADSHEETML
from analysis.reading.spreadsheetml import spreadsheetml_sheets
from analysis.reading.structure import check_archive
from analysis.reading.word_documents import is_word_document, word_rows

WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".docx"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
ACCEPTED_EXTENSIONS = WORKBOOK_EXTENSIONS | TEXT_EXTENSIONS

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted .xlsx keeps inside its OLE container (its directory names are UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 60
_TABLE_SHARE = 0.5  # of the first records split alike by a separator, in a table
_HTML_STARTS = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta", b"<style", b"<title")
_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class Sheet:
    """A sheet as a grid: rows[i][j] is the cell on spreadsheet row i+1, column j+1.

    Rows stop at their last non-blank cell and the grid at its last non-blank row, so a
    sheet formatted out to column XFD costs what its data costs. `merged` lists the merged
    blocks as (first row, first column, last row, last column), 0-based and inclusive;
    only the top-left cell of a block holds its value. `hidden`: the workbook hides the sheet (its
    author keeps lists or old copies there, out of the reader's sight).
    """

    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False


def read_workbook(data: bytes, filename: str) -> list[Sheet]:
    """Every sheet of the file as a raw grid; raises FileRefused if it cannot be read."""
    if not data:
        raise FileRefused("El archivo está vacío (0 bytes). Vuelva a exportarlo desde la hoja de cálculo.")
    extension = PurePath(filename).suffix.lower()
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        if data.startswith(_ZIP_MAGIC):
            check_archive(data, limits())
            if is_word_document(data):
                name, rows, merged = word_rows(data, filename, limits())
                grid = trimmed(rows)
                return [Sheet(name, grid, _clamped(merged, len(grid)))]
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
    bounds = limits()
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, ods_blocks = [], None
        for meta in workbook.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            _check_extent(meta.name, sheet, bounds)
            rows = _grid(sheet)
            blocks = sheet.merged_cell_ranges
            if blocks is None:  # calamine reports merges for .xlsx and .xls only
                ods_blocks = ods_merged_blocks(data) if ods_blocks is None else ods_blocks
                blocks = ods_blocks.get(meta.name, [])
            else:
                blocks = [(top, left, bottom, right) for (top, left), (bottom, right) in blocks]
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, rows, _clamped(blocks, len(rows)), hidden))
    except python_calamine.PasswordError:
        raise FileRefused(PROTECTED_WORKBOOK) from None
    except BaseException as exc:  # calamine may raise pyo3 panics, which are BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError, FileRefused)):
            raise
        # An encrypted .xlsx is an OLE container calamine does not recognise at all.
        protected = data.startswith(_OLE_MAGIC) and _ENCRYPTED_PACKAGE in data
        raise FileRefused(PROTECTED_WORKBOOK if protected else DAMAGED_WORKBOOK) from None
    if not sheets:
        raise FileRefused("El libro no contiene hojas de cálculo con datos.")
    return sheets


def _check_extent(name: str, sheet, bounds: Limits) -> None:
    """Refuse a sheet whose grid, from A1 to its last cell, would break the limits: it is built
    dense (blank cells between the data included), so its size is known before it is."""
    if sheet.end is None:
        return
    rows, columns = sheet.end[0] + 1, sheet.end[1] + 1
    if rows > bounds.rows or columns > bounds.columns or rows * columns > bounds.cells:
        raise FileRefused(
            f"La hoja «{name}» llega hasta la fila {format_int(rows)} y la columna {format_int(columns)}: "
            f"leerla ocuparía {format_int(rows * columns)} celdas, y el límite es {format_int(bounds.cells)} "
            f"({format_int(bounds.rows)} filas, {format_int(bounds.columns)} columnas). Borre las filas y columnas "
            "que sobran (también las vacías con formato) y vuelva a cargar el archivo.")


def _is_spreadsheetml(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and SPREADSHEETML in head


def _read_spreadsheetml(data: bytes, filename: str) -> list[Sheet]:
    """An «XML Spreadsheet 2003» workbook (see `analysis.reading.spreadsheetml`)."""
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
    """An HTML page as the one sheet Excel would show (see `analysis.reading.html_tables`)."""
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


# Single-byte encodings of the tools offices use: Excel on Windows, Excel on a Mac, DOS programs and old
# databases, and Latin-1, which decodes any byte (so no file is ever refused for its encoding).
_SINGLE_BYTE = ("cp1252", "mac_roman", "cp850", "latin-1")
_SPANISH = set("áéíóúüñÁÉÍÓÚÜÑ")


def decode_text(data: bytes) -> str:
    """Text of a CSV or text export, in the encoding its content shows: UTF-16 (with a byte-order mark, or by
    its zero bytes), UTF-8 (with or without BOM), else the single-byte encoding under which it reads as Spanish."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16")
    if (encoding := _utf16_without_bom(data)) is not None:
        return _decode_utf16(data, encoding)
    if b"\x00" in data:
        raise FileRefused(
            "El archivo no es una hoja de cálculo ni un texto CSV (contiene datos binarios). "
            "Cargue un archivo .xlsx, .xls, .ods o .csv."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in _SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_spanish_score(text), -len(readings), text))
    return max(readings)[2]


def _decode_utf16(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise FileRefused("El archivo de texto está en UTF-16 pero tiene caracteres inválidos.") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without its byte-order mark: every other byte of Latin text is zero."""
    head = data[:4000]
    if len(head) < 8 or head.count(b"\x00") < len(head) // 3:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return "utf-16-le" if odd > 3 * max(even, 1) else "utf-16-be" if even > 3 * max(odd, 1) else None


def _spanish_score(text: str) -> int:
    """How Spanish a decoding reads: accented letters beside letters count for it, any other character beside
    letters (what a wrong encoding makes of an accent: «poblaci—n», «EjŽrcito») against it."""
    score = 0
    sample = text[:200_000]
    for i in range(1, len(sample) - 1):
        c = sample[i]
        if c.isascii() or not (sample[i - 1].isalpha() or sample[i + 1].isalpha()):
            continue
        score += 1 if c in _SPANISH else -3
    return score


def sniff_delimiter(text: str) -> str | None:
    """The separator whose first records split into the most consistent number of fields; None for running text
    (an email, minutes saved as .txt), where no separator splits even half the lines alike: its commas are
    punctuation, and each line is one cell."""
    best, best_score = None, (0.0, 0)
    sample = text[:200_000]
    for delimiter in _DELIMITERS:
        counts = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
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
    if best is None:
        return ","  # one column: the reader still needs the quotes that hold a cell's several lines
    return best if best_score[0] >= _TABLE_SHARE else None


def _read_text_table(data: bytes, filename: str) -> list[list]:
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    bounds = limits()
    csv.field_size_limit(bounds.cell_text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if delimiter else \
        ([line] for line in text.splitlines())
    try:
        rows = trimmed(_bounded(records, filename, bounds))
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise FileRefused(f"El archivo de texto «{filename}» tiene una celda de más de "
                              f"{format_int(bounds.cell_text)} caracteres, el límite por celda (el mismo de Excel). "
                              "Revise que el separador y las comillas estén bien.") from None
        raise FileRefused(f"El archivo de texto «{filename}» no es un CSV válido ({exc}).") from None
    return rows


def _bounded(records, filename: str, bounds: Limits):
    """The records of a CSV, refusing the file as soon as it passes the rows, columns or cells limit."""
    cells = 0
    for number, record in enumerate(records, 1):
        cells += len(record)
        if len(record) > bounds.columns:
            raise FileRefused(f"El archivo de texto «{filename}» tiene {format_int(len(record))} columnas en la fila "
                              f"{format_int(number)}, y el límite es {format_int(bounds.columns)} (el mismo de Excel). "
                              "Revise el separador o quite las columnas que sobran.")
        if number > bounds.rows or cells > bounds.cells:
            what = f"{format_int(bounds.rows)} filas" if number > bounds.rows else f"{format_int(bounds.cells)} celdas"
            raise FileRefused(f"El archivo de texto «{filename}» tiene más de {what}, el límite de lectura. "
                              "Divídalo en varios archivos.")
        yield record
