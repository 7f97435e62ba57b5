"""A sheet rewritten as a table: records that are not rows (sideways, cards, a list in running text) recast as a
header of labels and a row per need.

Recast, the sheet reads like any table (`analysis.layouts.tables`); every rewritten cell keeps its place in the
sheet as written, so the stored row, the notes and the «nothing silent» accounting name the cells the analyst
sees, and every line the records do not hold is named by what it is.
"""
from dataclasses import dataclass, field

from analysis.reading.workbooks import Sheet


@dataclass
class Recast:
    """A sheet rewritten as header + rows, with where each rewritten cell stands in the sheet as written."""

    sheet: Sheet
    description: str  # the shape, as the upload page names it
    origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (row, col) -> as written
    covered: set[tuple[int, int]] = field(default_factory=set)  # the cells as written the records hold
    outside: str = ""  # what the other filled lines are, for the note that names them
    aside: list[tuple[str, list[int]]] = field(default_factory=list)  # (what they are, rows) of lines set aside
    header_row: int | None = None  # the file's row (from 1) that holds the header, None when no row does
    headers_written: bool = True  # the header's words are the file's own (not a list in text, which has none)

    def written(self, row: int, column: int) -> tuple[int, int] | None:
        return self.origin.get((row, column))


def is_filled(value) -> bool:
    """A cheap first look at a cell (the full cleaning is kept for the few cells that pass)."""
    return value is not None and value != ""
