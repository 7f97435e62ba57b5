"""Analysts' theme corrections in the store: who and when, in the audit trail, winning over the automatic tags,
holding after the same need is imported again, on SQLite and PostgreSQL."""
import pytest

from analysis.ingest.importer import import_file
from analysis.store import Store
from analysis.store.theme_corrections import ADD, REMOVE
from analysis.view import build_text_index, tagging
from tests.builders import need, simple_xlsx

ROWS = [need(departamento="Petén", municipio="Flores", necesidad="Problemas en la parada de buses de la ruta"),
        need(departamento="Izabal", necesidad="Problemas en la parada de buses de la ruta"),
        need(departamento="Petén", municipio="Flores", necesidad="Extorsiones a tenderos")]


def themes_of(store: Store) -> dict[tuple[str, str], dict[str, str]]:
    """(departamento, necesidad) -> {theme: kind of its reason} of every need, as the dashboard indexes them."""
    needs = store.needs()
    index = build_text_index(needs, store.corrections.all())
    return {(r.departamento, r.necesidad): {reason.tema: reason.kind for reason in tagging.decode(index.razones.at[i])
                                            if index.temas.at[i, reason.tema] or reason.kind == tagging.REMOVED}
            for i, r in needs.iterrows()}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, db_url):
    return Store(db_url if request.param == "sqlite" else request.getfixturevalue("pg_url"))


def test_a_correction_is_stored_with_who_and_when_and_wins_after_a_reimport(any_store):
    store = any_store
    import_file(store, simple_xlsx(ROWS), "taller.xlsx", user="ana")
    needs = store.needs()
    flores = needs[(needs["departamento"] == "Petén") & needs["necesidad"].str.startswith("Problemas")]
    extortion = needs[needs["necesidad"] == "Extorsiones a tenderos"]
    before = store.revision()
    assert store.corrections.correct(flores, "Extorsión", ADD, "ana", address="10.0.0.7") == 1
    assert store.corrections.correct(extortion, "Extorsión", REMOVE, "luis") == 1
    assert store.revision() > before  # the text index is rebuilt with them

    stored = store.corrections.all()
    assert list(stored["usuario"]) == ["ana", "luis"] and list(stored["accion"]) == [ADD, REMOVE]
    assert stored["fecha"].notna().all() and list(stored["clave"])[0] == "problemas en la parada de buses de la ruta"
    events = store.events()
    assert list(events["action"][:2]) == ["theme_removed", "theme_added"]
    assert events.iloc[1]["actor"] == "ana" and events.iloc[1]["address"] == "10.0.0.7"
    assert events.iloc[1]["detail"]["tema"] == "Extorsión" and events.iloc[1]["detail"]["necesidades"] == 1

    shown = themes_of(store)
    assert shown[("Petén", ROWS[0][4])] == {"Extorsión": tagging.ADDED}
    assert shown[("Petén", "Extorsiones a tenderos")] == {"Extorsión": tagging.REMOVED}
    # the same words in another place are another need: not corrected, but the model learnt from the correction
    assert shown[("Izabal", ROWS[1][4])] == {"Extorsión": tagging.MODEL}

    # the same needs come again in a corrected file, the old upload deleted: the corrections still hold
    import_file(store, simple_xlsx(ROWS + [need(necesidad="Robos en el mercado")]), "taller corregido.xlsx", user="ana")
    store.delete_upload(int(store.uploads()["id"].min()), actor="ana")
    again = themes_of(store)
    assert again[("Petén", ROWS[0][4])] == {"Extorsión": tagging.ADDED}
    assert again[("Petén", "Extorsiones a tenderos")] == {"Extorsión": tagging.REMOVED}


def test_a_whole_group_is_corrected_in_one_event(store):
    import_file(store, simple_xlsx(ROWS), "taller.xlsx", user="ana")
    group = store.needs()
    group = group[group["necesidad"].str.startswith("Problemas")]
    assert store.corrections.correct(group, "Tránsito y seguridad vial", ADD, "ana") == 2
    assert len(store.corrections.all()) == 2 and store.events().iloc[0]["detail"]["necesidades"] == 2
    with pytest.raises(ValueError):
        store.corrections.correct(group, "Extorsión", "borrar", "ana")
