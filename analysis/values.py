"""Recognising controlled values: departamento, municipio, nivel, ámbito, prioridad, estado.

Each recogniser turns one raw cell into the canonical value or None. Callers apply
them once per distinct value of a column (a 100,000-row file has a few hundred
distinct places), so they may be as careful as they need to be. `suggest` offers
the closest canonical value for the «¿Quiso decir …?» of a rejected cell.
"""
import re
from functools import cache

from rapidfuzz import fuzz, process

from analysis import fields, reference
from analysis.text import normalize

# Spellings seen in real spreadsheets, beyond accents and case (shared/DOMAIN.md).
DEPARTAMENTO_VARIANTS = {
    "el quiche": "Quiché",
    "quezaltenango": "Quetzaltenango",
    "xela": "Quetzaltenango",
    "xelaju": "Quetzaltenango",
    "guate": "Guatemala",
    "el peten": "Petén",
    "progreso": "El Progreso",
    "alta vera paz": "Alta Verapaz",
    "baja vera paz": "Baja Verapaz",
}

MUNICIPIO_VARIANTS = {
    "antigua": "Antigua Guatemala",
    "la antigua": "Antigua Guatemala",
    "la antigua guatemala": "Antigua Guatemala",
    "ciudad de guatemala": "Guatemala",
    "ciudad capital": "Guatemala",
    "xela": "Quetzaltenango",
    "xelaju": "Quetzaltenango",
}

_SAINT_PREFIX = re.compile(r"^(?:san|santa|santo|santiago) \w+ ((?!(?:de|del|la|las|el|los) )\w.*)$")

# Words that may precede a place name without changing it ("Depto. de Petén").
_PLACE_PREFIXES = re.compile(r"^(?:departamento|depto|dpto|municipio|mpio|muni|mun)(?: (?:de|del))? ")

# Words that recognise each controlled value, from the field catalogue (data/campos.toml).
NIVEL_KEYWORDS = fields.get("nivel").keywords
AMBITO_KEYWORDS = fields.get("ambito").keywords
PRIORIDAD_KEYWORDS = fields.get("prioridad").keywords
ESTADO_KEYWORDS = fields.get("estado").keywords


@cache
def _departamento_keys() -> dict[str, str]:
    keys = {}
    for code, name in reference.departamentos().items():
        keys[normalize(name)] = name
        keys[str(code)] = name
    for variant, name in DEPARTAMENTO_VARIANTS.items():
        keys[variant] = name
    return keys


@cache
def _municipio_keys() -> dict[str, tuple[reference.Municipio, ...]]:
    """Normalised municipio name -> the municipios bearing it (two for six names)."""
    keys: dict[str, list] = {}
    for m in reference.municipios():
        keys.setdefault(normalize(m.nombre), []).append(m)
    # "Chichicastenango" for "Santo Tomás Chichicastenango": the name without its saint,
    # when that short form is not itself a municipio or a department.
    short: dict[str, list] = {}
    for m in reference.municipios():
        match = _SAINT_PREFIX.match(normalize(m.nombre))
        if match and match[1] not in keys and match[1] not in _departamento_keys():
            short.setdefault(match[1], []).append(m)
    by_name = {k: tuple(v) for k, v in (short | keys).items()}
    for variant, name in MUNICIPIO_VARIANTS.items():
        by_name.setdefault(variant, by_name[normalize(name)])
    return by_name


def _strip_place_prefix(key: str) -> str:
    return _PLACE_PREFIXES.sub("", key)


def recognise_departamento(raw: str) -> str | None:
    """Department name from a name, a common variant or an INE code ("5", "05")."""
    key = normalize(raw)
    if key.isdigit():
        return reference.departamentos().get(int(key))
    keys = _departamento_keys()
    return keys.get(key) or keys.get(_strip_place_prefix(key))


def recognise_municipio(raw: str) -> tuple[reference.Municipio, ...]:
    """Municipios a cell may mean: one, two (a shared name) or none.

    Codes are INE codes (301) possibly zero-padded ("0301").
    """
    key = normalize(raw)
    if key.isdigit():
        by_code = {m.codigo: m for m in reference.municipios()}
        found = by_code.get(int(key))
        return (found,) if found else ()
    keys = _municipio_keys()
    return keys.get(key) or keys.get(_strip_place_prefix(key)) or ()


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
