"""Reading «XML Spreadsheet 2003» files, the other `.xls` that web systems export.

Before .xlsx, Excel could save a workbook as one XML file (SpreadsheetML); many
government systems still export it with an `.xls` extension, and Excel opens it without
complaint. Each `Worksheet` is a sheet; a row or cell may skip ahead (`ss:Index`), and a
cell may be merged across or down (`ss:MergeAcross`, `ss:MergeDown`), which becomes a
merged block like Excel's.
"""
import io
from xml.etree.ElementTree import iterparse

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
MARKER = b"urn:schemas-microsoft-com:office:spreadsheet"


def _int(element, name: str, default: int) -> int:
    try:
        return int(element.get(f"{_SS}{name}", default))
    except ValueError:
        return default


def _value(cell) -> object:
    """The cell's value: a number for ss:Type="Number", else its text (dates arrive as ISO text)."""
    data = cell.find(f"{_SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())
    if data.get(f"{_SS}Type") == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def spreadsheetml_sheets(data: bytes) -> list[tuple[str, list[list], list[tuple[int, int, int, int]]]]:
    """(name, rows, merged blocks) of each worksheet; rows from row 1 and column A."""
    sheets = []
    rows: list[list] = []
    merged: list[tuple[int, int, int, int]] = []
    for event, element in iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "start" and element.tag == f"{_SS}Worksheet":
            name, rows, merged = element.get(f"{_SS}Name") or f"Hoja{len(sheets) + 1}", [], []
        elif event == "end" and element.tag == f"{_SS}Row":
            index = _int(element, "Index", len(rows) + 1) - 1
            rows.extend([] for _ in range(max(0, index - len(rows))))
            row: list = []
            for cell in element.iter(f"{_SS}Cell"):
                column = _int(cell, "Index", len(row) + 1) - 1
                row.extend("" for _ in range(max(0, column - len(row))))
                row.append(_value(cell))
                across, down = _int(cell, "MergeAcross", 0), _int(cell, "MergeDown", 0)
                if across > 0 or down > 0:
                    merged.append((index, column, index + down, column + across))
                row.extend("" for _ in range(max(0, across)))
            rows.append(row)
            element.clear()
        elif event == "end" and element.tag == f"{_SS}Worksheet":
            sheets.append((name, rows, merged))
            element.clear()
    return sheets
