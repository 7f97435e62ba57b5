"""Where to act first: how many needs each place or ámbito has, weighed by their priority.

A count alone puts a department with forty low-priority needs ahead of one with twenty
urgent ones. The score counts each pending need (not yet «Atendida») by the weight of its
priority, declared in the field catalogue (`campos.toml`, [prioridad.pesos]: Alta 3,
Media 2, Baja 1, none 1), so

    puntaje = 3 × Alta + 2 × Media + 1 × Baja + 1 × sin prioridad   (pending needs only)

and the ranking puts first where the most urgent work is waiting.
"""
import pandas as pd

from analysis import fields
from analysis.fields import reference
from analysis.view.aggregation import in_scope
from analysis.view.filters import Filters

DONE = fields.get("estado").done
NO_PRIORITY = fields.get("prioridad").blank
LEVELS = [*reference.PRIORIDADES, NO_PRIORITY]


def weights() -> dict[str, int]:
    return dict(fields.get("prioridad").extra["pesos"])


def formula() -> str:
    """«3 × Alta + 2 × Media + 1 × Baja + 1 × Sin prioridad», in the words of the tables' columns."""
    return " + ".join(f"{w} × {level}" for level, w in weights().items())


def _pending(needs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group of `keys`: its pending needs of each priority (LEVELS), their sum `pendientes` and `puntaje`.

    The columns a table shows are the operands of its score, so an analyst can redo it by hand:
    puntaje = Σ weight × count over LEVELS, pendientes = Σ count.
    """
    pending = needs[needs["estado"] != DONE]
    level = pending["prioridad"].replace("", NO_PRIORITY)
    table = pending.groupby([*(pending[k] for k in keys), level], sort=False).size().unstack(fill_value=0)
    table = table.reindex(columns=LEVELS, fill_value=0).rename_axis(columns=None)
    table["pendientes"] = table[LEVELS].sum(axis=1)
    table["puntaje"] = (table[LEVELS] * pd.Series(weights())).sum(axis=1)
    return table


def priority_matrix(needs: pd.DataFrame, by: str, filters: Filters | None = None) -> pd.DataFrame:
    """Per value of `by`: [by, Alta, Media, Baja, Sin prioridad, pendientes, puntaje, atendidas], highest score
    first. The priority columns count the pending needs (the score's operands); `atendidas` the others.

    Values in view with no needs are listed with zeros (reference values, as in the other charts).
    """
    table = _pending(needs, [by])
    attended = (needs["estado"] == DONE).groupby(needs[by]).sum()
    table = table.reindex(table.index.union(attended.index), fill_value=0)
    table["atendidas"] = attended
    order = in_scope(by, filters) or []
    table = table.reindex(order + [v for v in table.index if v not in order], fill_value=0).fillna(0).astype(int)
    table = table.sort_values(["puntaje", "pendientes"], ascending=False, kind="stable")
    return table.rename_axis(by).reset_index()


def act_first(needs: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The departamento × ámbito pairs with the highest score:
    [departamento, ambito, Alta, Media, Baja, Sin prioridad, pendientes, puntaje] (pending needs)."""
    table = _pending(needs, ["departamento", "ambito"]).astype(int)
    table = table.sort_values(["puntaje", "Alta"], ascending=False, kind="stable").head(n)
    return table.rename_axis(["departamento", "ambito"]).reset_index()


def score_table(needs: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """Score of every departamento × ámbito cell (for a heatmap), in reference order, zeros kept."""
    pending = needs[needs["estado"] != DONE]
    weight = pending["prioridad"].replace("", NO_PRIORITY).map(weights())
    table = weight.groupby([pending["departamento"], pending["ambito"]]).sum().unstack(fill_value=0)
    rows = in_scope("departamento", filters) or []
    columns = in_scope("ambito", filters) or []
    return table.reindex(index=rows + [v for v in table.index if v not in rows],
                         columns=columns + [v for v in table.columns if v not in columns], fill_value=0).astype(int)
