"""What every shape reads a table into (`Rows`), the interface a shape offers, and the cell tests they share."""
import re
from dataclasses import dataclass, field
from typing import Protocol

from analysis.layouts.columns import FIELDS
from analysis.layouts.tables import Table
from analysis.text import clean_cell, normalize


@dataclass
class Rows:
    """A table read by a shape: one entry per need, each field as written (cleaning is validation's work)."""

    sheet: str
    values: dict[str, list]  # canonical field -> one raw value per need ("" where the table says nothing)
    rows: list[int]  # spreadsheet row of each need
    cells: list[str]  # spreadsheet cell of each need's text («C7»)
    sections: list[dict[str, str]]  # per need: the values of its band row («SEGURIDAD INTERIOR»)
    headers: dict[str, str]  # field -> the header it was read under (the table has a column for it)
    defaults: dict[str, str] = field(default_factory=dict)  # field -> value stated once for the table
    columns_used: set[int] = field(default_factory=set)  # columns whose cells were read
    unplaced: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, text) read as no need

    def __len__(self) -> int:
        return len(self.rows)


def empty_values(count: int) -> dict[str, list]:
    return {name: [""] * count for name in FIELDS}


class Shape(Protocol):
    """One way a table carries needs."""

    key: str  # stable: the analyst's choice of shape names it

    def fit(self, table: Table) -> float:
        """How well the shape fits the table, 0 (not at all) to 1."""

    def describe(self, table: Table) -> str:
        """The shape in Spanish, for the preview: «Matriz: una columna por ámbito»."""

    def read(self, table: Table) -> Rows:
        """The table's needs, one entry each."""



# What a cell says to mark a row's value in a matrix of marks (an «X» under «SI»; Kobo's 1 under «Ámbito/SI»).
_MARKS = {"x", "si", "1", "true", "verdadero", "yes", "marcado", "seleccionado"}
_MARK_SIGNS = {"x", "✓", "✔", "☑", "•", "*", "+"}
_UNMARKED = {"", "0", "no", "false", "falso", "-"}
NO_NEED = {"sin necesidades", "sin necesidades identificadas", "no se identificaron", "no se identificaron necesidades",
           "ninguna", "ninguno", "no aplica", "n a", "na", "sin dato", "sin datos", "nada", "no hay", "s d", "nd", "n d",
           "null", "none"}


# How a cell says at length that a mesa named no need («No se identificaron necesidades en este ámbito»); a need
# may open the same way («No se identifican los liderazgos de las extorsiones»): the words «necesidad» or
# «problema» tell them apart.
_NO_NEED_AT_LENGTH = re.compile(r"^(?:no se (?:identific|report|plante|registr)\w* (?:ningun[ao]s? )?(?:necesidad|problem)"
                                r"|sin necesidades|ningun[ao] (?:necesidad|problem)|no hay necesidades|no aplica)")


def is_mark(value) -> bool:
    if isinstance(value, str) and len(value) > 14:
        return False  # a mark is a sign or a word, never a sentence
    text = clean_cell(value).lower()
    return text in _MARK_SIGNS or normalize(text) in _MARKS


def is_unmarked(value) -> bool:
    text = clean_cell(value)
    return normalize(text) in _UNMARKED or text in ("–", "—", "✗", "✘")


def is_need_text(value) -> bool:
    """A cell that reads as a need: words, not a mark, a number, a date or a «no need» placeholder."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return False
    text = clean_cell(value)
    if len(text) >= 40:  # longer than any mark or date: words, if it has two of them and says there is a need
        return " " in text and not _NO_NEED_AT_LENGTH.match(normalize(text[:60]))
    if len(text) < 6 or is_mark(text):
        return False
    key = normalize(text)
    return bool(key) and not key.replace(" ", "").isdigit() and key not in NO_NEED and len(key.split()) >= 2


def sample(table: Table, columns: list[int], most: int = 400) -> list:
    """The first filled cells of some columns: enough to judge what they hold without reading every row."""
    found = []
    for row in table.rows:
        found.extend(row[i] for i in columns if i < len(row) and row[i] not in ("", None))
        if len(found) >= most:
            break
    return found


def letter(index: int) -> str:
    """A column's letters as a spreadsheet shows them (0 -> A, 27 -> AB)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(column: int, row: int) -> str:
    return f"{letter(column)}{row}"
