"""Possible new themes: needs without theme grouped by shared words, named by them, deterministic."""
import pandas as pd

from analysis.text import normalize_series
from analysis.view import theme_discovery, themes
from analysis.view.textindex import TextIndex, build_text_index

WATER = ["Falta de agua potable", "Agua potable insuficiente en la aldea", "Servicio de agua potable irregular",
         "No hay agua potable en el caserío", "Agua potable entubada para la escuela"]
ROADS = ["Caminos rurales en mal estado", "Reparar el camino vecinal", "Camino de terracería intransitable",
         "Mejorar los caminos de acceso", "Caminos vecinales sin balastro"]
HEALTH = ["Centro de salud sin medicinas", "Puesto de salud sin médicos", "Falta de medicinas en el centro de salud",
          "Atención en el centro de salud deficiente", "Centro de salud cerrado los fines de semana"]


def labels_of(texts: list[str]) -> pd.Series:
    clave = normalize_series(pd.Series(texts))
    return theme_discovery.discover(clave, themes.tag(clave))


def test_needs_without_theme_are_grouped_by_what_they_ask_for():
    texts = (WATER + ROADS + HEALTH) * 4 + ["Extorsiones a comercios"] * 5
    labels = labels_of(texts)
    assert (labels.iloc[-5:] == "").all()  # a need with a theme is not a possible new theme
    for block in (WATER, ROADS, HEALTH):
        assert labels[pd.Series(texts).isin(block)].nunique() == 1, block
    assert labels.iloc[:15].nunique() == 3
    named = dict(zip(texts, labels))
    assert "agua" in named[WATER[0]] and "potable" in named[WATER[0]]
    assert "salud" in named[HEALTH[0]] and "sin" not in named[HEALTH[0]]  # generic words never name a group


def test_the_same_needs_always_give_the_same_groups():
    texts = (WATER + ROADS + HEALTH) * 3
    assert labels_of(texts).equals(labels_of(texts))


def test_too_few_descriptions_are_not_grouped():
    assert (labels_of(["Falta de agua potable", "Caminos en mal estado"]) == "").all()


def test_new_theme_groups_count_the_needs_in_view_with_an_example():
    texts = (WATER + ROADS + HEALTH) * 2 + [WATER[0]] * 3
    needs = pd.DataFrame({"necesidad": texts})
    table = theme_discovery.new_theme_groups(needs, labels_of(texts))
    assert list(table.columns) == ["tema_nuevo", "necesidades", "ejemplo"]
    assert table.iloc[0]["necesidades"] == 13 and table.iloc[0]["ejemplo"] == WATER[0]
    assert theme_discovery.new_theme_groups(needs.iloc[:0], labels_of(texts)).empty


def test_the_text_index_keeps_groups_and_new_themes_through_its_disk_frame():
    needs = pd.DataFrame({"necesidad": (WATER + ["Faltan agentes PNC", "Falta de agentes de la PNC"]) * 2,
                          "institucion": "PNC", "evento": "Taller"}).set_axis(range(100, 114))
    index = build_text_index(needs)
    assert index.grupo.loc[105] == index.grupo.loc[106] and index.tema_nuevo.loc[105] == ""
    back = TextIndex.from_frame(index.to_frame().reset_index(drop=True), needs.index)
    assert back.grupo.equals(index.grupo) and back.tema_nuevo.equals(index.tema_nuevo)
    assert back.temas.equals(index.temas) and back.busqueda.equals(index.busqueda)
