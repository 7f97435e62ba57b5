"""Recognising controlled values: nivel, ámbito, prioridad, estado.

Each recogniser turns one raw cell into the canonical value or None. Callers apply
them once per distinct value of a column, so they may be as careful as they need to
be. `suggest` offers the closest canonical value for the «¿Quiso decir …?» of a
rejected cell. Places (departamento, municipio) are recognised in `analysis.fields.places`.
"""
from rapidfuzz import fuzz, process

from analysis.fields import catalogue as fields
from analysis.text import normalize

# Words that recognise each controlled value, from the field catalogue (data/campos.toml).
NIVEL_KEYWORDS = fields.get("nivel").keywords
AMBITO_KEYWORDS = fields.get("ambito").keywords
PRIORIDAD_KEYWORDS = fields.get("prioridad").keywords
ESTADO_KEYWORDS = fields.get("estado").keywords


def _by_keywords(raw: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The one canonical value whose keywords appear as whole words in the cell."""
    key = f" {normalize(raw)} "
    found = {value for value, words in table.items() if any(f" {w} " in key for w in words)}
    return found.pop() if len(found) == 1 else None


def recognise_nivel(raw: str) -> str | None:
    """Level from its name, a variant ("Municipio") or its council acronym (COCODE)."""
    return _by_keywords(raw, NIVEL_KEYWORDS)


def recognise_ambito(raw: str) -> str | None:
    """Domain from its full name or an obvious short form ("Interior", "Gestión de riesgos")."""
    return _by_keywords(raw, AMBITO_KEYWORDS)


def recognise_estado(raw: str) -> str:
    """Follow-up status: a known one when recognised, else the text as written."""
    return _by_keywords(raw, ESTADO_KEYWORDS) or raw


def prioridad_scale(raw_values) -> int:
    """Highest number used as a priority in a column: 3 or 5 (1 is always the most urgent)."""
    numbers = [int(normalize(v)) for v in raw_values if normalize(v).isdigit()]
    return 5 if numbers and max(numbers) > 3 else 3


def recognise_prioridad(raw: str, scale: int = 3) -> str | None:
    """Alta/Media/Baja from words or numbers; on a 1–5 scale 1–2 are Alta, 3 Media, 4–5 Baja."""
    key = normalize(raw)
    if key.isdigit():
        number = int(key)
        if scale == 5:
            return {1: "Alta", 2: "Alta", 3: "Media", 4: "Baja", 5: "Baja"}.get(number)
        return {1: "Alta", 2: "Media", 3: "Baja"}.get(number)
    return _by_keywords(raw, PRIORIDAD_KEYWORDS)


def suggest(raw: str, choices: list[str]) -> str | None:
    """The closest choice to a value that was not recognised, if any is close enough."""
    match = process.extractOne(normalize(raw), {c: normalize(c) for c in choices}, scorer=fuzz.WRatio,
                               score_cutoff=70)
    return match[2] if match else None
