"""The one filter model shared by every page, chart, count, export, report and saved view.

A `Filters` value says which needs are in view: a choice of values for any filter
field of the catalogue (región, departamento, municipio, nivel, ámbito, tema, prioridad,
institución, evento, estado), a date range and a free-text search over the
descriptions that ignores accents and case. Themes are not a column of the needs: they
are read from the theme flags of the text index (`TextIndex.temas`), computed once per
data revision, so filtering by theme costs a lookup. It owns its URL form (`to_params` /
`from_params`), so the dashboard's links, saved views and the CLI's `report` read
and write filters the same way.
"""
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from analysis import fields
from analysis.fields import reference
from analysis.formatting import format_date
from analysis.text import normalize
from analysis.view import themes
from analysis.view.textindex import build_text_index

DATE_PARAMS = {"desde": "Desde", "hasta": "Hasta"}
SEARCH_PARAM = "buscar"
THEME = "tema"  # the filter field whose values are themes (kind «tema» in the catalogue)


def filter_keys() -> list[str]:
    """Fields that can be filtered on, in catalogue order (each is also its URL parameter)."""
    return [f.key for f in fields.filter_fields()]


def all_params() -> list[str]:
    """Every URL parameter a `Filters` may write."""
    return [*filter_keys(), *DATE_PARAMS, SEARCH_PARAM]


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Fecha no válida en el filtro: «{text}» (use AAAA-MM-DD o DD/MM/AAAA).")


@dataclass(frozen=True)
class Filters:
    """What is in view; nothing chosen, None and "" mean «no restriction»."""

    chosen: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (field key, values), catalogue order, only non-empty
    desde: dt.date | None = None
    hasta: dt.date | None = None
    texto: str = ""

    @classmethod
    def of(cls, desde=None, hasta=None, texto: str = "", **chosen) -> "Filters":
        """Filters.of(departamento=["Petén"], ambito=["Seguridad Interior"], desde=date(2018, 1, 1))."""
        unknown = set(chosen) - set(filter_keys())
        if unknown:
            raise ValueError(f"No se puede filtrar por: {', '.join(sorted(unknown))}.")
        pairs = tuple((key, tuple(dict.fromkeys(chosen[key]))) for key in filter_keys() if chosen.get(key))
        return cls(pairs, _date(desde), _date(hasta), (texto or "").strip())

    def values(self, key: str) -> tuple[str, ...]:
        """The values chosen for one field (empty: no restriction)."""
        return dict(self.chosen).get(key, ())

    def narrowed(self, key: str, values) -> "Filters":
        """These filters with the choice for `key` replaced (empty values remove it)."""
        current = dict(self.chosen) | {key: tuple(dict.fromkeys(values))}
        return replace(self, chosen=tuple((k, current[k]) for k in filter_keys() if current.get(k)))

    @property
    def active(self) -> bool:
        return bool(self.chosen or self.desde or self.hasta or self.texto)

    def summary(self) -> str:
        """One readable line: «3 departamentos · Seguridad Interior · desde 01/01/2018»."""
        parts = []
        for key, values in self.chosen:
            field = fields.get(key)
            if len(values) == 1:
                parts.append(values[0] or f"{field.singular} sin especificar")
            else:
                parts.append(f"{len(values)} {field.plural}")
        if self.desde and self.hasta:
            parts.append(f"del {format_date(self.desde)} al {format_date(self.hasta)}")
        elif self.desde:
            parts.append(f"desde {format_date(self.desde)}")
        elif self.hasta:
            parts.append(f"hasta {format_date(self.hasta)}")
        if self.texto:
            parts.append(f"«{self.texto}»")
        return " · ".join(parts) if parts else "Todas las necesidades"

    def describe(self) -> list[tuple[str, str]]:
        """Each active filter as (label, values in words), for reports and file covers."""
        lines = [(fields.label(key), ", ".join(v or "Sin especificar" for v in values)) for key, values in self.chosen]
        if self.desde:
            lines.append(("Desde", format_date(self.desde)))
        if self.hasta:
            lines.append(("Hasta", format_date(self.hasta)))
        if self.texto:
            lines.append(("Texto buscado", self.texto))
        return lines

    def apply(self, needs: pd.DataFrame, search_keys: pd.Series | None = None,
              theme_flags: pd.DataFrame | None = None) -> pd.DataFrame:
        """The needs in view. `search_keys` (TextIndex.busqueda) and `theme_flags` (TextIndex.temas) may be
        passed precomputed; otherwise they are built from `needs` when a filter needs them. With no filter the
        needs themselves come back, not a copy (nobody changes them)."""
        if not self.active:
            return needs
        mask = pd.Series(True, index=needs.index)
        for key, values in self.chosen:
            if key == THEME:
                flags = theme_flags if theme_flags is not None else build_text_index(needs).temas
                mask &= with_any_theme(flags.loc[needs.index], values)
            else:
                mask &= needs[key].isin(values)
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

    def to_params(self) -> dict[str, list[str] | str]:
        """The URL query parameters of these filters (lists repeat the parameter: ?ambito=a&ambito=b)."""
        params: dict[str, list[str] | str] = {key: list(values) for key, values in self.chosen}
        for name in DATE_PARAMS:
            if value := getattr(self, name):
                params[name] = value.isoformat()
        if self.texto:
            params[SEARCH_PARAM] = self.texto
        return params

    @classmethod
    def from_params(cls, params: Mapping[str, str | list[str]]) -> "Filters":
        """Filters from URL query parameters; parameters that are not filters are ignored."""
        def as_list(value) -> list[str]:
            return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]

        chosen = {key: as_list(params[key]) for key in filter_keys() if key in params}
        texto = params.get(SEARCH_PARAM, "")
        return cls.of(desde=params.get("desde"), hasta=params.get("hasta"),
                      texto=as_list(texto)[0] if texto else "", **chosen)


def with_any_theme(flags: pd.DataFrame, chosen) -> pd.Series:
    """Which needs have at least one of the chosen themes; «Otros temas» stands for «no theme at all»."""
    named = [t for t in chosen if t in flags.columns]
    mask = flags[named].any(axis=1) if named else pd.Series(False, index=flags.index)
    if themes.OTHER in chosen:
        mask |= ~flags.any(axis=1) if len(flags.columns) else True
    return mask


def filter_options(key: str, needs: pd.DataFrame, filters: Filters) -> list[str]:
    """The values offered for one filter, given the needs and the other filters already chosen.

    Places narrow along the hierarchy (región → departamento → municipio); controlled lists
    keep their reference order («Sin especificar» only when some need has it); free-text
    fields offer the values recorded, alphabetically.
    """
    if key == "region":
        return list(reference.REGIONES)
    if key == "departamento":
        return departamento_options(needs, filters.values("region"))
    if key == "municipio":
        return municipio_options(needs, filters.values("departamento"))
    if key == THEME:
        return [*themes.theme_names(), themes.OTHER]
    field = fields.get(key)
    if field.values:
        present = set(needs[key].unique())
        extra = [v for v in (fields.SIN_ESPECIFICAR,) if v in present and key in ("nivel", "ambito")]
        return [*field.values, *extra]
    return sorted((v for v in needs[key].unique() if v), key=normalize)


def municipio_options(needs: pd.DataFrame, departamentos: tuple[str, ...]) -> list[str]:
    """Municipios offered in the filter: those recorded, within the chosen departments."""
    municipios = needs["municipio"]  # one column, not the whole frame: this runs on every rerun
    if departamentos:
        municipios = municipios[needs["departamento"].isin(departamentos)]
    return sorted((m for m in municipios.unique() if m), key=normalize)


def departamento_options(needs: pd.DataFrame, regiones: tuple[str, ...]) -> list[str]:
    """Departments offered in the filter, in INE order, within the chosen regions."""
    regions = reference.region_of_departamento()
    names = [d for d in reference.departamentos().values() if not regiones or regions[d] in regiones]
    if (needs["departamento"] == reference.SIN_ESPECIFICAR).any() and not regiones:
        names.append(reference.SIN_ESPECIFICAR)
    return names
