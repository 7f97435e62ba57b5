"""Analysts' corrections of the needs' themes: a theme added to or removed from needs, by whom and when.

A correction names a need as the store compares needs across files (departamento, municipio and the
normalised text, `clave`: `Store.overlaps`), not by row id, so it holds for every upload of that need, a
re-import of a corrected file included. The latest correction of a need and theme wins (removing a
theme an analyst added undoes it). Corrections change what the needs in view are about, so like an
import they move the store's revision (the text index is rebuilt once, with them); like every write
they go through `Store.change`, so the audit trail says who corrected what.
"""

import pandas as pd
from sqlalchemy import insert, select

from analysis.store import times
from analysis.store.schema import theme_corrections

ADD, REMOVE = "agregar", "quitar"
COLUMNS = ("id", "departamento", "municipio", "clave", "necesidad", "tema", "accion", "usuario", "fecha")
KEY = ("departamento", "municipio", "clave")  # one need, across uploads


class CorrectionStore:
    def __init__(self, store):
        self.store = store

    def correct(self, needs: pd.DataFrame, tema: str, accion: str, user: str, address: str | None = None) -> int:
        """Add (`ADD`) or remove (`REMOVE`) `tema` on every distinct need of `needs` (columns departamento,
        municipio, clave, necesidad) in one transaction; how many needs were corrected."""
        if accion not in (ADD, REMOVE):
            raise ValueError(f"Acción de corrección desconocida: {accion}")
        distinct = needs.drop_duplicates(list(KEY))
        if distinct.empty:
            return 0
        now = times.now()
        rows = [{"departamento": r.departamento, "municipio": r.municipio, "clave": r.clave,
                 "necesidad": r.necesidad, "tema": tema, "accion": accion, "usuario": user[:120], "fecha": now}
                for r in distinct.itertuples()]
        detail = {"tema": tema, "necesidades": len(rows), "necesidad": str(distinct["necesidad"].iloc[0])[:200]}
        with self.store.change(user, "theme_added" if accion == ADD else "theme_removed", detail=detail,
                               address=address) as (conn, _):
            conn.execute(insert(theme_corrections), rows)
        return len(rows)

    def all(self) -> pd.DataFrame:
        """Every correction, oldest first (so the last one of a need and theme is the one that holds)."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(*[theme_corrections.c[c] for c in COLUMNS]).order_by(theme_corrections.c.id))
            return pd.DataFrame(rows.mappings().all(), columns=list(COLUMNS))


def latest(corrections: pd.DataFrame) -> pd.DataFrame:
    """The correction that holds for each need and theme (the last one written)."""
    return corrections.drop_duplicates([*KEY, "tema"], keep="last").reset_index(drop=True)
