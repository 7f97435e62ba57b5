"""Importing one spreadsheet: read, find tables, map, validate, then store in one go.

`analyse_file` does everything but storing, so the upload page can show the
mapping and the validation report before the analyst confirms; `import_file`
stores the result (or refuses the whole file) and reports it in the shape of the
CLI's JSON. Both read the file in a sandboxed child process (`analysis.ingest.sandbox`):
the bytes are untrusted, and only an Analysis or a FileRefused comes back.
"""
import dataclasses
import getpass
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis import fields
from analysis.formatting import format_int
from analysis.ingest.accounting import (
    Split,
    TableReading,
    legend_notes,
    notes_for_sheet,
    recast_notes,
    sheet_note,
    table_key,
)
from analysis.ingest.corrections import Corrections
from analysis.ingest.problems import Problem
from analysis.ingest.sandbox import run_isolated
from analysis.ingest.validation import validate_rows
from analysis.layouts import records, text_lists
from analysis.layouts.cell_lists import may_list, split_items, without_marker
from analysis.layouts.column_roles import VALUE
from analysis.layouts.legends import Codes, find_codes, is_legend_sheet, legend_labels
from analysis.layouts.shapes import Fit, Rows, fitting
from analysis.layouts.shapes.base import cell_name
from analysis.layouts.summary_tables import (
    COUNT,
    PIVOT,
    SUMMARY_SHEET,
    is_summary_sheet_name,
    looks_like_summary_sheet,
    mostly_numbers,
)
from analysis.layouts.survey_exports import drop_rows, link_parents, parent_values, rejected_submissions
from analysis.layouts.tables import SheetLayout, Table, read_sheet
from analysis.layouts.text_tags import apply_tags
from analysis.reading.refusals import FileRefused, MissingColumns
from analysis.reading.workbooks import Sheet, read_workbook
from analysis.store.database import DuplicateUpload, NewUpload, NotReplaceable, Overlap, Store
from analysis.store.schema import NEED_COLUMNS

IMPORTED, DUPLICATE, REJECTED = "imported", "duplicate", "rejected"


@dataclass
class Analysis:
    """What a file holds, ready to store: needs, problems and how it was understood."""

    filename: str
    sha256: str
    content: bytes = field(repr=False)
    tables: list[Table]  # how each table was understood; from `analyse_file`, without their raw rows
    sheets: list[dict]  # per sheet: hoja, fila_encabezado, filas, nota
    needs: pd.DataFrame
    problems: list[Problem]
    rows_rejected: int
    rows_warned: int
    readings: list["TableSummary"] = field(default_factory=list)  # how each table of needs was read
    splits: list[Split] = field(default_factory=list)  # cells that listed several needs

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
    replaced_upload_id: int | None = None  # the earlier upload this one replaced (hidden, restorable)
    overlap: Overlap | None = None  # the earlier upload already holding most of these needs

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
            "replaced_upload_id": self.replaced_upload_id,
            "overlap": ({"upload_id": self.overlap.upload_id, "filename": self.overlap.filename,
                         "rows": self.overlap.rows} if self.overlap else None),
        }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _missing_place(reading: TableReading, stated: Mapping[str, str]) -> str | None:
    """Why a table cannot be placed on the map (no departamento or municipio), or None."""
    rows, table = reading.rows, reading.table
    if {"departamento", "municipio"} & (set(rows.headers) | set(rows.defaults) | set(stated)):
        return None
    headers = ", ".join(f"«{h}»" for h in table.headers if h) or "ninguno"
    return (
        f"En la hoja «{table.sheet}» falta la columna de Departamento (o Municipio). Encabezados "
        f"encontrados en la fila {table.header_row}: {headers}. Agregue la columna, indique cuál "
        "encabezado corresponde al departamento, o fije el lugar de todo el archivo."
    )


_SUMMARY_NOTES = {
    PIVOT: "Omitida: es una tabla dinámica (un resumen), no una lista de necesidades.",
    COUNT: "Omitida: es un conteo (un resumen), no una lista de necesidades.",
    SUMMARY_SHEET: "Omitida: es una hoja de resumen; las necesidades se leen de las otras hojas.",
}
_NO_SHAPE = "Omitida: no se reconoce dónde están las necesidades en esta tabla (ni una fila por necesidad ni una matriz)."


# What the analyst may state for the whole file in the preview.
STATED_FIELDS = ("evento", "fecha", "departamento", "municipio")


@dataclass(frozen=True)
class Choices:
    """What the analyst decided in the preview, applied when the file is read again."""

    shapes: Mapping[str, str] = field(default_factory=dict)  # table key («Hoja1!5») -> shape key
    whole: frozenset[str] = frozenset()  # cells («Hoja1!C7») whose list stays one need
    stated: Mapping[str, str] = field(default_factory=dict)  # field -> value for the whole file (evento, fecha, lugar)


@dataclass(frozen=True)
class TableSummary:
    """How one table of needs was read, as the preview shows it."""

    key: str
    sheet: str
    header_row: int | None  # None when no row of the file holds the header (a table sideways, a list in text)
    title: str
    shape: str  # the chosen shape's key
    description: str  # «Matriz: una columna por ámbito»
    alternatives: tuple[tuple[str, str], ...]  # (key, description) of every shape that fits, the chosen one first
    sources: Mapping[str, tuple[str, str]]  # field -> (value, where from) stated once for the table


def _entry(sheet: str, table: Table | None, note: str, shape: str = "") -> dict:
    """What the upload page and the history say about one sheet, or one table of a sheet."""
    return {"hoja": sheet, "fila_encabezado": table.header_row if table else None,
            "filas": len(table.rows) if table else 0, "forma": shape, "nota": note}


@dataclass
class _Contents:
    """The tables of needs of a workbook and what was done with each sheet and table."""

    readings: list[TableReading] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)  # per sheet, or per table of a sheet with tables
    table_entries: list[dict] = field(default_factory=list)  # the entry of each reading
    skipped: dict[str, list[tuple[Table, str]]] = field(default_factory=dict)  # sheet -> tables set aside, why
    parents: dict[str, str] = field(default_factory=dict)  # sheet of a repeat group's parents -> sheet of its needs
    recast: dict[str, TableReading] = field(default_factory=dict)  # sheets of records that are not rows

    def merge(self, other: "_Contents") -> None:
        """Add what one sheet holds to what the workbook holds."""
        self.readings += other.readings
        self.entries += other.entries
        self.table_entries += other.table_entries
        self.skipped.update(other.skipped)
        self.empty_sheets.update(other.empty_sheets)
        self.parents.update(other.parents)
        self.recast.update(other.recast)
        self.summaries += other.summaries
    empty_sheets: dict[str, str] = field(default_factory=dict)  # sheet without a table of needs -> why
    summaries: int = 0  # sheets and tables skipped as summaries


def _contents(layouts: list[tuple[Sheet, SheetLayout]], choices: Choices, overrides: dict | None = None) -> _Contents:
    """Sort every table into needs (read by their shape), summaries and tables without needs.

    A sheet named as a summary («Resumen», «TD Nivel»), and a table with a column of counts, are
    read only when no other sheet holds a plain list of needs.
    """
    fits = {id(t): fitting(t) if t.summary is None else [] for _, layout in layouts for t in layout.tables}
    elsewhere = any(t.rows and t.summary is None and not t.counts and fits[id(t)] for sheet, layout in layouts
                    if not is_summary_sheet_name(sheet.name) for t in layout.tables)
    shown = any(t.rows and fits[id(t)] for sheet, layout in layouts if not sheet.hidden for t in layout.tables)
    contents = _Contents()
    for sheet, layout in layouts:
        named_summary = elsewhere and is_summary_sheet_name(sheet.name)
        legend = is_legend_sheet(sheet.name) and len(layouts) > 1
        hidden = sheet.hidden and shown  # a hidden sheet is read only when no sheet in sight holds needs
        found = _Contents()
        if not (legend or hidden) and (reading := _recast_reading(sheet, overrides, choices)) and len(reading.rows):
            found = _Contents(readings=[reading], recast={sheet.name: reading})  # records that are not rows
            entry = _entry(sheet.name, reading.table, "", reading.fit.description)
            found.table_entries.append(entry | {"fila_encabezado": reading.recast.header_row})
            found.entries = list(found.table_entries)
        elif not (legend or hidden):
            _read_tables(found, sheet, layout, layouts, fits, choices, named_summary, elsewhere)
        if not found.entries:
            summary = PIVOT if looks_like_summary_sheet(sheet.rows) else SUMMARY_SHEET if named_summary else None
            found.summaries += summary is not None
            note = _SUMMARY_NOTES[summary] if summary else _HIDDEN if hidden else \
                "Omitida: no contiene una tabla de necesidades."
            found.entries.append(_entry(sheet.name, None, note))
            found.empty_sheets[sheet.name] = note
        contents.merge(found)
    return contents


def _read_tables(found: _Contents, sheet: Sheet, layout: SheetLayout, layouts, fits: dict, choices: Choices,
                 named_summary: bool, elsewhere: bool) -> None:
    """Each table of a sheet read by its shape, or set aside with the reason (a summary, no rows, no shape)."""
    for table in layout.tables:
        fitted = fits[id(table)]
        summary = table.summary or (SUMMARY_SHEET if named_summary else COUNT if elsewhere and table.counts
                                    else COUNT if not fitted and _counts_values(table) else None)
        note = _SUMMARY_NOTES[summary] if summary else None
        if note is None and not table.rows:
            note = "Omitida: la tabla no tiene filas de datos."
        elif note is None and not fitted:
            note = _NO_SHAPE
        if note:
            found.summaries += summary is not None
            found.entries.append(_entry(sheet.name, table, note))
            found.skipped.setdefault(sheet.name, []).append((table, note))
            continue
        wanted = choices.shapes.get(table_key(table))
        chosen = next((f for f in fitted if f.shape.key == wanted), fitted[0])
        rows = chosen.shape.read(table)
        if linked := parent_values([s for s, _ in layouts], table):
            found.parents[linked[0]] = table.sheet
            link_parents(rows, table, *linked[1:])
        drop_rows(rows, rejected := rejected_submissions(table))
        tags = apply_tags(rows)
        splits = expand_lists(rows, choices.whole)
        found.readings.append(TableReading(table, chosen, fitted, rows, splits, rejected, tags=tags))
        many = len(layout.tables) > 1 and table.title
        entry = _entry(sheet.name, table, f"Tabla «{table.title}»" if many else "", chosen.description)
        found.entries.append(entry)
        found.table_entries.append(entry)


_HIDDEN = ("Omitida: es una hoja oculta del libro y las necesidades están en las hojas a la vista. Si también tiene "
           "necesidades, muéstrela en Excel (clic derecho en una pestaña, «Mostrar») y cargue el archivo de nuevo.")
_RECASTS = (records.transposed, records.cards, records.two_line_records, text_lists.text_list)  # records that are not rows, in this order


def _recast_reading(sheet: Sheet, overrides, choices: Choices) -> TableReading | None:
    """A sheet of records laid out sideways or as cards, read as a table, its needs named by the cells as written."""
    recast = next((r for read in _RECASTS if (r := read(sheet))), None)
    if recast is None:
        return None
    try:
        table = next((t for t in read_sheet(recast.sheet, overrides).tables if t.summary is None), None)
    except FileRefused:
        return None  # what looked like records does not read as a table of needs: the sheet is judged as written
    fitted = fitting(table) if table is not None else []
    if not fitted or table.column_of("necesidad") is None:
        return None
    chosen = Fit(fitted[0].shape, fitted[0].score, recast.description)
    rows = chosen.shape.read(table)
    need = table.column_of("necesidad").index
    where = [recast.written(n - 1, need) or (n - 1, need) for n in rows.rows]
    rows.rows = [r + 1 for r, _ in where]
    rows.cells = [cell_name(c, r + 1) for r, c in where]
    tags = apply_tags(rows)
    return TableReading(table, chosen, [chosen], rows, expand_lists(rows, choices.whole), recast=recast, tags=tags)


def _counts_values(table: Table) -> bool:
    """Whether a table's value columns hold numbers: a crosstab of counts («Departamento | SI | SE…»)."""
    columns = [i for i, r in enumerate(table.roles) if r.kind == VALUE]
    return bool(columns) and mostly_numbers(row[i] for row in table.rows for i in columns if i < len(row))


def expand_lists(rows: Rows, whole: frozenset[str]) -> list[Split]:
    """Each need whose cell lists several becomes one entry per item (in place); the splits, for the notes.
    A list the analyst chose to keep whole stays one need, its markers kept; a lone marked item loses its marker."""
    splits: list[Split] = []
    texts = rows.values["necesidad"]
    distinct = {t: (split_items(t), without_marker(t)) for t in may_list(set(texts))}  # each text read once
    found = [(i, items) for i, text in enumerate(texts) if text in distinct and (items := distinct[text][0])]
    if not found:
        rows.values["necesidad"] = [distinct[t][1] if t in distinct else t for t in texts]
        return splits
    order: list[tuple[int, str]] = []
    listed = dict(found)
    for i, text in enumerate(texts):
        items = listed.get(i)
        if items is None:
            order.append((i, distinct[text][1] if text in distinct else text))
            continue
        split = Split(rows.sheet, rows.cells[i], items)
        if split.key in whole:
            split.kept_whole = True
            order.append((i, text))
        else:
            order.extend((i, item) for item in items.items)
        splits.append(split)
    for name, values in rows.values.items():
        rows.values[name] = [values[i] for i, _ in order]
    rows.values["necesidad"] = [item for _, item in order]
    rows.rows = [rows.rows[i] for i, _ in order]
    rows.cells = [rows.cells[i] for i, _ in order]
    rows.sections = [rows.sections[i] for i, _ in order]
    return splits


def analyse_file(data: bytes, filename: str, overrides: dict[str, str] | None = None,
                 corrections: Corrections | None = None, choices: Choices | None = None) -> Analysis:
    """Read and validate a file without storing anything, in a child process within the reading
    limits (analysis.reading.limits); raises FileRefused, also when the file passes a limit.

    `overrides` say which field a header feeds; `corrections` replace rejected values (analysis.ingest.corrections);
    `choices` are the analyst's decisions about shapes, lists and values for the whole file.
    """
    return dataclasses.replace(run_isolated(_analyse_without_bytes, data, filename, overrides, corrections, choices),
                               content=data)


def _analyse_without_bytes(data: bytes, filename: str, overrides, corrections, choices) -> Analysis:
    """`analyse_here`, answered lean across the pipe: without the file's bytes (the caller has them)
    nor the tables' raw rows (their needs are in `needs`); pickling those would cost more than a
    tenth of a 100,000-row import."""
    found = analyse_here(data, filename, overrides, corrections, choices)
    tables = [dataclasses.replace(t, rows=[], row_numbers=[], sections=[]) for t in found.tables]
    return dataclasses.replace(found, content=b"", tables=tables)


def analyse_here(data: bytes, filename: str, overrides: dict[str, str] | None = None,
                 corrections: Corrections | None = None, choices: Choices | None = None) -> Analysis:
    """`analyse_file` in this very process: only for the sandbox's child, or for trusted files."""
    choices = choices or Choices()
    sheets = read_workbook(data, filename)
    overrides = {**legend_labels(sheets), **(overrides or {})} or None  # the analyst's say wins over a legend's
    layouts = [(sheet, read_sheet(sheet, overrides)) for sheet in sheets]
    contents = _contents(layouts, choices, overrides)
    readings = contents.readings
    if not readings:
        names = ", ".join(f"«{s.name}»" for s in sheets)
        if contents.summaries:
            raise FileRefused(
                f"El archivo solo contiene resúmenes (tablas dinámicas o conteos), no la lista de necesidades "
                f"(hojas revisadas: {names}). Cargue el archivo que tiene una fila por necesidad."
            )
        if any(e["fila_encabezado"] for e in contents.entries):
            raise FileRefused(f"La tabla de necesidades no tiene filas de datos (hojas revisadas: {names}).")
        raise FileRefused(
            f"No se encontró una tabla de necesidades en {names}. La tabla necesita una fila de encabezados "
            "con una columna de la necesidad (p. ej. «Necesidad», «Problemática», «Descripción») y al menos "
            "otra columna reconocible (Departamento, Municipio, Nivel, Ámbito…), o una columna por ámbito, "
            "nivel o lugar con las necesidades en sus celdas."
        )
    if reasons := [r for r in (_missing_place(reading, choices.stated) for reading in readings) if r]:
        raise MissingColumns(reasons[0], [reading.table for reading in readings])
    codes = find_codes(sheets, _data_cells(readings))
    validated = [validate_rows(reading.rows, corrections, codes, choices.stated) for reading in readings]
    frames = [v.needs for v in validated if not v.needs.empty]
    needs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(NEED_COLUMNS))
    for entry, result in zip(contents.table_entries, validated):
        entry["aceptadas"] = len(result.needs)
        entry["rechazadas"] = result.rows_rejected
    notes = _notes(layouts, contents, codes, choices)
    return Analysis(
        filename=filename, sha256=sha256_of(data), content=data,
        tables=[r.table for r in readings if r.recast is None or r.recast.headers_written],
        sheets=contents.entries, needs=needs,
        problems=[p for v in validated for p in v.problems] + notes,
        rows_rejected=sum(v.rows_rejected for v in validated),
        rows_warned=sum(v.rows_warned for v in validated),
        readings=[_summary(reading) for reading in readings],
        splits=[split for reading in readings for split in reading.splits],
    )


def _data_cells(readings: list[TableReading]) -> dict[str, dict[int, frozenset[int]]]:
    """Per sheet, the columns each data row of a table was read in (its cells are never a legend)."""
    cells: dict[str, dict[int, frozenset[int]]] = {}
    for reading in readings:
        used = frozenset(reading.rows.columns_used)
        cells.setdefault(reading.table.sheet, {}).update(dict.fromkeys((n - 1 for n in reading.table.row_numbers), used))
    return cells


def _notes(layouts, contents: _Contents, codes: Codes, choices: Choices) -> list[Problem]:
    """Every note that accounts for what the file holds besides its needs (analysis.ingest.accounting)."""
    notes: list[Problem] = []
    with_tables = {r.table.sheet for r in contents.readings}
    for sheet, layout in layouts:
        if recast := contents.recast.get(sheet.name):
            notes.extend(recast_notes(sheet, recast))
            continue
        if sheet.name in contents.empty_sheets:
            note = contents.empty_sheets[sheet.name]
            if child := contents.parents.get(sheet.name):
                note = (f"sus filas son los datos de cada envío de la encuesta: departamento, evento y fecha se "
                        f"copiaron a las necesidades de la hoja «{child}» que dependen de ellas (_parent_index).")
            notes.extend(sheet_note(sheet, note, codes))
            continue
        read = [r for r in contents.readings if r.table.sheet == sheet.name]
        notes.extend(notes_for_sheet(sheet, layout, read, contents.skipped.get(sheet.name, []), codes))
    notes.extend(legend_notes(codes, with_tables))
    for name, value in choices.stated.items():
        notes.append(Problem("valor-de-todo-el-archivo", "", None, fields.label(name), value,
                             f"{fields.label(name)} «{value}» fijado por el analista para las filas que no lo dicen."))
    return notes


def _summary(reading: TableReading) -> TableSummary:
    table = reading.table
    header_row = reading.recast.header_row if reading.recast else table.header_row
    return TableSummary(reading.key, table.sheet, header_row, table.title, reading.fit.shape.key,
                        reading.fit.description, tuple((f.shape.key, f.description) for f in
                                                       [reading.fit, *(a for a in reading.alternatives
                                                                       if a.shape.key != reading.fit.shape.key)]),
                        {name: (value, table.sources[name]) for name, value in table.defaults.items()
                         if name in table.sources})


def warm_up_reader() -> None:
    """Read a two-line file, so the reference tables and matchers a first file needs are built:
    the sandbox's children are forked from a process that did this once."""
    analyse_here("Departamento,Necesidad\nPetén,Falta de patrullajes en las aldeas\n".encode(), "calentar.csv")


def overlap_message(overlap: Overlap, rows: int) -> str:
    """«25 de estas 30 filas ya están en la carga n.º 3, «taller_occidente.csv».»"""
    if overlap.rows >= rows:
        these = "La fila ya está" if rows == 1 else f"Las {format_int(rows)} filas ya están"
    else:
        these = f"{format_int(overlap.rows)} de estas {format_int(rows)} filas ya " + (
            "está" if overlap.rows == 1 else "están")
    return f"{these} en la carga n.º {overlap.upload_id}, «{overlap.filename}»."


def replace_refusal(upload_id: int) -> str:
    return (f"No se puede reemplazar la carga n.º {upload_id}: no existe o ya está eliminada. "
            "No se guardó nada.")


def store_analysis(store: Store, analysis: Analysis, *, user: str | None = None, is_sample: bool = False,
                   strict: bool = False, dry_run: bool = False, replace: int | None = None,
                   address: str | None = None) -> ImportReport:
    """Store an analysed file (all or nothing) and report what happened.

    `replace` names an earlier upload the file corrects: it is hidden in the same transaction.
    Without it, the report names the earlier upload that already holds most of these needs.
    """
    report = ImportReport(
        file=analysis.filename, sha256=analysis.sha256, status=IMPORTED, rows_imported=len(analysis.needs),
        rows_rejected=analysis.rows_rejected, rows_warned=analysis.rows_warned,
        columns=analysis.column_mapping, problems=analysis.problems,
    )
    if replace is None and not is_sample and (overlaps := store.overlaps(analysis.needs)):
        report.overlap = overlaps[0]
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
        problems=[p.as_dict() for p in analysis.problems], is_sample=is_sample, address=address,
    )
    try:
        report.upload_id = store.add_upload(new, analysis.needs, replaces=replace)
    except DuplicateUpload as dup:
        return duplicate_report(store, analysis.filename, analysis.sha256, dup.upload_id)
    except NotReplaceable:
        report.status, report.rows_imported, report.reason = REJECTED, 0, replace_refusal(replace)
        return report
    report.replaced_upload_id = replace
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
                is_sample: bool = False, replace: int | None = None) -> ImportReport:
    """Import one file's bytes: a duplicate is recognised before any work is done (and replaces nothing)."""
    sha = sha256_of(data)
    if existing := store.find_upload(sha):
        return duplicate_report(store, filename, sha, existing["id"])
    if replace is not None and not store.is_visible(replace):
        return ImportReport(file=filename, sha256=sha, status=REJECTED, reason=replace_refusal(replace))
    try:
        analysis = analyse_file(data, filename, overrides)
    except FileRefused as refusal:
        return ImportReport(file=filename, sha256=sha, status=REJECTED, reason=str(refusal))
    return store_analysis(store, analysis, user=user, is_sample=is_sample, strict=strict, dry_run=dry_run,
                          replace=replace)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analista"

