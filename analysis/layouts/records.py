"""Sheets whose needs are not rows: a record per column (a table written sideways), a card per need, or a
need written on two lines.

Some offices lay a table on its side — the field names down the first column, one need per column — and some
forms are filled once per need, as a card of label and value lines («Departamento: Sololá», «Necesidad: …»),
cards one under another; printed registers fit a wide record on two lines under a header of two lines. Recast as a header of labels and a row per record (`analysis.layouts.recast`), either
reads like any table.
"""
from functools import partial

from analysis.layouts.column_roles import FIELD, roles_of
from analysis.layouts.columns import score_header
from analysis.layouts.recast import Recast, is_filled
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell

TRANSPOSED, CARDS = "Tabla de lado: una necesidad por columna", "Fichas: una necesidad por ficha"
TWO_LINES = "Tabla de dos líneas: una necesidad cada dos filas"
_CLEAR_LABEL = 0.85
_MOST_FIELDS = 60  # more lines than any form has fields
_LABEL_WORDS = 6  # the longest a field's name runs («Institución responsable de dar seguimiento»)
_LONGEST_PREAMBLE = 40  # lines of titles and instructions before the first card


def _is_label(text: str) -> bool:
    scores = score_header(text.rstrip(": "))
    return bool(scores) and max(scores.values()) >= _CLEAR_LABEL


def transposed(sheet: Sheet) -> Recast | None:
    """The sheet turned on its side, when its first filled column names the fields (necesidad among them)."""
    width = max((len(r) for r in sheet.rows), default=0)
    for column in range(min(width, 3)):
        written = [r for r, row in enumerate(sheet.rows) if column < len(row) and is_filled(row[column])]
        if len(written) > _MOST_FIELDS:
            return None  # a column this long holds records, not the names of fields
        labels = [(r, clean_cell(sheet.rows[r][column])) for r in written if clean_cell(sheet.rows[r][column])]
        named = [(r, text) for r, text in labels if _is_label(text)]
        fields_of = {r: role.field for (r, _), role in zip(named, roles_of([t for _, t in named])) if role.kind == FIELD}
        roles = list(fields_of.values())
        repeated = len(roles) != len(set(roles))  # a field named twice down the column: cards, not a sideways table
        if len(named) < 3 or "necesidad" not in roles or repeated or len(named) < 0.6 * len(labels):
            continue
        need = next(r for r, name in fields_of.items() if name == "necesidad")
        if not any(clean_cell(v) for v in sheet.rows[need][column + 1:]):
            continue  # labels without a single record beside them: instructions, not a table
        rows = [r for r, _ in named]
        grid = [[clean_cell(sheet.rows[r][c]) if c < len(sheet.rows[r]) else "" for r in rows]
                for c in range(column, width)]
        recast = Recast(Sheet(sheet.name, grid), TRANSPOSED, outside="líneas fuera de la tabla")
        for i, c in enumerate(range(column, width)):
            for j, r in enumerate(rows):
                recast.origin[(i, j)] = (r, c)
        recast.covered = {(r, c) for r in rows for c in range(column, width)}
        return recast
    return None


def _label_and_value(row: list) -> tuple[str, str, int, int] | None:
    """«Departamento: Sololá» in a cell, or «Departamento | Sololá» in two: (label, value, label's column, value's)."""
    if sum(map(is_filled, row)) > 2:
        return None
    filled = [(c, clean_cell(v)) for c, v in enumerate(row) if clean_cell(v)]
    if len(filled) == 1 and ":" in filled[0][1]:
        label, _, value = filled[0][1].partition(":")
        if _is_label(label) and value.strip():
            return label.strip(), value.strip(), filled[0][0], filled[0][0]
    if len(filled) == 2 and _is_label(filled[0][1]):
        return filled[0][1].rstrip(": "), filled[1][1], filled[0][0], filled[1][0]
    return None


def cards(sheet: Sheet) -> Recast | None:
    """Cards of label and value lines, one per need: a label seen again starts the next card."""
    records: list[dict[str, tuple[str, int, int]]] = []
    order: list[str] = []
    labelled: set[tuple[int, int]] = set()
    written: dict[str, str] = {}  # a label as first written
    for r, row in enumerate(sheet.rows):
        pair = _label_and_value(row)
        if pair is None:
            if r >= _LONGEST_PREAMBLE and not records:
                return None  # no card begins near the top: the sheet holds something else
            continue
        label, value, label_column, column = pair
        key = label.lower()
        if not records or key in records[-1]:
            records.append({})
        records[-1][key] = (value, r, column)
        labelled.update({(r, label_column), (r, column)})
        if key not in order:
            order.append(key)
            written[key] = label
    named = {role.field for role in roles_of([written[k] for k in order]) if role.kind == FIELD}
    if len(records) < 2 or "necesidad" not in named:
        return None
    recast = Recast(Sheet(sheet.name, [[written[k] for k in order]]), CARDS, covered=labelled,
                    outside="títulos de las fichas o líneas fuera de ellas")
    for i, record in enumerate(records, start=1):
        line = []
        for j, key in enumerate(order):
            value, r, c = record.get(key, ("", None, None))
            line.append(value)
            if r is not None:
                recast.origin[(i, j)] = (r, c)
        recast.sheet.rows.append(line)
    return recast



def _labels(row: list) -> dict[int, str] | None:
    """The columns of a header line and the field each names, when every filled cell is a label or a number's
    heading («No.»): None for a line that holds data."""
    if any(isinstance(v, (int, float)) for v in row):
        return None  # a number is data, never a label
    cells = {c: clean_cell(v) for c, v in enumerate(row) if clean_cell(v)}
    if any(len(text.split()) > _LABEL_WORDS for text in cells.values()):
        return None  # a phrase this long is a need or a title, not the name of a field
    roles = dict(zip(cells, roles_of(list(cells.values()))))
    named = {c: role.field for c, role in roles.items() if role.kind == FIELD and not role.grouped}
    return named if len(named) >= 2 and len(named) >= len(cells) - 1 else None


def _padded(sheet: Sheet, width: int, r: int) -> list[str]:
    return [clean_cell(v) for v in sheet.rows[r]] + [""] * (width - len(sheet.rows[r]))


def two_line_records(sheet: Sheet) -> Recast | None:
    """A record written on two lines under a header of two lines («No. | Departamento | Municipio | Necesidad»
    over «| Ámbito | Nivel | Institución»): each pair of lines one need, its second line under the second header."""
    for h in range(min(len(sheet.rows) - 3, _LONGEST_PREAMBLE)):
        upper, lower = _labels(sheet.rows[h]), _labels(sheet.rows[h + 1])
        if not upper or not lower or set(upper.values()) & set(lower.values()) or \
                "necesidad" not in {*upper.values(), *lower.values()}:
            continue
        data = [r for r in range(h + 2, len(sheet.rows)) if any(map(is_filled, sheet.rows[r]))]
        pairs = list(zip(data[::2], data[1::2]))
        fits = [b for a, b in pairs if {c for c, v in enumerate(sheet.rows[b]) if clean_cell(v)} <= set(lower)]
        if len(pairs) < 2 or len(fits) < 0.8 * len(pairs):
            return None
        width = max(len(sheet.rows[r]) for r in (h, h + 1, *data))
        line = partial(_padded, sheet, width)
        recast = Recast(Sheet(sheet.name, [line(r) for r in range(h)] + [line(h) + line(h + 1)]), TWO_LINES,
                        outside="títulos u otras líneas fuera de la tabla", header_row=h + 1)
        for a, b in pairs:
            recast.sheet.rows.append(line(a) + line(b))
            i = len(recast.sheet.rows) - 1
            recast.origin.update({(i, c): (a, c) for c in range(width)} | {(i, width + c): (b, c) for c in range(width)})
        recast.covered = {(r, c) for r in (h, h + 1, *(r for pair in pairs for r in pair)) for c in range(width)}
        return recast
    return None
