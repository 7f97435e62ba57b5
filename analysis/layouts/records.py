"""Sheets whose needs are not rows: a record per column (a table written sideways) or a card per need.

Some offices lay a table on its side — the field names down the first column, one need per column — and some
forms are filled once per need, as a card of label and value lines («Departamento: Sololá», «Necesidad: …»),
cards one under another. Recast as a header of labels and a row per record (`analysis.layouts.recast`), either
reads like any table.
"""
from analysis.layouts.column_roles import FIELD, roles_of
from analysis.layouts.columns import score_header
from analysis.layouts.recast import Recast, is_filled
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell

TRANSPOSED, CARDS = "Tabla de lado: una necesidad por columna", "Fichas: una necesidad por ficha"
_CLEAR_LABEL = 0.85
_MOST_FIELDS = 60  # more lines than any form has fields
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

