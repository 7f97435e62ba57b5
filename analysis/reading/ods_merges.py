"""Merged blocks of an OpenDocument spreadsheet (.ods), which python-calamine does not report.

LibreOffice writes a merged block as a cell with `table:number-rows-spanned` and
`table:number-columns-spanned`, followed by covered cells. Reading those attributes
from `content.xml` gives the blocks in the same (row, column) positions calamine uses, so
a value merged down a LibreOffice sheet fills its rows as it does in Excel.
"""
import io
import zipfile
from xml.etree.ElementTree import iterparse

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CELLS = {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}
# More repetitions than a sheet has rows or columns: a style applied to the rest of the sheet.
_MAX_REPEAT = 1_048_576


def _count(element, name: str) -> int:
    try:
        return min(max(int(element.get(f"{_TABLE}{name}", "1")), 1), _MAX_REPEAT)
    except ValueError:
        return 1


def ods_merged_blocks(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet name -> its merged blocks (first row, first column, last row, last column; 0-based,
    inclusive). Empty when the file is not an OpenDocument spreadsheet, merges nothing, or its
    XML cannot be read here: a sheet calamine has read is never refused for its merges."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
        if b"number-rows-spanned" not in content and b"number-columns-spanned" not in content:
            return {}
        return _blocks(content)
    except Exception:  # a damaged archive or XML (zipfile, zlib and expat raise many kinds)
        return {}


def _blocks(content: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    blocks: dict[str, list[tuple[int, int, int, int]]] = {}
    sheet, row, column, repeat = None, 0, 0, 1
    for event, element in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == f"{_TABLE}table":
            sheet, row = element.get(f"{_TABLE}name", ""), 0
            blocks.setdefault(sheet, [])
        elif event == "start" and tag == f"{_TABLE}table-row":
            column, repeat = 0, _count(element, "number-rows-repeated")
        elif event == "start" and tag in _CELLS and sheet is not None:
            rows, columns = _count(element, "number-rows-spanned"), _count(element, "number-columns-spanned")
            if rows > 1 or columns > 1:
                blocks[sheet].append((row, column, row + rows - 1, column + columns - 1))
            column += _count(element, "number-columns-repeated")
        elif event == "end" and tag == f"{_TABLE}table-row":
            row += repeat
            element.clear()
    return {name: found for name, found in blocks.items() if found}
