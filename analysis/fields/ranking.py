"""The one tie rule: counts ranked largest first, equal counts in the field's reference order (else
alphabetical), and the values tied at the top named together.

Bars, cards, captions and takeaways all go through it, so none of them puts a different value first or
names one where two tie. It sits with the reference tables whose order it follows, below the charts
and the counts that use it.
"""
from dataclasses import dataclass

import pandas as pd

from analysis.fields import reference
from analysis.fields.reference import SIN_ESPECIFICAR
from analysis.formatting import join_names

ORDERS = {
    "nivel": list(reference.NIVELES) + [SIN_ESPECIFICAR],
    "ambito": list(reference.AMBITOS) + [SIN_ESPECIFICAR],
    "region": list(reference.REGIONES) + [SIN_ESPECIFICAR],
    "prioridad": list(reference.PRIORIDADES) + [""],
    "departamento": list(reference.departamentos().values()) + [SIN_ESPECIFICAR],
}


def rank(counts: pd.Series) -> pd.Series:
    """Counts largest first, equal counts in the field's reference order (else alphabetical).

    The one tie rule: bars, cards, captions and takeaways all order and name tied values
    through it, so none of them puts a different one first.
    """
    order = {v: i for i, v in enumerate(ORDERS.get(counts.index.name, []))}
    keys = pd.DataFrame({"n": counts.to_numpy(), "ref": [order.get(v, len(order)) for v in counts.index],
                         "name": [str(v) for v in counts.index]}, index=counts.index)
    return counts.loc[keys.sort_values(["n", "ref", "name"], ascending=[False, True, True], kind="stable").index]


@dataclass(frozen=True)
class Leaders:
    """The values that share the largest non-zero count (several when they tie), in `rank` order."""

    names: list[str]
    count: int

    @property
    def tie(self) -> bool:
        return len(self.names) > 1

    @property
    def said(self) -> str:
        """«Petén», or «Petén e Izabal» when they tie."""
        return join_names(self.names)


def leaders(counts: pd.Series) -> Leaders | None:
    """Who leads a count (None when every count is zero): every value tied at the top, in `rank` order."""
    ranked = rank(counts[counts > 0])
    if ranked.empty:
        return None
    top = int(ranked.iloc[0])
    return Leaders([str(v) for v in ranked.index[ranked == top]], top)
