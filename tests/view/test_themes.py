"""The theme dictionary: recognised wording, whole words, kinds told apart, exclusions, the labelled set's scores."""
import pandas as pd
import pytest

from analysis.text import normalize_series
from analysis.view import themes
from tests.theme_set import labelled, predicted, scores


def themes_of(*texts: str) -> list[set[str]]:
    return predicted(pd.Series(texts))


def test_labelled_set_covers_every_theme_with_varied_wording():
    texts, gold = labelled()
    assert len(texts) >= 200 and texts.is_unique
    per_theme = {name: sum(name in g for g in gold) for name in themes.theme_names()}
    assert min(per_theme.values()) >= 5, per_theme
    assert sum(not g for g in gold) >= 15  # descriptions no theme fits
    assert sum(len(g) > 1 for g in gold) >= 25  # descriptions with several themes


def test_labelled_set_scores_micro_f1_above_0_9_and_no_theme_is_missed():
    texts, gold = labelled()
    table, micro_f1 = scores(gold, predicted(texts))
    assert micro_f1 >= 0.9, table.sort_values("f1").head(5)
    assert (table["exhaustividad"] > 0).all(), table[table["exhaustividad"] == 0]


@pytest.mark.parametrize("text, theme", [
    ("EXTORCIONES A COMERCIANTES", "Extorsión"),  # capitals and c for s
    ("los extorsionan cada semana", "Extorsión"),  # a verb form
    ("Cobran la renta a los tenderos", "Extorsión"),  # slang
    ("pandiyas en el barrio", "Pandillas y maras"),  # y for ll
    ("Presencia de clicas", "Pandillas y maras"),
    ("coyotes cobran por llevar gente", "Migración irregular y tráfico de migrantes"),
    ("narcotiendas en la colonia", "Narcotráfico y narcomenudeo"),  # a prefix
    ("Sin policías en la subestación", "Falta de personal policial"),
])
def test_inflections_spellings_and_slang_are_recognised(text, theme):
    assert theme in themes_of(text)[0]


@pytest.mark.parametrize("text, theme", [
    ("Sólo hay una autopatrulla para todo el municipio", "Equipamiento y recursos"),
    ("Balearon al piloto de la ruta", "Homicidios y sicariato"),
    ("Pasan mercadería por un punto ciego de la frontera", "Control fronterizo"),
    ("Los bosques desaparecen por la tala", "Tala ilegal y delitos ambientales"),
    ("Le cobran Q3 mil semanales a cada piloto de bus", "Extorsión"),
    ("Retuvieron a los agentes que llegaron a la aldea", "Conflictividad social y agraria"),
])
def test_everyday_guatemalan_wording_is_recognised(text, theme):
    assert theme in themes_of(text)[0]


@pytest.mark.parametrize("text, not_theme", [
    ("Una agente retenida por los vecinos", "Patrullaje y presencia policial"),  # «retenida» is not a retén
    ("Niño rescatado por los vecinos", "Albergues y respuesta a emergencias"),  # «rescatado» is not «rescate»
    ("Podría crecer la delincuencia en el municipio", "Desastres naturales"),  # «crecer» is not a «crecida»
    ("Piden el retorno de los agentes a la subestación", "Migración irregular y tráfico de migrantes"),
])
def test_words_match_as_whole_words_not_as_stems(text, not_theme):
    assert not_theme not in themes_of(text)[0]


def test_kinds_the_old_dictionary_conflated_are_told_apart():
    market, forest, retained, lynched = themes_of(
        "El incendio consumió el mercado municipal", "Incendio forestal consumió 50 hectáreas del cerro",
        "Una turba retuvo a los agentes de la PNC", "La turba quemó vivo a un presunto ladrón")
    assert "Incendios estructurales y en mercados" in market and "Incendios forestales" not in market
    assert "Incendios forestales" in forest and "Incendios estructurales y en mercados" not in forest
    assert "Conflictividad social y agraria" in retained and "Linchamientos" not in retained
    assert "Linchamientos" in lynched


def test_a_verb_matches_its_conjugations():
    assert all("Linchamientos" in found for found in themes_of("Intentaron lincharlo", "Lo lincharon", "Van a linchar"))


def test_the_dictionary_says_which_words_gave_each_theme():
    text = normalize_series(pd.Series(["Extorsiones a pilotos de buses en la ruta"]))[0]
    found = themes.find([text])[0]
    words = {themes.theme_names()[k]: [text.split()[i] for i in positions] for k, positions in found.themes.items()}
    assert words == {"Extorsión": ["extorsiones"]}


def test_exclusions_and_exact_words_keep_look_alikes_out():
    rent, sea, bed, house = themes_of("Renta de vivienda muy cara", "Contrabando por mar", "Faltan camas en el albergue",
                                      "Robos a casas")
    assert "Extorsión" not in rent
    assert "Pandillas y maras" not in sea  # «mara» has the stem of «mar»: it counts only as written
    assert "Videovigilancia" not in bed  # «cámara» has the stem of «cama»
    assert "Tala ilegal y delitos ambientales" not in house


def test_a_combination_needs_its_words_close_together():
    near, far = themes_of("Faltan agentes", "Falta alumbrado en la calle donde viven los agentes de la pnc")
    assert "Falta de personal policial" in near
    assert "Falta de personal policial" not in far


def test_each_distinct_text_is_tagged_once_and_mapped_back():
    texts = pd.Series(["Extorsiones", "EXTORSIONES", "Nada que ver"], index=[10, 20, 30])
    flags = themes.tag(normalize_series(texts))
    assert list(flags.index) == [10, 20, 30] and list(flags.columns) == list(themes.theme_names())
    assert list(flags["Extorsión"]) == [True, True, False]


def test_counts_names_and_definitions():
    flags = themes.tag(normalize_series(pd.Series(["Extorsión y pandillas", "extorsiones", "agua potable"])))
    counts = themes.theme_counts(flags)
    assert counts.to_dict() == {"Extorsión": 2, "Pandillas y maras": 1, themes.OTHER: 1}
    assert list(themes.joined_names(flags)) == ["Extorsión; Pandillas y maras", "Extorsión", ""]
    table = themes.definitions()
    assert list(table["tema"]) == list(themes.theme_names()) and table["definicion"].str.endswith(".").all()
    assert "renta" in table.set_index("tema").at["Extorsión", "jerga"]


def test_version_follows_the_dictionary_file(tmp_path, monkeypatch):
    before = themes.themes_version()
    copy = tmp_path / "temas.toml"
    copy.write_bytes(themes.TABLE.read_bytes() + b"\n# otra nota\n")
    monkeypatch.setattr(themes, "TABLE", copy)
    assert themes.themes_version() != before


def test_an_unknown_shared_list_is_reported_in_spanish(tmp_path, monkeypatch):
    bad = tmp_path / "temas.toml"
    bad.write_text('[[tema]]\nnombre = "X"\ndefinicion = "Y."\ncombinaciones = [{ grupos = ["@nada", ["a"]] }]\n',
                   encoding="utf-8")
    monkeypatch.setattr(themes, "TABLE", bad)
    themes.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="usa una lista que no existe"):
            themes.table()
    finally:
        themes.table.cache_clear()


def test_no_theme_lists_a_term_twice():
    for theme in themes.table():
        listed = [*theme.words, *theme.slang]
        assert len(listed) == len(set(listed)), theme.name
        assert len(theme.exclude) == len(set(theme.exclude)), theme.name
