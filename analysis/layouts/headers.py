"""Recognising a header row: the row that names the fields of the table below it.

A header says where the needs are and at least one other thing about them: a description
column (necesidad, also in repeated groups: «Necesidad 1 | Necesidad 2») and another field,
or the values of a field as columns (a matrix: «Municipio | Seguridad Interior | Seguridad
Exterior …»); what each cell says is its role (`analysis.layouts.column_roles`). The
first header of a sheet may be worded loosely; a header further down, which starts a
new table, must also be made of plain field names (a data row rarely is), so
`looks_like_header` screens rows cheaply before the full comparison. A header may take
two rows: group cells («UBICACIÓN») above the names of the fields (Departamento |
Municipio), or names split between the two rows; the lower row names the fields and
the upper one fills its gaps.
"""
from collections import Counter
from dataclasses import dataclass, field

from analysis.layouts.column_roles import FIELD, NO_ROLE, NONE, VALUE, Role, roles_of
from analysis.layouts.columns import ColumnMatch, map_columns, plain_header_keys
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
    columns: list[ColumnMatch]  # the plain field columns, one per field
    roles: list[Role] = field(default_factory=list)  # what every cell says (one per cell)

    @property
    def necesidad_index(self) -> int:
        """The first column that holds needs: the description, or the first value column of a matrix."""
        return next((i for i, r in enumerate(self.roles) if r.kind == FIELD and r.field == "necesidad"),
                    next((i for i, r in enumerate(self.roles) if r.kind == VALUE), -1))

    @property
    def richness(self) -> int:
        """How much the header says: the cells that have a role."""
        return sum(1 for r in self.roles if r.kind != NONE)


def header_at(index: int, row: list, overrides: dict | None) -> Header | None:
    """The header this row is, or None: it must say where the needs are and something else about them."""
    cells = [clean_cell(c) for c in row]
    if sum(1 for c in cells if c) < 2:
        return None
    roles = _single_groups(roles_of(cells, overrides))
    plain = [c if r.kind == FIELD and r.group is None and r.field != "region" else "" for c, r in zip(cells, roles)]
    columns = [m for m in map_columns(plain, _plain_overrides(overrides, plain)) if m.field != "region"]
    chosen = {m.index for m in columns}
    roles = [NO_ROLE if r.kind == FIELD and r.group is None and i not in chosen else r for i, r in enumerate(roles)]
    if not _bears_needs(roles):
        return None
    return Header(index, cells, columns, roles)


def _plain_overrides(overrides: dict | None, plain: list[str]) -> dict | None:
    """The analyst's overrides of the plain columns (the others have their role already)."""
    keys = {normalize(c) for c in plain if c}
    return {h: f for h, f in (overrides or {}).items() if normalize(h) in keys} or None


def _single_groups(roles: list[Role]) -> list[Role]:
    """A group needs two members to be a group: «Necesidad 1» alone, or «Nivel 3», is a plain column."""
    counts: dict[str, int] = {}
    for r in roles:
        if r.kind == FIELD and r.group is not None:
            counts[r.group] = counts.get(r.group, 0) + (r.field == "necesidad")
    need_groups = {g for g, n in counts.items() if n}
    if len(need_groups) >= 2 or any(r.value for r in roles if r.kind == FIELD and r.group in need_groups):
        return roles
    return [Role(FIELD, r.field, confidence=r.confidence) if r.kind == FIELD and r.group is not None and not r.value
            else r for r in roles]


def _bears_needs(roles: list[Role]) -> bool:
    """Whether a header locates needs: a description column with something else named, or the values of one
    field as two or more columns beside a named field (three or more alone)."""
    described = any(r.kind == FIELD and r.field == "necesidad" for r in roles)
    others = sum(1 for r in roles if r.kind in (FIELD, VALUE) and r.field != "necesidad")
    if described:
        return others >= 1
    values: dict[str, int] = {}
    for r in roles:
        if r.kind == VALUE:
            values[r.field] = values.get(r.field, 0) + 1
    most = max(values.values(), default=0)
    named = any(r.kind == FIELD for r in roles)
    return most >= 3 or most >= 2 and named


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


def _joined(upper: list[str], lower: list[str], lower_roles: list[Role]) -> list[str]:
    """The header the two rows make: the lower name, or the upper one over a gap; a field the lower row names
    again and again under upper groups («Seguridad Interior» over «Necesidad | Prioridad», merged or written once
    over its columns) is that field of that group («Necesidad Seguridad Interior»)."""
    counts = Counter(role.field for role in lower_roles if role.kind == FIELD)
    joined, group = [], ""
    for up, low, role in zip(upper, lower, [*lower_roles, *[NO_ROLE] * (len(lower) - len(lower_roles))]):
        repeated = bool(low) and role.kind == FIELD and counts[role.field] > 1
        group = (up or group) if repeated else ""
        joined.append(f"{low} {group}" if repeated and group else low or up)
    return joined


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
    lower_roles = roles_of(lower_cells)
    if any(cell and (role.kind != FIELD or role.confidence < _CLEAR_NAME) for cell, role in zip(lower_cells, lower_roles)):
        return None
    width = max(len(upper_cells), len(lower_cells))
    upper_cells += [""] * (width - len(upper_cells))
    lower_cells += [""] * (width - len(lower_cells))
    combined = header_at(index, _joined(upper_cells, lower_cells, lower_roles), overrides)
    alone = header_at(index, lower_cells, overrides)
    if combined is None or combined.richness <= (alone.richness if alone else 0):
        return None
    return combined
