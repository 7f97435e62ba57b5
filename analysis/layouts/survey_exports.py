"""What survey tools add to an export besides the answers: repeat groups on their own sheet, reviews.

KoboToolbox writes a repeat group («necesidades» asked several times per workshop) on a sheet of its own, each
row linked to its parent by `_parent_index` (the parent sheet's `_index`): a need there has no departamento,
event or date of its own — its parent row has them. Survey tools also let a reviewer reject a submission (ODK
Central's `ReviewState` «rejected», Kobo's `_validation_status` «not approved»): a test or a mistake, not a
need.
"""
from analysis.layouts.column_roles import FIELD, roles_of
from analysis.layouts.columns import FIELDS
from analysis.layouts.shapes import Rows
from analysis.layouts.tables import Table
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell, normalize

_PARENT_INDEX, _INDEX, _PARENT_TABLE = "parent index", "index", "parent table name"
_REVIEW_COLUMNS = {"reviewstate", "review state", "validation status"}
_REJECTED = {"rejected", "validation status not approved", "not approved", "no aprobado", "rechazado", "rechazada"}


def _column(headers: list[str], name: str) -> int | None:
    return next((i for i, h in enumerate(headers) if normalize(h) == name), None)


def parent_values(sheets: list[Sheet], table: Table) -> tuple[str, dict[str, str], dict[str, dict[str, str]]] | None:
    """For a table of a repeat group (it has `_parent_index`): the parent sheet's name, its headers by field, and
    by parent index the fields its rows state; None for any other table."""
    if _column(table.headers, _PARENT_INDEX) is None:
        return None
    named = None
    if (column := _column(table.headers, _PARENT_TABLE)) is not None:
        named = next((clean_cell(r[column]) for r in table.rows if column < len(r) and clean_cell(r[column])), None)
    for sheet in sheets:
        if sheet.name == table.sheet or named and not (sheet.name.startswith(named[:31]) or named.startswith(sheet.name)):
            continue
        for r, row in enumerate(sheet.rows[:40]):
            headers = [clean_cell(c) for c in row]
            if (index := _column(headers, _INDEX)) is None:
                continue
            roles = roles_of(headers)
            mapped = {i: role.field for i, role in enumerate(roles) if role.kind == FIELD and role.group is None
                      and role.field in FIELDS and role.field != "necesidad"}
            parents = {}
            for data in sheet.rows[r + 1:]:
                key = clean_cell(data[index]) if index < len(data) else ""
                if key:
                    parents[key] = {name: data[i] for i, name in mapped.items() if i < len(data) and clean_cell(data[i])}
            return sheet.name, {name: f"{sheet.name}: {headers[i]}" for i, name in mapped.items()}, parents
    return None


def link_parents(rows: Rows, table: Table, headers: dict[str, str], parents: dict[str, dict[str, str]]) -> None:
    """Give each need of a repeat group the fields its parent row states, where the need says nothing."""
    for name, header in headers.items():
        rows.headers.setdefault(name, header)
    column = _column(table.headers, _PARENT_INDEX)
    by_row = {n: clean_cell(r[column]) if column < len(r) else "" for r, n in zip(table.rows, table.row_numbers)}
    for position, number in enumerate(rows.rows):
        for name, value in parents.get(by_row.get(number, ""), {}).items():
            if rows.values[name][position] in ("", None):
                rows.values[name][position] = value


def rejected_submissions(table: Table) -> set[int]:
    """Spreadsheet rows of submissions a reviewer rejected in the survey tool."""
    columns = [i for i, h in enumerate(table.headers) if normalize(h) in _REVIEW_COLUMNS]
    if not columns:
        return set()
    return {n for row, n in zip(table.rows, table.row_numbers)
            if any(i < len(row) and normalize(row[i]) in _REJECTED for i in columns)}


def drop_rows(rows: Rows, numbers: set[int]) -> None:
    """Remove, in place, the needs read from these spreadsheet rows."""
    if not numbers:
        return
    keep = [i for i, n in enumerate(rows.rows) if n not in numbers]
    for name, values in rows.values.items():
        rows.values[name] = [values[i] for i in keep]
    rows.rows = [rows.rows[i] for i in keep]
    rows.cells = [rows.cells[i] for i in keep]
    rows.sections = [rows.sections[i] for i in keep]
