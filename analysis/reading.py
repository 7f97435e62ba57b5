"""Reading spreadsheet bytes into raw grids of cells, one per sheet.

Everything a field team may send goes through here: Excel and LibreOffice workbooks
(through python-calamine) and CSV/TXT exports in whatever encoding and separator an
old Excel produced. Anything that cannot be read is refused whole with a Spanish
reason (`FileRefused`), never an arbitrary exception.
"""
import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

import python_calamine

from analysis.errors import FileRefused

WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
ACCEPTED_EXTENSIONS = WORKBOOK_EXTENSIONS | TEXT_EXTENSIONS

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 60


@dataclass
class Sheet:
    """A sheet as a grid: rows[i][j] is the cell on spreadsheet row i+1, column j+1."""

    name: str
    rows: list[list]


def read_workbook(data: bytes, filename: str) -> list[Sheet]:
    """Every sheet of the file as a raw grid; raises FileRefused if it cannot be read."""
    if not data:
        raise FileRefused("El archivo está vacío (0 bytes). Vuelva a exportarlo desde la hoja de cálculo.")
    extension = PurePath(filename).suffix.lower()
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return _read_binary_workbook(data)
    if extension in WORKBOOK_EXTENSIONS:
        head = data[:512].lstrip().lower()
        if head.startswith((b"<html", b"<!doctype html", b"<table")):
            raise FileRefused(
                f"El archivo «{filename}» es una página web (HTML) con extensión {extension}, no una hoja "
                "de cálculo. Ábralo en Excel y guárdelo como libro de Excel (.xlsx)."
            )
        raise FileRefused(
            f"El archivo «{filename}» no es un libro de Excel u OpenDocument válido (puede estar dañado "
            "o incompleto). Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx."
        )
    return [Sheet(PurePath(filename).stem or "Hoja1", _read_text_table(data, filename))]


def _read_binary_workbook(data: bytes) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in workbook.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append(Sheet(meta.name, rows))
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
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileRefused(f"El archivo de texto «{filename}» no es un CSV válido ({exc}).") from None
    return rows
