"""Several needs side by side in one row: repeated groups of columns, one need per group.

«Necesidad 1 | Ámbito 1 | Necesidad 2 | Ámbito 2», or a survey with one question per ámbito («Necesidad
principal en Seguridad Interior | … en Seguridad Exterior» with «Prioridad [Seguridad Interior]» beside them):
each group with a need written is one need, carrying the row's shared columns (departamento, municipio…), the
group's own columns, and the value that names the group when it names one.
"""
from analysis import fields
from analysis.layouts.column_roles import FIELD
from analysis.layouts.columns import FIELDS
from analysis.layouts.shapes.base import Rows, cell_name, empty_values, is_need_text
from analysis.layouts.tables import Table


def _groups(table: Table) -> dict[str, dict[str, int]]:
    """Group key -> {field: column}, in the order the groups' need columns stand."""
    found: dict[str, dict[str, int]] = {}
    for i, role in enumerate(table.roles):
        if role.kind == FIELD and role.group is not None:
            found.setdefault(role.group, {}).setdefault(role.field, i)
    return {g: columns for g, columns in sorted(found.items(), key=lambda item: item[1].get("necesidad", 10**6))
            if "necesidad" in columns}


class Groups:
    key = "grupos"

    def fit(self, table: Table) -> float:
        groups = _groups(table)
        named = any(table.roles[c["necesidad"]].value for c in groups.values())
        return 0.95 if len(groups) >= 2 or groups and named else 0.0

    def describe(self, table: Table) -> str:
        groups = _groups(table)
        named = [table.roles[c["necesidad"]] for c in groups.values()]
        if named and all(r.value for r in named) and len({r.value_field for r in named}) == 1:
            return f"Grupos repetidos: una necesidad por {fields.get(named[0].value_field).singular} en cada fila"
        return f"Grupos repetidos: hasta {len(groups)} necesidades por fila"

    def read(self, table: Table) -> Rows:
        groups = _groups(table)
        shared = {role.field: i for i, role in enumerate(table.roles) if role.kind == FIELD and role.group is None
                  and role.field in FIELDS}
        out = Rows(table.sheet, empty_values(0), [], [], [], {}, dict(table.defaults))
        out.headers = {name: table.headers[i] for name, i in shared.items()}
        for columns in groups.values():
            out.headers.update({name: table.headers[i] for name, i in columns.items() if name in FIELDS})
        out.columns_used = set(shared.values()) | {i for c in groups.values() for i in c.values()}
        for row, number, section in zip(table.rows, table.row_numbers, table.sections):
            for columns in groups.values():
                need = columns["necesidad"]
                text = row[need] if need < len(row) else ""
                if not is_need_text(text):
                    if text not in ("", None):
                        out.unplaced.append((number, need, str(text)))
                    continue
                role = table.roles[need]
                for name in FIELDS:
                    source = columns.get(name, shared.get(name))
                    value = row[source] if source is not None and source < len(row) else ""
                    if not value and role.value_field == name:
                        value = role.value
                    out.values[name].append(value)
                out.rows.append(number)
                out.cells.append(cell_name(need, number))
                out.sections.append(section)
        return out
