"""The one writer of cells for every workbook and CSV the project makes, so that no spreadsheet program ever
evaluates a value as a formula (OWASP «CSV injection»).

A text that begins — after any spaces or invisible characters — with a character that starts a formula in Excel
or LibreOffice gets an apostrophe in front, and is stored as text, never as a formula. The leaders are = + - @
and their full-width and small look-alikes (＝ ＋ － ＠ ﹦ ﹢ ﹣, which Excel in East Asian locales reads as the
real ones), the minus sign −, and a tab, carriage return or line feed. Control characters that workbooks cannot
hold (a CSV may carry them) are dropped. The workbooks behind the PowerPoint's native charts (what «Editar
datos» opens in Excel) are written here too (`chart_workbook`).
"""
import io
import unicodedata

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

_LEADERS = frozenset("=+-@\t\r\n\u2212")
_SKIPPED = frozenset(" \u00a0\u200b\u200c\u200d\u2060\ufeff")


class FixedAlignment(Alignment):
    """An alignment declared once and never changed, for `cell`'s `alignment`: it is hashed once. openpyxl hashes a
    style field by field every time it is set on a cell, which doubled the time of a 100,000-row report."""

    # openpyxl's serialiser lists the fields a class declares itself: the subclass declares Alignment's.
    __attrs__, __elements__, __nested__ = Alignment.__attrs__, Alignment.__elements__, Alignment.__nested__

    def __hash__(self):
        if "_hash" not in self.__dict__:
            self.__dict__["_hash"] = super().__hash__()
        return self.__dict__["_hash"]


def _leader(text: str) -> str:
    """The first character that counts: past spaces and invisible characters, as its plain form (＝ is =)."""
    first = next((char for char in text if char not in _SKIPPED), "")
    return unicodedata.normalize("NFKC", first) if first not in _LEADERS else first


def neutralise(value: object) -> object:
    """A text cell made inert for spreadsheet programs; other values unchanged."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value and _leader(value)[:1] in _LEADERS else value


def _as_text(written):
    if isinstance(written.value, str):
        written.data_type = "s"  # openpyxl would otherwise store '=…' as a formula
    return written


def put(sheet, row: int, column: int, value):
    """Write a value at (row, column) of a sheet kept in memory, made inert as `cell` makes it."""
    written = sheet.cell(row, column)
    written.value = neutralise(value)
    return _as_text(written)


def cell(sheet, value, font: Font | None = None, number_format: str | None = None,
         alignment: FixedAlignment | None = None) -> WriteOnlyCell:
    """A cell for `sheet.append`: its value made inert, text stored as text whatever it looks like."""
    written = _as_text(WriteOnlyCell(sheet, value=neutralise(value)))
    if font:
        written.font = font
    if number_format:
        written.number_format = number_format
    if alignment:
        written.alignment = alignment
    return written


def chart_workbook(chart_data) -> bytes:
    """The workbook behind a native PowerPoint chart, in the layout python-pptx's references point at: sheet
    «Sheet1», categories down column A from row 2, one series per column from B with its name in row 1."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    series = list(chart_data)
    sheet.append([None, *(cell(sheet, s.name) for s in series)])
    for row, category in enumerate(chart_data.categories):
        sheet.append([cell(sheet, category.label),
                      *(cell(sheet, s.values[row], number_format=s.number_format) for s in series)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
