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
from analysis.view.aggregation import in_scope, tally
from analysis.view.filters import Filters

DONE = fields.get("estado").done
NO_PRIORITY = fields.get("prioridad").blank
LEVELS = [*reference.PRIORIDADES, NO_PRIORITY]


def weights() -> dict[str, int]:
    return dict(fields.get("prioridad").extra["pesos"])


def priority_matrix(needs: pd.DataFrame, by: str, filters: Filters | None = None) -> pd.DataFrame:
    """Per value of `by`: [by, Alta, Media, Baja, Sin prioridad, atendidas, pendientes, puntaje], highest score first.

    The priority columns count every need; `puntaje` weighs only the pending ones. Values in view
    with no needs are listed with zeros (reference values, as in the other charts).
    """
    priority = needs["prioridad"].replace("", NO_PRIORITY)
    table = tally(needs[by], priority).reindex(columns=LEVELS, fill_value=0)
    pending = needs["estado"] != DONE
    score = tally(needs.loc[pending, by], priority[pending]).reindex(columns=LEVELS, fill_value=0)
    table["atendidas"] = (needs["estado"] == DONE).groupby(needs[by]).sum()
    table["pendientes"] = score.sum(axis=1)
    table["puntaje"] = (score * pd.Series(weights())).sum(axis=1)
    order = in_scope(by, filters) or []
    table = table.reindex(order + [v for v in table.index if v not in order], fill_value=0).fillna(0).astype(int)
    table = table.sort_values(["puntaje", "pendientes"], ascending=False, kind="stable")
    return table.rename_axis(by).reset_index()


def act_first(needs: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The departamento × ámbito pairs with the highest score: [departamento, ambito, Alta, pendientes, puntaje]."""
    pending = needs[needs["estado"] != DONE]
    weight = pending["prioridad"].replace("", NO_PRIORITY).map(weights())
    grouped = pending.assign(_peso=weight, _alta=pending["prioridad"] == "Alta").groupby(["departamento", "ambito"])
    table = pd.DataFrame({"Alta": grouped["_alta"].sum(), "pendientes": grouped.size(), "puntaje": grouped["_peso"].sum()})
    table = table.astype(int).sort_values(["puntaje", "Alta"], ascending=False, kind="stable").head(n)
    return table.reset_index()


def score_table(needs: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """Score of every departamento × ámbito cell (for a heatmap), in reference order, zeros kept."""
    pending = needs[needs["estado"] != DONE]
    weight = pending["prioridad"].replace("", NO_PRIORITY).map(weights())
    table = weight.groupby([pending["departamento"], pending["ambito"]]).sum().unstack(fill_value=0)
    rows = in_scope("departamento", filters) or []
    columns = in_scope("ambito", filters) or []
    return table.reindex(index=rows + [v for v in table.index if v not in rows],
                         columns=columns + [v for v in table.columns if v not in columns], fill_value=0).astype(int)
