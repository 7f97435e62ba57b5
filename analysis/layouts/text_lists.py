"""Needs written as a list in running text: a memoria or an email without tables, a need per numbered point.

Rapporteurs without a template write the minutes as text: a title with the event, the place and the date,
headings for each mesa («Mesa 2: Seguridad Exterior», «MUNICIPIO DE SAN LUCAS TOLIMÁN», «Nivel comunitario»),
then «Necesidades identificadas:» and numbered or bulleted points (Word's own numbering arrives as «• »). Each
point is a need, with what the headings above it state; points under other headings («Acuerdos»,
«Participantes») are not, and every line that holds no need is named in a note. A line is read as a heading
by what it states (`analysis.layouts.title_lines`), so no heading is listed here by name.
"""
import re

from analysis import fields
from analysis.layouts.columns import score_header
from analysis.layouts.recast import Recast, is_filled
from analysis.layouts.title_lines import TABLE_WORDS, title_values
from analysis.reading.workbooks import Sheet
from analysis.text import clean_cell, normalize

TEXT_LIST = "Lista en el texto: una necesidad por punto"
_POINT = re.compile(r"^\s*(?:\(?\d{1,2}\s*[.)°º-]|\(?[a-zA-Z]\s*[).]|[•·▪◦‣●○■□►▸✓✔\-–—*+])\s*(?=[^\W\d_])")
_HEADING_WORDS = 10  # a line longer than this, without a marker, is a paragraph, not a heading
_CONTEXT = ("departamento", "municipio", "nivel", "ambito", "prioridad", "institucion", "evento", "fecha")
_LONGEST_TEXT = 5_000  # lines: more than any memoria has; a column that long is a table


def _point(text: str) -> str | None:
    """A point's text without its marker, when the line is a point of a list («1. …», «a) …», «• …»)."""
    mark = _POINT.match(text)
    rest = text[mark.end():].strip() if mark else ""
    return rest if len(rest.split()) >= 2 else None


def _needs_heading(text: str) -> bool:
    """«Necesidades identificadas:», «Problemática priorizada»: a short line that names the needs below it."""
    scores = score_header(text.rstrip(" :"))
    best = max(scores.values(), default=0)
    return scores.get("necesidad", 0) >= 0.9 and all(v < best for k, v in scores.items() if k != "necesidad")


def _lines(sheet: Sheet) -> list[tuple[int, str]] | None:
    """The sheet's lines of text (row, text), when it is running text: every filled row holds a single cell."""
    lines = []
    for r, row in enumerate(sheet.rows):
        cells = [text for v in row if is_filled(v) and (text := clean_cell(v))]
        if len(cells) > 1:
            return None  # cells side by side: a table, not running text
        lines.extend((r, text) for text in cells)
    return lines


def text_list(sheet: Sheet) -> Recast | None:
    """The points of a sheet of running text as a table of needs, with what the headings above each state."""
    if len(sheet.rows) > _LONGEST_TEXT or (lines := _lines(sheet)) is None:
        return None
    points = {r: text for r, line in lines if (text := _point(line))}
    if len(points) < 2:
        return None
    headed = any(_needs_heading(line) for r, line in lines if r not in points)
    context: dict[str, str] = {}
    section: bool | None = None  # under a heading of needs (True), of something else (False), or neither yet
    records: list[tuple[int, dict[str, str], str]] = []
    used, other_points, other_lines = set(), [], []
    for r, line in lines:
        if r in points:
            if section or (section is None and not headed):
                records.append((r, dict(context), points[r]))
                used.add(r)
            else:
                other_points.append(r)
            continue
        stated = {k: v for k, v in title_values([(r, [line])]).values.items() if k in _CONTEXT}
        if stated:
            if "departamento" in stated and stated["departamento"] != context.get("departamento"):
                context.pop("municipio", None)  # a new departamento: the municipio above is not in it
            context.update(stated)
            section = None if section is False else section
            used.add(r)
        elif _needs_heading(line):
            section = True
            used.add(r)
        elif len(line.split()) <= _HEADING_WORDS or line.endswith(":"):
            words = [w for w in normalize(line).split() if not w.isdigit()]
            section = section if set(words) <= TABLE_WORDS else False  # «Mesa 3» heads no section
            other_lines.append(r)
        else:
            other_lines.append(r)
    if len(records) < 2:
        return None
    return _recast(sheet, records, used, other_points, other_lines)


def _recast(sheet: Sheet, records, used: set[int], other_points: list[int], other_lines: list[int]) -> Recast:
    keys = [k for k in _CONTEXT if any(k in values for _, values, _ in records)] + ["necesidad"]
    recast = Recast(Sheet(sheet.name, [[fields.label(k) for k in keys]]), TEXT_LIST, headers_written=False)
    need = len(keys) - 1
    for i, (r, values, text) in enumerate(records, start=1):
        recast.sheet.rows.append([values.get(k, "") for k in keys[:-1]] + [text])
        recast.origin[(i, need)] = (r, _column(sheet.rows[r]))
    recast.covered = {(r, _column(sheet.rows[r])) for r in used | set(other_points) | set(other_lines)}
    if other_points:
        recast.aside.append(("puntos de listas que no están bajo un encabezado de necesidades (acuerdos, "
                             "participantes u otras secciones)", other_points))
    if other_lines:
        recast.aside.append(("títulos, párrafos o encabezados del texto", other_lines))
    return recast


def _column(row: list) -> int:
    return next(c for c, v in enumerate(row) if is_filled(v) and clean_cell(v))
