"""The one filter model shared by every page, chart, count and export.

A `Filters` value says which needs are in view: by place (región, departamento,
municipio), nivel, ámbito, prioridad, evento, a date range and a free-text search
over the descriptions that ignores accents and case. Pages build it from the
sidebar, exports and (later) saved views from the same fields.
"""
import datetime as dt
from dataclasses import dataclass, fields

import pandas as pd

from analysis import reference
from analysis.formatting import format_date
from analysis.text import normalize
from analysis.textindex import build_text_index

# Filter field -> column of the needs frame it narrows.
LIST_FIELDS = {
    "regiones": "region",
    "departamentos": "departamento",
    "municipios": "municipio",
    "niveles": "nivel",
    "ambitos": "ambito",
    "prioridades": "prioridad",
    "eventos": "evento",
}

# How each list filter reads in the summary line: (singular, plural).
_SUMMARY_WORDS = {
    "regiones": ("región", "regiones"), "departamentos": ("departamento", "departamentos"),
    "municipios": ("municipio", "municipios"), "niveles": ("nivel", "niveles"),
    "ambitos": ("ámbito", "ámbitos"), "prioridades": ("prioridad", "prioridades"),
    "eventos": ("evento", "eventos"),
}


@dataclass(frozen=True)
class Filters:
    """What is in view; empty tuples and None mean «no restriction»."""

    regiones: tuple[str, ...] = ()
    departamentos: tuple[str, ...] = ()
    municipios: tuple[str, ...] = ()
    niveles: tuple[str, ...] = ()
    ambitos: tuple[str, ...] = ()
    prioridades: tuple[str, ...] = ()
    eventos: tuple[str, ...] = ()
    desde: dt.date | None = None
    hasta: dt.date | None = None
    texto: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        """One readable line: «3 departamentos · Seguridad Interior · desde 01/01/2018»."""
        parts = []
        for name in LIST_FIELDS:
            values = getattr(self, name)
            singular, plural_word = _SUMMARY_WORDS[name]
            if len(values) == 1:
                parts.append(values[0] or f"{singular} sin especificar")
            elif len(values) > 1:
                parts.append(f"{len(values)} {plural_word}")
        if self.desde and self.hasta:
            parts.append(f"del {format_date(self.desde)} al {format_date(self.hasta)}")
        elif self.desde:
            parts.append(f"desde {format_date(self.desde)}")
        elif self.hasta:
            parts.append(f"hasta {format_date(self.hasta)}")
        if self.texto.strip():
            parts.append(f"«{self.texto.strip()}»")
        return " · ".join(parts) if parts else "Todas las necesidades"

    def apply(self, needs: pd.DataFrame, search_keys: pd.Series | None = None) -> pd.DataFrame:
        """The needs in view. `search_keys` (TextIndex.busqueda) may be passed precomputed."""
        mask = pd.Series(True, index=needs.index)
        for name, column in LIST_FIELDS.items():
            values = getattr(self, name)
            if values:
                mask &= needs[column].isin(values)
        if self.desde or self.hasta:
            fechas = pd.to_datetime(needs["fecha"], errors="coerce")
            if self.desde:
                mask &= fechas >= pd.Timestamp(self.desde)
            if self.hasta:
                mask &= fechas <= pd.Timestamp(self.hasta)
        if words := normalize(self.texto).split():
            keys = search_keys if search_keys is not None else build_text_index(needs).busqueda
            for word in words:
                mask &= keys.str.contains(word, regex=False)
        return needs[mask]


def municipio_options(needs: pd.DataFrame, departamentos: tuple[str, ...]) -> list[str]:
    """Municipios offered in the filter: those recorded, within the chosen departments."""
    recorded = needs[needs["municipio"] != ""]
    if departamentos:
        recorded = recorded[recorded["departamento"].isin(departamentos)]
    return sorted(recorded["municipio"].unique(), key=normalize)


def departamento_options(needs: pd.DataFrame, regiones: tuple[str, ...]) -> list[str]:
    """Departments offered in the filter, in INE order, within the chosen regions."""
    regions = reference.region_of_departamento()
    names = [d for d in reference.departamentos().values() if not regiones or regions[d] in regiones]
    if (needs["departamento"] == reference.SIN_ESPECIFICAR).any() and not regiones:
        names.append(reference.SIN_ESPECIFICAR)
    return names
