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
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from analysis import fields
from analysis.formatting import format_date, format_datetime, format_int
from analysis.presentation.provenance import Provenance
from analysis.reports.exports import HEADER_FILL, HEADER_FONT, with_themes
from analysis.reports.safe_cells import cell as _cell
from analysis.view import aggregation

DATE_FORMAT = "DD/MM/YYYY"
TITLE_FONT = Font(bold=True, size=16, color="1F3A5F")
BOLD = Font(bold=True)
MARK_FONT = Font(bold=True, color="B3261E")


def _header(sheet, names: list[str]) -> list:
    cells = []
    for name in names:
        cell = _cell(sheet, name, HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def _table_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, marking: str, widths: list[int]) -> None:
    """A sheet holding one table: styled frozen header, autofilter, widths, marking in the page header."""
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 1}"
    sheet.oddHeader.center.text = marking
    sheet.print_title_rows = "1:1"
    sheet.append(_header(sheet, [str(c) for c in frame.columns]))
    dates = {i for i, c in enumerate(frame.columns) if pd.api.types.is_datetime64_any_dtype(frame[c])}
    for row in frame.itertuples(index=False):
        sheet.append([_cell(sheet, None if pd.isna(v) else v.to_pydatetime().date(), number_format=DATE_FORMAT)
                      if i in dates else _cell(sheet, _plain(v)) for i, v in enumerate(row)])


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
    return [min(60, max(10, len(str(c)) + 2, *(len(str(v)) + 1 for v in frame[c].head(200).astype(str))))
            for c in frame.columns]


def _share_frame(needs: pd.DataFrame, column: str, keep_order: bool) -> pd.DataFrame:
    frame = aggregation.count_by(needs, column, keep_order=keep_order)
    frame["porcentaje"] = frame["porcentaje"].round(1)
    return frame.rename(columns={column: fields.label(column), "necesidades": "Necesidades",
                                 "porcentaje": "Porcentaje (%)"})


def _cover(workbook: Workbook, provenance: Provenance, title: str) -> None:
    sheet = workbook.create_sheet("Portada")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    sheet.oddHeader.center.text = provenance.marking
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
    for row in rows:
        sheet.append(row)


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
