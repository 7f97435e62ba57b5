"""Recognising a header row: the row that names the fields of the table below it.

A header names the description column (necesidad) and at least one other field. The
first header of a sheet may be worded loosely; a header further down, which starts a
new table, must also be made of plain field names (a data row rarely is), so
`looks_like_header` screens rows cheaply before the full comparison. A header may take
two rows: group cells («UBICACIÓN») above the names of the fields (Departamento |
Municipio), or names split between the two rows; the lower row names the fields and
the upper one fills its gaps.
"""
from dataclasses import dataclass

from analysis.layouts.columns import ColumnMatch, map_columns, plain_header_keys, score_header
from analysis.text import clean_cell, normalize

# Longer cells are never a plain field name.
_PLAIN_MAX = 40
# How sure a cell must be to count as a field name in the lower row of a two-row header.
_CLEAR_NAME = 0.9


@dataclass
class Header:
    """A header row (or pair of rows) and what its columns feed."""

    index: int  # 0-based row of the (lower) header row
    cells: list[str]
    columns: list[ColumnMatch]

    @property
    def necesidad_index(self) -> int:
        return next(c.index for c in self.columns if c.field == "necesidad")


def header_at(index: int, row: list, overrides: dict | None) -> Header | None:
    """The header this row is, or None: it must map the description and another field."""
    cells = [clean_cell(c) for c in row]
    if sum(1 for c in cells if c) < 2:
        return None
    columns = [m for m in map_columns(cells, overrides) if m.field != "region"]
    if len(columns) < 2 or not any(m.field == "necesidad" for m in columns):
        return None
    return Header(index, cells, columns)


class PlainNames:
    """Whether cells are plain field names («Departamento», «DEPTO.», «Need»), remembered per text
    so screening every row of a 100,000-row sheet costs a dictionary look-up per cell."""

    def __init__(self, overrides: dict | None):
        self.keys = plain_header_keys() | {normalize(h) for h in overrides or {}}
        self.seen: dict[str, bool] = {}

    def is_name(self, cell) -> bool:
        if not isinstance(cell, str) or not cell or len(cell) > _PLAIN_MAX:
            return False
        known = self.seen.get(cell)
        if known is None:
            known = self.seen[cell] = normalize(cell) in self.keys
        return known

    def looks_like_header(self, row: list) -> bool:
        """At least two cells are plain field names."""
        count = 0
        for cell in row:
            if self.is_name(cell):
                count += 1
                if count == 2:
                    return True
        return False


def two_row_header(upper: list, lower: list, index: int, overrides: dict | None) -> Header | None:
    """The header made of row `index` and the row above it, when the pair names more fields than
    the lower row alone; None otherwise.

    The lower row names the fields and the upper one fills its gaps (a name written only
    in the upper row, a cell merged down through both). Every filled cell of the lower row
    must clearly be a field name, so a first data row is never read as a header's second half.
    """
    upper_cells = [clean_cell(c) for c in upper]
    if sum(1 for c in upper_cells if c) < 2:
        return None  # a title above the header, not its upper half
    lower_cells = [clean_cell(c) for c in lower]
    if any(cell and max(score_header(cell).values(), default=0) < _CLEAR_NAME for cell in lower_cells):
        return None
    width = max(len(upper_cells), len(lower_cells))
    upper_cells += [""] * (width - len(upper_cells))
    lower_cells += [""] * (width - len(lower_cells))
    combined = header_at(index, [low or up for up, low in zip(upper_cells, lower_cells)], overrides)
    alone = header_at(index, lower_cells, overrides)
    if combined is None or len(combined.columns) <= (len(alone.columns) if alone else 0):
        return None
    return combined
