"""Finding the tables of needs inside a sheet as field teams and web systems lay them out.

Title blocks and blank rows above the header, values merged down over their rows,
tables stacked one under another (each with its title line and its own header, in any
column order and from any column), page headers and footers of a printed report, TOTAL
lines, blocks of counts, the column numbers, instructions and signatures of an official
form: this module reads a sheet top to bottom, starts a table at each header, keeps the
data rows with their spreadsheet row numbers, collects the values a title or the sheet
name states once for all of a table's rows, and says why each other line was set aside
(`SheetLayout.set_aside`), so that nothing leaves the sheet without a word.
"""
from collections import Counter
from dataclasses import dataclass, field

from analysis.fields.places import recognise_departamento
from analysis.fields.values import recognise_ambito
from analysis.layouts.column_roles import Role
from analysis.layouts.columns import ColumnMatch, score_header
from analysis.layouts.form_lines import is_column_numbers, is_instruction, is_signature, is_units_row
from analysis.layouts.headers import Header, PlainNames, header_at, two_row_header
from analysis.layouts.merges import fill_merged
from analysis.layouts.printed_reports import is_page_line, is_total_or_note, line_key
from analysis.layouts.summary_tables import COUNT, has_count_column, is_count_header_row, summary_reason
from analysis.layouts.title_lines import TitleValues, title_values
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell, normalize

# The first header of a sheet is looked for in its first rows, however it is worded.
HEADER_SEARCH_ROWS = 40
# Why a line of a sheet is not a row of a table (the words of the importer's notes).
TITLE, PAGE, REPEATED_HEADER, TOTAL, FORM = "titulo", "pagina", "encabezado-repetido", "total", "formulario"
BAND = "grupo"  # a band row («SEGURIDAD INTERIOR») that sets a field for the rows under it: read, not set aside
Line = tuple[int, list[str]]  # a line's 0-based row index and its cleaned cells
# What a document's opening title states for all its tables (a table's own title states the rest: ámbito, nivel).
DOCUMENT_FIELDS = ("evento", "fecha", "departamento", "municipio")


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
    roles: list[Role] = field(default_factory=list)  # what each header cell says (analysis.layouts.column_roles)
    sources: dict[str, str] = field(default_factory=dict)  # field -> where its default comes from, in words
    header_rows: tuple[int, ...] = ()  # spreadsheet rows of the header (two for a two-row header)

    def column_of(self, name: str) -> ColumnMatch | None:
        return next((c for c in self.columns if c.field == name), None)


@dataclass
class _Reading:
    """A table while its rows are read."""

    header: Header
    lines: list[Line]  # the lines above the header since the previous table's last row
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
        self.header_rows = (header.index,) if upper is None else (header.index - 1, header.index)
        self.necesidad = header.necesidad_index if self.summary is None else -1
        self.mapping = _signature(header)
        # The header's own rows as written, to recognise them when a printed report repeats them.
        self.header_lines = {_line_key(header.cells)} | ({_line_key(upper)} if upper else set())

    def is_need(self, row: list, names: PlainNames) -> bool:
        """The common case, decided without cleaning a cell: a described need in context."""
        cell = row[self.necesidad] if 0 <= self.necesidad < len(row) else ""
        return (isinstance(cell, str) and len(cell) > 15 and (len(cell) > 40 or not names.is_name(cell))
                and sum(1 for c in row if c != "") > 1 and not _counted_total(cell, row))

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
        return following.richness > self.header.richness and \
            all(_is_label_line([clean_cell(c) for c in row]) for row in self.rows)

    def as_lines(self) -> list[Line]:
        """The header and rows of a header that was none, as title lines of the table that follows."""
        return [*self.lines, *((i, self.header.cells) for i in self.header_rows),
                *((n - 1, [clean_cell(c) for c in r]) for n, r in zip(self.numbers, self.rows))]

    def trailing_lines(self) -> list[Line]:
        """Lines of one cell at the end of the table: the title of the table that follows it."""
        moved = []
        while self.loose and self.loose[-1] == len(self.rows) - 1:
            self.loose.pop()
            self.sections.pop()
            moved.insert(0, (self.numbers.pop() - 1, [clean_cell(c) for c in self.rows.pop()]))
        return moved

    def table(self, sheet: str, sheet_defaults: dict[str, str], set_aside: dict[int, str],
              opening: list[Line] = ()) -> Table:
        """The table as read; `opening` is the title block above the sheet's first table, whose event, date
        and place speak for every table of the sheet that does not state its own."""
        # One-cell lines after the last data row head what follows the table (a heading, a list of participants).
        set_aside.update((index, TITLE) for index, _ in self.trailing_lines())
        # A line of one cell repeated through the table is a page header or footer.
        texts = [_line_key([clean_cell(c) for c in self.rows[i]]) for i in self.loose]
        times = Counter(texts)
        repeated = {i for i, text in zip(self.loose, texts) if times[text] > 1}
        set_aside.update((self.numbers[i] - 1, PAGE) for i in repeated)
        set_aside.update((index, TITLE) for index, _ in self.lines if set_aside.get(index) != BAND)
        keep = [i for i in range(len(self.rows)) if i not in repeated]
        header = self.header
        columns = {c.field for c in header.columns}
        stated = title_values(self.lines, columns)
        document = title_values(list(opening), columns)
        for name in DOCUMENT_FIELDS:
            if name in document.values and name not in stated.values:
                stated.values[name], stated.rows[name] = document.values[name], document.rows[name]
        found = Table(sheet, header.index + 1, header.cells, header.columns, [self.rows[i] for i in keep],
                      [self.numbers[i] for i in keep], {**sheet_defaults, **stated.values},
                      [self.sections[i] for i in keep], stated.title, self.summary, roles=header.roles,
                      sources=_sources(sheet, sheet_defaults, stated), header_rows=tuple(i + 1 for i in self.header_rows))
        if found.summary is None and found.column_of("necesidad") is not None:
            mapped = {c.index: c.field for c in header.columns}

            def column(i):
                return (r[i] if i < len(r) else "" for r in found.rows)
            found.summary = summary_reason(header.cells, mapped, column)
            found.counts = has_count_column(header.cells, mapped, column)
        return found


@dataclass
class SheetLayout:
    """A sheet as read: its tables, and the lines that are no table's rows, each with why (TITLE, PAGE…)."""

    tables: list[Table]
    set_aside: dict[int, str]  # 0-based row index -> reason


def find_tables(sheet: Sheet, overrides: dict[str, str] | None = None) -> list[Table]:
    """Every table of a sheet, in order (summaries included, marked); [] when it holds none."""
    return read_sheet(sheet, overrides).tables


def read_sheet(sheet: Sheet, overrides: dict[str, str] | None = None) -> SheetLayout:
    """Every table of a sheet, in order, and why each other filled line is not a row of one."""
    rows = fill_merged(sheet.rows, sheet.merged)
    names = PlainNames(overrides)
    sheet_defaults = _sheet_name_defaults(sheet.name)
    readings: list[_Reading] = []
    set_aside: dict[int, str] = {}
    current: _Reading | None = None
    lines: list[Line] = []  # lines since the last data row: the title of the next table
    furniture: set[tuple[str, ...]] = set()  # titles, which a printed report repeats on every page
    only_furniture = True  # whether every line since the last data row is one of them (a page break)
    signed = False  # a signature block has begun: what follows it in the table is its names and posts
    last_data = -2

    def start(header: Header, summary: str | None = None) -> None:
        nonlocal current, lines, only_furniture, signed
        titles = lines
        if current is not None:
            titles = current.trailing_lines() + lines
            if current.summary or not current.was_no_header(header):
                readings.append(current)
            else:
                titles = current.as_lines() + titles
        furniture.update(_line_key(cells) for _, cells in titles)
        current, lines, only_furniture, signed = _Reading(header, titles, summary), [], True, False

    def note_line(index: int, cells: list[str], key: tuple[str, ...]) -> None:
        nonlocal only_furniture
        lines.append((index, cells))
        only_furniture = only_furniture and key in furniture

    for index, row in enumerate(rows):
        if current is not None and current.summary is None and not signed and current.is_need(row, names):
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
            set_aside[index] = REPEATED_HEADER  # the header repeated on a new page
            continue
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
                lines = [line for line in lines if line[0] != index - 1]
        if header is not None:
            if page_break and current.summary is None and _signature(header) == current.mapping:
                set_aside[index] = REPEATED_HEADER  # the header repeated on a new page, worded slightly differently
                continue
            start(header)
            continue
        if current is None:
            note_line(index, cells, key)
            continue
        if current.summary is not None:
            current.add(row, index)
            continue
        if reason := _form_line(cells, current, signed):
            set_aside[index] = reason
            signed = signed or reason == FORM and is_signature(cells)
            continue
        if heading := _section_heading(cells, current.necesidad):
            current.section = {**current.section, **heading}
            set_aside[index] = BAND
            note_line(index, cells, key)
            continue
        if key in furniture or is_page_line(cells, keys, current.necesidad):
            set_aside[index] = PAGE
            continue
        if is_total_or_note(cells, keys, current.necesidad):
            set_aside[index] = TOTAL
            continue
        if is_count_header_row(cells, keys):
            start(Header(index, cells, []), COUNT)
            continue
        current.add(row, index, cells)
        lines, only_furniture, last_data = [], True, index
    if current is not None:
        readings.append(current)
    opening = readings[0].lines if readings else []
    tables = [r.table(sheet.name, sheet_defaults, set_aside, opening if i else ()) for i, r in enumerate(readings)]
    for index, _ in lines:  # lines after the last table (or of a sheet without one)
        set_aside.setdefault(index, TITLE)
    return SheetLayout(tables, set_aside)


def _form_line(cells: list[str], reading: "_Reading", signed: bool) -> str | None:
    """FORM when a line belongs to the form around the table: column numbers or units under the header,
    instructions, a signature block and what follows it (names, posts). A line whose description column holds
    a need with other fields beside it is never one."""
    necesidad = reading.necesidad
    described = 0 <= necesidad < len(cells) and len(cells[necesidad]) > 30 and sum(1 for c in cells if c) > 2
    if described:
        return None
    under_header = not reading.rows
    if under_header and (is_column_numbers(cells) or is_units_row(cells)):
        return FORM
    if is_instruction(cells) or is_signature(cells) or signed:
        return FORM
    return None


def _signature(header: Header) -> tuple:
    """What a header says, wherever its words differ: to recognise it repeated on a new page."""
    return tuple((i, r.kind, r.field, r.value, r.group) for i, r in enumerate(header.roles) if r.kind != "ninguno")


def _sources(sheet: str, sheet_defaults: dict[str, str], stated: TitleValues) -> dict[str, str]:
    """Where each value stated once for a table comes from, in words («título, fila 2», «nombre de la hoja»)."""
    found = {name: f"nombre de la hoja «{sheet}»" for name in sheet_defaults}
    found.update({name: f"título, fila {row}" for name, row in stated.rows.items()})
    return found


def _counted_total(cell: str, row: list) -> bool:
    """«Total por ámbito | 3 | 2 | 5»: a total whose label stands in the description column, numbers beside it."""
    return cell[:8].lower().startswith(("total", "subtotal")) and all(
        isinstance(c, (int, float)) or isinstance(c, str) and c.strip().replace(".", "", 1).isdigit()
        for c in row if c not in ("", None) and c is not cell)


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
