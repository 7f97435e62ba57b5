"""Finding the table of needs inside a sheet as field teams really lay it out.

Title blocks and blank rows above the header, an instructions sheet next to the
data, a TOTAL row at the bottom, the ámbito written only in the sheet name: this
module finds the header row, keeps the data rows with their spreadsheet row
numbers, and collects values the sheet states once for all its rows.
"""
import re
from dataclasses import dataclass, field

from analysis.columns import ColumnMatch, map_columns, score_header
from analysis.places import recognise_departamento
from analysis.reading import Sheet
from analysis.text import clean_cell, normalize
from analysis.values import recognise_ambito

HEADER_SEARCH_ROWS = 40
_SUMMARY_LABEL = re.compile(
    r"^(?:sub ?total(?:es)?|total(?:es)?|gran total|suma(?: total)?|total general|conteo)"
    r"(?: (?:de )?(?:necesidades|filas|registros|general))?$"
)
_NOTE_PREFIXES = ("nota", "notas", "fuente", "elaborado", "elaboracion", "observacion", "observaciones")


@dataclass
class Table:
    """The table of one sheet: its header, mapped columns and data rows."""

    sheet: str
    header_row: int  # spreadsheet row number of the header
    headers: list[str]
    columns: list[ColumnMatch]
    rows: list[list] = field(repr=False)
    row_numbers: list[int] = field(repr=False)
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value stated once for the sheet
    sections: list[dict[str, str]] = field(default_factory=list, repr=False)  # per row: values of its heading row

    def column_of(self, name: str) -> ColumnMatch | None:
        return next((c for c in self.columns if c.field == name), None)


def _header_candidate(row: list, overrides: dict | None) -> tuple[list[str], list[ColumnMatch]] | None:
    headers = [clean_cell(c) for c in row]
    if sum(1 for h in headers if h) < 2:
        return None
    matches = [m for m in map_columns(headers, overrides) if m.field != "region"]
    if len(matches) < 2 or not any(m.field == "necesidad" for m in matches):
        return None
    return headers, matches


def _title_defaults(rows: list[list]) -> dict[str, str]:
    """Values stated above the header as «Departamento: Petén» or in a label/value cell pair."""
    found = {}
    for row in rows:
        cells = [clean_cell(c) for c in row if clean_cell(c)]
        pairs = [tuple(c.split(":", 1)) for c in cells if ":" in c]
        if len(cells) == 2 and not pairs:
            pairs = [(cells[0], cells[1])]
        for label, value in pairs:
            scores = score_header(label)
            if scores and value.strip():
                best = max(scores, key=scores.get)
                if scores[best] >= 0.9 and best not in ("necesidad", "region"):
                    found.setdefault(best, value.strip())
    return found


def _is_summary_or_note(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if not filled:
        return True
    keys = [normalize(c) for c in filled]
    if any(_SUMMARY_LABEL.match(k) for k in keys):
        return True
    return len(filled) == 1 and (keys[0].startswith(_NOTE_PREFIXES) or filled[0].startswith("*"))


def find_table(sheet: Sheet, overrides: dict[str, str] | None = None) -> Table | None:
    """The table of needs in a sheet, or None when the sheet holds none (instructions…)."""
    best = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        candidate = _header_candidate(row, overrides)
        if candidate and (best is None or len(candidate[1]) > len(best[2])):
            best = (index, *candidate)
    if best is None:
        return None
    header_index, headers, columns = best
    defaults = _title_defaults(sheet.rows[:header_index])
    if ambito := recognise_ambito(sheet.name):
        defaults.setdefault("ambito", ambito)
    if departamento := recognise_departamento(sheet.name):
        defaults.setdefault("departamento", departamento)

    header_keys = [normalize(h) for h in headers]
    necesidad_index = next(c.index for c in columns if c.field == "necesidad")
    rows, numbers, sections = [], [], []
    section: dict[str, str] = {}
    for offset, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2):
        cell = row[necesidad_index] if necesidad_index < len(row) else ""
        if not (isinstance(cell, str) and len(cell) > 15 and sum(1 for c in row if c != "") > 1):
            # Not the common case of a described need in context: look closer.
            cells = [clean_cell(c) for c in row]
            if heading := _section_heading(cells, necesidad_index):
                section = {**section, **heading}
                continue
            if _is_summary_or_note(cells) or [normalize(c) for c in cells[: len(header_keys)]] == header_keys:
                continue  # blank row, TOTAL row, footnote or a header repeated for printing
        rows.append(row)
        numbers.append(offset)
        sections.append(section)
    return Table(sheet.name, header_index + 1, headers, columns, rows, numbers, defaults, sections)


def _section_heading(cells: list[str], necesidad_index: int) -> dict[str, str] | None:
    """A row that only names an ámbito or a departamento («SEGURIDAD INTERIOR», «PETÉN»)
    heads the rows below it, like a sheet name would. The description column never holds
    one: a short need such as «Riesgo de inundación» stays a need."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if len(filled) != 1 or filled[0][0] == necesidad_index:
        return None
    text = filled[0][1]
    if ambito := recognise_ambito(text):
        return {"ambito": ambito}
    if departamento := recognise_departamento(text):
        return {"departamento": departamento}
    return None
