"""Exporting needs to CSV and Excel that open safely in Excel and LibreOffice.

The CLI writes the documented canonical keys as headers and ISO dates (for scripts);
the dashboard's downloads use the headers seen on screen and dates day first. Every cell goes through
`analysis.reports.safe_cells`, so no spreadsheet program evaluates a value as a formula.
"""
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from analysis import fields
from analysis.reports.safe_cells import cell, neutralise
from analysis.text import normalize_series
from analysis.view import tagging, themes

EXPORT_COLUMNS = fields.export_keys()  # the catalogue's order; the CLI writes these keys as headers
# INE codes, so analysts can join the needs with census and other INE data: export name -> stored column.
CODE_COLUMNS = {"codigo_departamento": "departamento_codigo", "codigo_municipio": "municipio_codigo"}
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
# A font without a name is drawn in whatever the spreadsheet program defaults to (a wider sans or a serif in
# LibreOffice), breaking the widths sized for the workbook's Calibri: every font names it.
FONT = "Calibri"
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype(object).where(frame.notna(), "")
    for column in out.columns:
        out[column] = out[column].map(neutralise)
    return out


def with_codes(needs: pd.DataFrame) -> pd.DataFrame:
    """The needs with the INE code columns of the export (integers, empty when unknown)."""
    codes = {name: pd.to_numeric(needs[source], errors="coerce").astype("Int64")
             for name, source in CODE_COLUMNS.items() if source in needs}
    return needs.assign(**codes)


def with_themes(needs: pd.DataFrame, flags: pd.DataFrame | None = None) -> pd.DataFrame:
    """The needs with the `temas` export column: their theme names joined by «; » ('' for none).

    `flags` are the needs' theme flags (`TextIndex.temas`: both readers and the analysts' corrections, as every
    page shows them) when at hand; else the descriptions are tagged here by both readers.
    """
    if "temas" in needs:
        return needs
    if flags is None:
        flags = tagging.tag(needs["clave"].astype(str) if "clave" in needs
                            else normalize_series(needs["necesidad"])).flags
    return needs.assign(temas=themes.joined_names(flags.loc[needs.index]))


def _derived(needs: pd.DataFrame, columns) -> pd.DataFrame:
    """The needs with the export columns computed from stored ones (INE codes, themes) that `columns` ask for."""
    needs = with_codes(needs)
    return with_themes(needs) if "temas" in columns else needs


def export_frame(needs: pd.DataFrame, columns=EXPORT_COLUMNS) -> pd.DataFrame:
    """The needs in export shape: the given columns (all by default), ISO dates, inert text."""
    frame = _derived(needs, columns).reindex(columns=list(columns))
    if "fecha" in frame:
        frame["fecha"] = pd.to_datetime(frame["fecha"], errors="coerce").dt.strftime("%Y-%m-%d")
    return _safe_frame(frame)


def screen_frame(needs: pd.DataFrame, columns=EXPORT_COLUMNS) -> pd.DataFrame:
    """The needs as the dashboard's downloads show them: on-screen headers, dates day first, inert text."""
    frame = _derived(needs, columns).reindex(columns=list(columns))
    if "fecha" in frame:
        frame["fecha"] = pd.to_datetime(frame["fecha"], errors="coerce").dt.strftime("%d/%m/%Y")
    return _safe_frame(frame.rename(columns={c: fields.label(c) for c in frame.columns}))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM, so Excel on Windows shows accents right."""
    return _safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_title: str = "Necesidades") -> bytes:
    """A one-sheet workbook with a styled, frozen header and every cell stored as a value."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    safe = _safe_frame(frame)
    widths = [min(60, max(10, len(str(c)) + 2, *(len(str(v)) + 1 for v in safe[c].head(200)))) for c in safe]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = [cell(sheet, str(name), HEADER_FONT) for name in safe.columns]
    for written in header:
        written.fill = HEADER_FILL
    sheet.append(header)
    for row in safe.itertuples(index=False):
        sheet.append([cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_export(needs: pd.DataFrame, path: str, fmt: str) -> int:
    """Write all given needs to `path` as csv or xlsx; returns the number of rows."""
    frame = export_frame(needs)
    data = to_csv_bytes(frame) if fmt == "csv" else to_xlsx_bytes(frame)
    with open(path, "wb") as handle:
        handle.write(data)
    return len(frame)


PROBLEM_COLUMNS = {"severity": "Gravedad", "sheet": "Hoja", "row": "Fila", "column": "Columna", "value": "Valor",
                   "message": "Mensaje", "code": "Código"}
SEVERITY_LABELS = {"error": "Error (fila rechazada)", "warning": "Advertencia", "correction": "Corrección del analista",
                   "note": "Nota"}


def problems_frame(problems: list[dict]) -> pd.DataFrame:
    """A validation report as a table with Spanish headers, errors first, by sheet and row."""
    frame = pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    frame = frame.sort_values(["severity", "sheet", "row"], kind="stable", na_position="first")  # "error" < "warning"
    frame["severity"] = frame["severity"].map(SEVERITY_LABELS)
    return frame.rename(columns=PROBLEM_COLUMNS).reset_index(drop=True)
