"""The Excel report: the needs in view plus the summaries a meeting asks for, ready to hand over.

One workbook: a cover that says what the file holds (filters, counts, sources, cut-off,
classification), the needs with the headers seen on screen and real dates shown day
first, and summary sheets by departamento, ámbito, nivel and departamento × ámbito.
Every sheet has a styled frozen header, an autofilter, sensible widths and the
classification marking in its page header; text cells are made inert for spreadsheet
programs (`analysis.reports.safe_cells`). Written in openpyxl's streaming mode, so 100,000
needs take seconds, not minutes.
"""
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from analysis import fields
from analysis.formatting import format_date, format_datetime, format_int
from analysis.presentation.provenance import Provenance
from analysis.reports.exports import FONT, HEADER_FILL, HEADER_FONT, with_themes
from analysis.reports.safe_cells import FixedAlignment
from analysis.reports.safe_cells import cell as _cell
from analysis.view import aggregation

DATE_FORMAT = "DD/MM/YYYY"
MIN_WIDTH, MAX_WIDTH = 8, 30  # characters; the needs' text wraps at MAX_WIDTH so the sheet prints legibly
BOLD_SLACK = 3  # characters a bold header word needs beyond its length
SAMPLED_ROWS = 200  # the rows read to size a column
HEADER_ALIGNMENT = FixedAlignment(vertical="center", wrap_text=True)
WRAPPED = FixedAlignment(vertical="top", wrap_text=True)
COVER_WIDTHS = (28, 90)
LINE_HEIGHT = 15  # points: one line of 11-point text
MARGINS = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)  # inches
TITLE_FONT = Font(name=FONT, bold=True, size=16, color="1F3A5F")
BOLD = Font(name=FONT, bold=True)
MARK_FONT = Font(name=FONT, bold=True, color="B3261E")


def _header(sheet, names: list[str]) -> list:
    cells = []
    for name in names:
        cell = _cell(sheet, name, HEADER_FONT, alignment=HEADER_ALIGNMENT)
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _printed(sheet, marking: str, one_page: bool = False) -> None:
    """How a sheet prints: landscape Letter (the paper Guatemalan offices use), one page wide and as many pages
    down as the rows need (`one_page`: the whole sheet on one page), the marking at the top of every page and
    «Página N de M» at the foot."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_LETTER
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = MARGINS
    sheet.oddHeader.center.text = marking
    sheet.oddFooter.center.text = "Página &P de &N"


def _table_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, marking: str, widths: list[int]) -> None:
    """A sheet holding one table: styled frozen header repeated on every printed page, autofilter, widths, text
    wrapped in rows tall enough for it, marking in the page header."""
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 1}"
    _printed(sheet, marking)
    sheet.print_title_rows = "1:1"
    names = [str(c) for c in frame.columns]
    _append(sheet, 1, _header(sheet, names), _lines_of(names, [w - BOLD_SLACK for w in widths]))
    dates = {i for i, c in enumerate(frame.columns) if pd.api.types.is_datetime64_any_dtype(frame[c])}
    room = widths  # a column holds about its width in letters of running text (narrower than the digits it counts)
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        values = [(None if pd.isna(v) else v.to_pydatetime().date()) if i in dates else _plain(v)
                  for i, v in enumerate(row)]
        lines = _lines_of(values, room)
        # Only a row that wraps is styled (top-aligned, wrapping): styling every cell made the sheet a third slower.
        alignment = WRAPPED if lines > 1 else None
        _append(sheet, number, [_cell(sheet, v, number_format=DATE_FORMAT if i in dates else None,
                                      alignment=alignment if v is not None else None)
                                for i, v in enumerate(values)], lines)


def _append(sheet, number: int, cells: list, lines: int) -> None:
    """Add row `number` (the next one), `lines` of text tall. Spreadsheet programs keep a row's height as written
    (LibreOffice does not grow it on opening), so a row left at one line would print its wrapped text cut."""
    if lines > 1:
        sheet.row_dimensions[number].height = LINE_HEIGHT * lines
    sheet.append(cells)


def _lines_of(values: list, room: list[int | None]) -> int:
    """The lines a row's text takes (`room`: characters a line of each column holds; None where text runs across)."""
    return max((_lines(v, width) for v, width in zip(values, room) if width and isinstance(v, str)), default=1)


def _lines(text: str, room: int) -> int:
    """How many lines `text` takes in `room` characters, wrapped word by word as a spreadsheet program wraps it."""
    if len(text) <= room:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            wanted = used + 1 + len(word) if used else len(word)
            lines, used = (lines + 1, len(word)) if used and wanted > room else (lines, wanted)
            while used > room:  # a word longer than the line breaks inside
                lines, used = lines + 1, used - room
    return lines


def _plain(value):
    """Numpy and pandas scalars as plain Python values; missing values as empty cells."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def needs_sheet_frame(needs: pd.DataFrame, columns) -> pd.DataFrame:
    """The needs with the chosen columns under their on-screen names; dates stay dates."""
    frame = (with_themes(needs) if "temas" in columns else needs).reindex(columns=list(columns))
    if "fecha" in frame:
        frame["fecha"] = pd.to_datetime(frame["fecha"], errors="coerce")
    return frame.rename(columns={c: fields.label(c) for c in frame.columns})


def _widths(frame: pd.DataFrame) -> list[int]:
    """Column widths that let the needs sheet print one page wide and stay legible: as wide as the values (of the
    first rows), never narrower than the header's longest word (the header wraps), long text capped (it wraps)."""
    return [min(MAX_WIDTH, max(MIN_WIDTH, max(len(word) for word in str(c).split() or [""]) + BOLD_SLACK,
                               *(len(str(v)) + 2 for v in frame[c].head(SAMPLED_ROWS).astype(str))))
            for c in frame.columns]


def _share_frame(needs: pd.DataFrame, column: str, keep_order: bool) -> pd.DataFrame:
    frame = aggregation.count_by(needs, column, keep_order=keep_order)
    frame["porcentaje"] = frame["porcentaje"].round(1)
    return frame.rename(columns={column: fields.label(column), "necesidades": "Necesidades",
                                 "porcentaje": "Porcentaje (%)"})


def _cover(workbook: Workbook, provenance: Provenance, title: str) -> None:
    sheet = workbook.create_sheet("Portada")
    for letter, width in zip("AB", COVER_WIDTHS):
        sheet.column_dimensions[letter].width = width
    _printed(sheet, provenance.marking, one_page=True)
    rows = [
        [_cell(sheet, title, TITLE_FONT)],
        [_cell(sheet, provenance.institution)],
        [_cell(sheet, provenance.marking, MARK_FONT)],
        [],
        [_cell(sheet, "Generado", BOLD), _cell(sheet, format_datetime(provenance.generated))],
        [_cell(sheet, "Datos al", BOLD), _cell(sheet, format_date(provenance.cutoff) or "—")],
        [_cell(sheet, "Necesidades", BOLD),
         _cell(sheet, f"{format_int(provenance.shown)} de {format_int(provenance.total)} registradas")],
        [],
        [_cell(sheet, "Filtros", BOLD), _cell(sheet, "Ninguno: todas las necesidades" if not provenance.filters.active
                                              else "")],
        *[[_cell(sheet, label), _cell(sheet, value)] for label, value in provenance.filters.describe()],
        [],
        [_cell(sheet, "Fuentes", BOLD), _cell(sheet, "Archivo · fecha de carga · necesidades")],
        *[[_cell(sheet, ""), _cell(sheet, f"{s.filename} · {format_datetime(s.uploaded_at)} · {format_int(s.rows)}"
                                   + (" · datos de ejemplo" if s.is_sample else ""))] for s in provenance.sources],
        [],
        [_cell(sheet, "Hojas", BOLD), _cell(sheet, "Necesidades (las de la vista), Por departamento, Por ámbito, "
                                                   "Por nivel, Departamento × ámbito")],
    ]
    room = [width - 1 for width in COVER_WIDTHS]
    for number, row in enumerate(rows, start=1):
        for value in row if len(row) > 1 else ():  # the title and the marking run across; the rest wraps in place
            value.alignment = WRAPPED
        _append(sheet, number, row, _lines_of([c.value for c in row], room) if len(row) > 1 else 1)


def report_bytes(needs: pd.DataFrame, provenance: Provenance, columns=None,
                 title: str = "Necesidades de seguridad identificadas a nivel local") -> bytes:
    """The Excel report of the needs in view (`columns`: the needs sheet's columns, all exported ones by default)."""
    workbook = Workbook(write_only=True)
    _cover(workbook, provenance, title)
    frame = needs_sheet_frame(needs, columns or fields.export_keys())
    _table_sheet(workbook, "Necesidades", frame, provenance.marking, _widths(frame))
    for column, sheet_title, keep in (("departamento", "Por departamento", False), ("ambito", "Por ámbito", True),
                                      ("nivel", "Por nivel", True)):
        summary = _share_frame(needs, column, keep)
        _table_sheet(workbook, sheet_title, summary, provenance.marking, [34, 14, 16])
    cross = aggregation.crosstab(needs, "departamento", "ambito", provenance.filters)
    cross["Total"] = cross.sum(axis=1)
    cross.loc["Total"] = cross.sum(axis=0)
    cross = cross.rename_axis(fields.label("departamento")).reset_index()
    _table_sheet(workbook, "Departamento × ámbito", cross, provenance.marking, [22] + [18] * (len(cross.columns) - 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
