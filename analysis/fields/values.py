"""Recognising controlled values: nivel, ámbito, prioridad, estado, as the catalogue declares them.

`recognise` turns one raw cell into the canonical value of a list field, or None: by the
words that recognise each value (`palabras` in `data/campos.toml`), or for a field with
numeric scales (prioridad) by its number on the column's scale. Callers apply it once per
distinct value of a column, so it may be as careful as it needs to be. `suggest` offers the
closest canonical value for the «¿Quiso decir …?» of a rejected cell. Places (departamento,
municipio) are recognised in `analysis.fields.places`.
"""
import re
from functools import cache

from rapidfuzz import fuzz, process

from analysis.fields import catalogue as fields
from analysis.fields.catalogue import Field
from analysis.text import normalize


def _by_keywords(raw: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The one canonical value whose keywords appear as whole words in the cell."""
    key = f" {normalize(raw)} "
    found = {value for value, words in table.items() if any(f" {w} " in key for w in words)}
    return found.pop() if len(found) == 1 else None


@cache
def _abbreviations(key: str) -> dict[str, str]:
    """A field's short forms, normalised, -> the value each stands for (whole cells only)."""
    return {normalize(short): value for value, shorts in fields.get(key).abbreviations.items() for short in shorts}


def recognise(field: Field, raw: str, scale: int | None = None) -> str | None:
    """The value of `field` a cell names, or None. A number reads on `scale` (one of the field's scales;
    the smallest when None): on the 1–5 scale of prioridad, 1–2 are Alta, 3 Media, 4–5 Baja."""
    key = normalize(raw)
    if short := _abbreviations(field.key).get(key):
        return short
    if field.scales and key.isdigit():
        values = field.scales[scale if scale in field.scales else min(field.scales)]
        number = int(key)
        return values[number - 1] if 1 <= number <= len(values) else None
    return _by_keywords(raw, field.keywords)


def names_of(field: Field, value: str) -> set[str]:
    """Every way the catalogue names a value, normalised: its own name, its keywords and its short forms."""
    return {normalize(value), *field.keywords.get(value, ()), *map(normalize, field.abbreviations.get(value, ()))}


def words_of(field: Field, value: str) -> set[str]:
    """Every word of those names («gestion», «riesgos», «grdc»…): what a header or title made of the value alone
    is made of."""
    return {word for name in names_of(field, value) for word in name.split()}


def named_values(field: Field, raw: str) -> set[str]:
    """Every value of `field` a cell names, for a cell that names several («Seguridad Interior, Inteligencia de
    Estado», a survey's «Seguridad Interior Inteligencia de Estado»)."""
    key = f" {normalize(raw)} "
    found = {value for value, words in field.keywords.items() if any(f" {w} " in key for w in words)}
    parts = [p for p in re.split(r"\s*(?:[,;/|+]|\s[ye]\s)\s*", raw) if p.strip()]
    found |= {value for p in parts if len(parts) > 1 and (value := recognise(field, p))}
    return found


def scale_of(field: Field, raw_values) -> int | None:
    """The scale a column writes its numbers on: the smallest of the field's scales that holds its highest number
    (1 is always the most urgent), or None for a field without scales."""
    if not field.scales:
        return None
    numbers = [int(normalize(v)) for v in raw_values if normalize(v).isdigit()]
    highest = max(numbers, default=0)
    return next((top for top in sorted(field.scales) if highest <= top), max(field.scales))


def recognise_ambito(raw: str) -> str | None:
    """Domain from its full name or an obvious short form ("Interior", "Gestión de riesgos")."""
    return recognise(fields.get("ambito"), raw)


def suggest(raw: str, choices: list[str]) -> str | None:
    """The closest choice to a value that was not recognised, if any is close enough."""
    match = process.extractOne(normalize(raw), {c: normalize(c) for c in choices}, scorer=fuzz.WRatio,
                               score_cutoff=70)
    return match[2] if match else None
