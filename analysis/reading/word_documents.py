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


def _numbering(numbers) -> bool | None:
    """Whether a numPr turns numbering on (numId 0 turns it off), None without one."""
    if numbers is None:
        return None
    number_id = numbers.find(f"{_W}numId")
    return number_id is None or number_id.get(f"{_W}val") != "0"


def _numbered_styles(styles) -> frozenset[str]:
    """The paragraph styles that number or bullet their paragraphs («List Number», «Viñetas»), their own
    numbering or one they are based on."""
    own, based = {}, {}
    for style in styles.iterfind(f"{_W}style"):
        name = style.get(f"{_W}styleId")
        own[name] = _numbering(style.find(f"{_W}pPr/{_W}numPr"))
        if (parent := style.find(f"{_W}basedOn")) is not None:
            based[name] = parent.get(f"{_W}val")

    def numbers(name, seen=()):
        if own.get(name) is not None or name not in based or name in seen:
            return bool(own.get(name))
        return numbers(based[name], (*seen, name))
    return frozenset(name for name in own if numbers(name))


def _text_of(paragraph, listed: frozenset[str]) -> str:
    """A paragraph's text, with «• » for Word's own numbering or bullet (not part of the text), set on the
    paragraph or by its style."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else "\t" if node.tag == f"{_W}tab" else "\n")
    text = "".join(parts).strip()
    numbered = _numbering(paragraph.find(f"{_W}pPr/{_W}numPr"))
    if numbered is None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        numbered = style is not None and style.get(f"{_W}val") in listed
    return f"• {text}" if numbered and text else text


def _cell_text(cell, listed: frozenset[str]) -> str:
    return "\n".join(t for t in (_text_of(p, listed) for p in cell.iter(f"{_W}p")) if t)


def _table_rows(table, top: int, merged: list[tuple[int, int, int, int]], listed: frozenset[str]) -> list[list[str]]:
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
                cells.append(_cell_text(cell, listed))
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
        document = Document(io.BytesIO(data))
        body, listed = document.element.body, _numbered_styles(document.styles.element)
    except Exception:  # python-docx and lxml raise many kinds on a damaged part
        raise FileRefused(f"No se pudo leer el documento de Word «{filename}»: está dañado o incompleto. Ábralo en "
                          "Word o LibreOffice y guárdelo de nuevo como .docx.") from None
    rows: list[list[str]] = []
    merged: list[tuple[int, int, int, int]] = []
    for element in body.iterchildren():
        if element.tag == f"{_W}p":
            if text := _text_of(element, listed):
                rows.append([text])
        elif element.tag == f"{_W}tbl":
            rows.extend(_table_rows(element, len(rows), merged, listed))
            rows.append([])
        if len(rows) > bounds.rows:
            raise FileRefused(f"El documento «{filename}» tiene más de {format_int(bounds.rows)} filas de texto y "
                              "tablas, el límite de lectura. Divídalo en varios documentos.")
    return PurePath(filename).stem or "Documento", rows, merged
