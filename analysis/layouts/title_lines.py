"""What the lines above a table state once for all its rows: the event, the date, the place, the ámbito.

Rapporteurs write these once, in the title, not on every row: «Taller de Identificación de Necesidades —
Cobán, Alta Verapaz, 15 de marzo de 2018», «MESA 2: GESTIÓN DE RIESGOS», «Departamento: Sololá»,
«Fecha | 09/11/2017». A title line is cut at its separators (dashes, colons, commas, bars); each part is read
for what it is — a label and its value, a date, a place, an ámbito, the name of an event — and a value is
kept only when its line names exactly one of its kind (two departamentos in a title say nothing about a row);
the line closest to the header is the most specific.
"""
import re
from dataclasses import dataclass, field

from analysis import fields
from analysis.fields.dates import parse_fecha
from analysis.fields.places import read_place, recognise_departamento
from analysis.fields.values import recognise, words_of
from analysis.layouts.columns import score_header
from analysis.text import normalize

# What separates the parts of a title: «MESA 2: GESTIÓN DE RIESGOS», «Taller — Cobán, 15 de marzo de 2018».
_PARTS = re.compile(r"\s*(?::|\||–|—|\s-\s|,|;|\s/\s)\s*")
# Words of a title that name the table, not what it is about («Mesa 2», «Eje III»).
TABLE_WORDS = {"mesa", "tabla", "eje", "ambito", "tema", "componente", "area", "grupo", "de", "del", "la", "el",
                "y", "no", "n", "numero", "seguridad", "i", "ii", "iii", "iv", "v", "vi"}
# Words that open the name of an event.
_EVENT_WORDS = ("taller", "seminario", "mesa", "reunion", "conversatorio", "encuentro", "foro", "asamblea",
                "jornada", "consulta", "sesion", "dialogo", "capacitacion", "congreso", "cumbre", "marcha",
                "diagnostico", "memoria", "workshop", "meeting")
# A date written in a title, whatever words stand around it: «Salamá, 11 de julio de 2018. Mesa integrada por…».
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}(?:\s+de)?\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
                           r"setiembre|octubre|noviembre|diciembre)(?:\s+de(?:l)?)?\s+\d{4}\b"
                           r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)


_NAME = 0.9  # a cell that scores this high as a field's name is a name, not a value


@dataclass
class TitleValues:
    """The values a table's title lines state, with the spreadsheet row each came from."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # field -> spreadsheet row of the line that said it
    title: str = ""  # the line that names the table («MESA 2: GESTIÓN DE RIESGOS»)


def title_values(lines: list[tuple[int, list[str]]], columns: set[str] = frozenset()) -> TitleValues:
    """What the lines above a header (row index, cells) state for every row of the table.

    A place named in a title line is where the workshop met: it speaks for the rows only when the table has no
    column of its own for it (a departamento when there is no departamento column, a municipio when there is no
    place column at all); a place written with its label («Departamento: Sololá») speaks for them always."""
    found = TitleValues()
    for index, cells in reversed(lines):
        filled = [c for c in cells if c]
        pairs = _pairs(filled)
        for label, value in pairs:
            scores = score_header(label)
            if scores and value.strip():
                best = max(scores, key=scores.get)
                if scores[best] >= 0.9 and best not in ("necesidad", "region"):
                    found.values.setdefault(best, value.strip())
                    found.rows.setdefault(best, index + 1)
        if len(filled) == 1:
            found.title = found.title or filled[0]
            for name, value in _read_line(filled[0]).items():
                if name == "departamento" and "departamento" in columns or \
                        name == "municipio" and columns & {"departamento", "municipio"}:
                    continue
                if name not in found.values:
                    found.values[name], found.rows[name] = value, index + 1
    return found


def _pairs(filled: list[str]) -> list[tuple[str, str]]:
    """The label/value pairs of a line: «Departamento: Sololá» in one cell, «Departamento: | Sololá | Fecha: |
    20/07/2018» across cells (a label ends with a colon; its value is the next cell), «Fecha | 09/11/2017»."""
    pairs = []
    for i, cell in enumerate(filled):
        label, colon, value = cell.partition(":")
        if not colon:
            continue
        if value.strip():
            pairs.append((label, value))
        elif i + 1 < len(filled) and not filled[i + 1].rstrip().endswith(":"):
            pairs.append((label, filled[i + 1]))
    if len(filled) == 2 and not pairs and not _names_another_field(*filled):
        pairs = [(filled[0], filled[1])]  # «Fecha | 09/11/2017»
    return pairs


def _names_another_field(label: str, value: str) -> bool:
    """«Datos del taller | Necesidad identificada»: two cells that name two fields group a header's columns; the
    second is no value of the first («Evento | Taller de Panajachel» is one)."""
    named = {f for f, score in score_header(value).items() if score >= _NAME}
    return bool(named) and not named & {f for f, score in score_header(label).items() if score >= _NAME}


def _read_line(text: str) -> dict[str, str]:
    """What one title line names: an ámbito, a nivel, a departamento or municipio, a date, an event."""
    found: dict[str, str] = {}
    parts = [p for p in _PARTS.split(text) if p.strip()]
    places = [reading for part in parts if (reading := _place(part))]
    for part in parts:
        for key in ("ambito", "nivel"):
            if value := named_value(key, part):
                found.setdefault(key, value)
        if (written := _DATE_IN_TEXT.search(part)) and (day := parse_fecha(written[0])):
            found.setdefault("fecha", day.strftime("%d/%m/%Y"))
    departamentos = {r.departamento for r in places if r.departamento is not None}
    municipios = {m for r in places for m in r.municipios}
    if len(departamentos) == 1:
        found["departamento"] = fields.reference.departamentos()[departamentos.pop()]
    if len(municipios) == 1:
        found["municipio"] = _municipio_name(municipios.pop())
    event = parts[0].strip() if parts else ""
    words = [w for w in normalize(event).split() if not w.isdigit() and w not in TABLE_WORDS]
    if normalize(event).startswith(_EVENT_WORDS) and len(words) >= 2 and not _place(event):
        found["evento"] = event
    return found


def _place(part: str):
    """The reading of a title part that is nothing but a place name («Cobán», «Alta Verapaz»); a departamento's
    name is the departamento, not the municipio of the same name (Zacapa, Quetzaltenango)."""
    key = normalize(part)
    if not key or len(key.split()) > 5 or any(w in key.split() for w in _EVENT_WORDS):
        return None
    reading = read_place(part, "departamento" if recognise_departamento(part) else "municipio")
    if not reading.recognised or reading.alternativas or len(reading.municipios) > 1:
        return None
    return reading


def _municipio_name(code: int) -> str:
    return next(m.nombre for m in fields.reference.municipios() if m.codigo == code)


def named_value(key: str, text: str) -> str | None:
    """The value of a list field (ámbito, nivel) a title names when it names nothing else («Gestión de riesgos»,
    «Mesa de Inteligencia», «Nivel municipal», «COMUDE»); a field's own name («Municipio») is a label, no value."""
    field = fields.get(key)
    value = recognise(field, text)
    if value is None or max(score_header(text).values(), default=0) >= 0.95:
        return None
    words = [w for w in normalize(text).split() if w not in TABLE_WORDS and not w.isdigit()]
    return value if words and set(words) <= words_of(field, value) else None
