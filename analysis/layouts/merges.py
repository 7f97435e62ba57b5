"""Values written once in a vertically merged block, applied to every row the block spans.

Workshops write a departamento, ámbito, nivel or evento once and merge it down over
all its rows; in the file only the block's top-left cell holds the value. Copying it
down the block's first column gives each row its value, as the reader of the printed
sheet understands it. Blocks merged only across columns (a title, «UBICACIÓN» over
Departamento | Municipio) are left alone: they name groups, not rows. A row of the block
that holds nothing else stays empty, and a blank cell that is not merged is never filled
(it stays a warning, «Sin especificar»).
"""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def fill_merged(rows: list[list], merged: list[tuple[int, int, int, int]]) -> list[list]:
    """`rows` with each vertically merged block's value copied down its first column
    (blocks as (first row, first column, last row, last column), 0-based, inclusive)."""
    filled = rows
    for top, left, bottom, right in merged:
        if bottom == top or top >= len(rows) or left >= len(rows[top]) or _blank(rows[top][left]):
            continue
        value = rows[top][left]
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            original = rows[index]
            if not any(not _blank(cell) for column, cell in enumerate(original) if not left <= column <= right):
                continue
            if filled is rows:
                filled = list(rows)
            row = list(filled[index])
            row += [""] * (left + 1 - len(row))
            row[left] = value
            filled[index] = row
    return filled
