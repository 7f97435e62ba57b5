"""Importing one spreadsheet: read, find tables, map, validate, then store in one go.

`analyse_file` does everything but storing, so the upload page can show the
mapping and the validation report before the analyst confirms; `import_file`
stores the result (or refuses the whole file) and reports it in the shape of the
CLI's JSON.
"""
import getpass
import hashlib
from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import FileRefused, MissingColumns
from analysis.reading import read_workbook
from analysis.store import DuplicateUpload, NewUpload, Store
from analysis.tables import Table, find_table
from analysis.validation import NEED_COLUMNS, Problem, validate_table

IMPORTED, DUPLICATE, REJECTED = "imported", "duplicate", "rejected"


@dataclass
class Analysis:
    """What a file holds, ready to store: needs, problems and how it was understood."""

    filename: str
    sha256: str
    content: bytes = field(repr=False)
    tables: list[Table]
    sheets: list[dict]  # per sheet: hoja, fila_encabezado, filas, nota
    needs: pd.DataFrame
    problems: list[Problem]
    rows_rejected: int
    rows_warned: int

    @property
    def column_mapping(self) -> dict[str, str]:
        """Header -> canonical field, over every table used."""
        return {c.header: c.field for t in self.tables for c in t.columns if c.field != "region"}


@dataclass
class ImportReport:
    """The outcome for one file, as printed by `python -m analysis import --json`."""

    file: str
    sha256: str
    status: str
    upload_id: int | None = None
    rows_imported: int = 0
    rows_rejected: int = 0
    rows_warned: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reason: str | None = None  # why the whole file was refused or aborted
    aborted: bool = False  # refused by --strict because some rows had errors

    @property
    def exit_code(self) -> int:
        """0 imported or duplicate, 1 aborted by strict mode, 2 file refused."""
        if self.status != REJECTED:
            return 0
        return 1 if self.aborted else 2

    def as_json(self) -> dict:
        return {
            "file": self.file, "sha256": self.sha256, "status": self.status, "upload_id": self.upload_id,
            "rows_imported": self.rows_imported, "rows_rejected": self.rows_rejected,
            "rows_warned": self.rows_warned, "columns": self.columns,
            "problems": [p.as_dict() for p in self.problems],
        }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _missing_place(table: Table) -> str | None:
    """Why a table cannot be placed on the map (no departamento or municipio), or None."""
    if any(table.column_of(f) for f in ("departamento", "municipio")) or "departamento" in table.defaults:
        return None
    headers = ", ".join(f"«{h}»" for h in table.headers if h) or "ninguno"
    return (
        f"En la hoja «{table.sheet}» falta la columna de Departamento (o Municipio). Encabezados "
        f"encontrados en la fila {table.header_row}: {headers}. Agregue la columna o indique cuál "
        "encabezado corresponde al departamento."
    )


def analyse_file(data: bytes, filename: str, overrides: dict[str, str] | None = None) -> Analysis:
    """Read and validate a file without storing anything; raises FileRefused."""
    sheets = read_workbook(data, filename)
    tables, summaries = [], []
    for sheet in sheets:
        table = find_table(sheet, overrides)
        if table is None:
            summaries.append({"hoja": sheet.name, "fila_encabezado": None, "filas": 0,
                              "nota": "Omitida: no contiene una tabla de necesidades."})
            continue
        if not table.rows:
            summaries.append({"hoja": sheet.name, "fila_encabezado": table.header_row, "filas": 0,
                              "nota": "Omitida: la tabla no tiene filas de datos."})
            continue
        tables.append(table)
        summaries.append({"hoja": sheet.name, "fila_encabezado": table.header_row, "filas": len(table.rows),
                          "nota": ""})
    if not tables:
        names = ", ".join(f"«{s.name}»" for s in sheets)
        if any(s["fila_encabezado"] for s in summaries):
            raise FileRefused(f"La tabla de necesidades no tiene filas de datos (hojas revisadas: {names}).")
        raise FileRefused(
            f"No se encontró una tabla de necesidades en {names}. La tabla necesita una fila de encabezados "
            "con una columna de la necesidad (p. ej. «Necesidad», «Problemática», «Descripción») y al menos "
            "otra columna reconocible (Departamento, Municipio, Nivel, Ámbito…)."
        )
    if reasons := [r for r in map(_missing_place, tables) if r]:
        raise MissingColumns(reasons[0], tables)
    validated = [validate_table(t) for t in tables]
    frames = [v.needs for v in validated if not v.needs.empty]
    needs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(NEED_COLUMNS))
    for summary, result in zip([s for s in summaries if s["filas"]], validated):
        summary["aceptadas"] = len(result.needs)
        summary["rechazadas"] = result.rows_rejected
    return Analysis(
        filename=filename, sha256=sha256_of(data), content=data, tables=tables, sheets=summaries, needs=needs,
        problems=[p for v in validated for p in v.problems],
        rows_rejected=sum(v.rows_rejected for v in validated),
        rows_warned=sum(v.rows_warned for v in validated),
    )


def store_analysis(store: Store, analysis: Analysis, *, user: str | None = None, is_sample: bool = False,
                   strict: bool = False, dry_run: bool = False) -> ImportReport:
    """Store an analysed file (all or nothing) and report what happened."""
    report = ImportReport(
        file=analysis.filename, sha256=analysis.sha256, status=IMPORTED, rows_imported=len(analysis.needs),
        rows_rejected=analysis.rows_rejected, rows_warned=analysis.rows_warned,
        columns=analysis.column_mapping, problems=analysis.problems,
    )
    if strict and analysis.rows_rejected:
        report.status, report.rows_imported, report.aborted = REJECTED, 0, True
        report.reason = (f"Importación cancelada (modo estricto): {analysis.rows_rejected} filas tienen errores. "
                         "Corríjalas y vuelva a cargar el archivo.")
        return report
    if analysis.needs.empty:
        report.status = REJECTED
        report.reason = "Ninguna fila es válida: corrija los errores indicados y vuelva a cargar el archivo."
        return report
    if dry_run:
        return report
    new = NewUpload(
        filename=analysis.filename, sha256=analysis.sha256, content=analysis.content,
        uploaded_by=user or _current_user(), sheets=analysis.sheets, column_mapping=analysis.column_mapping,
        rows_rejected=analysis.rows_rejected, rows_warned=analysis.rows_warned,
        problems=[p.as_dict() for p in analysis.problems], is_sample=is_sample,
    )
    try:
        report.upload_id = store.add_upload(new, analysis.needs)
    except DuplicateUpload as dup:
        return duplicate_report(store, analysis.filename, analysis.sha256, dup.upload_id)
    return report


def duplicate_report(store: Store, filename: str, sha256: str, upload_id: int) -> ImportReport:
    earlier = store.upload(upload_id) or {}
    deleted = " (eliminada; puede restaurarla en el historial)" if earlier.get("deleted_at") else ""
    return ImportReport(
        file=filename, sha256=sha256, status=DUPLICATE, upload_id=upload_id,
        columns=earlier.get("column_mapping") or {},
        reason=f"Este archivo ya se cargó antes como «{earlier.get('filename', filename)}» "
               f"(carga n.º {upload_id}{deleted}); no se guarda dos veces.",
    )


def import_file(store: Store, data: bytes, filename: str, *, overrides: dict[str, str] | None = None,
                strict: bool = False, dry_run: bool = False, user: str | None = None,
                is_sample: bool = False) -> ImportReport:
    """Import one file's bytes: a duplicate is recognised before any work is done."""
    sha = sha256_of(data)
    if existing := store.find_upload(sha):
        return duplicate_report(store, filename, sha, existing["id"])
    try:
        analysis = analyse_file(data, filename, overrides)
    except FileRefused as refusal:
        return ImportReport(file=filename, sha256=sha, status=REJECTED, reason=str(refusal))
    return store_analysis(store, analysis, user=user, is_sample=is_sample, strict=strict, dry_run=dry_run)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analista"

