"""«Palabras sugeridas»: the words corrections suggest adding to a theme, and the words that gave removed themes."""
from analysis.view import suggested_words
from tests.view.test_tagging import corrections


def test_words_of_added_themes_the_dictionary_lacks_and_words_of_removed_ones():
    table = suggested_words.suggested_words(corrections(
        ("Petén", "", "peaje en la entrada para los buses", "Extorsión", "agregar"),
        ("Izabal", "", "peaje ilegal para los buses", "Extorsión", "agregar"),
        ("Petén", "", "extorsiones por telefono", "Extorsión", "quitar"),
        ("Petén", "", "extorsiones a tenderos", "Extorsión", "agregar")))  # the dictionary gave it already
    rows = {(r.tema, r.palabra, r.sugerencia): r.necesidades for r in table.itertuples()}
    assert rows[("Extorsión", "peaje", suggested_words.ADD_WORD)] == 2
    assert rows[("Extorsión", "buses", suggested_words.ADD_WORD)] == 2
    assert rows[("Extorsión", "extorsiones", suggested_words.REVIEW_WORD)] == 1
    assert ("Extorsión", "tenderos", suggested_words.ADD_WORD) not in rows
    assert table.iloc[0]["necesidades"] == 2  # the words most corrected needs share come first


def test_no_corrections_no_suggestions():
    assert suggested_words.suggested_words(corrections()).empty
