"""Finding the tables of needs inside a sheet as field teams and web systems lay them out.

Title blocks and blank rows above the header, values merged down over their rows,
tables stacked one under another (each with its title line and its own header, in any
column order and from any column), page headers and footers of a printed report, TOTAL
lines, blocks of counts: this module reads a sheet top to bottom, starts a table at each
header, keeps the data rows with their spreadsheet row numbers and collects the values
a title or the sheet name states once for all of a table's rows.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis import fields
from analysis.fields.places import recognise_departamento
from analysis.fields.values import recognise_ambito
from analysis.layouts.columns import ColumnMatch, score_header
from analysis.layouts.headers import Header, PlainNames, header_at, two_row_header
from analysis.layouts.merges import fill_merged
from analysis.layouts.printed_reports import is_page_line, is_total_or_note, line_key
from analysis.layouts.summary_tables import COUNT, has_count_column, is_count_header_row, summary_reason
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell, normalize

# The first header of a sheet is looked for in its first rows, however it is worded.
HEADER_SEARCH_ROWS = 40
# What separates a table's name from what it is about: «MESA 2: GESTIÓN DE RIESGOS».
_TITLE_PARTS = re.compile(r"\s*(?::|\||–|—|\s-\s)\s*")
# Words of a title that name the table, not what it is about («Mesa 2», «Eje III»).
_TITLE_WORDS = {"mesa", "tabla", "eje", "ambito", "tema", "componente", "area", "grupo", "de", "del", "la", "el",
                "y", "no", "n", "numero", "seguridad", "i", "ii", "iii", "iv", "v", "vi"}


@dataclass
class Table:
    """One table of a sheet: its header, mapped columns and data rows."""

    sheet: str
    header_row: int  # spreadsheet row number of the header (its lower row when it takes two)
    headers: list[str]
    columns: list[ColumnMatch]
    rows: list[list] = field(repr=False)
    row_numbers: list[int] = field(repr=False)
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value stated once for the table
    sections: list[dict[str, str]] = field(default_factory=list, repr=False)  # per row: values of its heading row
    title: str = ""  # the line that names the table, if any («MESA 2: GESTIÓN DE RIESGOS»)
    summary: str | None = None  # why it is a summary and not a list of needs (summaries.PIVOT, COUNT)
    counts: bool = False  # it has a column of counts: a summary when the workbook lists the needs elsewhere

    def column_of(self, name: str) -> ColumnMatch | None:
        return next((c for c in self.columns if c.field == name), None)


@dataclass
class _Reading:
    """A table while its rows are read."""

    header: Header
    lines: list[list[str]]  # the lines above the header since the previous table's last row
    summary: str | None = None
    rows: list[list] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    sections: list[dict[str, str]] = field(default_factory=list)
    section: dict[str, str] = field(default_factory=dict)
    loose: list[int] = field(default_factory=list)  # positions of rows with one cell, outside the description

    def __post_init__(self):
        self.set_header(self.header)

    def set_header(self, header: Header, upper: list[str] | None = None) -> None:
        self.header = header
        self.necesidad = header.necesidad_index if self.summary is None else -1
        self.mapping = {(c.field, c.index) for c in header.columns}
        # The header's own rows as written, to recognise them when a printed report repeats them.
        self.header_lines = {_line_key(header.cells)} | ({_line_key(upper)} if upper else set())

    def is_need(self, row: list, names: PlainNames) -> bool:
        """The common case, decided without cleaning a cell: a described need in context."""
        cell = row[self.necesidad] if 0 <= self.necesidad < len(row) else ""
        return (isinstance(cell, str) and len(cell) > 15 and (len(cell) > 40 or not names.is_name(cell))
                and sum(1 for c in row if c != "") > 1)

    def add(self, row: list, index: int, cells: list[str] | None = None) -> None:
        if cells is not None and sum(1 for c in cells if c) == 1 and not (
                self.necesidad < len(cells) and cells[self.necesidad]):
            self.loose.append(len(self.rows))
        self.rows.append(row)
        self.numbers.append(index + 1)
        self.sections.append(self.section)

    def was_no_header(self, following: Header) -> bool:
        """Whether this header was a line of a title block that looked like one: nothing under it
        before the `following` header, or only label/value lines («Fecha | 09/11/2017»,
        «Departamento: Petén») and the following header names more fields. Its lines are then
        that header's titles."""
        if not self.rows:
            return True
        return len(following.columns) > len(self.header.columns) and \
            all(_is_label_line([clean_cell(c) for c in row]) for row in self.rows)

    def trailing_lines(self) -> list[list[str]]:
        """Lines of one cell at the end of the table: the title of the table that follows it."""
        moved = []
        while self.loose and self.loose[-1] == len(self.rows) - 1:
            self.loose.pop()
            self.numbers.pop()
            self.sections.pop()
            moved.insert(0, [clean_cell(c) for c in self.rows.pop()])
        return moved

    def table(self, sheet: str, sheet_defaults: dict[str, str]) -> Table:
        # A line of one cell repeated through the table is a page header or footer.
        texts = [_line_key([clean_cell(c) for c in self.rows[i]]) for i in self.loose]
        times = Counter(texts)
        repeated = {i for i, text in zip(self.loose, texts) if times[text] > 1}
        keep = [i for i in range(len(self.rows)) if i not in repeated]
        title_values, title = _title_values(self.lines)
        header = self.header
        found = Table(sheet, header.index + 1, header.cells, header.columns, [self.rows[i] for i in keep],
                      [self.numbers[i] for i in keep], {**sheet_defaults, **title_values},
                      [self.sections[i] for i in keep], title, self.summary)
        if found.summary is None:
            mapped = {c.index: c.field for c in header.columns}

            def column(i):
                return (r[i] if i < len(r) else "" for r in found.rows)
            found.summary = summary_reason(header.cells, mapped, column)
            found.counts = has_count_column(header.cells, mapped, column)
        return found


def find_tables(sheet: Sheet, overrides: dict[str, str] | None = None) -> list[Table]:
    """Every table of a sheet, in order (summaries included, marked); [] when it holds none."""
    rows = fill_merged(sheet.rows, sheet.merged)
    names = PlainNames(overrides)
    sheet_defaults = _sheet_name_defaults(sheet.name)
    readings: list[_Reading] = []
    current: _Reading | None = None
    lines: list[list[str]] = []  # lines since the last data row: the title of the next table
    furniture: set[tuple[str, ...]] = set()  # titles, which a printed report repeats on every page
    only_furniture = True  # whether every line since the last data row is one of them (a page break)
    last_data = -2

    def start(header: Header, summary: str | None = None) -> None:
        nonlocal current, lines, only_furniture
        titles = lines
        if current is not None:
            titles = current.trailing_lines() + lines
            if current.summary or not current.was_no_header(header):
                readings.append(current)
            else:
                titles = current.lines + [current.header.cells] + [[clean_cell(c) for c in r]
                                                                   for r in current.rows] + titles
        furniture.update(_line_key(line) for line in titles)
        current, lines, only_furniture = _Reading(header, titles, summary), [], True

    def note_line(cells: list[str], key: tuple[str, ...]) -> None:
        nonlocal only_furniture
        lines.append(cells)
        only_furniture = only_furniture and key in furniture

    for index, row in enumerate(rows):
        if current is not None and current.summary is None and current.is_need(row, names):
            current.add(row, index)
            lines, only_furniture, last_data = [], True, index
            continue
        cells = [clean_cell(c) for c in row]
        if not any(cells):
            continue
        keys = [normalize(c) if c else "" for c in cells]
        key = line_key(keys)
        page_break = current is not None and only_furniture
        if page_break and key in current.header_lines:
            continue  # the header repeated on a new page
        if current is None:
            screened = index < HEADER_SEARCH_ROWS or names.looks_like_header(row)
        else:  # a header further down starts a new table; it holds names only, never data
            screened = names.looks_like_header(row) and _names_only(row)
        header = header_at(index, row, overrides) if screened else None
        completes = current is not None and not current.rows and current.header.index == index - 1
        if (screened or completes) and index and index - 1 != last_data:
            if pair := two_row_header(rows[index - 1], row, index, overrides):
                if completes:
                    current.set_header(pair, current.header.cells)
                    continue
                header = pair
        if header is not None:
            if page_break and current.summary is None and {(c.field, c.index) for c in header.columns} == \
                    current.mapping:
                continue  # the header repeated on a new page, worded slightly differently
            start(header)
            continue
        if current is None:
            note_line(cells, key)
            continue
        if current.summary is not None:
            current.add(row, index)
            continue
        if heading := _section_heading(cells, current.necesidad):
            current.section = {**current.section, **heading}
            note_line(cells, key)
            continue
        if key in furniture or is_page_line(cells, keys, current.necesidad) or \
                is_total_or_note(cells, keys, current.necesidad):
            continue
        if is_count_header_row(cells, keys):
            start(Header(index, cells, []), COUNT)
            continue
        current.add(row, index, cells)
        lines, only_furniture, last_data = [], True, index
    if current is not None:
        readings.append(current)
    return [r.table(sheet.name, sheet_defaults) for r in readings]


def _is_label_line(cells: list[str]) -> bool:
    """«Fecha | 09/11/2017», «Departamento: Petén»: a label (a field name or text ending in a colon) and its value."""
    filled = [c for c in cells if c]
    if not filled or len(filled) > 2:
        return False
    label = filled[0]
    return ":" in label or max(score_header(label).values(), default=0) >= 0.9


def _line_key(cells: list[str]) -> tuple[str, ...]:
    return line_key([normalize(c) for c in cells])


def _names_only(row: list) -> bool:
    """No number, date or departamento in the row: a data row has some, a header none."""
    return all(isinstance(c, str) and recognise_departamento(c) is None for c in row if c != "" and c is not None)


def _sheet_name_defaults(name: str) -> dict[str, str]:
    """A sheet named after an ámbito or a departamento states it for all its rows."""
    found = {}
    if ambito := recognise_ambito(name):
        found["ambito"] = ambito
    if departamento := recognise_departamento(name):
        found["departamento"] = departamento
    return found


def _title_values(lines: list[list[str]]) -> tuple[dict[str, str], str]:
    """Values the lines above a header state for the whole table, and the table's title.

    «Departamento: Petén» or a label/value cell pair name a field; a title line that names
    only an ámbito or a departamento («MESA 2: GESTIÓN DE RIESGOS», «PETÉN») states it.
    """
    found, title = {}, ""
    for cells in lines:
        filled = [c for c in cells if c]
        pairs = [tuple(c.split(":", 1)) for c in filled if ":" in c]
        if len(filled) == 2 and not pairs:
            pairs = [(filled[0], filled[1])]
        for label, value in pairs:
            scores = score_header(label)
            if scores and value.strip():
                best = max(scores, key=scores.get)
                if scores[best] >= 0.9 and best not in ("necesidad", "region"):
                    found.setdefault(best, value.strip())
        if len(filled) == 1:
            title = filled[0]
    for line in reversed(lines):  # the line closest to the header is the most specific
        filled = [c for c in line if c]
        for part in _TITLE_PARTS.split(filled[0]) if len(filled) == 1 else ():
            if ambito := _ambito_named(part):
                found.setdefault("ambito", ambito)
            if departamento := recognise_departamento(part):
                found.setdefault("departamento", departamento)
    return found, title


def _ambito_named(text: str) -> str | None:
    """The ámbito a title names when it names nothing else («Gestión de riesgos», «Mesa de Inteligencia»)."""
    ambito = recognise_ambito(text)
    if ambito is None:
        return None
    vocabulary = set(normalize(ambito).split()) | {w for phrase in fields.get("ambito").keywords[ambito] for w in phrase.split()}
    words = [w for w in normalize(text).split() if w not in _TITLE_WORDS and not w.isdigit()]
    return ambito if words and all(w in vocabulary for w in words) else None


def _section_heading(cells: list[str], necesidad_index: int) -> dict[str, str] | None:
    """A row that only names an ámbito or a departamento («SEGURIDAD INTERIOR», «PETÉN») heads the
    rows below it, like a sheet name would. The description column never holds one: a short
    need such as «Riesgo de inundación» stays a need."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if len(filled) != 1 or filled[0][0] == necesidad_index:
        return None
    text = filled[0][1]
    if ambito := recognise_ambito(text):
        return {"ambito": ambito}
    if departamento := recognise_departamento(text):
        return {"departamento": departamento}
    return None
