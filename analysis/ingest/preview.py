"""What the upload preview says about a file, counted once so its figures and its lists agree.

The page shows a table of sheets, three figures and the list of problems; all of them
are read from here, so «Advertencias» is the number of warnings listed, row numbers
and counts are whole numbers, and a sheet-level notice is counted like any other.
"""
from dataclasses import dataclass

import pandas as pd

from analysis.ingest.importer import Analysis
from analysis.ingest.problems import CORRECTION, ERROR, NOTE, WARNING, Problem

SHEET_COLUMNS = {"hoja": "Hoja", "fila_encabezado": "Fila de encabezados", "forma": "Forma", "filas": "Filas",
                 "aceptadas": "Válidas", "rechazadas": "Rechazadas", "nota": "Nota"}


@dataclass(frozen=True)
class Counts:
    importable: int  # rows that will become needs
    rows_rejected: int  # rows with at least one error
    errors: int  # error lines listed (a row may have two)
    warnings: int  # warning lines listed, sheet-level notices included
    sheet_notices: int  # of which about a whole sheet (no row)
    corrections: int  # values the analyst corrected
    notes: int  # what was set aside or read another way (lines, columns, lists split, values from titles)

    def summary(self) -> str:
        """«2 errores en 1 fila rechazada · 3 advertencias (1 sobre toda una hoja)»."""
        from analysis.formatting import plural
        parts = []
        if self.errors:
            parts.append(f"{plural(self.errors, 'error', 'errores')} en "
                         f"{plural(self.rows_rejected, 'fila rechazada', 'filas rechazadas')}")
        if self.warnings:
            sheet = f" ({self.sheet_notices} sobre toda una hoja)" if self.sheet_notices else ""
            parts.append(f"{plural(self.warnings, 'advertencia')}{sheet}")
        if self.corrections:
            parts.append(plural(self.corrections, "valor corregido", "valores corregidos"))
        return " · ".join(parts)


def counts(analysis: Analysis) -> Counts:
    problems = analysis.problems
    warnings = [p for p in problems if p.severity == WARNING]
    return Counts(
        importable=len(analysis.needs), rows_rejected=analysis.rows_rejected,
        errors=sum(1 for p in problems if p.severity == ERROR), warnings=len(warnings),
        sheet_notices=sum(1 for p in warnings if p.row is None),
        corrections=sum(1 for p in problems if p.severity == CORRECTION),
        notes=sum(1 for p in problems if p.severity == NOTE),
    )


def validation_problems(analysis: Analysis) -> list[Problem]:
    """The errors, warnings and corrections, for the validation table (the notes have their own)."""
    return [p for p in analysis.problems if p.severity != NOTE]


def notes(analysis: Analysis) -> list[Problem]:
    """What the file holds besides needs and how it was read: the preview's «Lo que no son necesidades»."""
    return [p for p in analysis.problems if p.severity == NOTE]


def splits_frame(analysis: Analysis) -> pd.DataFrame:
    """The cells that listed several needs: [Hoja, Celda, Necesidades, Cómo, Primera, Mantener como una]."""
    return pd.DataFrame([{"Hoja": s.sheet, "Celda": s.cell, "Necesidades": len(s.items.items), "Cómo": s.items.style,
                          "Primera": s.items.items[0], "Mantener como una": s.kept_whole} for s in analysis.splits],
                        columns=["Hoja", "Celda", "Necesidades", "Cómo", "Primera", "Mantener como una"])


def sheets_frame(analysis: Analysis) -> pd.DataFrame:
    """One row per sheet read, with whole-number counts (a skipped sheet has none, not «0.0»)."""
    frame = pd.DataFrame(analysis.sheets).reindex(columns=list(SHEET_COLUMNS))
    for column in ("fila_encabezado", "filas", "aceptadas", "rechazadas"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame.rename(columns=SHEET_COLUMNS)
