"""Every filled cell of a file accounted for: stored in a need, read as a field, or set aside with a note.

Nothing may leave a file in silence. After the tables are read, each sheet is walked once more: lines that are
no table's rows (titles, page furniture, totals, the form's column numbers and signatures), columns no field
takes, cells under a need column that name no need, tables and sheets that are no list of needs, values taken
from a title, codes read from a legend, lists split into needs — each becomes a note of the report (a warning
for a column of text that no field takes). Whatever no rule explained is reported too («celdas-sin-leer»), so
the guarantee holds even for a layout nobody foresaw; the tests check that no fixture ever needs that line.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from analysis import fields
from analysis.formatting import plural
from analysis.ingest.problems import Problem
from analysis.layouts.cell_lists import Items
from analysis.layouts.column_roles import META
from analysis.layouts.legends import Codes
from analysis.layouts.recast import Recast
from analysis.layouts.shapes import Fit, Rows
from analysis.layouts.shapes.base import is_need_text, letter
from analysis.layouts.summary_tables import is_running_index
from analysis.layouts.tables import BAND, FORM, PAGE, REPEATED_HEADER, TITLE, TOTAL, SheetLayout, Table
from analysis.layouts.text_tags import TagsRead
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell

_REASONS = {
    TITLE: "títulos y datos del encabezado del documento",
    PAGE: "encabezados y pies de página",
    REPEATED_HEADER: "el encabezado de la tabla repetido",
    TOTAL: "totales y notas al pie",
    FORM: "números de columna, unidades, instrucciones o firmas del formulario",
}
_TEXT_HEAVY = 0.5  # a column no field takes is a warning when this share of its cells reads as needs


@dataclass
class Split:
    """A cell that listed several needs, each stored as a need of its own."""

    sheet: str
    cell: str  # «C7»
    items: Items
    kept_whole: bool = False  # the analyst chose to keep it as one need

    @property
    def key(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass
class TableReading:
    """A table of needs as the importer read it: its shape (and the others that fit), its needs, its lists."""

    table: Table
    fit: Fit
    alternatives: list[Fit]
    rows: Rows
    splits: list[Split]
    rejected: set[int] = field(default_factory=set)  # rows of submissions a reviewer rejected in the survey tool
    recast: Recast | None = None  # a sheet of records that are not rows, rewritten as this table
    tags: TagsRead = field(default_factory=TagsRead)  # codes the needs' texts carried («[GRDC]»)

    @property
    def key(self) -> str:
        return table_key(self.table)


def table_key(table: Table) -> str:
    """How the analyst's choices name a table: «Hoja1!5» (its sheet and header row)."""
    return f"{table.sheet}!{table.header_row}"


def ranges(numbers) -> str:
    """«1–3, 7 y 9–10» for row numbers."""
    numbers = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    words = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return " y ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def _rows_words(numbers) -> str:
    numbers = sorted(set(numbers))
    return f"{'Fila' if len(numbers) == 1 else 'Filas'} {ranges(numbers)}"


def _example(values) -> str:
    text = next((clean_cell(v) for v in values if clean_cell(v)), "")
    return text if len(text) <= 60 else text[:59] + "…"


def notes_for_sheet(sheet: Sheet, layout: SheetLayout, read: list[TableReading], skipped: list[tuple[Table, str]],
                    codes: Codes) -> list[Problem]:
    """The notes that account for every filled cell of one sheet (see the module's docstring)."""
    notes: list[Problem] = []
    grid = sheet.rows
    accounted_rows: set[int] = set()
    by_reason: dict[str, list[int]] = defaultdict(list)
    legend = codes.cells.get(sheet.name, set())
    for index, reason in layout.set_aside.items():
        accounted_rows.add(index)
        row = grid[index] if index < len(grid) else []
        of_legend = all((index, c) in legend for c, v in enumerate(row) if clean_cell(v))
        if reason != BAND and not of_legend:  # a line of a legend is accounted for by the legend's note
            by_reason[reason].append(index + 1)
    for reason, numbers in by_reason.items():
        example = _example(c for n in numbers[:3] for c in grid[n - 1])
        notes.append(Problem("filas-ignoradas", sheet.name, None, None, example,
                             f"{_rows_words(numbers)}: {_REASONS[reason]}; no son necesidades."))
    for table, note in skipped:
        rows = [n - 1 for n in (*table.header_rows, *table.row_numbers)]
        accounted_rows.update(rows)
        notes.append(Problem("hoja-ignorada", sheet.name, None, None, _example(table.headers),
                             f"{_rows_words(r + 1 for r in rows)}: {note[0].lower()}{note[1:]}"))
    for reading in read:
        accounted_rows.update(n - 1 for n in reading.table.header_rows)
        accounted_rows.update(n - 1 for n in reading.table.row_numbers)
        notes.extend(_column_notes(reading, legend))
        notes.extend(_cell_notes(reading))
    notes.extend(_unread(sheet, accounted_rows, legend))
    return notes


def _column_notes(reading: TableReading, legend: set[tuple[int, int]]) -> list[Problem]:
    """A note for each column of a table that holds something no field took."""
    table, used = reading.table, reading.rows.columns_used
    width = max((len(r) for r in table.rows), default=0)
    notes, tool_columns = [], []
    for column in range(width):
        if column in used:
            continue
        values = [row[column] for row, n in zip(table.rows, table.row_numbers)
                  if column < len(row) and clean_cell(row[column]) and (n - 1, column) not in legend]
        if not values:
            continue
        header = table.headers[column] if column < len(table.headers) and table.headers[column] else \
            f"columna {letter(column)}"
        role = table.roles[column] if column < len(table.roles) else None
        if role is not None and role.kind == META:
            tool_columns.append(header)
            continue
        if is_running_index(values):
            why = "numera las filas"
        elif sum(map(is_need_text, values)) >= _TEXT_HEAVY * len(values):
            notes.append(Problem("columna-sin-campo", table.sheet, None, header, _example(values),
                                 f"La columna «{header}» tiene texto en {plural(len(values), 'fila')} y no corresponde "
                                 "a ningún campo: no se guarda. Si contiene necesidades u otro dato, indique en "
                                 "«Columnas» a qué campo corresponde."))
            continue
        else:
            why = "no corresponde a ningún campo"
        notes.append(Problem("columna-ignorada", table.sheet, None, header, _example(values),
                             f"La columna «{header}» ({plural(len(values), 'celda')}) {why}: no se guarda."))
    if tool_columns:
        named = ", ".join(f"«{h}»" for h in tool_columns)
        notes.append(Problem("columna-ignorada", table.sheet, None, tool_columns[0], "",
                             f"{'La columna' if len(tool_columns) == 1 else 'Las columnas'} {named} "
                             f"{'es un dato' if len(tool_columns) == 1 else 'son datos'} de la herramienta de encuesta "
                             "(quién, cuándo y con qué equipo respondió), no de la necesidad: no se guardan."))
    return notes


def _cell_notes(reading: TableReading) -> list[Problem]:
    """Notes on cells read another way: lists split, cells under a need column that name none, values from a title."""
    table, rows = reading.table, reading.rows
    notes = []
    if reading.rejected:
        notes.append(Problem("filas-ignoradas", table.sheet, None, None, "",
                             f"{_rows_words(reading.rejected)}: envíos que el revisor rechazó en la herramienta de "
                             "encuesta (estado de revisión «rechazado»); no se guardan."))
    if rows.unplaced:
        numbers = [n for n, _, _ in rows.unplaced]
        notes.append(Problem("celdas-sin-necesidad", table.sheet, None, None, _example(t for _, _, t in rows.unplaced),
                             f"{plural(len(rows.unplaced), 'celda')} de necesidades no nombran ninguna "
                             f"({_rows_words(numbers).lower()}; p. ej. «{_example(t for _, _, t in rows.unplaced)}»): "
                             "no se guardan."))
    for split in reading.splits:
        count = len(split.items.items)
        if split.kept_whole:
            message = f"La celda {split.cell} tiene {count} necesidades {split.items.style}: se guarda como una sola, " \
                      "como eligió el analista."
        else:
            message = f"La celda {split.cell} tenía {count} necesidades {split.items.style}: se guarda cada una."
        notes.append(Problem("lista-dividida", split.sheet, None, split.cell, split.items.items[0], message))
    if reading.tags.needs:
        tags = reading.tags
        named = " y ".join(fields.label(name) for name in fields.mapped_keys() if name in tags.fields)
        notes.append(Problem("codigos-en-el-texto", table.sheet, None, None, tags.examples[0],
                             f"{plural(tags.needs, 'necesidad')} traían códigos en su texto ("
                             + ", ".join(f"«{t}»" for t in tags.examples) + f"): se leyeron como {named} y se "
                             "quitaron del texto."))
    stated = {name: value for name, value in table.defaults.items() if name in table.sources}
    if stated and len(rows):
        said = ", ".join(f"{fields.label(name).lower()} «{value}» ({table.sources[name]})"
                         for name, value in stated.items())
        notes.append(Problem("valor-del-titulo", table.sheet, None, None, next(iter(stated.values())),
                             f"Para las filas de la tabla que no lo dicen se tomó {said}."))
    return notes


def _unread(sheet: Sheet, accounted_rows: set[int], legend: set[tuple[int, int]]) -> list[Problem]:
    """What no rule explained: filled cells of rows no table, line or note accounts for."""
    missed = [(r, c) for r, row in enumerate(sheet.rows) if r not in accounted_rows
              for c, value in enumerate(row) if clean_cell(value) and (r, c) not in legend]
    if not missed:
        return []
    first = sheet.rows[missed[0][0]][missed[0][1]]
    return [Problem("celdas-sin-leer", sheet.name, None, None, _example([first]),
                    f"{plural(len(missed), 'celda')} ({_rows_words(r + 1 for r, _ in missed).lower()}) no se leyeron como "
                    "necesidad ni como dato de ninguna: no se guardan. Revise el archivo o avise al equipo técnico.")]


def recast_notes(sheet: Sheet, reading: TableReading) -> list[Problem]:
    """The notes of a sheet recast as a table (sideways, cards, a list in running text): labels no field takes,
    cells read another way, and every line that holds no need, by what it is («Ficha 2», «Acuerdos»)."""
    recast = reading.recast
    notes = _column_notes(reading, set()) + _cell_notes(reading)
    outside = sorted({r for r, row in enumerate(sheet.rows) for c, v in enumerate(row)
                      if clean_cell(v) and (r, c) not in recast.covered})
    for what, rows in [*recast.aside, (recast.outside, outside)]:
        if rows:
            notes.append(Problem("filas-ignoradas", sheet.name, None, None,
                                 _example(c for r in rows[:3] for c in sheet.rows[r]),
                                 f"{_rows_words(r + 1 for r in rows)}: {what}; no son necesidades."))
    return notes


def sheet_note(sheet: Sheet, note: str, codes: Codes) -> list[Problem]:
    """The note of a sheet that holds no table of needs (every filled cell of it is accounted for by it)."""
    if not any(clean_cell(v) for row in sheet.rows for v in row):
        return []
    used = [name for name, where in codes.sources.items() if where == sheet.name]
    if used:
        return [Problem("codigos-de-leyenda", sheet.name, None, None, codes.described(used[0]),
                        f"La hoja «{sheet.name}» explica códigos: se usaron para leer "
                        + "; ".join(f"{fields.label(n)} ({codes.described(n)})" for n in used) + ".")]
    return [Problem("hoja-ignorada", sheet.name, None, None, "", f"Hoja «{sheet.name}»: {note[0].lower()}{note[1:]}")]


def legend_notes(codes: Codes, sheets_with_tables: set[str]) -> list[Problem]:
    """A note for each legend that stands beside a table (a legend sheet says so in its own note)."""
    return [Problem("codigos-de-leyenda", codes.sources[name], None, fields.label(name), codes.described(name),
                    f"Los códigos de {fields.label(name)} se leyeron con la leyenda de la hoja «{codes.sources[name]}»: "
                    f"{codes.described(name)}.")
            for name in codes.by_field if codes.sources.get(name) in sheets_with_tables]
