"""One need per row, each field in its own column: the template's shape and the most common one."""
from analysis.layouts.column_roles import FIELD, VALUE
from analysis.layouts.columns import FIELDS
from analysis.layouts.shapes.base import Rows, cell_name
from analysis.layouts.tables import Table


class LongTable:
    key = "tabla"

    def fit(self, table: Table) -> float:
        if table.column_of("necesidad") is None:
            return 0.0
        others = any(r.kind == VALUE or r.kind == FIELD and r.group is not None for r in table.roles)
        return 0.6 if others else 1.0  # beside value or grouped columns, another shape says more

    def describe(self, table: Table) -> str:
        return "Tabla: una necesidad por fila"

    def read(self, table: Table) -> Rows:
        return read_columns(table)


def read_columns(table: Table) -> Rows:
    """Each plain field column as it stands, one entry per row (shared by the shapes built on a long table)."""
    values, headers, used = {}, {}, set()
    for name in FIELDS:
        match = table.column_of(name)
        if match is None:
            values[name] = [""] * len(table.rows)
            continue
        i = match.index
        values[name] = [row[i] if i < len(row) else "" for row in table.rows]
        headers[name] = match.header
        used.add(i)
    need = table.column_of("necesidad")
    cells = [cell_name(need.index, n) for n in table.row_numbers] if need else [""] * len(table.rows)
    return Rows(table.sheet, values, list(table.row_numbers), cells, list(table.sections), headers,
                dict(table.defaults), used)
