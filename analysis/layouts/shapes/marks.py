"""A row per need with a mark under the value it has: «X» under SI, SE, GRDC or IE; a survey's 0/1 columns.

The need is read as in a long table; each field whose values head two or more columns takes the value whose
column is marked. Two marks for a list field (two ámbitos ticked) say nothing certain: the need keeps the field
empty and the report says so («valores-varios»); for a free-text field (the institutions a survey ticked) the
marked values are joined.
"""
from collections import defaultdict

from analysis import fields
from analysis.layouts.column_roles import VALUE
from analysis.layouts.shapes.base import Rows, is_mark, is_unmarked, sample
from analysis.layouts.shapes.long_table import read_columns
from analysis.layouts.tables import Table

_MOSTLY_MARKS = 0.8


def _mark_columns(table: Table) -> dict[str, list[int]]:
    """Field -> its value columns, for the fields whose value columns hold marks."""
    found: dict[str, list[int]] = defaultdict(list)
    for i, role in enumerate(table.roles):
        if role.kind == VALUE:
            found[role.field].append(i)
    marked = {}
    for name, columns in found.items():
        filled = sample(table, columns)
        marks = sum(1 for v in filled if is_mark(v) or is_unmarked(v))
        if filled and marks >= _MOSTLY_MARKS * len(filled) and (len(columns) >= 2 or name == "institucion"):
            marked[name] = columns
    return marked


class Marks:
    key = "marcas"

    def fit(self, table: Table) -> float:
        return 0.95 if table.column_of("necesidad") is not None and _mark_columns(table) else 0.0

    def describe(self, table: Table) -> str:
        names = [fields.get(n).singular for n in _mark_columns(table)]
        return f"Matriz de marcas: una X por {' y por '.join(names)}"

    def read(self, table: Table) -> Rows:
        out = read_columns(table)
        for name, columns in _mark_columns(table).items():
            out.columns_used |= set(columns)
            out.headers.setdefault(name, " / ".join(table.headers[i] for i in columns))
            for position, row in enumerate(table.rows):
                if out.values[name][position] not in ("", None):
                    continue  # a plain column of the field says it already
                chosen = [table.roles[i].value for i in columns if i < len(row) and is_mark(row[i])]
                out.values[name][position] = ", ".join(chosen)  # two values of a list: validation says so
                stray = [(i, row[i]) for i in columns if i < len(row) and not is_mark(row[i]) and not is_unmarked(row[i])]
                out.unplaced.extend((table.row_numbers[position], i, str(v)) for i, v in stray)
        return out
