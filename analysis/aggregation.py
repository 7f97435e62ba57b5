"""Counts behind every chart and headline: aggregate first, then plot.

Every function takes the needs already filtered (see `analysis.filters`) and
returns a small frame, so a page never sends 100,000 rows to the browser.
Orders come from the reference data (levels from Nacional to Comunitario, the four
ámbitos as the law lists them), with «Sin especificar» last.
"""
from dataclasses import dataclass

import pandas as pd

from analysis import reference
from analysis.reference import SIN_ESPECIFICAR
from analysis.textindex import TextIndex, build_text_index
from analysis.themes import OTHER, theme_counts

ORDERS = {
    "nivel": list(reference.NIVELES) + [SIN_ESPECIFICAR],
    "ambito": list(reference.AMBITOS) + [SIN_ESPECIFICAR],
    "region": list(reference.REGIONES) + [SIN_ESPECIFICAR],
    "prioridad": list(reference.PRIORIDADES) + [""],
    "departamento": list(reference.departamentos().values()) + [SIN_ESPECIFICAR],
}


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
        counts = counts.sort_values(ascending=False, kind="stable")
    total = int(counts.sum())
    frame = counts.rename("necesidades").rename_axis(column).reset_index()
    frame["porcentaje"] = frame["necesidades"] / total * 100 if total else 0.0
    return frame


def crosstab(needs: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Needs per (row value, column value), both in reference order, zeros kept."""
    table = pd.crosstab(needs[rows], needs[columns])
    row_order = [v for v in ORDERS.get(rows, []) if v in table.index or v != SIN_ESPECIFICAR]
    col_order = [v for v in ORDERS.get(columns, []) if v in table.columns or v != SIN_ESPECIFICAR]
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
    top_departamento: str | None
    top_departamento_necesidades: int
    ambito_shares: pd.DataFrame  # count_by(…, "ambito", keep_order=True)
    temas: pd.Series  # needs per theme, most frequent first («Otros temas» included)

    @property
    def top_temas(self) -> pd.Series:
        return self.temas.drop(OTHER, errors="ignore").head(5)


def headline(needs: pd.DataFrame, total: int, index: TextIndex | None = None) -> Headline:
    """Headline figures of the needs in view (`index`: the text index of all needs, if built)."""
    index = index or build_text_index(needs)
    themes = theme_counts(index.temas.loc[needs.index])
    placed = needs[needs["departamento"] != SIN_ESPECIFICAR]
    by_depto = placed["departamento"].value_counts()
    return Headline(
        shown=len(needs), total=total, departamentos_cubiertos=int(by_depto.size),
        departamentos_total=len(reference.departamentos()),
        top_departamento=by_depto.index[0] if by_depto.size else None,
        top_departamento_necesidades=int(by_depto.iloc[0]) if by_depto.size else 0,
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


def institution_breakdown(needs: pd.DataFrame, by: str, n: int = 15) -> pd.DataFrame:
    """Needs per responsible institution split by `by` (prioridad or estado), top institutions first."""
    named = needs[needs["institucion"] != ""]
    top = named["institucion"].value_counts().head(n).index
    table = pd.crosstab(named[named["institucion"].isin(top)]["institucion"], named[by].replace("", "Sin dato"))
    known = {"prioridad": list(reference.PRIORIDADES), "estado": list(reference.ESTADOS)}.get(by, [])
    order = [v for v in known if v in table.columns] + sorted(c for c in table.columns if c not in known)
    return table.reindex(index=list(top), columns=order)


def coverage(needs: pd.DataFrame) -> pd.DataFrame:
    """Every department with its needs and región, zeros included: [codigo, departamento, region, necesidades]."""
    counts = needs["departamento"].value_counts()
    regions = reference.region_of_departamento()
    return pd.DataFrame([
        {"codigo": code, "departamento": name, "region": regions[name], "necesidades": int(counts.get(name, 0))}
        for code, name in reference.departamentos().items()
    ])


def municipio_coverage(needs: pd.DataFrame, departamento: str) -> pd.DataFrame:
    """Every municipio of one department with its needs: [codigo, municipio, necesidades]."""
    inside = needs[needs["departamento"] == departamento]
    counts = inside.groupby("municipio_codigo").size()
    code = {v: k for k, v in reference.departamentos().items()}[departamento]
    return pd.DataFrame([
        {"codigo": m.codigo, "municipio": m.nombre, "necesidades": int(counts.get(m.codigo, 0))}
        for m in reference.municipios() if m.departamento_codigo == code
    ])
