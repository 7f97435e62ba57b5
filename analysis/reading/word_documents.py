"""Reading a Word document (.docx) as the one sheet its reader sees: each paragraph a line, each table its rows.

Workshop rapporteurs send the memoria in Word: headings and paragraphs («Taller regional Nororiente — Puerto
Barrios, Izabal», «Mesa 1: Seguridad Interior»), then a table of needs per mesa. Laid out top to bottom like a
spreadsheet (a paragraph in its row, a blank row after each table), the same reading finds the tables, their
titles and the values those titles state. A cell spanning several rows or columns holds its text once, with a
merged block, as a workbook's would; paragraphs inside a cell stay lines of that cell, and Word's automatic
numbering or bullets, which are not part of the text, are written back as «• » so a list stays a list.
"""
import io
import zipfile
from pathlib import PurePath

from analysis.formatting import format_int
from analysis.reading.limits import Limits
from analysis.reading.refusals import FileRefused

DOCUMENT_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_word_document(data: bytes) -> bool:
    """Whether a zip is a Word document; a damaged zip is none (the workbook reader then refuses it in words)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT_PART in archive.namelist()
    except Exception:  # zipfile raises BadZipFile, ValueError, OSError, EOFError… on a damaged archive
        return False


def _text_of(paragraph) -> str:
    """A paragraph's text, with «• » for Word's own numbering or bullet (not part of the text)."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n")
    text = "".join(parts).strip()
    numbered = paragraph.find(f"{_W}pPr/{_W}numPr") is not None
    return f"• {text}" if numbered and text else text


def _cell_text(cell) -> str:
    return "\n".join(t for t in (_text_of(p) for p in cell.iter(f"{_W}p")) if t)


def _table_rows(table, top: int, merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """A table's rows from spreadsheet row `top`, merged cells written once with their blocks in `merged`."""
    rows: list[list[str]] = []
    above: dict[int, int] = {}  # column -> row where the vertical block that covers it started
    for r, row in enumerate(table.iterfind(f"{_W}tr")):
        cells, column = [], 0
        for cell in row.iterfind(f"{_W}tc"):
            props = cell.find(f"{_W}tcPr")
            span_node = props.find(f"{_W}gridSpan") if props is not None else None
            span = int(span_node.get(f"{_W}val", "1")) if span_node is not None else 1
            vmerge = props.find(f"{_W}vMerge") if props is not None else None
            continues = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
            if continues and column in above:
                cells.extend([""] * span)
                _extend(merged, above[column], column, top + r)
            else:
                cells.append(_cell_text(cell))
                cells.extend([""] * (span - 1))
                if span > 1:
                    merged.append((top + r, column, top + r, column + span - 1))
                if vmerge is not None:
                    above[column] = top + r
                else:
                    above.pop(column, None)
            column += span
        rows.append(cells)
    return rows


def _extend(merged: list[tuple[int, int, int, int]], first: int, column: int, row: int) -> None:
    """Grow (or start) the vertical block that begins at (`first`, `column`) down to `row`."""
    for i, (top, left, bottom, right) in enumerate(merged):
        if top == first and left == column:
            merged[i] = (top, left, max(bottom, row), right)
            return
    merged.append((first, column, row, column))


def word_rows(data: bytes, filename: str, bounds: Limits) -> tuple[str, list[list[str]], list[tuple[int, int, int, int]]]:
    """The document's name, its lines and table rows in order, and their merged blocks."""
    from docx import Document
    try:
        body = Document(io.BytesIO(data)).element.body
    except Exception:  # python-docx and lxml raise many kinds on a damaged part
        raise FileRefused(f"No se pudo leer el documento de Word «{filename}»: está dañado o incompleto. Ábralo en "
                          "Word o LibreOffice y guárdelo de nuevo como .docx.") from None
    rows: list[list[str]] = []
    merged: list[tuple[int, int, int, int]] = []
    for element in body.iterchildren():
        if element.tag == f"{_W}p":
            if text := _text_of(element):
                rows.append([text])
        elif element.tag == f"{_W}tbl":
            rows.extend(_table_rows(element, len(rows), merged))
            rows.append([])
        if len(rows) > bounds.rows:
            raise FileRefused(f"El documento «{filename}» tiene más de {format_int(bounds.rows)} filas de texto y "
                              "tablas, el límite de lectura. Divídalo en varios documentos.")
    return PurePath(filename).stem or "Documento", rows, merged
