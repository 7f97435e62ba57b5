"""Where to act first: priority counts, the weighted score of pending needs, the ranking."""
import pandas as pd

from analysis.view import priority
from analysis.view.filters import Filters


def needs():
    rows = [  # departamento, ambito, prioridad, estado
        ["Petén", "Seguridad Interior", "Alta", "Identificada"], ["Petén", "Seguridad Interior", "Alta", "Atendida"],
        ["Petén", "Seguridad Exterior", "Baja", "Identificada"], ["Izabal", "Seguridad Interior", "Media", ""],
        ["Izabal", "Seguridad Interior", "", "En seguimiento"], ["Izabal", "Seguridad Interior", "Baja", "Identificada"],
        ["Izabal", "Seguridad Interior", "Baja", "Identificada"],
    ]
    return pd.DataFrame(rows, columns=["departamento", "ambito", "prioridad", "estado"])


def test_weights_come_from_the_field_catalogue():
    assert priority.weights() == {"Alta": 3, "Media": 2, "Baja": 1, "Sin prioridad": 1}


def test_matrix_counts_priorities_and_scores_pending_needs_only():
    table = priority.priority_matrix(needs(), "departamento").set_index("departamento")
    assert table.loc["Petén", ["Alta", "Media", "Baja", "Sin prioridad", "atendidas", "pendientes", "puntaje"]].tolist() == \
        [1, 0, 1, 0, 1, 2, 4]  # the attended high-priority need is counted apart and does not score: 3 + 1
    assert table.loc["Izabal", "puntaje"] == 2 + 1 + 1 + 1
    assert list(table.index[:2]) == ["Izabal", "Petén"] and len(table) == 22  # every departamento, zeros kept
    scoped = priority.priority_matrix(needs(), "departamento", Filters.from_params({"departamento": ["Petén"]}))
    assert set(scoped["departamento"]) == {"Petén", "Izabal"}  # the one in view, and any other that has needs


def test_act_first_ranks_departamento_and_ambito_pairs():
    table = priority.act_first(needs())
    assert table.iloc[0].tolist() == ["Izabal", "Seguridad Interior", 0, 1, 2, 1, 4, 5]
    assert table.iloc[1].tolist() == ["Petén", "Seguridad Interior", 1, 0, 0, 0, 1, 3]


def test_the_formula_names_the_columns_it_is_computed_from():
    assert priority.formula() == "3 × Alta + 2 × Media + 1 × Baja + 1 × Sin prioridad"
    for table in (priority.act_first(needs()), priority.priority_matrix(needs(), "ambito")):
        redone = sum(w * table[level] for level, w in priority.weights().items())
        assert list(redone) == list(table["puntaje"])
        assert list(table[priority.LEVELS].sum(axis=1)) == list(table["pendientes"])


def test_score_table_has_every_departamento_and_ambito():
    table = priority.score_table(needs())
    assert table.shape == (22, 4) and table.loc["Izabal", "Seguridad Interior"] == 5
    assert table.loc["Petén", "Seguridad Exterior"] == 1 and table.loc["Jutiapa"].sum() == 0
