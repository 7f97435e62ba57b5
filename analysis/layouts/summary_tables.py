"""Recognising summaries: pivot tables, count sheets and «Resumen» sheets beside the data.

Workbooks carry, beside the list of needs, tables that count them: a pivot table
(«Etiquetas de fila | Cuenta de Necesidad»), a sheet of needs per departamento, a
summary block under the data («Ámbito | Cantidad»). Imported as needs they would add
needs whose text is a number, or repeat needs already counted. A table is a summary
when its header says it counts (pivot words, a «Número de necesidades» column, a
column of counts) or when its description column holds numbers; a sheet named as a
summary («Resumen», «TD Nivel», «Tabla dinámica») is one when the workbook has data
elsewhere. Summaries are skipped with a note, never imported, never a reason to
refuse the workbook.
"""
import re
from itertools import islice

from analysis.text import clean_cell, normalize

PIVOT = "tabla dinámica"
COUNT = "conteo"
SUMMARY_SHEET = "hoja de resumen"

_PIVOT_PREFIXES = ("cuenta de ", "suma de ", "recuento de ", "promedio de ", "count of ", "sum of ",
                   "average of ", "max de ", "min de ")
_PIVOT_LABELS = {"etiquetas de fila", "etiquetas de columna", "row labels", "column labels", "total general",
                 "grand total", "rotulos de fila", "rotulos de columna"}
_COUNT_WORDS = {"total", "totales", "cantidad", "conteo", "frecuencia", "porcentaje", "count", "frequency",
                "percentage", "percent", "sum", "suma", "recuento"}
_COUNT_PREFIXES = ("numero de ", "cantidad de ", "total de ", "no de ", "n de ", "nro de ", "num de ", "conteo de ",
                   "porcentaje de ", "frecuencia de ", "number of ", "count of ", "total ")
_SUMMARY_SHEET = re.compile(r"\b(?:resumen|resumenes|tabla dinamica|tablas dinamicas|pivot|pivote)\b"
                            r"|^(?:td|graficas?|graficos?|estadisticas?|totales|conteos?|charts?|summary)\b")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?\s*%?$")
# A column is a column of counts when at least this share of its filled cells are numbers.
_MOSTLY = 0.6
_SAMPLE = 500


def is_pivot_word(cell: str) -> bool:
    key = normalize(cell)
    return key in _PIVOT_LABELS or key.startswith(_PIVOT_PREFIXES)


def is_count_header(cell: str, key: str | None = None) -> bool:
    """«Cantidad», «Total», «%», «Número de necesidades», «Cuenta de Necesidad»… (`key`: the cell normalised)."""
    if cell.strip() == "%":
        return True
    key = normalize(cell) if key is None else key
    return key in _COUNT_WORDS or key.startswith(_COUNT_PREFIXES) or key in _PIVOT_LABELS or \
        key.startswith(_PIVOT_PREFIXES)


def is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_NUMBER.match(value.strip()))


def mostly_numbers(values) -> bool:
    """Whether most filled cells are numbers, judged on the first few hundred (a column of
    100,000 needs is not a column of counts, and its first rows already say so)."""
    filled = list(islice((v for v in values if v is not None and v != "" and clean_cell(v)), _SAMPLE))
    return bool(filled) and sum(map(is_number, filled)) >= _MOSTLY * len(filled)


def _as_number(value) -> float:
    return float(value) if not isinstance(value, str) else float(value.strip().rstrip("%").replace(",", "."))


def is_running_index(values) -> bool:
    """1, 2, 3… : a column numbering the rows («No. de necesidad»), not counting anything."""
    numbers = [_as_number(v) for v in islice(values, _SAMPLE) if clean_cell(v) and is_number(v)]
    steps = [b - a for a, b in zip(numbers, numbers[1:])]
    return len(numbers) >= 2 and sum(1 for step in steps if step == 1) >= 0.9 * len(steps)


def is_summary_sheet_name(name: str) -> bool:
    return bool(_SUMMARY_SHEET.search(normalize(name)))


def summary_reason(cells: list[str], mapped: dict[int, str], column) -> str | None:
    """Why a table is certainly a summary (PIVOT or COUNT), or None.

    `cells` is its header, `mapped` column index -> field, `column(i)` iterates the values of column i.
    """
    if any(is_pivot_word(c) for c in cells if c):
        return PIVOT
    necesidad = next(i for i, f in mapped.items() if f == "necesidad")
    if is_count_header(cells[necesidad]) or mostly_numbers(column(necesidad)):
        return COUNT
    return None


def has_count_column(cells: list[str], mapped: dict[int, str], column) -> bool:
    """Whether a table has a column of counts («Cantidad», «Total», «%»), as a summary listing the
    main needs has. Only a hint: a list of needs may count things too («Cantidad» of patrols
    asked for), so the workbook decides (a table like this beside a plain list is its summary)."""
    return any(cell and index not in mapped and is_count_header(cell) and mostly_numbers(column(index))
               and not is_running_index(column(index)) for index, cell in enumerate(cells))


def is_count_header_row(cells: list[str], keys: list[str]) -> bool:
    """The header of a block of counts under the data («Ámbito | Cantidad»): short labels only,
    one of which counts (`keys`: the cells normalised)."""
    filled = [(c, k) for c, k in zip(cells, keys) if c]
    return (len(filled) >= 2 and not any(len(c) > 40 or is_number(c) for c, _ in filled)
            and any(is_count_header(c, k) for c, k in filled))


def looks_like_summary_sheet(rows: list[list]) -> bool:
    """A sheet without a table of needs that still shows a pivot table or counts in its first rows."""
    for row in rows[:40]:
        cells = [clean_cell(c) for c in row]
        keys = [normalize(c) for c in cells]
        if any(is_pivot_word(c) for c in cells if c) or is_count_header_row(cells, keys):
            return True
    return False
