"""Both readers together: every theme comes with its reason, the model fills in what the dictionary misses,
the dictionary's exclusions win, and the analysts' corrections win over both."""
import datetime as dt

import pandas as pd

from analysis.text import normalize_series
from analysis.view import tagging, theme_model, themes


def reasons_of(*texts: str) -> list[dict[str, tagging.Reason]]:
    tagged = tagging.tag(normalize_series(pd.Series(texts)))
    return [{r.tema: r for r in tagging.decode(line)} for line in tagged.razones]


def test_a_dictionary_theme_says_its_words_and_a_model_theme_its_confidence():
    words, model = reasons_of("Extorsiones a pilotos", "32 agentes para cien mil pobladores")
    assert words["Extorsión"] == tagging.Reason("Extorsión", tagging.WORDS, "extorsiones")
    assert model["Falta de personal policial"].kind == tagging.MODEL
    assert tagging.FALLBACK <= float(model["Falta de personal policial"].detail) <= 1


def test_flags_and_reasons_agree():
    tagged = tagging.tag(normalize_series(pd.Series(["Extorsiones y pandillas", "agua potable", "Extorsiones y pandillas"])))
    for (_, flags), line in zip(tagged.flags.iterrows(), tagged.razones):
        assert set(flags[flags].index) == {r.tema for r in tagging.decode(line)}
    assert tagged.razones.iloc[0] == tagged.razones.iloc[2]


def test_an_exclusion_of_the_dictionary_wins_over_the_model():
    examples = theme_model.shipped_examples() + tuple(
        theme_model.Example(f"renta de vivienda cara numero {i}", frozenset({"Extorsión"})) for i in range(30))
    tagged = tagging.tag(normalize_series(pd.Series(["Renta de vivienda cara"])), examples)
    assert not tagged.flags.loc[0, "Extorsión"]


def corrections(*rows) -> pd.DataFrame:
    return pd.DataFrame([{"id": n, "departamento": d, "municipio": m, "clave": c, "necesidad": c, "tema": t,
                          "accion": a, "usuario": "ana", "fecha": dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc)}
                         for n, (d, m, c, t, a) in enumerate(rows)])


def test_corrections_win_over_both_readers_for_that_need_in_that_place_only():
    needs = pd.DataFrame({"departamento": ["Petén", "Izabal"], "municipio": ["", ""],
                          "necesidad": ["Extorsiones a pilotos"] * 2, "clave": ["extorsiones a pilotos"] * 2})
    tagged = tagging.tag(needs["clave"])
    fixed = tagging.apply_corrections(tagged, needs, corrections(
        ("Petén", "", "extorsiones a pilotos", "Extorsión", "quitar"),
        ("Petén", "", "extorsiones a pilotos", "Pandillas y maras", "agregar"),
        ("Petén", "", "extorsiones a pilotos", "Pandillas y maras", "quitar"),  # undone: the last one holds
        ("Petén", "", "extorsiones a pilotos", "Tránsito y seguridad vial", "agregar")))
    assert set(fixed.flags.columns[fixed.flags.loc[0]]) == {"Tránsito y seguridad vial"}
    assert set(fixed.flags.columns[fixed.flags.loc[1]]) == {"Extorsión"}  # Izabal's need is another need
    why = {r.tema: r for r in tagging.decode(fixed.razones.loc[0])}
    assert why["Extorsión"] == tagging.Reason("Extorsión", tagging.REMOVED, "ana 02/12/2026")
    assert why["Tránsito y seguridad vial"].kind == tagging.ADDED


def test_corrections_join_the_model_training_set():
    shipped = theme_model.shipped_examples()
    examples = theme_model.training_examples(corrections(
        ("Petén", "", "cobran por cada viaje", "Extorsión", "agregar"),
        ("Petén", "", "extorsiones a pilotos", "Extorsión", "quitar")))
    assert examples[:len(shipped)] == shipped
    assert set(examples[len(shipped):]) == {theme_model.Example("cobran por cada viaje", frozenset({"Extorsión"})),
                                           theme_model.Example("extorsiones a pilotos", frozenset())}


def test_no_theme_without_a_reason_above_the_fallback():
    tagged = tagging.tag(normalize_series(pd.Series(["", "123", "aldea el centro"])))
    assert not tagged.flags.to_numpy().any() and (tagged.razones == "").all()
    assert list(tagged.flags.columns) == list(themes.theme_names())


def test_tagging_leaves_the_garbage_collector_as_it_found_it():
    import gc
    texts = normalize_series(pd.Series(["Extorsiones a pilotos"]))
    tagging.tag(texts)
    assert gc.isenabled()
    gc.disable()
    try:
        tagging.tag(texts)
        assert not gc.isenabled()
    finally:
        gc.enable()
