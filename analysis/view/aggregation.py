"""Counts behind every chart and headline: aggregate first, then plot.

Every function takes the needs already filtered (see `analysis.view.filters`) and
returns a small frame, so a page never sends 100,000 rows to the browser.
Orders come from the reference data (levels from Nacional to Comunitario, the four
ámbitos as the law lists them), with «Sin especificar» last.
"""
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis import fields
from analysis.fields import reference
from analysis.fields.ranking import ORDERS, Leaders, leaders, rank  # noqa: F401  (the tie rule, re-exported)
from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.view.filters import Filters
from analysis.view.textindex import TextIndex, build_text_index
from analysis.view.themes import OTHER, theme_counts


def count_by(needs: pd.DataFrame, column: str, keep_order: bool = False) -> pd.DataFrame:
    """Needs per value: columns [column, necesidades, porcentaje], largest first.

    With `keep_order`, the reference order is kept and every reference value appears,
    zero included («Sin especificar» only when present).
    """
    counts = needs[column].value_counts()
    if keep_order and column in ORDERS:
        order = [v for v in ORDERS[column] if v not in ("", SIN_ESPECIFICAR) or v in counts.index]
        counts = counts.reindex(order + [v for v in counts.index if v not in order], fill_value=0)
    else:
        counts = rank(counts)
    total = int(counts.sum())
    frame = counts.rename("necesidades").rename_axis(column).reset_index()
    frame["porcentaje"] = frame["necesidades"] / total * 100 if total else 0.0
    return frame


def in_scope(column: str, filters: Filters | None) -> list[str] | None:
    """The reference values of `column` the filters leave in view (None: no reference order).

    A value the filters exclude (another departamento, a región not chosen, an ámbito
    not chosen) is out of scope; a value in scope with no needs is a real zero.
    """
    order = [v for v in ORDERS.get(column, []) if v not in ("", SIN_ESPECIFICAR)]
    if not order:
        return None
    filters = filters or Filters()
    if chosen := filters.values(column):
        return [v for v in order if v in chosen]
    if column == "departamento":
        return [d for d in order if d in scoped_departamentos(filters)]
    if column == "region":  # a departamento chosen leaves its región in view, not the seven others as zeros
        regions = reference.region_of_departamento()
        inside = {regions[d] for d in scoped_departamentos(filters)}
        return [r for r in order if r in inside]
    return order


def scoped_departamentos(filters: Filters) -> set[str]:
    """Departments the place filters (región, departamento, municipio) leave in view."""
    regions = reference.region_of_departamento()
    chosen_regions, chosen_deptos = filters.values("region"), filters.values("departamento")
    names = {d for d in reference.departamentos().values()
             if (not chosen_regions or regions[d] in chosen_regions) and (not chosen_deptos or d in chosen_deptos)}
    if municipios := filters.values("municipio"):
        owners = {reference.departamentos()[m.departamento_codigo] for m in reference.municipios()
                  if m.nombre in municipios}
        names &= owners
    return names


def tally(rows: pd.Series, columns: pd.Series) -> pd.DataFrame:
    """How many needs have each (row value, column value): `pd.crosstab`'s table, built as a grouped
    count, several times faster (140 ms → 10 ms at 100,000 needs, on every rerun that draws one)."""
    return rows.groupby([rows, columns], sort=False).size().unstack(fill_value=0)


def crosstab(needs: pd.DataFrame, rows: str, columns: str, filters: Filters | None = None) -> pd.DataFrame:
    """Needs per (row value, column value), in reference order, zeros kept for values in scope.

    Only the rows and columns the filters leave in view appear (all of them without filters),
    plus «Sin especificar» and other values when some need has them.
    """
    table = tally(needs[rows], needs[columns])
    row_order = in_scope(rows, filters) or []
    col_order = in_scope(columns, filters) or []
    row_order += [v for v in table.index if v not in row_order]
    col_order += [v for v in table.columns if v not in col_order]
    return table.reindex(index=row_order, columns=col_order, fill_value=0)


@dataclass(frozen=True)
class Headline:
    """The figures at the top of Resumen."""

    shown: int
    total: int
    departamentos_cubiertos: int
    departamentos_total: int
    top_departamentos: Leaders | None  # the department with most needs, or those tied with it
    ambito_shares: pd.DataFrame  # count_by(…, "ambito", keep_order=True)
    temas: pd.Series  # needs per theme, most frequent first («Otros temas» included)

    @cached_property  # shared by every session that draws this view: worked out once
    def top_temas(self) -> pd.Series:
        return self.temas.drop(OTHER, errors="ignore").head(5)


def headline(needs: pd.DataFrame, total: int, index: TextIndex | None = None,
             filters: Filters | None = None) -> Headline:
    """Headline figures of the needs in view (`index`: the text index of all needs, if built).

    Departments are counted against those the place filters leave in view («3 de 4» for a región).
    """
    index = index or build_text_index(needs)
    themes = theme_counts(index.temas.loc[needs.index])
    departamentos = needs["departamento"]  # one column: filtering the whole frame costs most of a rerun
    by_depto = departamentos[departamentos != SIN_ESPECIFICAR].value_counts()
    return Headline(
        shown=len(needs), total=total, departamentos_cubiertos=int(by_depto.size),
        departamentos_total=len(scoped_departamentos(filters or Filters())),
        top_departamentos=leaders(by_depto),
        ambito_shares=count_by(needs, "ambito", keep_order=True),
        temas=themes,
    )


def top_needs(needs: pd.DataFrame, n: int = 10, index: TextIndex | None = None) -> pd.DataFrame:
    """The most frequent needs (same words, ignoring accents and case): [necesidad, necesidades].

    Each is shown as written the first time it appears.
    """
    keys = (index or build_text_index(needs)).clave.loc[needs.index]
    counts = keys.value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable").head(n)
    written = needs["necesidad"].groupby(keys).first()
    return pd.DataFrame({"necesidad": written.loc[counts.index].to_list(), "necesidades": counts.to_list()})


def top_needs_by(needs: pd.DataFrame, column: str, filters: Filters | None, n: int = 8,
                 index: TextIndex | None = None) -> list[tuple[str, pd.DataFrame, int]]:
    """For each value of `column` in view (reference order): its most frequent needs and its count."""
    index = index or build_text_index(needs)
    return [(value, top_needs(needs[needs[column] == value], n, index), int((needs[column] == value).sum()))
            for value in in_scope(column, filters) or sorted(needs[column].unique())]


def institution_breakdown(needs: pd.DataFrame, by: str, n: int = 15) -> pd.DataFrame:
    """Needs per responsible institution split by `by` (prioridad or estado), top institutions first."""
    named = needs.loc[needs["institucion"] != "", ["institucion", by]]
    top = named["institucion"].value_counts().head(n).index
    named = named[named["institucion"].isin(top)]
    field = fields.get(by)
    table = tally(named["institucion"], named[by].replace("", field.blank))
    known = [*field.values, field.blank]
    order = [v for v in known if v in table.columns] + sorted(c for c in table.columns if c not in known)
    return table.reindex(index=list(top), columns=order)


def coverage(needs: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """Every department with its needs, región and whether the filters leave it in view:
    [codigo, departamento, region, necesidades, en_filtro]."""
    counts = needs["departamento"].value_counts()
    regions = reference.region_of_departamento()
    scope = scoped_departamentos(filters or Filters())
    return pd.DataFrame([
        {"codigo": code, "departamento": name, "region": regions[name], "necesidades": int(counts.get(name, 0)),
         "en_filtro": name in scope}
        for code, name in reference.departamentos().items()
    ])


def municipio_coverage(needs: pd.DataFrame, departamento: str, filters: Filters | None = None) -> pd.DataFrame:
    """Every municipio of one department with its needs and whether the municipio filter leaves it in view:
    [codigo, municipio, necesidades, en_filtro]."""
    inside = needs[needs["departamento"] == departamento]
    counts = inside.groupby("municipio_codigo").size()
    code = {v: k for k, v in reference.departamentos().items()}[departamento]
    chosen = (filters or Filters()).values("municipio")
    return pd.DataFrame([
        {"codigo": m.codigo, "municipio": m.nombre, "necesidades": int(counts.get(m.codigo, 0)),
         "en_filtro": not chosen or m.nombre in chosen}
        for m in reference.municipios() if m.departamento_codigo == code
    ])


def gaps(frame: pd.DataFrame, column: str) -> tuple[list[str], list[str]]:
    """From a coverage frame: the places in view with no needs recorded, and those the filters leave out."""
    empty = frame.loc[frame["en_filtro"] & (frame["necesidades"] == 0), column].tolist()
    outside = frame.loc[~frame["en_filtro"], column].tolist()
    return empty, outside


@dataclass(frozen=True)
class DepartamentoSummary:
    necesidades: int
    municipios_con_registros: int
    municipios_en_filtro: int
    sin_municipio: int  # needs of the department that name no municipio (they are on no municipio)


def departamento_summary(needs: pd.DataFrame, departamento: str, municipios: pd.DataFrame) -> DepartamentoSummary:
    """Counts beside the municipio map of one department (`municipios`: its municipio_coverage frame)."""
    inside = needs[needs["departamento"] == departamento]
    in_filter = municipios[municipios["en_filtro"]]
    return DepartamentoSummary(len(inside), int((in_filter["necesidades"] > 0).sum()), len(in_filter),
                               int((inside["municipio"] == "").sum()))


def busiest(frame: pd.DataFrame, column: str) -> str | None:
    """The value with the most needs in a coverage frame (first by `rank` on a tie), or None."""
    lead = leaders(frame.set_index(column)["necesidades"])
    return lead.names[0] if lead else None


def top_institutions(needs: pd.DataFrame, by: str, n: int = 15) -> pd.DataFrame:
    """Needs per responsible institution split by `by` (a field such as ámbito), the n busiest institutions."""
    named = needs.loc[needs["institucion"] != "", ["institucion", by]]
    table = crosstab(named, "institucion", by)
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").head(n).index]
