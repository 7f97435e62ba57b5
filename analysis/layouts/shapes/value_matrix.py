"""One column per value of a field, each cell a need of that value: the matrix of a taller in mesas.

«Municipio | Seguridad Interior | Seguridad Exterior | Gestión de Riesgos… | Inteligencia de Estado», each
cell the need (or the numbered needs) that mesa named for that place; also one column per nivel, per
departamento or per municipio. A cell that names no need («—», «Sin necesidades identificadas») is set aside
with a note; a matrix of numbers is a count, not needs, and fits no shape.
"""
from collections import Counter

from analysis import fields
from analysis.layouts.column_roles import FIELD, VALUE
from analysis.layouts.columns import FIELDS
from analysis.layouts.shapes.base import Rows, cell_name, empty_values, is_need_text, sample
from analysis.layouts.tables import Table

_ENOUGH_TEXT = 0.6  # of the filled cells under the value columns, this share must read as needs


def _value_columns(table: Table) -> tuple[str | None, list[int]]:
    """The field most columns name a value of, and those columns."""
    counted = Counter(r.field for r in table.roles if r.kind == VALUE)
    if not counted:
        return None, []
    name, count = counted.most_common(1)[0]
    return (name, [i for i, r in enumerate(table.roles) if r.kind == VALUE and r.field == name]) if count >= 2 \
        else (None, [])


class ValueMatrix:
    key = "matriz"

    def fit(self, table: Table) -> float:
        name, columns = _value_columns(table)
        if name is None or table.column_of("necesidad") is not None:
            return 0.0
        filled = sample(table, columns)
        needs = sum(1 for v in filled if is_need_text(v))
        return 0.9 if filled and needs >= _ENOUGH_TEXT * len(filled) else 0.0

    def describe(self, table: Table) -> str:
        name, _ = _value_columns(table)
        return f"Matriz: una columna por {fields.get(name).singular}"

    def read(self, table: Table) -> Rows:
        name, columns = _value_columns(table)
        shared = {role.field: i for i, role in enumerate(table.roles) if role.kind == FIELD and role.group is None
                  and role.field in FIELDS}
        out = Rows(table.sheet, empty_values(0), [], [], [], {f: table.headers[i] for f, i in shared.items()},
                   dict(table.defaults), set(shared.values()) | set(columns))
        out.headers.setdefault("necesidad", " / ".join(table.headers[i] for i in columns))
        out.headers.setdefault(name, " / ".join(table.headers[i] for i in columns))
        for row, number, section in zip(table.rows, table.row_numbers, table.sections):
            for i in columns:
                text = row[i] if i < len(row) else ""
                if not is_need_text(text):
                    if text not in ("", None):
                        out.unplaced.append((number, i, str(text)))
                    continue
                for key in FIELDS:
                    source = shared.get(key)
                    out.values[key].append(row[source] if source is not None and source < len(row) else "")
                out.values["necesidad"][-1] = text
                if not out.values[name][-1]:
                    out.values[name][-1] = table.roles[i].value
                out.rows.append(number)
                out.cells.append(cell_name(i, number))
                out.sections.append(section)
        return out
