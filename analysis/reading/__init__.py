"""Bytes into cells: every file a field team may send read into sheets of raw cells, within the reading limits,
or refused whole with a Spanish reason (`FileRefused`)."""
from analysis.reading.refusals import FileRefused, MissingColumns
from analysis.reading.workbooks import ACCEPTED_EXTENSIONS, Sheet, read_workbook

__all__ = ["ACCEPTED_EXTENSIONS", "FileRefused", "MissingColumns", "Sheet", "read_workbook"]
