"""Codes a workbook explains itself: a legend beside the table, a «Códigos» or «Leyenda» sheet.

Rapporteurs write short codes in the cells and explain them once: «A = Seguridad Interior» in a block beside
the table, a sheet «Códigos» with «Amb | SI | Seguridad Interior», «1 = Comunitario (COCODE)» under
«Nivel:». A legend line is recognised by its meaning — the full name of a value of a list field (ámbito,
nivel, prioridad, estado) — and by a short code beside it; the field is the one the meaning names, or the one a
label names («Nivel:», a «Campo» column). Codes then translate the cells of that field before anything is
recognised, so «5» reads Nacional where the legend says so, whatever a scale would have read.
"""
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis import fields
from analysis.fields.values import recognise
from analysis.layouts.columns import score_header
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell, normalize

LIST_FIELDS = tuple(f.key for f in fields.controlled_fields())  # nivel, ámbito, prioridad, estado
# A sheet whose name opens with one of these words explains codes («Códigos», «Leyenda», «Catálogo de valores»).
_LEGEND_SHEET = re.compile(r"^(?:hoja de )?(?:leyendas?|codigos?|catalogos?|claves?|simbologia|abreviaturas|glosario|"
                           r"referencias|diccionario|instrucciones y codigos)\b")
_PAIR = re.compile(r"^\s*([^\s=:]{1,10})\s*(?:=|:|–|—|\s-\s)\s*(.{3,80})$")
_MAX_CODE = 12


@dataclass
class Codes:
    """Field -> {code (normalised) -> value}, where each field's codes were read, and the legend's cells."""

    by_field: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field -> sheet the legend stands in
    cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # sheet -> (row, column) of legend cells

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def translate(self, frame: pd.DataFrame) -> None:
        """Replace, in place, the cells of each field that are one of its codes by the value the code stands for."""
        for name, codes in self.by_field.items():
            if name in frame:
                distinct = frame[name].unique()
                frame[name] = frame[name].map({v: codes.get(_code_key(v), v) for v in distinct})

    def described(self, name: str) -> str:
        """«SI = Seguridad Interior, SE = Seguridad Exterior…», for the preview's note."""
        return ", ".join(f"{code.upper()} = {value}" for code, value in self.by_field.get(name, {}).items())


def is_legend_sheet(name: str) -> bool:
    """A sheet named as a legend («Códigos», «Leyenda», «Catálogo»): it explains codes, it lists no needs."""
    return bool(_LEGEND_SHEET.search(normalize(name)))


def _code_key(value) -> str:
    return normalize(clean_cell(value))


def _meaning(text: str, hint: str | None) -> tuple[str, str] | None:
    """(field, value) a legend line's meaning names: the hinted field first, then any list field."""
    for name in ([hint] if hint in LIST_FIELDS else []) + [n for n in LIST_FIELDS if n != hint]:
        value = recognise(fields.get(name), text)
        if value and len(normalize(text).split()) <= 8:
            return name, value
    return None


def _label(text: str) -> str | None:
    """The field a legend's label names («Ámbito:», «Nivel (código)», «Amb»)."""
    scores = score_header(text.rstrip(":"))
    best = max(scores, key=scores.get) if scores else None
    return best if best in LIST_FIELDS else None


def find_codes(sheets: list[Sheet], data: dict[str, dict[int, frozenset[int]]] | None = None) -> Codes:
    """The codes every legend of a workbook explains. `data` says, per sheet, which columns of which rows the
    tables read as data: those cells are never a legend (a row «1 | Alta | …» of a table is a need, not the code
    1 for Alta), and a 100,000-row table costs a look-up per row, not a look at each cell."""
    found: dict[str, dict[str, set[str]]] = {}
    codes = Codes()
    for sheet in sheets:
        taken = (data or {}).get(sheet.name, {})
        legend_sheet = is_legend_sheet(sheet.name)
        hint = None
        for r, row in enumerate(sheet.rows):
            used = taken.get(r, ())
            if used and len(row) <= _covered(used):
                continue  # every cell of the row was read as data
            filled = [(c, text) for c, v in enumerate(row) if c not in used and (text := clean_cell(v))]
            if len(filled) == 1 and (label := _label(filled[0][1])) and filled[0][1].endswith(":"):
                hint = label
                codes.cells.setdefault(sheet.name, set()).add((r, filled[0][0]))
                continue
            for c, text in filled:
                pair = _PAIR.match(text)
                if pair and (meaning := _meaning(pair[2], hint)):
                    _offer(found, codes, sheet.name, meaning, pair[1], [(r, c)])
            if legend_sheet and len(filled) >= 2:
                _sheet_row(found, codes, sheet.name, r, filled, hint)
    for name, entries in found.items():  # a code that means two values in one field means nothing
        clear = {code: next(iter(values)) for code, values in entries.items() if len(values) == 1}
        if clear:
            codes.by_field[name] = clear
    return codes


def _covered(used: frozenset[int]) -> int:
    """How many leading columns `used` covers without a gap (0, 1, 2… all in it)."""
    width = 0
    while width in used:
        width += 1
    return width


def legend_labels(sheets: list[Sheet]) -> dict[str, str]:
    """Header -> field, from the labels a legend sheet gives its codes («Amb | SI | Seguridad Interior» says a
    column headed «Amb» holds ámbitos): short labels nobody's synonyms list, read as the legend says."""
    labels: dict[str, str] = {}
    for sheet in sheets:
        if not is_legend_sheet(sheet.name):
            continue
        for row in sheet.rows:
            filled = [text for v in row if (text := clean_cell(v))]
            if len(filled) >= 3 and len(filled[0]) <= _MAX_CODE and (meaning := _meaning(filled[-1], None)):
                labels.setdefault(filled[0], meaning[0])
    return labels


def _sheet_row(found, codes: Codes, sheet: str, r: int, filled: list[tuple[int, str]], hint: str | None) -> None:
    """A row of a legend sheet: a meaning cell and the short code nearest to its left, maybe a label naming the
    field («Amb | SI | Seguridad Interior»)."""
    for position, (c, text) in enumerate(filled):
        if position == 0:
            continue
        label = next((_label(t) for _, t in filled[:position - 1] if _label(t)), None)
        meaning = _meaning(text, label or hint)
        code_column, code = filled[position - 1]
        if meaning and len(code) <= _MAX_CODE and normalize(code) != normalize(text):
            _offer(found, codes, sheet, meaning, code, [(r, c), (r, code_column)] +
                   [(r, col) for col, _ in filled[:position - 1]])


def _offer(found, codes: Codes, sheet: str, meaning: tuple[str, str], code: str, cells) -> None:
    name, value = meaning
    key = _code_key(code)
    if not key or key == normalize(value):
        return
    found.setdefault(name, {}).setdefault(key, set()).add(value)
    codes.sources.setdefault(name, sheet)
    codes.cells.setdefault(sheet, set()).update(cells)
