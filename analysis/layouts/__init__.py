"""Cells into tables: where the tables of needs are in a sheet, which row is their header, which field each
column feeds, and which lines are not needs (titles, page furniture, totals, summaries)."""
from analysis.layouts.column_roles import role_words
from analysis.layouts.columns import FIELD_LABELS, FIELDS, ColumnMatch, map_columns
from analysis.layouts.tables import Table, find_tables

__all__ = ["FIELDS", "FIELD_LABELS", "ColumnMatch", "Table", "find_tables", "map_columns", "role_words"]
