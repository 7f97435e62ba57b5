"""Recurring needs: the same need in other words is grouped, different needs are not.

The threshold (recurrence.THRESHOLD = 0.72) sits between the cosines of these pairs, measured
among the labelled theme descriptions: the different pairs reach 0.70 at most («Deslizamientos …
en temporada de lluvias» / «Inundaciones en temporada de lluvias»), the same ones 0.74 at least
(«Falta de cámaras de videovigilancia» / «Faltan cámaras de vigilancia»).
"""
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.preprocessing import normalize as l2

from analysis.text import normalize, normalize_series
from analysis.view import recurrence
from analysis.view.words import content_keys
from tests.theme_set import labelled

SAME = [
    ("Falta de agentes de la PNC", "Faltan agentes PNC"),
    ("Falta de agentes de la PNC", "falta de agentes policiales de la PNC"),
    ("Falta de agentes de la PNC", "Insuficientes agentes de la PNC en el municipio"),
    ("Extorsiones a comercios", "Cobro de extorsión a comerciantes"),
    ("Extorsiones a comercios", "EXTORCIONES A LOS COMERCIOS"),
    ("Deslizamientos en temporada de lluvias", "Deslaves en época de lluvia"),
    ("Falta de alumbrado público", "Alumbrado público deficiente"),
    ("Falta de alumbrado público", "Poca iluminación pública en las aldeas"),
    ("Falta de patrullajes en las aldeas", "Pocos patrullajes en las comunidades"),
    ("Robo de ganado en las fincas", "Robos de ganado en fincas del municipio"),
    ("Falta de cámaras de videovigilancia", "Faltan cámaras de vigilancia"),
    ("Presencia de pandillas cerca de centros educativos", "Pandilleros cerca de los centros educativos"),
    ("Inundaciones por desborde del río", "Desbordamiento del río causa inundaciones"),
    ("Venta de licor sin control", "Venta de licores sin ningún control"),
    ("Falta de coordinación entre instituciones", "Poca coordinación entre las instituciones"),
    ("Capacitación a la COLRED", "Capacitar a la COLRED"),
    ("Narcomenudeo cerca del mercado", "Narcomenudeo en los alrededores del mercado"),
    ("Incendios forestales en época seca", "Incendios forestales durante la temporada seca"),
    ("Asaltos en la carretera principal", "Asaltos en carreteras principales"),
    ("Falta de vehículos para la PNC", "Faltan vehículos a la PNC"),
]
DIFFERENT = [
    ("Falta de agentes de la PNC", "Falta de patrullajes de la PNC"),
    ("Falta de agentes de la PNC", "Falta de vehículos para la PNC"),
    ("Extorsiones a comercios", "Extorsiones a transportistas"),
    ("Robo de ganado en las fincas", "Robo de motocicletas"),
    ("Falta de alumbrado público", "Falta de agua potable"),
    ("Inundaciones por desborde del río", "Contaminación del río"),
    ("Presencia de pandillas cerca de centros educativos", "Venta de drogas cerca de centros educativos"),
    ("Falta de cámaras de videovigilancia", "Falta de alumbrado público"),
    ("Incendios forestales en época seca", "Tala ilegal en época seca"),
    ("Asaltos en la carretera principal", "Accidentes en la carretera principal"),
    ("Capacitación a la COLRED", "Capacitación a la PNC"),
    ("Venta de licor sin control", "Venta de drogas sin control"),
    ("Falta de coordinación entre instituciones", "Falta de información entre instituciones"),
    ("Deslizamientos en temporada de lluvias", "Inundaciones en temporada de lluvias"),
]


def corpus_groups() -> tuple[pd.Series, pd.Series]:
    """Groups of the pairs' descriptions among the labelled theme descriptions (a realistic vocabulary)."""
    texts = pd.Series(list(dict.fromkeys([*labelled()[0], *(t for pair in SAME + DIFFERENT for t in pair)])))
    return texts, recurrence.recurrence_groups(normalize_series(texts))


def test_the_same_need_in_other_words_is_one_group_and_different_needs_are_not():
    texts, groups = corpus_groups()
    group_of = dict(zip(texts, groups))
    split = [pair for pair in SAME if group_of[pair[0]] != group_of[pair[1]]]
    merged = [pair for pair in DIFFERENT if group_of[pair[0]] == group_of[pair[1]]]
    assert not split and not merged, (split, merged)


def test_the_threshold_separates_the_pairs_cosines():
    texts, _ = corpus_groups()
    signatures = list(dict.fromkeys(" ".join(sorted(set(content_keys(normalize(t))))) for t in texts))
    vectors, row = recurrence._vectors(signatures), {s: i for i, s in enumerate(signatures)}

    def cosine(a: str, b: str) -> float:
        i, j = (row[" ".join(sorted(set(content_keys(normalize(t)))))] for t in (a, b))
        return float(vectors[i].multiply(vectors[j]).sum())

    highest_different = max(cosine(*pair) for pair in DIFFERENT)
    lowest_same = min(cosine(*pair) for pair in SAME)
    assert highest_different < recurrence.THRESHOLD <= lowest_same


def test_prefix_filtering_finds_exactly_the_pairs_a_full_comparison_finds():
    rng = np.random.default_rng(0)
    for seed in range(3):
        vectors = sparse.random(600, 50, density=0.07, random_state=seed, format="csr")
        vectors.data = rng.random(len(vectors.data))
        vectors = l2(vectors).tocsr()
        full = (vectors @ vectors.T).toarray()
        np.fill_diagonal(full, 0)
        for threshold in (0.5, 0.72, 0.9):
            expected = set(zip(*np.nonzero(full >= threshold - 1e-9)))
            assert set(zip(*recurrence._similar_pairs(vectors, threshold).nonzero())) == expected


def test_groups_form_around_the_most_frequent_wording_without_chaining():
    # «agentes y patrullajes» is near both «agentes» and «patrullajes», which are not near each other:
    # it joins the more frequent leader and the other stays a group of its own.
    texts = pd.Series(["Falta de agentes"] * 3 + ["Falta de agentes y patrullajes"] + ["Falta de patrullajes"] * 2
                      + ["Agua potable"])
    groups = recurrence.recurrence_groups(normalize_series(texts), threshold=0.6)
    assert groups.iloc[0] == groups.iloc[3] == 0
    assert groups.iloc[4] == groups.iloc[5] != 0 and groups.nunique() == 3


def needs_frame(rows):
    return pd.DataFrame(rows, columns=["departamento", "evento", "necesidad"])


def test_recurring_needs_rank_by_departamentos_and_list_members():
    needs = needs_frame([
        ["Petén", "Taller 1", "Falta de agentes de la PNC"], ["Izabal", "Taller 1", "Faltan agentes PNC"],
        ["Zacapa", "Taller 2", "Falta de agentes de la PNC"], ["Petén", "Taller 2", "Extorsiones a comercios"],
        ["Petén", "Taller 2", "Extorsiones a comercios"], ["Petén", "Taller 1", "EXTORSIONES A COMERCIOS"],
        ["Sin especificar", "", "Agua potable"],
    ])
    groups = recurrence.recurrence_groups(normalize_series(needs["necesidad"]))
    table = recurrence.recurring_needs(needs, groups)
    first = table.iloc[0]
    assert (first["necesidad"], first["necesidades"], first["departamentos"], first["eventos"]) == (
        "Falta de agentes de la PNC", 3, 3, 2)
    assert first["lista_departamentos"] == "Izabal, Petén, Zacapa" and first["redacciones"] == 2
    assert list(table["necesidades"]) == [3, 3, 1] and table.iloc[2]["departamentos"] == 0
    assert len(recurrence.recurring_needs(needs, groups, minimum_places=2)) == 1
    inside = recurrence.members(needs, groups, int(first["grupo"]))
    assert list(inside["departamento"]) == ["Izabal", "Petén", "Zacapa"]


def test_recurring_needs_of_an_empty_view():
    empty = needs_frame([])
    assert recurrence.recurring_needs(empty, pd.Series(dtype=int)).empty
